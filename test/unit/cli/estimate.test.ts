import { main } from '../../../src/cli/main';
import { parseObservable } from '../../../src/cli/commands/estimate';
import { resetDefaultRegistry } from '../../../src/registry';
import { capturedIo, cleanupTempDirs, tempQasm } from '../../support/cli';

const BELL = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nbit[2] c;\nh q[0];\ncx q[0], q[1];\nc = measure q;\n';
// ry(π/3) on q0: ⟨Z0⟩ = cos(π/3) = 0.5, ⟨X0⟩ = sin(π/3)
const RY = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nry(pi/3) q[0];\n';

afterEach(() => {
  cleanupTempDirs();
  resetDefaultRegistry();
});

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const f = capturedIo();
  const code = await main(args, f.io);
  return { code, out: f.stdout(), err: f.stderr() };
}

describe('qbridge estimate', () => {
  it('prints exact expectation values as JSON (Bell: ZZ = 1, XX = 1, and a weighted sum)', async () => {
    const r = await run(['estimate', tempQasm(BELL), '--observable', 'ZZ:1,XI:0.5', '--observable', 'XX', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { backend: string; job_id: string; precision: number; results: Array<{ observable: string; ev: number; std: number }> };
    expect(j.backend).toBe('local');
    expect(j.precision).toBe(0);
    expect(j.results.map((x) => x.observable)).toEqual(['ZZ:1,XI:0.5', 'XX']);
    expect(j.results[0]!.ev).toBeCloseTo(1, 12);
    expect(j.results[1]!.ev).toBeCloseTo(1, 12);
    expect(j.results.every((x) => x.std === 0)).toBe(true);
  });

  it('uses qubit 0 as the rightmost letter and prints a readable summary', async () => {
    const r = await run(['estimate', tempQasm(RY), '--observable', 'IZ', '--observable', 'ZI:2']);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe('backend local, precision 0 (exact)');
    expect(Number(lines[1]!.split(/\s+/)[1])).toBeCloseTo(0.5, 10);
    expect(Number(lines[2]!.split(/\s+/)[1])).toBeCloseTo(2, 10);
  });

  it('samples with --precision and --seed: reproducible, within 4 standard errors', async () => {
    const args = ['estimate', tempQasm(RY), '--observable', 'IX', '--precision', '0.05', '--seed', '9', '--json'];
    const a = JSON.parse((await run(args)).out) as { shots: number; results: Array<{ ev: number; std: number }> };
    const b = JSON.parse((await run(args)).out) as typeof a;
    expect(a.results).toEqual(b.results);
    expect(a.shots).toBe(400);
    const exact = Math.sin(Math.PI / 3);
    expect(Math.abs(a.results[0]!.ev - exact)).toBeLessThanOrEqual(4 * a.results[0]!.std);
    expect(a.results[0]!.std).toBeGreaterThan(0);
  });

  it.each([
    [['--observable', 'ZQ'], /--observable term 'ZQ': a Pauli label has only the letters I, X, Y and Z/],
    [['--observable', 'ZZ:abc'], /term 'ZZ:abc' is not LABEL\[:COEFF\]/],
    [['--observable', 'ZZ,,XI'], /LABEL\[:COEFF\] terms/],
    [['--observable', 'Z'], /--observable label 'Z' has 1 letter\(s\) but '.*' has 2 qubit\(s\)/],
    [['--observable', 'ZZ', '--observable', 'XXX:2'], /--observable label 'XXX' has 3 letter\(s\)/],
    [['--observable', 'ZZ', '--precision', '-1'], /--precision must be a number from 0 to 1/],
    [['--observable', 'ZZ', '--seed', 'x'], /--seed must be an integer/],
    [['--observable', 'ZZ', '--backend', 'nope'], /BackendNotFoundError: no backend named 'nope'; known: local/],
  ])('exits 1 with one line for %j', async (opts, message) => {
    const r = await run(['estimate', tempQasm(BELL), ...(opts as string[])]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message as RegExp);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.out).toBe('');
  });

  it('requires --observable (usage error, exit 2)', async () => {
    expect((await run(['estimate', tempQasm(BELL)])).code).toBe(2);
  });
});

describe('parseObservable', () => {
  it('parses LABEL[:COEFF] terms, upper-casing labels and defaulting coefficients to 1', () => {
    expect(parseObservable('ZZ:1,XI:0.5')).toEqual([['ZZ', 1], ['XI', 0.5]]);
    expect(parseObservable(' zz , xi:-2.5e-1 ')).toEqual([['ZZ', 1], ['XI', -0.25]]);
  });
});
