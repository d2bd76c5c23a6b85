import { main } from '../../../src/cli/main';
import { capturedIo, cleanupTempDirs, tempQasm } from '../../support/cli';

afterAll(cleanupTempDirs);

const S2 = Math.SQRT1_2;
const BELL = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nbit[2] c;\nh q[0];\ncx q[0], q[1];\nc = measure q;\n';

describe('qbridge statevector', () => {
  it('--json prints exactly one JSON object with full-precision amplitudes (final measurements ignored)', async () => {
    const f = capturedIo();
    expect(await main(['statevector', tempQasm(BELL), '--json'], f.io)).toBe(0);
    const out = f.stdout();
    const obj = JSON.parse(out);
    expect(Object.keys(obj)).toEqual(['num_qubits', 'statevector']);
    expect(obj.num_qubits).toBe(2);
    expect(obj.statevector.re).toEqual([S2, 0, 0, S2]);
    expect(obj.statevector.im).toEqual([0, 0, 0, 0]);
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(f.stderr()).toBe('');
  });

  it('writes complex amplitudes that parse back to the same doubles', async () => {
    // rz(0.3) on |+>: amplitudes e^{∓0.15 i}/√2 (RZGate, global phase included)
    const f = capturedIo();
    const src = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit q;\nh q;\nrz(0.3) q;\n';
    expect(await main(['statevector', tempQasm(src), '--json'], f.io)).toBe(0);
    const { statevector } = JSON.parse(f.stdout());
    expect(statevector.re[0]).toBeCloseTo(S2 * Math.cos(0.15), 15);
    expect(statevector.im[0]).toBeCloseTo(-S2 * Math.sin(0.15), 15);
    expect(statevector.re[1]).toBeCloseTo(S2 * Math.cos(0.15), 15);
    expect(statevector.im[1]).toBeCloseTo(S2 * Math.sin(0.15), 15);
  });

  it('without --json lists the non-zero amplitudes with bit strings (qubit 0 rightmost)', async () => {
    const f = capturedIo();
    const src = 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[3];\nx q[0];\nh q[2];\n';
    expect(await main(['statevector', tempQasm(src)], f.io)).toBe(0);
    const lines = f.stdout().trim().split('\n');
    expect(lines.slice(1)).toEqual([
      '|001⟩  0.70710678 + 0.00000000i  (p = 0.50000000)',
      '|101⟩  0.70710678 + 0.00000000i  (p = 0.50000000)',
    ]);
  });

  it('exits 1 with one stderr line for a missing file, bad QASM, or a mid-circuit measurement', async () => {
    const missing = capturedIo();
    expect(await main(['statevector', '/nonexistent/dir/x.qasm'], missing.io)).toBe(1);
    expect(missing.stderr()).toMatch(/^qbridge: InputValidationError: cannot read circuit file '\/nonexistent\/dir\/x.qasm': no such file\n$/);

    const bad = capturedIo();
    expect(await main(['statevector', tempQasm('OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit q;\nfoo q;\n')], bad.io)).toBe(1);
    expect(bad.stderr()).toBe("qbridge: QasmSyntaxError: unknown gate 'foo' (line 4, column 1)\n");
    expect(bad.stdout()).toBe('');

    const mid = capturedIo();
    const src = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit q;\nbit c;\nc = measure q;\nh q;\n';
    expect(await main(['statevector', tempQasm(src)], mid.io)).toBe(1);
    expect(mid.stderr().trim().split('\n')).toHaveLength(1);
    expect(mid.stderr()).toMatch(/after it was measured/);
  });
});
