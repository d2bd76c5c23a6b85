/**
 * Quantum trajectories against the density-matrix simulator (itself checked against the dense
 * Kraus-sum reference in density-matrix-reference.test.ts) and against closed forms.
 */
import { Circuit } from '../../../src/circuit/circuit';
import { AbortedError, CircuitValidationError, InputValidationError } from '../../../src/core/errors';
import { Prng } from '../../../src/core/random';
import { depolarizingError, NoiseModel, ReadoutError, thermalRelaxationError } from '../../../src/noise';
import { measurementProbabilities, sampleDensityMatrixCounts } from '../../../simulators/density-matrix';
import { sampleTrajectoryCounts } from '../../../simulators/trajectories';
import { mixedErrorTable, noiseModelOf, randomNoisyCircuit } from '../../support/noisy-circuits';

/** Every outcome frequency within 4σ of p (σ = √(p(1−p)/shots), at least 1/shots), and no outcome the exact side rules out. */
function expectWithin4Sigma(counts: Readonly<Record<string, number>>, exact: ReadonlyMap<string, number>, shots: number): void {
  for (const key of Object.keys(counts)) expect(exact.has(key)).toBe(true);
  for (const [key, p] of exact) {
    const f = (counts[key] ?? 0) / shots;
    const sigma = Math.max(Math.sqrt((p * (1 - p)) / shots), 1 / shots);
    expect(Math.abs(f - p)).toBeLessThanOrEqual(4 * sigma);
  }
}

describe('quantum trajectories', () => {
  it('ACCEPTANCE: random 6-qubit noisy circuits (depolarizing, amplitude damping, thermal relaxation, Pauli, readout): every outcome probability at 20 000 shots within 4σ of the density matrix', () => {
    const rng = new Prng(14);
    const noise = noiseModelOf(mixedErrorTable());
    for (let trial = 0; trial < 3; trial++) {
      const c = randomNoisyCircuit(6, 30, rng, trial === 2);
      for (let q = 0; q < 6; q++) c.measure(q, q);
      const exact = measurementProbabilities(c, { noise });
      const shots = 20_000;
      const traj = sampleTrajectoryCounts(c, { noise, shots, seed: 100 + trial });
      expect(Object.values(traj.counts).reduce((a, b) => a + b, 0)).toBe(shots);
      expectWithin4Sigma(traj.counts, exact.probabilities, shots);
      expect(traj.errorsApplied).toBe(exact.errorsApplied);
      expect(traj.readoutQubits).toEqual(exact.readoutQubits);
      expect(traj.qubits).toEqual(exact.qubits);
      expect(traj.noise).toBe(exact.noise);
      expect(traj.trajectories).toBeGreaterThan(1);
      expect(traj.trajectories).toBeLessThan(shots);
    }
  });

  it('ACCEPTANCE (grouping): a noiseless circuit is 1 trajectory; noise with tiny p gives far fewer trajectories than shots', () => {
    const ghz = new Circuit(4, 4).h(0).cx(0, 1).cx(1, 2).cx(2, 3).measure(0, 0).measure(1, 1).measure(2, 2).measure(3, 3);
    const ideal = sampleTrajectoryCounts(ghz, { shots: 5000, seed: 1 });
    expect(ideal.trajectories).toBe(1);
    expect(Object.keys(ideal.counts).sort()).toEqual(['0000', '1111']);
    const tiny = new NoiseModel().addAllQubitQuantumError(depolarizingError(1e-4, 2), 'cx');
    const noisy = sampleTrajectoryCounts(ghz, { noise: tiny, shots: 5000, seed: 1 });
    // 3 locations × 5000 shots × 1e-4·15/16: about 1.4 non-identity branches expected.
    expect(noisy.trajectories).toBeLessThan(20);
    expect(noisy.errorsApplied).toBe(3);
  });

  it('closed form: depolarizing λ on |0⟩ gives P(1) = λ/2 (within 4σ at 40 000 shots)', () => {
    const lambda = 0.3;
    const noise = new NoiseModel().addAllQubitQuantumError(depolarizingError(lambda, 1), 'id');
    const c = new Circuit(1, 1).id(0).measure(0, 0);
    const shots = 40_000;
    const r = sampleTrajectoryCounts(c, { noise, shots, seed: 7 });
    const p = lambda / 2;
    expect(Math.abs((r.counts['1'] ?? 0) / shots - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / shots));
  });

  it('closed form: amplitude damping of |1⟩ over time t gives P(1) = e^{−t/T1} (thermal relaxation, T2 = 2·T1)', () => {
    const t1 = 50, t = 30;
    const noise = new NoiseModel().addAllQubitQuantumError(thermalRelaxationError(t1, 2 * t1, t), 'id');
    const c = new Circuit(1, 1).x(0).id(0).measure(0, 0);
    const shots = 40_000;
    const r = sampleTrajectoryCounts(c, { noise, shots, seed: 8 });
    const p = Math.exp(-t / t1);
    expect(Math.abs((r.counts['1'] ?? 0) / shots - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / shots));
    // Relaxation is state dependent: the two branches are two trajectories, not one per shot.
    expect(r.trajectories).toBe(2);
  });

  it('simulates only touched qubits; reproducible for a seed; counts split by register as the density matrix does', () => {
    const c = new Circuit(156, { classicalRegisters: [['a', 1], ['b', 2]] }).x(3).cx(3, 77).h(155).measure(3, 0).measure(77, 1).measure(155, 2);
    const noise = noiseModelOf(mixedErrorTable());
    const a = sampleTrajectoryCounts(c, { noise, shots: 300, seed: 5 });
    const b = sampleTrajectoryCounts(c, { noise, shots: 300, seed: 5 });
    expect(a.qubits).toEqual([3, 77, 155]);
    expect(a.counts).toEqual(b.counts);
    expect(a.seed).toBe(5);
    const dm = sampleDensityMatrixCounts(c, { noise, shots: 300, seed: 5 });
    expect(Object.keys(a.registerCounts)).toEqual(Object.keys(dm.registerCounts));
    expect(Object.keys(a.registerCounts.b!).every((k) => k.length === 2)).toBe(true);
  });

  it('refuses what the density matrix refuses: a gate after a measurement, bad shots, unbound parameters', () => {
    expect(() => sampleTrajectoryCounts(new Circuit(1, 1).measure(0, 0).x(0), { shots: 10 })).toThrow(CircuitValidationError);
    expect(() => sampleTrajectoryCounts(new Circuit(1, 1).measure(0, 0).x(0), { shots: 10 })).toThrow(/trajectory simulator supports only final measurements/);
    expect(() => sampleTrajectoryCounts(new Circuit(1, 1), { shots: 0 })).toThrow(InputValidationError);
    expect(() => sampleTrajectoryCounts(new Circuit(1, 1), { shots: 1.5 })).toThrow(/shots must be a positive integer/);
  });

  it('a reset mid-circuit returns the qubit to |0⟩ (matches the density matrix)', () => {
    const c = new Circuit(2, 2).h(0).cx(0, 1).reset(0).measure(0, 0).measure(1, 1);
    const r = sampleTrajectoryCounts(c, { shots: 4000, seed: 3 });
    expect(Object.keys(r.counts).sort()).toEqual(['00', '10']);
    expectWithin4Sigma(r.counts, measurementProbabilities(c).probabilities, 4000);
  });

  it('a two-qubit readout error needs both qubits measured (same message as the density matrix); an aborted signal stops the run', () => {
    const noise = new NoiseModel().addReadoutError(new ReadoutError([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]), [0, 1]);
    const half = new Circuit(2, 1).x(1).measure(0, 0);
    expect(() => sampleTrajectoryCounts(half, { noise, shots: 10 })).toThrow(InputValidationError);
    expect(() => sampleTrajectoryCounts(half, { noise, shots: 10 })).toThrow(/needs all of them measured; qubit\(s\) 1 are not/);
    const controller = new AbortController();
    controller.abort();
    expect(() => sampleTrajectoryCounts(new Circuit(1, 1).x(0).measure(0, 0), { shots: 10, signal: controller.signal })).toThrow(AbortedError);
  });

  it('readout per shot group: a bit-flip readout on |1⟩ reads 0 with the row\'s probability (4σ)', () => {
    const noise = new NoiseModel().addReadoutError(new ReadoutError([[1, 0], [0.25, 0.75]]));
    const shots = 20_000;
    const r = sampleTrajectoryCounts(new Circuit(1, 1).x(0).measure(0, 0), { noise, shots, seed: 11 });
    expect(r.trajectories).toBe(1);
    expect(r.readoutQubits).toEqual([0]);
    expect(Math.abs((r.counts['0'] ?? 0) / shots - 0.25)).toBeLessThan(4 * Math.sqrt((0.25 * 0.75) / shots));
  });
});
