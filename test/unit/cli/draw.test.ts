/**
 * `qbridge draw FILE`: the drawing on stdout, the flags mapped onto drawText's options, and bad
 * input as a typed, named error (exit code 2 with the message on stderr, as every command).
 * Expected drawings are Qiskit's (test_circuit_text_drawer.py, via fixtures/drawer).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { main } from '../../../src/cli/main';
import { capturedIo, cleanupTempDirs, tempQasm } from '../../support/cli';

afterAll(cleanupTempDirs);

const FIXTURES = join(__dirname, '../../../fixtures/drawer');
const fixture = (name: string, ext: 'qasm' | 'txt'): string => readFileSync(join(FIXTURES, `${name}.${ext}`), 'utf8');

describe('qbridge draw', () => {
  it('prints the Qiskit drawing of the file with a final newline (default options)', async () => {
    const f = capturedIo();
    expect(await main(['draw', tempQasm(fixture('measure-2bit', 'qasm'))], f.io)).toBe(0);
    expect(f.stdout()).toBe(`${fixture('measure-2bit', 'txt')}\n`);
    expect(f.stderr()).toBe('');
  });

  it('--initial-state --no-cregbundle give Qiskit initial_state=True, cregbundle=False', async () => {
    const f = capturedIo();
    expect(await main(['draw', tempQasm(fixture('measure-3-unbundled', 'qasm')), '--initial-state', '--no-cregbundle'], f.io)).toBe(0);
    expect(f.stdout()).toBe(`${fixture('measure-3-unbundled', 'txt')}\n`);
  });

  it('--fold 20 folds as Qiskit fold=20; --reverse-bits as reverse_bits=True', async () => {
    const f = capturedIo();
    expect(await main(['draw', tempQasm(fixture('pager-fold-20', 'qasm')), '--initial-state', '--fold', '20'], f.io)).toBe(0);
    expect(f.stdout()).toBe(`${fixture('pager-fold-20', 'txt')}\n`);
    const g = capturedIo();
    expect(await main(['draw', tempQasm(fixture('cswap', 'qasm')), '--initial-state', '--reverse-bits'], g.io)).toBe(0);
    expect(g.stdout()).toBe(`${fixture('cswap-reverse-bits', 'txt')}\n`);
  });

  it('--justify right and --no-idle-wires give Qiskit justify="right" and idle_wires=False', async () => {
    const f = capturedIo();
    expect(await main(['draw', tempQasm(fixture('justify-right', 'qasm')), '--initial-state', '--justify', 'right'], f.io)).toBe(0);
    // The golden names the register q1 as the Qiskit test does; the CLI names it q, so its
    // drawing is the golden with `q1_` → `q_` and the one column of the longer name gone (every
    // line of the golden starts with the padding of that name column).
    const asQ = (golden: string): string =>
      golden
        .split('\n')
        .map((line) => (line.startsWith('q1_') ? line.replace('q1_', 'q_') : line.slice(1)))
        .join('\n');
    expect(f.stdout()).toBe(`${asQ(fixture('justify-right', 'txt'))}\n`);
    const g = capturedIo();
    expect(await main(['draw', tempQasm(fixture('idle-wires-barrier', 'qasm')), '--initial-state', '--no-idle-wires'], g.io)).toBe(0);
    expect(g.stdout()).toBe('        ┌───┐ ░ \nq_1: |0>┤ H ├─░─\n        └───┘ ░ \n');
    const h = capturedIo();
    expect(await main(['draw', tempQasm(fixture('cx', 'qasm')), '--justify', 'middle'], h.io)).not.toBe(0);
    expect(h.stderr()).toMatch(/--justify must be left, right or none, got 'middle'/);
  });

  it('--fold -1 never folds (Qiskit test_text_no_pager: 100 H gates stay on 3 lines)', async () => {
    const f = capturedIo();
    const src = `OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[1];\n${'h q[0];\n'.repeat(100)}`;
    expect(await main(['draw', tempQasm(src), '--fold', '-1'], f.io)).toBe(0);
    expect(f.stdout().trimEnd().split('\n')).toHaveLength(3);
  });

  it('a bad --fold, a missing file and a syntax error are named errors', async () => {
    const f = capturedIo();
    expect(await main(['draw', tempQasm(fixture('cx', 'qasm')), '--fold', '0'], f.io)).not.toBe(0);
    expect(f.stderr()).toMatch(/--fold must be a positive integer or -1/);
    const g = capturedIo();
    expect(await main(['draw', '/nonexistent/x.qasm'], g.io)).not.toBe(0);
    expect(g.stderr()).toMatch(/cannot read circuit file '\/nonexistent\/x.qasm': no such file/);
    const h = capturedIo();
    expect(await main(['draw', tempQasm('OPENQASM 2.0;\nqreg q[1];\nfoo q[0];\n')], h.io)).not.toBe(0);
    expect(h.stderr()).toMatch(/foo/);
    expect(h.stdout()).toBe('');
  });
});
