import * as path from 'node:path';
import { ConfigurationError } from '../../../src/core/errors';
import { checkProjectedSpend, precisionForShots } from '../../../src/cli/projected-kernel';
import { ProjectedQuantumKernel, QSVC, adHocData, zzFeatureMap } from '../../../src/kernel';
import { shotsForPrecision } from '../../../src/primitives/validate';
import { createFakeBackend } from '../../../simulators/fake';
import { capturedIo, runCli } from '../../support/cli';

const CSV = (f: string): string => path.join(__dirname, '..', '..', '..', 'fixtures', 'csv', f);
const TRAIN = [[0.1, 0.2], [1.5, 2.5], [3.0, 0.5]];
const TEST = [[0.3, 0.4], [2.0, 2.0]];

/**
 * Z map, one rep: each qubit is H then P(2x), Bloch vector (cos 2x, sin 2x, 0), so
 * ‖ρ_k(x) − ρ_k(y)‖²_F = 1 − cos 2(x_k − y_k) (closed form, no simulation).
 */
const closedForm = (xs: number[][], ys: number[][], gamma: number): number[][] =>
  xs.map((a) => ys.map((b) => Math.exp(-gamma * a.reduce((s, ak, i) => s + 1 - Math.cos(2 * (ak - b[i]!)), 0))));

function maxAbsDiff(a: number[][], b: number[][]): number {
  let m = 0;
  a.forEach((row, i) => row.forEach((v, j) => (m = Math.max(m, Math.abs(v - b[i]![j]!)))));
  return m;
}

describe('qbridge kernel --kernel projected', () => {
  it('--gamma is used: the matrix is the closed form on the Z map (rows = test points) and --json says what was used', async () => {
    const r = await runCli(['kernel', '--train', CSV('train.csv'), '--test', CSV('test.csv'), '--kernel', 'projected', '--gamma', '0.5', '--feature-map', 'z', '--reps', '1', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { shape: number[]; matrix: number[][]; kernel: string; gamma: number; method: string };
    expect(j.shape).toEqual([2, 3]);
    expect(maxAbsDiff(j.matrix, closedForm(TEST, TRAIN, 0.5))).toBeLessThan(1e-12);
    // γ = 1 (the default) would differ: the flag reached the kernel.
    expect(maxAbsDiff(j.matrix, closedForm(TEST, TRAIN, 1))).toBeGreaterThan(0.01);
    expect([j.kernel, j.gamma, j.method]).toEqual(['projected', 0.5, 'statevector']);
  });

  it('the human output names the kernel, γ and the path', async () => {
    const r = await runCli(['kernel', '--train', CSV('train.csv'), '--kernel', 'projected']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^kernel 3×3 \(statevector, backend local\)/);
    expect(r.stdout).toContain('kernel: projected, K = exp(−γ Σ_k ‖ρ_k(x) − ρ_k(y)‖²_F) with γ = 1; exact one-qubit reduced density matrices');
  });

  it('--shots on the local simulator takes the Estimator path with that many shots per basis (seeded, near the exact values)', async () => {
    const args = ['kernel', '--train', CSV('train.csv'), '--kernel', 'projected', '--feature-map', 'z', '--reps', '1', '--shots', '4000', '--seed', '7', '--json'];
    const r = await runCli(args);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout) as { matrix: number[][]; method: string; shots_per_basis: number; precision: number };
    expect([j.method, j.shots_per_basis]).toEqual(['estimator', 4000]);
    const err = maxAbsDiff(j.matrix, closedForm(TRAIN, TRAIN, 1));
    // Estimates (not the exact values), and close: each ⟨P⟩ has std ≤ 1/√4000 ≈ 0.016.
    expect(err).toBeGreaterThan(0);
    expect(err).toBeLessThan(0.2);
    expect((await runCli(args)).stdout).toBe(r.stdout);
  });

  it('bad γ and misplaced flags are refused, naming the flag', async () => {
    const base = ['kernel', '--train', CSV('train.csv')];
    const cases: Array<[string[], RegExp]> = [
      [['--kernel', 'projected', '--gamma', '0'], /--gamma must be a number > 0, got '0'/],
      [['--kernel', 'projected', '--gamma', '-2'], /--gamma must be a number > 0/],
      [['--kernel', 'projected', '--gamma', 'abc'], /--gamma must be a finite number/],
      [['--gamma', '2'], /--gamma applies to --kernel projected only/],
      [['--kernel', 'gaussian'], /--kernel must be fidelity or projected, got 'gaussian'/],
      [['--kernel', 'projected', '--method', 'sampler'], /--method must be auto, statevector or estimator with --kernel projected/],
      [['--kernel', 'projected', '--resume'], /--resume applies to --kernel fidelity only/],
      [['--kernel', 'projected', '--enforce-psd'], /--enforce-psd applies to --kernel fidelity only/],
      [['--kernel', 'projected', '--shots', '100', '--precision', '0.1'], /--shots or --precision, not both/],
      [['--kernel', 'projected', '--method', 'statevector', '--precision', '0.1'], /--precision needs the estimated path/],
      [['--kernel', 'projected', '--precision', '2'], /--precision must be a number from 0 to 1/],
    ];
    for (const [extra, msg] of cases) {
      const r = await runCli([...base, ...extra]);
      expect([r.code, r.stdout]).toEqual([1, '']);
      expect(r.stderr).toMatch(msg);
    }
  });

  it('--shots N runs exactly N shots per basis (precision 1/√N, rounding kept below)', () => {
    for (const n of [1, 3, 1000, 1024, 4000, 12345, 999_999]) expect(shotsForPrecision(precisionForShots(n))).toBe(n);
  });

  it('spend estimate on an IBM device: three measurement bases per point at ⌈1/p²⌉ shots; --yes above 60 s', async () => {
    const fake = await createFakeBackend('fake_fez');
    const device = { ...fake, name: 'ibm_fez', target: fake.target, run: fake.run.bind(fake) };
    const kernel = new ProjectedQuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2 }), backend: device, method: 'estimator' });
    const small = capturedIo();
    await checkProjectedSpend(small.io, kernel, device, 10, false);
    // No precision given: IBM's default 0.015625, 4096 shots.
    expect(small.stderr()).toMatch(/about to submit 30 circuit\(s\) × 4096 shots in 1 job\(s\)/);
    // 20 points: 60 circuits × 4096 shots × (250 µs + 1 µs) ≈ 61.7 s > 60 s.
    const big = capturedIo();
    await expect(checkProjectedSpend(big.io, kernel, device, 20, false)).rejects.toThrow(ConfigurationError);
    await expect(checkProjectedSpend(capturedIo().io, kernel, device, 20, true)).resolves.toBeUndefined();
  });
});

describe('qbridge qsvc --kernel projected', () => {
  it('trains on the projected kernel: the accuracies are those of QSVC on ProjectedQuantumKernel with that γ', async () => {
    const r = await runCli(['qsvc', '--dataset', 'ad-hoc', '--train-size', '8', '--test-size', '4', '--kernel', 'projected', '--gamma', '3', '--entanglement', 'linear', '--json']);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout) as Record<string, unknown>;
    const d = adHocData({ trainingSize: 8, testSize: 4, n: 2, gap: 0.3, seed: 12345 });
    const kernel = new ProjectedQuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2, reps: 2, entanglement: 'linear' }), gamma: 3 });
    const model = await new QSVC({ kernel }).fit(d.trainingFeatures, d.trainingLabels);
    const expected = [await model.score(d.trainingFeatures, d.trainingLabels), await model.score(d.testFeatures, d.testLabels)];
    model.dispose();
    expect([j.train_accuracy, j.test_accuracy]).toEqual(expected);
    expect([j.kernel, j.gamma, j.method]).toEqual(['projected', 3, 'statevector']);
  });
});
