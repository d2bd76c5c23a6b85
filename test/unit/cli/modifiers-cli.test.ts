/**
 * Issue 12: a program with gate modifiers simulates (`qbridge statevector`) and transpiles for a
 * fake device (`qbridge transpile`), run in-process.
 */
import { main } from '../../../src/cli/main';
import { parseQasm } from '../../../src';
import { checkIsa } from '../../../src/transpiler';
import { capturedIo, cleanupTempDirs, tempQasm } from '../../support/cli';
import { fakeTarget } from '../../support/transpiler';

afterAll(cleanupTempDirs);

// |111⟩ on the controls, then ctrl(3) @ x flips q[3]; negctrl @ pow(0.5) @ x on q[4] (control q[3]
// now |1⟩: nothing happens); ctrl @ gphase(π/2) on q[0] gives the phase i.
const SRC =
  'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[5] q;\nx q[0];\nx q[1];\nx q[2];\n' +
  'ctrl(3) @ x q[0], q[1], q[2], q[3];\nnegctrl @ pow(0.5) @ x q[3], q[4];\nctrl @ gphase(pi/2) q[0];\n';

describe('modified gates through the CLI', () => {
  it('qbridge statevector: the amplitude i on |01111⟩ (q[0..3] set), nothing else', async () => {
    const f = capturedIo();
    expect(await main(['statevector', tempQasm(SRC), '--json'], f.io)).toBe(0);
    const { statevector } = JSON.parse(f.stdout());
    const k = 0b01111;
    statevector.re.forEach((re: number, i: number) => {
      expect(re).toBeCloseTo(0, 12);
      expect(statevector.im[i]).toBeCloseTo(i === k ? 1 : 0, 12);
    });
  });

  it('qbridge transpile --backend fake_fez gives an ISA circuit', async () => {
    const f = capturedIo();
    expect(await main(['transpile', tempQasm(SRC), '--backend', 'fake_fez', '--json'], f.io)).toBe(0);
    checkIsa(parseQasm(JSON.parse(f.stdout()).qasm), fakeTarget('fake_fez'));
  });
});
