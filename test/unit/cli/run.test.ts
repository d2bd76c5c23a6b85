import { Circuit, countsByRegister } from '../../../src';
import { main } from '../../../src/cli/main';
import { capturedIo, cleanupTempDirs, tempQasm } from '../../support/cli';

afterAll(cleanupTempDirs);

const BELL = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nbit[2] c;\nh q[0];\ncx q[0], q[1];\nc = measure q;\n';

async function runJson(args: string[]): Promise<{ backend: string; job_id: string; shots: number; counts: Record<string, Record<string, number>> }> {
  const f = capturedIo();
  const code = await main(['run', ...args, '--json'], f.io);
  expect(f.stderr()).toBe('');
  expect(code).toBe(0);
  expect(f.stdout().trim().split('\n')).toHaveLength(1);
  return JSON.parse(f.stdout());
}

describe('countsByRegister', () => {
  it('reads each classical bit from the qubit measured into it; unmeasured bits read 0; highest bit leftmost', () => {
    const c = new Circuit(3, { classicalRegisters: { a: 3, b: 1 } }).measure(0, 2).measure(1, 0).measure(2, 3);
    // index 0b101: qubit 0 = 1, qubit 1 = 0, qubit 2 = 1 → a = [a0=q1=0, a1=unmeasured=0, a2=q0=1] → "100"; b = "1"
    // index 0b010: qubit 1 = 1 → a0 = 1 → "001"; b = "0"
    expect(countsByRegister(c, [0b101, 0b010, 0b101])).toEqual({ a: { '100': 2, '001': 1 }, b: { '1': 2, '0': 1 } });
  });

  it('uses the last measurement written into a bit and rejects indices beyond the state', () => {
    const c = new Circuit(2, 1).measure(0, 0).measure(1, 0);
    expect(countsByRegister(c, [0b10, 0b01])).toEqual({ c: { '1': 1, '0': 1 } });
    expect(() => countsByRegister(c, [4])).toThrow(/not a basis state/);
  });
});

describe('qbridge run', () => {
  it('samples the Bell pair: only 00 and 11, shots add up, default 1024 shots', async () => {
    const r = await runJson([tempQasm(BELL), '--seed', '11']);
    expect(r.backend).toBe('local');
    expect(typeof r.job_id).toBe('string');
    expect(r.job_id.length).toBeGreaterThan(0);
    expect(r.shots).toBe(1024);
    expect(Object.keys(r.counts)).toEqual(['c']);
    expect(Object.keys(r.counts.c!).sort()).toEqual(['00', '11']);
    expect(r.counts.c!['00']! + r.counts.c!['11']!).toBe(1024);
  });

  it('gives the same counts for the same seed, and about half/half over many shots', async () => {
    const file = tempQasm(BELL);
    const a = await runJson([file, '--shots', '4000', '--seed', '5']);
    const b = await runJson([file, '--shots', '4000', '--seed', '5']);
    expect(a.counts).toEqual(b.counts);
    expect(a.job_id).not.toBe(b.job_id);
    // binomial(4000, 1/2): sd ≈ 31.6; 6 sd bound
    expect(Math.abs(a.counts.c!['00']! - 2000)).toBeLessThan(190);
  });

  it('prints bit strings as Qiskit does, per register, unmeasured bits 0', async () => {
    const src =
      'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[3] q;\nbit[3] c;\nbit flag;\nx q[0];\nx q[2];\n' +
      'c[2] = measure q[0];\nc[0] = measure q[1];\nflag = measure q[2];\n';
    const r = await runJson([tempQasm(src), '--shots', '10', '--seed', '1']);
    expect(r.counts).toEqual({ c: { '100': 10 }, flag: { '1': 10 } });
  });

  it('reads OpenQASM 2 files', async () => {
    const src = 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\ncreg c[2];\nx q[1];\nmeasure q -> c;\n';
    const r = await runJson([tempQasm(src), '--shots', '7']);
    expect(r.counts).toEqual({ c: { '10': 7 } });
  });

  it('prints a readable summary without --json', async () => {
    const f = capturedIo();
    expect(await main(['run', tempQasm(BELL), '--shots', '100', '--seed', '3'], f.io)).toBe(0);
    expect(f.stdout()).toMatch(/^backend local, 100 shots, seed 3\nc:\n {2}(00|11) {2}\d+\n {2}(00|11) {2}\d+\n$/);
  });

  it.each([
    [['--shots', '0'], /--shots must be an integer from 1/],
    [['--shots', 'abc'], /--shots must be an integer from 1 to 10000000, got 'abc'/],
    [['--shots', '2.5'], /--shots must be an integer/],
    [['--seed', '-1'], /--seed must be an integer from 0/],
  ])('rejects bad options %j with exit 1 and one stderr line', async (opts, message) => {
    const f = capturedIo();
    expect(await main(['run', tempQasm(BELL), ...opts], f.io)).toBe(1);
    expect(f.stderr()).toMatch(message);
    expect(f.stderr().trim().split('\n')).toHaveLength(1);
    expect(f.stdout()).toBe('');
  });

  it('exits 1 for a missing file, bad QASM (with line and column) and a circuit without classical bits', async () => {
    const missing = capturedIo();
    expect(await main(['run', '/nonexistent/x.qasm'], missing.io)).toBe(1);
    expect(missing.stderr()).toMatch(/cannot read circuit file '\/nonexistent\/x.qasm': no such file\n$/);

    const bad = capturedIo();
    expect(await main(['run', tempQasm('OPENQASM 3.0;\nqubit q;\nh q;\n')], bad.io)).toBe(1);
    expect(bad.stderr()).toMatch(/^qbridge: QasmSyntaxError: unknown gate 'h' .*\(line 3, column 1\)\n$/);

    const none = capturedIo();
    expect(await main(['run', tempQasm('OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit q;\nh q;\n')], none.io)).toBe(1);
    expect(none.stderr()).toMatch(/no classical bits/);
  });
});
