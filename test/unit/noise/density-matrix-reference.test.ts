/**
 * ACCEPTANCE: the density-matrix simulator against an independent dense Kraus-sum reference
 * (test/support/noisy-circuits.ts: full 2^n × 2^n operators, ρ → Σ K ρ K†), and the exact and
 * trajectory expectation values against Tr(ρP) on that reference.
 */
import { Circuit } from '../../../src/circuit/circuit';
import { Prng } from '../../../src/core/random';
import { densityMatrixExpectation, simulateDensityMatrix } from '../../../simulators/density-matrix';
import { trajectoryExpectations } from '../../../simulators/trajectories';
import { kron, mat, matmul, type Mat } from '../../support/dense';
import { denseKrausRho, mixedErrorTable, noiseModelOf, randomNoisyCircuit } from '../../support/noisy-circuits';

const PAULI: Record<string, Mat> = {
  I: mat([[1, 0], [0, 1]]),
  X: mat([[0, 1], [1, 0]]),
  Y: mat([[0, [0, -1]], [[0, 1], 0]]),
  Z: mat([[1, 0], [0, -1]]),
};

/** Re Tr(ρ·Σ c P) with P = kron of the label's letters (leftmost letter = highest qubit). */
function referenceExpectation(rho: Mat, obs: ReadonlyArray<readonly [string, number]>): number {
  let total = 0;
  for (const [label, coeff] of obs) {
    let p: Mat = PAULI[label[0]!]!;
    for (const ch of label.slice(1)) p = kron(p, PAULI[ch]!);
    const prod = matmul(rho, p);
    let tr = 0;
    for (let i = 0; i < rho.dim; i++) tr += prod.data[2 * (i * rho.dim + i)]!;
    total += coeff * tr;
  }
  return total;
}

function maxRhoDiff(circuit: Circuit, ref: Mat): number {
  const rho = simulateDensityMatrix(circuit, { noise: noiseModelOf(mixedErrorTable(), false) });
  // Every qubit is touched in these circuits, so local index = circuit qubit.
  expect(rho.qubits).toEqual([...Array(circuit.numQubits).keys()]);
  const d = ref.dim;
  let worst = 0;
  for (let i = 0; i < d * d; i++) worst = Math.max(worst, Math.hypot(rho.re[i]! - ref.data[2 * i]!, rho.im[i]! - ref.data[2 * i + 1]!));
  return worst;
}

function randomLabel(n: number, rng: Prng): string {
  return Array.from({ length: n }, () => 'IXYZ'[rng.integer(4)]).join('');
}

describe('density matrix vs dense Kraus-sum reference', () => {
  it('ACCEPTANCE: random 3–4 qubit noisy circuits (depolarizing, amplitude damping, thermal relaxation, Pauli, resets) agree to 1e-12', () => {
    const rng = new Prng(41);
    for (let trial = 0; trial < 4; trial++) {
      const n = 3 + (trial % 2);
      const c = randomNoisyCircuit(n, 25, rng, trial >= 2);
      expect(maxRhoDiff(c, denseKrausRho(c, mixedErrorTable()))).toBeLessThan(1e-12);
    }
  });

  it('ACCEPTANCE: the random 6-qubit noisy circuits of the trajectory test agree to 1e-12', () => {
    const rng = new Prng(14);
    const c = randomNoisyCircuit(6, 30, rng);
    expect(maxRhoDiff(c, denseKrausRho(c, mixedErrorTable()))).toBeLessThan(1e-12);
  });

  it('densityMatrixExpectation equals Tr(ρP) of the reference (1e-12); trajectoryExpectations is within 4 standard errors of it', () => {
    const rng = new Prng(77);
    const table = mixedErrorTable();
    const noise = noiseModelOf(table, false);
    const c = randomNoisyCircuit(4, 20, rng);
    const ref = denseKrausRho(c, table);
    const observables = [0, 1, 2].map(() => [
      [randomLabel(4, rng), 0.7],
      [randomLabel(4, rng), -0.4],
    ] as [string, number][]);
    observables.push([['ZZZZ', 1]], [['IIIZ', 0.5], ['XIII', 2]]);
    const rho = simulateDensityMatrix(c, { noise });
    const exact = observables.map((o) => referenceExpectation(ref, o));
    observables.forEach((o, k) => expect(Math.abs(densityMatrixExpectation(rho, o) - exact[k]!)).toBeLessThan(1e-12));
    const traj = trajectoryExpectations(c, observables, { noise, trajectories: 4000, seed: 9 });
    expect(traj.trajectories).toBe(4000);
    expect(traj.distinctTrajectories).toBeGreaterThan(1);
    observables.forEach((_, k) => {
      expect(traj.stdErrors[k]).toBeGreaterThan(0);
      expect(Math.abs(traj.values[k]! - exact[k]!)).toBeLessThanOrEqual(4 * traj.stdErrors[k]!);
    });
  });

  it('expectations on qubits the simulation does not hold: Z there is +1, X or Y makes the term 0', () => {
    const c = new Circuit(3).x(1);
    const rho = simulateDensityMatrix(c);
    expect(rho.qubits).toEqual([1]);
    expect(densityMatrixExpectation(rho, [['ZZZ', 1]])).toBeCloseTo(-1, 12);
    expect(densityMatrixExpectation(rho, [['XZI', 1]])).toBe(0);
    const t = trajectoryExpectations(c, [[['ZZZ', 1]], [['IZX', 1]]], { trajectories: 2, seed: 1 });
    expect(t.values).toEqual([-1, 0]);
    expect(t.stdErrors).toEqual([0, 0]);
    expect(() => trajectoryExpectations(c, [[['ZZ', 1]]], { trajectories: 2 })).toThrow(/has 2 letter/);
    expect(() => trajectoryExpectations(c, [[['ZZZ', 1]]], { trajectories: 1 })).toThrow(/trajectories must be an integer ≥ 2/);
  });
});
