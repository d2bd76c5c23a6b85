/**
 * Readout mitigation of sampled kernel entries: on a backend whose only noise is readout error
 * (the density-matrix simulator with a readout-only NoiseModel), the mitigated entries are
 * closer to the exact kernel than the raw ones; the matrices are calibrated once per backend.
 */
import { QuantumKernel, zzFeatureMap } from '../../../src/kernel';
import { NoiseModel, ReadoutError } from '../../../src/noise';
import { tensoredAssignment } from '../../../src/noise/mitigation';
import { createLocalBackend } from '../../../simulators/local';
import { densityMatrixBackend } from '../../support/readout-backend';

const fm = zzFeatureMap({ featureDimension: 2, reps: 2, entanglement: 'linear' });
const points = [
  [0.3, 1.1],
  [2.0, 0.4],
  [1.2, 2.5],
  [0.1, 0.2],
  [2.8, 1.9],
];
const readout = [
  [[0.94, 0.06], [0.11, 0.89]],
  [[0.96, 0.04], [0.08, 0.92]],
];

function noisyBackend(): ReturnType<typeof densityMatrixBackend> {
  const noise = new NoiseModel();
  readout.forEach((m, q) => noise.addReadoutError(new ReadoutError(m), [q]));
  return densityMatrixBackend(noise, 2, 'dm_readout');
}

/** Mean |K − K_exact| over the off-diagonal entries. */
function meanAbsError(k: { get(i: number, j: number): number }, exact: { get(i: number, j: number): number }, n: number): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) (s += Math.abs(k.get(i, j) - exact.get(i, j))), c++;
  return s / c;
}

describe('readout-mitigated kernel entries', () => {
  test('with a readout-only noise model the mitigated kernel is closer to exact than the unmitigated one', async () => {
    const exact = await new QuantumKernel({ featureMap: fm }).evaluate(points);
    const backend = noisyBackend();
    const common = { featureMap: fm, backend, method: 'sampler' as const, shots: 4000, seed: 17, enforcePsd: false };
    const raw = await new QuantumKernel(common).evaluate(points);
    const given = tensoredAssignment(readout.map((matrix, qubit) => ({ qubit, matrix })));
    const kernel = new QuantumKernel({ ...common, mitigation: { matrices: given } });
    const mitigated = await kernel.evaluate(points);
    const errRaw = meanAbsError(raw, exact, points.length);
    const errMit = meanAbsError(mitigated, exact, points.length);
    // Readout pulls ~15 % of the all-zeros shots away: a bias far above the shot noise.
    expect(errRaw).toBeGreaterThan(0.03);
    expect(errMit).toBeLessThan(errRaw / 3);
    const report = kernel.mitigationReport!;
    expect(report.source).toBe('given');
    expect(report.qubits).toEqual([0, 1]);
    expect(report.distance).toBe(2);
    expect(report.entriesMitigated).toBe((points.length * (points.length - 1)) / 2);
    // The unmitigated kernel reports nothing.
    expect(new QuantumKernel(common).mitigationReport).toBeUndefined();
  });

  test('measured matrices: the calibration circuits run once per backend and are shared by kernels', async () => {
    const exact = await new QuantumKernel({ featureMap: fm }).evaluate(points);
    const backend = noisyBackend();
    const mitigation = { matrices: 'measured' as const, calibrationShots: 20_000, calibrationSeed: 3 };
    const common = { featureMap: fm, backend, method: 'sampler' as const, shots: 4000, seed: 5, enforcePsd: false, mitigation };
    const k1 = new QuantumKernel(common);
    const m1 = await k1.evaluate(points);
    const runsAfterFirst = backend.runs;
    const k2 = new QuantumKernel({ ...common, seed: 6 });
    await k2.evaluate(points);
    // The second kernel ran its sampling job(s) but no second calibration job.
    const samplingJobs = runsAfterFirst - 1;
    expect(backend.runs - runsAfterFirst).toBe(samplingJobs);
    const report = k1.mitigationReport!;
    expect(report.source).toBe('measured');
    expect(report.assignment.shotsUsed).toBe(40_000);
    expect(k2.mitigationReport!.assignment).toBe(report.assignment);
    const raw = await new QuantumKernel({ ...common, mitigation: undefined }).evaluate(points);
    expect(meanAbsError(m1, exact, points.length)).toBeLessThan(meanAbsError(raw, exact, points.length) / 2);
  });

  test('mitigated and raw entries are memoized apart', async () => {
    const backend = noisyBackend();
    const given = tensoredAssignment(readout.map((matrix, qubit) => ({ qubit, matrix })));
    const common = { featureMap: fm, backend, method: 'sampler' as const, shots: 2000, seed: 1, enforcePsd: false };
    const { KernelCache } = await import('../../../src/kernel');
    const cache = new KernelCache({});
    const raw = await new QuantumKernel({ ...common, cache }).evaluate(points.slice(0, 3));
    const mit = await new QuantumKernel({ ...common, cache, mitigation: { matrices: given } }).evaluate(points.slice(0, 3));
    expect(mit.get(0, 1)).not.toBe(raw.get(0, 1));
  });

  test('typed errors: mitigation on the exact path, calibration on a backend without readout data', async () => {
    expect(() => new QuantumKernel({ featureMap: fm, backend: createLocalBackend(), mitigation: {} })).toThrow(expect.objectContaining({ code: 'INPUT_INVALID', message: expect.stringMatching(/sampled kernels/) }));
    const k = new QuantumKernel({ featureMap: fm, backend: noisyBackend(), method: 'sampler', shots: 100, seed: 1, mitigation: { matrices: 'calibration' } });
    await expect(k.evaluate(points.slice(0, 2))).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    expect(() => new QuantumKernel({ featureMap: fm, backend: noisyBackend(), method: 'sampler', mitigation: { calibrationShots: 0 } })).toThrow(/calibrationShots/);
  });
});
