import { parseQasm } from '../../../src/circuit/qasm';
import { main } from '../../../src/cli/main';
import { checkIsa } from '../../../src/transpiler';
import { capturedIo, cleanupTempDirs, tempQasm } from '../../support/cli';
import { fakeTarget } from '../../support/transpiler';

afterAll(cleanupTempDirs);

const SRC = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[4] q;\nbit[4] c;\nh q[0];\ncx q[0], q[3];\ncp(0.3) q[1], q[2];\nccx q[0], q[1], q[2];\nc = measure q;\n';

describe('qbridge transpile', () => {
  test('prints an ISA OpenQASM 3 program on physical qubits and a summary', async () => {
    const f = capturedIo();
    const code = await main(['transpile', tempQasm(SRC), '--backend', 'fake_brisbane', '--optimization-level', '2', '--seed', '3'], f.io);
    expect(f.stderr()).toBe('');
    expect(code).toBe(0);
    const out = f.stdout();
    expect(out).toMatch(/^OPENQASM 3\.0;/);
    expect(out).toMatch(/\$\d+/);
    expect(out).toMatch(/\/\/ depth \d+, two-qubit gates \d+ \(before routing \d+\), swaps \d+/);
    expect(out).toMatch(/\/\/ layout: .*initial \[\d+, \d+, \d+, \d+\], final \[/);
    // the printed program reads back and is ISA for the device
    const back = parseQasm(out);
    checkIsa(back, fakeTarget('fake_brisbane'));
  });

  test('--json gives qasm, layout and stats', async () => {
    const f = capturedIo();
    expect(await main(['transpile', tempQasm(SRC), '--backend', 'fake_fez', '--json'], f.io)).toBe(0);
    const j = JSON.parse(f.stdout());
    expect(j.backend).toBe('fake_fez');
    expect(j.layout.initial).toHaveLength(4);
    expect(j.stats.twoQubitGates).toBeGreaterThanOrEqual(j.stats.twoQubitGatesBeforeRouting - 2);
    checkIsa(parseQasm(j.qasm), fakeTarget('fake_fez'));
  });

  test.each([
    [['--backend', 'fake_fez', '--optimization-level', '4'], /--optimization-level must be an integer from 0 to 3/],
    [['--backend', 'fake_nowhere'], /no backend named 'fake_nowhere'/],
  ])('bad options fail with one clear line (%j)', async (args, msg) => {
    const f = capturedIo();
    const code = await main(['transpile', tempQasm(SRC), ...args], f.io);
    expect(code).toBe(1);
    expect(f.stderr()).toMatch(msg);
  });
});
