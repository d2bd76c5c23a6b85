import { main } from '../../../src/cli/main';
import { logicalNote } from '../../../src/cli/commands/statevector';
import { BELL_ISA_QASM_C, capturedIo, cleanupTempDirs, tempQasm } from '../../support/cli';

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

describe('qbridge statevector: large states', () => {
  // h on 5 qubits: 32 equal amplitudes 1/√32, each |b⟩ in index order.
  const H5 = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[5] q;\nh q;\n';
  const amp = `${Math.sqrt(1 / 32).toFixed(8)} + 0.00000000i  (p = ${(1 / 32).toFixed(8)})`;
  const rows = (indices: number[]): string[] => indices.map((i) => `|${i.toString(2).padStart(5, '0')}⟩  ${amp}`);
  const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, k) => a + k);

  it('by default lists the first and last 8 amplitudes and says how many were left out and how to see them', async () => {
    const f = capturedIo();
    expect(await main(['statevector', tempQasm(H5)], f.io)).toBe(0);
    expect(f.stdout().trimEnd().split('\n')).toEqual([
      '5-qubit statevector, 32 non-zero amplitudes, first and last 8 shown (qubit 0 is the rightmost bit):',
      ...rows(range(0, 8)),
      '… 16 amplitudes omitted (pass --full to list all, or --json for every amplitude) …',
      ...rows(range(24, 32)),
    ]);
  });

  it('--full lists every amplitude; --json stays complete without --full', async () => {
    const full = capturedIo();
    expect(await main(['statevector', tempQasm(H5), '--full'], full.io)).toBe(0);
    expect(full.stdout().trimEnd().split('\n')).toEqual(['5-qubit statevector, 32 non-zero amplitudes (qubit 0 is the rightmost bit):', ...rows(range(0, 32))]);

    const json = capturedIo();
    expect(await main(['statevector', tempQasm(H5), '--json'], json.io)).toBe(0);
    const { statevector } = JSON.parse(json.stdout());
    expect(statevector.re).toHaveLength(32);
    for (const re of statevector.re) expect(re).toBeCloseTo(Math.sqrt(1 / 32), 15);
  });

  it('a state with at most 16 non-zero amplitudes is listed whole without --full', async () => {
    const f = capturedIo();
    const src = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[5] q;\nh q[0];\nh q[1];\nh q[2];\nh q[3];\n';
    expect(await main(['statevector', tempQasm(src)], f.io)).toBe(0);
    const lines = f.stdout().trimEnd().split('\n');
    expect(lines[0]).toBe('5-qubit statevector, 16 non-zero amplitudes (qubit 0 is the rightmost bit):');
    expect(lines).toHaveLength(17);
    expect(lines.join('\n')).not.toMatch(/omitted/);
  });
});

describe('qbridge statevector --backend on an ISA-only device', () => {
  it('a logical circuit gives the logical exact state (as local, and as kernel computes on that backend) with a note saying so', async () => {
    const local = capturedIo();
    expect(await main(['statevector', tempQasm(BELL), '--json'], local.io)).toBe(0);
    for (const backend of ['fake_fez', 'fake_line5']) {
      const f = capturedIo();
      expect(await main(['statevector', tempQasm(BELL), '--backend', backend, '--json'], f.io)).toBe(0);
      expect(JSON.parse(f.stdout())).toEqual(JSON.parse(local.stdout()));
      expect(f.stderr()).toBe(`qbridge: note: ${logicalNote(backend)}\n`);
      expect(f.stderr()).toMatch(new RegExp(`'${backend}' takes only ISA circuits.*not transpiled.*qbridge transpile FILE --backend ${backend}`));
    }
    const text = capturedIo();
    expect(await main(['statevector', tempQasm(BELL), '--backend', 'fake_fez'], text.io)).toBe(0);
    expect(text.stdout().split('\n').slice(1, 3)).toEqual(['|00⟩  0.70710678 + 0.00000000i  (p = 0.50000000)', '|11⟩  0.70710678 + 0.00000000i  (p = 0.50000000)']);
  });

  it('an ISA circuit runs on the backend as given, without the note', async () => {
    const f = capturedIo();
    expect(await main(['statevector', tempQasm(BELL_ISA_QASM_C), '--backend', 'fake_line5', '--json'], f.io)).toBe(0);
    expect(f.stderr()).toBe('');
    const { statevector } = JSON.parse(f.stdout());
    // H = rz(π/2)·sx·rz(π/2) carries a global phase: |00⟩ and |11⟩ each (−1−i)/2, probability 1/2.
    for (const i of [0, 3]) {
      expect(statevector.re[i]).toBeCloseTo(-0.5, 12);
      expect(statevector.im[i]).toBeCloseTo(-0.5, 12);
    }
    for (const i of [1, 2]) expect(Math.hypot(statevector.re[i], statevector.im[i])).toBeLessThan(1e-12);
  });
});
