/**
 * Issue 14, CLI wiring: `--noise` / `--noise-method` on run (and kernel, qsvc), in process.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../support/cli';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qbridge-noise-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function qasm(name: string, text: string): string {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, text);
  return p;
}
const GHZ3 = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[3] q;\nbit[3] c;\nh q[0];\ncx q[0], q[1];\ncx q[1], q[2];\nc = measure q;\n';

describe('qbridge run --noise', () => {
  test('fake_fez --noise: JSON names the calibrated model and the method; errors appear in the counts', async () => {
    const file = qasm('ghz.qasm', GHZ3);
    const r = await runCli(['run', file, '--backend', 'fake_fez', '--noise', '--shots', '2000', '--seed', '7', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { noise: { model: string; method: string }; counts: { c: Record<string, number> } };
    expect(out.noise.model).toMatch(/^calibrated noise model of fake_fez \(\d+ gate errors, 156 readout errors\)$/);
    expect(out.noise.method).toBe('density_matrix');
    const c = out.counts.c;
    const good = (c['000'] ?? 0) + (c['111'] ?? 0);
    expect(good).toBeLessThan(2000);
    expect(good).toBeGreaterThan(1600);
    // Same seed, same counts.
    const again = await runCli(['run', file, '--backend', 'fake_fez', '--noise', '--shots', '2000', '--seed', '7', '--json']);
    expect((JSON.parse(again.stdout) as typeof out).counts).toEqual(out.counts);
  });

  test('text output says the model and method; without --noise the output has no noise line and no errors', async () => {
    const file = qasm('ghz2.qasm', GHZ3);
    const noisy = await runCli(['run', file, '--backend', 'fake_fez', '--noise', '--noise-method', 'density_matrix', '--shots', '100', '--seed', '1']);
    expect(noisy.code).toBe(0);
    expect(noisy.stdout).toMatch(/^noise: calibrated noise model of fake_fez \(\d+ gate errors, 156 readout errors\), method density_matrix$/m);
    const clean = await runCli(['run', file, '--backend', 'fake_fez', '--shots', '500', '--seed', '1', '--json']);
    const out = JSON.parse(clean.stdout) as Record<string, unknown> & { counts: { c: Record<string, number> } };
    expect(out.noise).toBeUndefined();
    expect(Object.keys(out.counts.c).sort()).toEqual(['000', '111']);
  });

  test('--noise on local is refused, naming the flag', async () => {
    const r = await runCli(['run', qasm('l.qasm', GHZ3), '--backend', 'local', '--noise']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--noise simulates a device's calibrated noise, and the local simulator has no calibration/);
  });

  test('--noise-method without --noise, an unknown method, and trajectories (not in this build) are refused by flag', async () => {
    const file = qasm('m.qasm', GHZ3);
    const a = await runCli(['run', file, '--backend', 'fake_fez', '--noise-method', 'auto']);
    expect(a.stderr).toMatch(/--noise-method chooses how --noise is simulated: give --noise too/);
    const b = await runCli(['run', file, '--backend', 'fake_fez', '--noise', '--noise-method', 'exact']);
    expect(b.stderr).toMatch(/--noise-method must be one of auto, density_matrix, trajectories; got 'exact'/);
    const c = await runCli(['run', file, '--backend', 'fake_fez', '--noise', '--noise-method', 'trajectories']);
    expect(c.code).not.toBe(0);
    expect(c.stderr).toMatch(/trajectories method not available in this build/);
  });
});
