/**
 * Issue 14, wiring: noise on the fake and local backends through Sampler and Estimator,
 * against references computed in the test (not through the backends).
 */
import { Circuit } from '../../../src/circuit/circuit';
import { InputValidationError, ResourceLimitError } from '../../../src/core/errors';
import { deriveSeed } from '../../../src/core/random';
import { depolarizingError } from '../../../src/noise/channels';
import { noiseModelFromDevice } from '../../../src/noise/from-device';
import { NoiseModel } from '../../../src/noise/noise-model';
import { Estimator } from '../../../src/primitives/estimator';
import { Sampler } from '../../../src/primitives/sampler';
import { transpile } from '../../../src/transpiler';
import { measurementProbabilities, sampleDensityMatrixCounts } from '../../../simulators/density-matrix';
import { createFakeBackend } from '../../../simulators/fake';
import { compressCircuit } from '../../../simulators/fake/compress';
import { createLocalBackend } from '../../../simulators/local';
import { samplePub } from '../../../simulators/pub-runner/sampling';

const ghz3 = () => new Circuit(3).h(0).cx(0, 1).cx(1, 2).measureAll();

/** A full-width label with the given Paulis on the given qubits. */
function label(n: number, at: Record<number, string>): string {
  let s = '';
  for (let q = n - 1; q >= 0; q--) s += at[q] ?? 'I';
  return s;
}

describe('noisy fake backend (fake_fez --noise)', () => {
  test('acceptance: GHZ-3 fidelity P(000)+P(111) through Sampler and Estimator equals an independent density-matrix computation, below 1', async () => {
    const b = await createFakeBackend('fake_fez', { noise: true });
    const t = transpile(ghz3(), b.target, { seed: 3 });
    const isa = t.circuit;
    // Reference: the calibrated model built here from the same target, run on the simulator directly.
    const model = noiseModelFromDevice(b.target).model;
    const exact = measurementProbabilities(isa, { noise: model }).probabilities;
    const fidelity = (exact.get('000') ?? 0) + (exact.get('111') ?? 0);
    expect(fidelity).toBeLessThan(0.999);
    expect(fidelity).toBeGreaterThan(0.8);

    // Sampler: identical counts to the multinomial draw from the reference probabilities with
    // the seed the backend derives (job seed → PUB 0 → row 0).
    const shots = 20_000;
    const res = await (await new Sampler(b, { shots, seed: 11, transpile: false }).run([isa])).result();
    const counts = res.pubs[0]!.data.meas!.getCounts();
    const ref = sampleDensityMatrixCounts(isa, { noise: model, shots, seed: deriveSeed(deriveSeed(11, 0), 0) });
    expect(counts).toEqual(ref.registerCounts.meas);
    const sampled = ((counts['000'] ?? 0) + (counts['111'] ?? 0)) / shots;
    expect(Math.abs(sampled - fidelity)).toBeLessThan(4 * Math.sqrt((fidelity * (1 - fidelity)) / shots));

    // Estimator: P(z0 = z1 = z2) = (1 + ⟨Z0Z1⟩ + ⟨Z1Z2⟩ + ⟨Z0Z2⟩)/4, exact Tr(ρP); readout
    // does not enter expectation values, so the reference model has no readout errors.
    const [p0, p1, p2] = t.layout.final as [number, number, number];
    const n = b.target.numQubits;
    const obs: [string, number][] = [
      [label(n, {}), 0.25],
      [label(n, { [p0]: 'Z', [p1]: 'Z' }), 0.25],
      [label(n, { [p1]: 'Z', [p2]: 'Z' }), 0.25],
      [label(n, { [p0]: 'Z', [p2]: 'Z' }), 0.25],
    ];
    const unmeasured = new Circuit(isa.numQubits);
    for (const ins of isa.instructions) if (ins.name !== 'measure') unmeasured.append(ins.name, ins.qubits, ins.params as number[]);
    const noReadout = noiseModelFromDevice(b.target, { readoutError: false }).model;
    const measured = new Circuit(isa.numQubits, 3);
    for (const ins of unmeasured.instructions) measured.append(ins.name, ins.qubits, ins.params as number[]);
    measured.measure(p0, 0).measure(p1, 1).measure(p2, 2);
    const probs = measurementProbabilities(measured, { noise: noReadout }).probabilities;
    const noReadoutFidelity = (probs.get('000') ?? 0) + (probs.get('111') ?? 0);
    const est = await (await new Estimator(b, { transpile: false }).run([{ circuit: unmeasured, observables: [obs] }])).result();
    expect(Math.abs(est.pubs[0]!.evs[0]![0]! - noReadoutFidelity)).toBeLessThan(1e-12);
    expect(noReadoutFidelity).toBeLessThan(1);
    // Readout errors lower the sampled fidelity further.
    expect(fidelity).toBeLessThan(noReadoutFidelity);
  });

  test('metadata names the noise model, the method and the seed (PUB and job)', async () => {
    const b = await createFakeBackend('fake_fez', { noise: true });
    const isa = transpile(ghz3(), b.target, { seed: 3 }).circuit;
    const res = await (await b.run({ kind: 'sampler', pubs: [{ circuit: isa }], shots: 100, seed: 4 })).result();
    expect(res.metadata.noise).toMatch(/^calibrated noise model of fake_fez \(\d+ gate errors, 156 readout errors, delay relaxation on 156 qubits\)$/);
    expect(res.metadata.noiseMethod).toBe('density_matrix');
    expect(res.metadata.seed).toBe(4);
    expect(String(res.metadata.noiseModel)).toMatch(/^NoiseModel:\n {2}cz on qubits/);
    const pm = res.pubs[0]!.metadata;
    expect(pm.noiseMethod).toBe('density_matrix');
    expect(pm.seed).toBe(deriveSeed(4, 0));
    expect(pm.noise).toBe(noiseModelFromDevice(b.target).model.describe());
  });

  test('shots come back in a shuffled order, not sorted by bit string', async () => {
    const b = await createFakeBackend('fake_fez', { noise: true });
    const isa = transpile(ghz3(), b.target, { seed: 3 }).circuit;
    const res = await (await b.run({ kind: 'sampler', pubs: [{ circuit: isa }], shots: 400, seed: 4 })).result();
    const bits = res.pubs[0]!.data.meas!.getBitstrings();
    const sorted = [...bits].sort();
    expect(bits).not.toEqual(sorted);
    expect(bits.slice(0, 200).filter((s) => s === '111').length).toBeGreaterThan(50);
  });

  test('statevector with noise on is refused', async () => {
    const b = await createFakeBackend('fake_fez', { noise: true });
    await expect(b.statevector!(new Circuit(1))).rejects.toThrow(/statevector is only available with noise off/);
  });

  test('acceptance: noise off stays the default and bit-for-bit the noiseless path', async () => {
    const off = await createFakeBackend('fake_fez');
    const explicit = await createFakeBackend('fake_fez', { noise: false, noiseMethod: 'density_matrix' });
    const isa = transpile(ghz3(), off.target, { seed: 3 }).circuit;
    const req = { kind: 'sampler' as const, pubs: [{ circuit: isa }], shots: 500, seed: 9 };
    const a = await (await off.run(req)).result();
    const c = await (await explicit.run(req)).result();
    // The pre-noise code path, called directly: the compressed circuit sampled with the PUB seed.
    const direct = await samplePub(compressCircuit(isa).circuit, [[]], 500, deriveSeed(9, 0));
    for (const r of [a, c]) {
      expect(r.pubs[0]!.data.meas!.getBitstrings()).toEqual(direct.data.meas!.getBitstrings());
      expect(r.pubs[0]!.metadata).toEqual(direct.metadata);
      expect(r.metadata).toEqual({ backend: 'fake_fez', jobId: expect.any(String), seed: 9, noise: false });
    }
  });
});

describe('noisy local backend', () => {
  const lambda = 0.1;
  const mu = 0.2;
  const model = () => new NoiseModel().addQuantumError(depolarizingError(lambda, 2), 'cx').addQuantumError(depolarizingError(mu, 1), 'h');
  const bellState = () => new Circuit(2).h(0).cx(0, 1);

  test('acceptance: Estimator ⟨ZZ⟩ and ⟨XX⟩ of a Bell pair under depolarizing noise equal the closed forms', async () => {
    const b = createLocalBackend({ noise: model() });
    const res = await (await new Estimator(b).run([{ circuit: bellState(), observables: [[['ZZ', 1]], [['XX', 1]], [['YY', 1]], [['ZI', 1]]] }])).result();
    const [zz, xx, yy, zi] = res.pubs[0]!.evs[0]!;
    // ρ → (1−λ)ρ + λ·I/4 after cx: every non-identity Pauli shrinks by (1−λ). Depolarizing h
    // (μ) leaves ZZ at 1 (|+⟩ and I/2 on qubit 0 both give ZZ = 1 after cx) and scales XX, YY by (1−μ).
    expect(zz).toBeCloseTo(1 - lambda, 12);
    expect(xx).toBeCloseTo((1 - lambda) * (1 - mu), 12);
    expect(yy).toBeCloseTo(-(1 - lambda) * (1 - mu), 12);
    expect(zi).toBeCloseTo(0, 12);
    expect(res.pubs[0]!.stds[0]).toEqual([0, 0, 0, 0]);
    expect(res.pubs[0]!.metadata.noiseMethod).toBe('density_matrix');
    expect(res.metadata.noise).toBe('custom NoiseModel (2 gate errors, 0 readout errors)');
  });

  test('Estimator with precision samples the noisy state: within 5σ of the closed form, σ from the samples', async () => {
    const b = createLocalBackend({ noise: model() });
    const res = await (await b.run({ kind: 'estimator', pubs: [{ circuit: bellState(), observables: [[['XX', 1]], [['ZZ', 0.5], ['ZI', 0.5]]], precision: 0.01 }], seed: 2 })).result();
    const [xx, mixed] = res.pubs[0]!.evs[0]!;
    const [sx, sm] = res.pubs[0]!.stds[0]!;
    expect(res.pubs[0]!.metadata.shots).toBe(10_000);
    const x = (1 - lambda) * (1 - mu);
    expect(sx).toBeCloseTo(Math.sqrt((1 - x * x) / 10_000), 3);
    expect(Math.abs(xx! - x)).toBeLessThan(5 * sx!);
    expect(sm).toBeGreaterThan(0);
    expect(Math.abs(mixed! - 0.5 * (1 - lambda))).toBeLessThan(5 * sm!);
  });

  test('Sampler counts follow the noisy probabilities (readout error included)', async () => {
    const { ReadoutError } = await import('../../../src/noise/readout');
    const m = model().addReadoutError(new ReadoutError([[0.9, 0.1], [0.2, 0.8]]), [1]);
    const b = createLocalBackend({ noise: m });
    const c = bellState().measureAll();
    const res = await (await new Sampler(b, { shots: 1000, seed: 5 }).run([c])).result();
    const ref = sampleDensityMatrixCounts(c, { noise: m, shots: 1000, seed: deriveSeed(deriveSeed(5, 0), 0) });
    expect(res.pubs[0]!.data.meas!.getCounts()).toEqual(ref.registerCounts.meas);
    expect(res.metadata.noise).toBe('custom NoiseModel (2 gate errors, 1 readout error)');
  });

  test('noise: true on local is refused (no calibration), and so is a non-model', () => {
    expect(() => createLocalBackend({ noise: true as unknown as NoiseModel })).toThrow(InputValidationError);
    expect(() => createLocalBackend({ noise: true as unknown as NoiseModel })).toThrow(/does not have; pass a NoiseModel/);
    expect(() => createLocalBackend({ noise: 'x' as unknown as NoiseModel })).toThrow(/noise must be a NoiseModel/);
    expect(() => createLocalBackend({ noise: model(), noiseMethod: 'exact' as never })).toThrow(/noiseMethod must be one of auto, density_matrix, trajectories/);
  });

  test('trajectories by name: Bell counts within 4σ of the density-matrix probabilities, and the metadata says so', async () => {
    const named = createLocalBackend({ noise: model(), noiseMethod: 'trajectories' });
    const shots = 20_000;
    const res = await (await named.run({ kind: 'sampler', pubs: [{ circuit: bellState().measureAll() }], shots, seed: 3 })).result();
    expect(res.pubs[0]!.metadata).toMatchObject({ noiseMethod: 'trajectories', method: 'trajectory-sampling' });
    const counts = res.pubs[0]!.data.meas!.getCounts();
    const exact = measurementProbabilities(bellState().measureAll(), { noise: model() }).probabilities;
    for (const key of ['00', '01', '10', '11']) {
      const p = exact.get(key) ?? 0;
      expect(Math.abs((counts[key] ?? 0) / shots - p)).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / shots) + 1e-12);
    }
  });

  test('auto picks trajectories past the density-matrix limit (14 touched qubits), for the Sampler and the Estimator', async () => {
    const wide = new Circuit(14);
    for (let q = 0; q < 14; q++) wide.h(q);
    const auto = createLocalBackend({ noise: model() });
    const s = await (await auto.run({ kind: 'sampler', pubs: [{ circuit: wide.copy().measureAll() }], shots: 10, seed: 1 })).result();
    expect(s.pubs[0]!.metadata).toMatchObject({ noiseMethod: 'trajectories' });
    // ⟨X⊗…⊗X⟩ after H on every qubit: each H's depolarizing error (μ) scales ⟨X⟩ by 1 − μ.
    const e = await (await auto.run({ kind: 'estimator', pubs: [{ circuit: wide, observables: [[['X'.repeat(14), 1]]], precision: 0.02 }], seed: 2 })).result();
    const pub = e.pubs[0]!;
    expect(pub.metadata).toMatchObject({ noiseMethod: 'trajectories', precision: 0.02, trajectories: 2500 });
    expect(Math.abs(pub.evs[0]![0]! - (1 - mu) ** 14)).toBeLessThanOrEqual(4 * pub.stds[0]![0]! + 1e-12);
  });

  test('noise off on local: identical results and metadata to the plain backend', async () => {
    const c = bellState().measureAll();
    const plain = await (await createLocalBackend().run({ kind: 'sampler', pubs: [{ circuit: c }], shots: 300, seed: 1 })).result();
    const direct = await samplePub(c, [[]], 300, deriveSeed(1, 0));
    expect(plain.pubs[0]!.data.meas!.getBitstrings()).toEqual(direct.data.meas!.getBitstrings());
    expect(plain.metadata).toEqual({ backend: 'local', jobId: expect.any(String), seed: 1 });
  });
});
