/** Issue 12: `qbridge statevector` accepts a leading `reset q;` (identity on fresh |0⟩ qubits). */
import { main } from '../../../src/cli/main';
import { capturedIo, cleanupTempDirs, tempQasm } from '../../support/cli';

afterAll(cleanupTempDirs);

const S2 = Math.SQRT1_2;

describe('qbridge statevector: leading resets', () => {
  it('a leading reset q; on fresh qubits is the identity', async () => {
    const f = capturedIo();
    const src = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nreset q;\nh q[0];\ncx q[0], q[1];\n';
    expect(await main(['statevector', tempQasm(src), '--json'], f.io)).toBe(0);
    expect(JSON.parse(f.stdout()).statevector.re).toEqual([S2, 0, 0, S2]);
  });

  it('a reset after operations on that qubit is still refused, naming the qubit', async () => {
    const f = capturedIo();
    const src = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nreset q[1];\nh q[0];\nreset q[0];\n';
    expect(await main(['statevector', tempQasm(src)], f.io)).toBe(1);
    expect(f.stderr()).toMatch(/reset after operations on qubit 0 is not supported/);
    expect(f.stderr().trim().split('\n')).toHaveLength(1);
  });
});
