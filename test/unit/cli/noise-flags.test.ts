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
    expect(out.noise.model).toMatch(/^calibrated noise model of fake_fez \(\d+ gate errors, 156 readout errors, delay relaxation on 156 qubits\)$/);
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
    expect(noisy.stdout).toMatch(/^noise: calibrated noise model of fake_fez \(\d+ gate errors, 156 readout errors, delay relaxation on 156 qubits\), method density_matrix$/m);
    const clean = await runCli(['run', file, '--backend', 'fake_fez', '--shots', '500', '--seed', '1', '--json']);
    const out = JSON.parse(clean.stdout) as Record<string, unknown> & { counts: { c: Record<string, number> } };
    expect(out.noise).toBeUndefined();
    expect(Object.keys(out.counts.c).sort()).toEqual(['000', '111']);
  });

  test('--noise-idle: JSON and text say idle qubits relaxed; without --noise it is refused by name', async () => {
    const file = qasm('idle.qasm', GHZ3);
    const r = await runCli(['run', file, '--backend', 'fake_fez', '--noise', '--noise-idle', '--shots', '200', '--seed', '3', '--json']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { noise: { idleRelaxation: boolean } };
    expect(out.noise.idleRelaxation).toBe(true);
    const plain = JSON.parse((await runCli(['run', file, '--backend', 'fake_fez', '--noise', '--shots', '200', '--seed', '3', '--json'])).stdout) as typeof out;
    expect(plain.noise.idleRelaxation).toBe(false);
    const text = await runCli(['run', file, '--backend', 'fake_fez', '--noise', '--noise-idle', '--shots', '100', '--seed', '1']);
    expect(text.stdout).toMatch(/^noise: calibrated noise model of fake_fez .*, method density_matrix \(chosen by --noise-method auto\), idle qubits relax \(ALAP schedule\)$/m);
    const bad = await runCli(['run', file, '--backend', 'fake_fez', '--noise-idle']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--noise-idle lets idle qubits relax under --noise: give --noise too/);
  });

  test('--noise on local is refused, naming the flag', async () => {
    const r = await runCli(['run', qasm('l.qasm', GHZ3), '--backend', 'local', '--noise']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--noise simulates a device's calibrated noise, and the local simulator has no calibration/);
  });

  test('--noise-method without --noise and an unknown method are refused by flag; trajectories runs and is named', async () => {
    const file = qasm('m.qasm', GHZ3);
    const a = await runCli(['run', file, '--backend', 'fake_fez', '--noise-method', 'auto']);
    expect(a.stderr).toMatch(/--noise-method chooses how --noise is simulated: give --noise too/);
    const b = await runCli(['run', file, '--backend', 'fake_fez', '--noise', '--noise-method', 'exact']);
    expect(b.stderr).toMatch(/--noise-method must be one of auto, density_matrix, trajectories; got 'exact'/);
    const c = await runCli(['run', file, '--backend', 'fake_fez', '--noise', '--noise-method', 'trajectories']);
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(/noise: .*, method trajectories/);
  });
});

const CSV = (f: string): string => path.join(__dirname, '..', '..', '..', 'fixtures', 'csv', f);

describe('qbridge kernel / qsvc --noise', () => {
  test('kernel --backend fake_fez --noise --shots: sampled noisy entries match the density-matrix P(00) of the same ISA circuit', async () => {
    const { buildTemplate } = await import('../../../src/kernel/sampled');
    const { zzFeatureMap } = await import('../../../src/kernel');
    const { createFakeBackend } = await import('../../../simulators/fake');
    const { measurementProbabilities } = await import('../../../simulators/density-matrix');
    const { noiseModelFromDevice } = await import('../../../src/noise/from-device');
    const shots = 4000;
    const r = await runCli(['kernel', '--train', CSV('train.csv'), '--backend', 'fake_fez', '--noise', '--shots', String(shots), '--seed', '3', '--json']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { matrix: number[][]; noise: { model: string; method: string } };
    expect(out.noise.model).toMatch(/^calibrated noise model of fake_fez/);
    expect(out.noise.method).toBe('density_matrix');
    // Reference: the compute-uncompute ISA template for fake_fez, bound to points 0 and 1
    // (x rows first, then y), and its exact noisy P(00) — not through the CLI or the backend.
    const xs = [[0.1, 0.2], [1.5, 2.5], [3.0, 0.5]];
    const b = await createFakeBackend('fake_fez');
    const t = await buildTemplate(zzFeatureMap({ featureDimension: 2, reps: 2, entanglement: 'full', alpha: 2 }), b.target);
    const model = noiseModelFromDevice(b.target).model;
    for (const [i, j] of [[0, 1], [1, 2]] as const) {
      const row = t.sources.map(([src, k]) => (src === 0 ? xs[i]![k]! : xs[j]![k]!));
      const p = measurementProbabilities(t.circuit.assignParameters(row), { noise: model }).probabilities.get('0'.repeat(t.circuit.numClbits)) ?? 0;
      const sigma = Math.sqrt((p * (1 - p)) / shots);
      expect(Math.abs(out.matrix[i]![j]! - p)).toBeLessThan(4 * sigma + 1e-9);
    }
    // Text output names the model, the method and the sampled path.
    const text = await runCli(['kernel', '--train', CSV('train.csv'), '--backend', 'fake_fez', '--noise', '--shots', '200', '--seed', '3']);
    expect(text.stdout).toMatch(/^kernel 3×3 \(sampler, backend fake_fez, 200 shots\)$/m);
    expect(text.stdout).toMatch(/^noise: calibrated noise model of fake_fez \(\d+ gate errors, 156 readout errors, delay relaxation on 156 qubits\), method density_matrix \(chosen by --noise-method auto\)$/m);
  });

  test('kernel --noise without --shots: the exact noisy kernel, P(00) from the density matrix to 1e-12, not the noiseless kernel', async () => {
    const { buildTemplate } = await import('../../../src/kernel/sampled');
    const { zzFeatureMap, QuantumKernel } = await import('../../../src/kernel');
    const { createFakeBackend } = await import('../../../simulators/fake');
    const { measurementProbabilities } = await import('../../../simulators/density-matrix');
    const { noiseModelFromDevice } = await import('../../../src/noise/from-device');
    const r = await runCli(['kernel', '--train', CSV('train.csv'), '--backend', 'fake_fez', '--noise', '--json']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { matrix: number[][]; noise: { model: string; method: string; path: string } };
    expect(out.noise).toEqual({ model: expect.stringMatching(/^calibrated noise model of fake_fez/), method: 'density_matrix', idleRelaxation: false, path: 'exact' });
    const xs = [[0.1, 0.2], [1.5, 2.5], [3.0, 0.5]];
    const fm = zzFeatureMap({ featureDimension: 2, reps: 2, entanglement: 'full', alpha: 2 });
    const b = await createFakeBackend('fake_fez');
    const t = await buildTemplate(fm, b.target);
    const model = noiseModelFromDevice(b.target).model;
    const noiseless = (await new QuantumKernel({ featureMap: fm }).evaluate(xs)).toArray();
    for (let i = 0; i < 3; i++) {
      expect(out.matrix[i]![i]).toBe(1);
      for (let j = i + 1; j < 3; j++) {
        const row = t.sources.map(([src, k]) => (src === 0 ? xs[i]![k]! : xs[j]![k]!));
        const p = measurementProbabilities(t.circuit.assignParameters(row), { noise: model }).probabilities.get('0'.repeat(t.circuit.numClbits)) ?? 0;
        expect(Math.abs(out.matrix[i]![j]! - p)).toBeLessThan(1e-12);
        expect(out.matrix[j]![i]).toBe(out.matrix[i]![j]);
        expect(Math.abs(out.matrix[i]![j]! - noiseless[i]![j]!)).toBeGreaterThan(1e-4);
      }
    }
    const text = await runCli(['kernel', '--train', CSV('train.csv'), '--backend', 'fake_fez', '--noise']);
    expect(text.stdout).toMatch(/^kernel 3×3 \(exact noisy P\(0…0\) from the density matrix, no shot noise, backend fake_fez\)$/m);
  });

  test('kernel/qsvc --noise refuse what would ignore noise: qsvc without --shots, --method statevector, local', async () => {
    const a = await runCli(['qsvc', '--dataset', 'ad-hoc', '--train-size', '6', '--test-size', '2', '--backend', 'fake_fez', '--noise']);
    expect(a.code).not.toBe(0);
    expect(a.stderr).toMatch(/--noise needs --shots N here/);
    const b = await runCli(['kernel', '--train', CSV('train.csv'), '--backend', 'fake_fez', '--noise', '--shots', '100', '--method', 'statevector']);
    expect(b.stderr).toMatch(/--method statevector computes the noiseless kernel; with --noise use --method sampler/);
    const c = await runCli(['kernel', '--train', CSV('train.csv'), '--noise', '--shots', '100']);
    expect(c.stderr).toMatch(/--noise simulates a device's calibrated noise, and the local simulator has no calibration/);
  });

  test('qsvc --backend fake_fez --noise --shots: JSON and text name the model and method', async () => {
    const args = ['qsvc', '--dataset', 'ad-hoc', '--train-size', '6', '--test-size', '2', '--backend', 'fake_fez', '--noise', '--shots', '200', '--seed', '1'];
    const r = await runCli([...args, '--json']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { method: string; noise: { model: string; method: string }; train_accuracy: number };
    expect(out.method).toBe('sampler');
    expect(out.noise.model).toMatch(/^calibrated noise model of fake_fez \(\d+ gate errors, 156 readout errors, delay relaxation on 156 qubits\)$/);
    expect(out.noise.method).toBe('density_matrix');
    const text = await runCli(args);
    expect(text.stdout).toMatch(/^noise: calibrated noise model of fake_fez \(\d+ gate errors, 156 readout errors, delay relaxation on 156 qubits\), method density_matrix \(chosen by --noise-method auto\)$/m);
    const local = await runCli(['qsvc', '--dataset', 'ad-hoc', '--train-size', '6', '--test-size', '2', '--noise', '--shots', '100']);
    expect(local.stderr).toMatch(/--noise simulates a device's calibrated noise/);
  });
});

describe('qbridge estimate --noise', () => {
  const BELL = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nh q[0];\ncx q[0], q[1];\n';
  test('fake_fez --noise: ⟨ZZ⟩ of a Bell pair drops below the noiseless 1, and the output names model and method', async () => {
    const file = qasm('bell.qasm', BELL);
    const noisy = await runCli(['estimate', file, '--observable', 'ZZ:1', '--backend', 'fake_fez', '--noise', '--json']);
    expect(noisy.stderr).toBe('');
    const out = JSON.parse(noisy.stdout) as { results: { ev: number; std: number }[]; noise: { model: string; method: string } };
    expect(out.noise.model).toMatch(/^calibrated noise model of fake_fez/);
    expect(out.noise.method).toBe('density_matrix');
    expect(out.results[0]!.ev).toBeLessThan(0.999);
    expect(out.results[0]!.ev).toBeGreaterThan(0.9);
    expect(out.results[0]!.std).toBe(0);
    const clean = JSON.parse((await runCli(['estimate', file, '--observable', 'ZZ:1', '--backend', 'fake_fez', '--json'])).stdout) as typeof out;
    expect(clean.results[0]!.ev).toBeCloseTo(1, 12);
    expect(clean.noise).toBeUndefined();
    const text = await runCli(['estimate', file, '--observable', 'ZZ:1', '--backend', 'fake_fez', '--noise']);
    expect(text.stdout).toMatch(/^noise: calibrated noise model of fake_fez .*, method density_matrix \(chosen by --noise-method auto\)$/m);
    const local = await runCli(['estimate', file, '--observable', 'ZZ:1', '--noise']);
    expect(local.stderr).toMatch(/--noise simulates a device's calibrated noise, and the local simulator has no calibration/);
  });
});
