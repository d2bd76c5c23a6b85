/**
 * Readout mitigation (M3-style subspace solve): against references built here — the full
 * tensored inverse ⊗A_q⁻¹ applied densely, a hand-made assignment matrix applied to known ideal
 * probabilities, counts from the density-matrix simulator with a readout-only noise model, and
 * an independent sort-based Euclidean projection onto the simplex.
 */
import { Circuit } from '../../../src/circuit/circuit';
import { NoiseModel, ReadoutError } from '../../../src/noise';
import {
  assignmentFromCalibration,
  measureAssignment,
  measuredQubits,
  mitigateCounts,
  nearestProbabilities,
  reducedAssignmentMatrix,
  solveM3,
  tensoredAssignment,
  type QubitAssignmentMatrix,
} from '../../../src/noise/mitigation';
import { sampleDensityMatrixCounts } from '../../../simulators/density-matrix';
import { fakeDevice } from '../../../simulators/fake';
import { Prng } from '../../../src/core/random';
import { densityMatrixBackend } from '../../support/readout-backend';
import { fakeTarget } from '../../support/transpiler';

type Dense = number[][];

/** Column-stochastic A[measured][prepared] of one qubit from its [prepared][measured] matrix. */
const colStochastic = (m: QubitAssignmentMatrix): Dense => [
  [m[0][0], m[1][0]],
  [m[0][1], m[1][1]],
];
const kron = (a: Dense, b: Dense): Dense => a.flatMap((ra) => b.map((rb) => ra.flatMap((x) => rb.map((y) => x * y))));
const inv2 = (a: Dense): Dense => {
  const det = a[0]![0]! * a[1]![1]! - a[0]![1]! * a[1]![0]!;
  return [
    [a[1]![1]! / det, -a[0]![1]! / det],
    [-a[1]![0]! / det, a[0]![0]! / det],
  ];
};
const matvec = (a: Dense, v: number[]): number[] => a.map((row) => row.reduce((s, x, j) => s + x * v[j]!, 0));
/** ⊗ over bits, highest bit first so that the dense index is the bit string's value. */
const tensor = (perBit: Dense[]): Dense => [...perBit].reverse().reduce((acc, m) => kron(acc, m));
const key = (i: number, n: number): string => i.toString(2).padStart(n, '0');

function randomMatrices(n: number, rng: Prng): QubitAssignmentMatrix[] {
  return Array.from({ length: n }, () => {
    const p10 = 0.01 + 0.1 * rng.next();
    const p01 = 0.01 + 0.15 * rng.next();
    return [
      [1 - p10, p10],
      [p01, 1 - p01],
    ] as const;
  });
}

describe('M3 solve against the full tensored inverse', () => {
  test('every bit string observed, no truncation: equals ⊗A_q⁻¹·p to 1e-12', () => {
    const rng = new Prng(11);
    const n = 4;
    const matrices = randomMatrices(n, rng);
    const counts: Record<string, number> = {};
    for (let i = 0; i < 2 ** n; i++) counts[key(i, n)] = 1 + Math.floor(rng.next() * 500);
    const shots = Object.values(counts).reduce((a, b) => a + b, 0);
    const p = Array.from({ length: 2 ** n }, (_, i) => counts[key(i, n)]! / shots);
    const reference = matvec(tensor(matrices.map((m) => inv2(colStochastic(m)))), p);
    const quasi = solveM3(counts, matrices);
    expect(quasi.method).toBe('direct');
    expect(quasi.dimension).toBe(16);
    for (let i = 0; i < 2 ** n; i++) expect(Math.abs(quasi.values.get(key(i, n))! - reference[i]!)).toBeLessThan(1e-12);
    // Some entries of A⁻¹p are negative here: quasi-probabilities, summing to 1.
    expect([...quasi.values.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  test('a hand-made 2-qubit assignment maps ideal probabilities to noisy ones, and mitigation recovers the ideal (exact)', () => {
    // bit 0: P(1|0) = 0.05, P(0|1) = 0.1; bit 1: P(1|0) = 0.02, P(0|1) = 0.08.
    const m0 = [[0.95, 0.05], [0.1, 0.9]] as const;
    const m1 = [[0.98, 0.02], [0.08, 0.92]] as const;
    const ideal: Record<string, number> = { '00': 0.4, '01': 0.1, '10': 0.2, '11': 0.3 };
    // noisy(b1 b0) = Σ_prepared P(b0 | a0)·P(b1 | a1)·ideal(a1 a0), written out term by term.
    const P = (m: readonly (readonly number[])[], prep: number, meas: number): number => m[prep]![meas]!;
    const noisy: Record<string, number> = {};
    for (const b of ['00', '01', '10', '11']) {
      let s = 0;
      for (const a of ['00', '01', '10', '11']) s += P(m0, +a[1]!, +b[1]!) * P(m1, +a[0]!, +b[0]!) * ideal[a]!;
      noisy[b] = s;
    }
    // One value by hand: P(read 00) = .4·.95·.98 + .1·.1·.98 + .2·.95·.08 + .3·.1·.08.
    expect(noisy['00']).toBeCloseTo(0.4 * 0.95 * 0.98 + 0.1 * 0.1 * 0.98 + 0.2 * 0.95 * 0.08 + 0.3 * 0.1 * 0.08, 15);
    const a = tensoredAssignment([{ qubit: 5, matrix: m0 as unknown as number[][] }, { qubit: 2, matrix: m1 as unknown as number[][] }]);
    const out = mitigateCounts(noisy, { assignment: a, qubits: [5, 2] });
    for (const [k, v] of Object.entries(ideal)) expect(Math.abs(out.quasi.values.get(k)! - v)).toBeLessThan(1e-12);
    // Matrices matched by qubit, not by position: swapping the qubit map gives another answer.
    const swapped = mitigateCounts(noisy, { assignment: a, qubits: [2, 5] });
    expect(Math.abs(swapped.quasi.values.get('01')! - ideal['01']!)).toBeGreaterThan(1e-3);
  });

  test('the iterative solver (GMRES) agrees with the direct one to 1e-9', () => {
    const rng = new Prng(5);
    const n = 7;
    const matrices = randomMatrices(n, rng);
    const counts: Record<string, number> = {};
    for (let s = 0; s < 300; s++) {
      const k = key(Math.floor(rng.next() * 2 ** n), n);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    const direct = solveM3(counts, matrices, { method: 'direct' });
    const iter = solveM3(counts, matrices, { method: 'iterative' });
    expect(iter.method).toBe('iterative');
    expect(iter.iterations).toBeGreaterThan(0);
    expect(direct.dimension).toBeLessThan(2 ** n); // a proper subspace
    for (const [k, v] of direct.values) expect(Math.abs(iter.values.get(k)! - v)).toBeLessThan(1e-9);
    // auto picks GMRES past the direct limit.
    expect(solveM3(counts, matrices, { directLimit: 10 }).method).toBe('iterative');
  });
});

describe('reduced assignment matrix (subspace of observed strings, Hamming truncation, column normalisation)', () => {
  const m0 = [[0.9, 0.1], [0.2, 0.8]] as const;
  const m1 = [[0.95, 0.05], [0.15, 0.85]] as const;
  const counts = { '00': 50, '01': 10, '11': 40 };

  test('elements are Π_q P(read b_i(q) | prepared b_j(q)) over observed strings, columns normalised', () => {
    const { matrix, keys, columnNorms } = reducedAssignmentMatrix(counts, [m0, m1]);
    expect(keys).toEqual(['00', '01', '11']);
    // Column '00' (prepared 00): rows 00, 01, 11 read with P = .9·.95, .1·.95, .1·.05.
    const raw = [0.9 * 0.95, 0.1 * 0.95, 0.1 * 0.05];
    const norm = raw.reduce((a, b) => a + b, 0);
    expect(columnNorms[0]).toBeCloseTo(norm, 15);
    raw.forEach((v, i) => expect(matrix[i]![0]).toBeCloseTo(v / norm, 15));
    for (let j = 0; j < 3; j++) expect(matrix.reduce((s, row) => s + row[j]!, 0)).toBeCloseTo(1, 14);
  });

  test('distance 1 drops the entries between strings two flips apart', () => {
    const { matrix } = reducedAssignmentMatrix(counts, [m0, m1], 1);
    expect(matrix[2]![0]).toBe(0); // 00 ↔ 11
    expect(matrix[0]![2]).toBe(0);
    expect(matrix[1]![0]).toBeGreaterThan(0);
    // distance 0 keeps only the diagonal: after normalisation the identity, so x = p.
    const x = solveM3(counts, [m0, m1], { distance: 0 });
    expect(x.values.get('00')).toBeCloseTo(0.5, 15);
    expect(x.values.get('11')).toBeCloseTo(0.4, 15);
  });
});

describe('mitigation of sampled counts (density-matrix simulator, readout-only noise)', () => {
  test('GHZ-3 counts at 20 000 shots are mitigated to within 4σ of the ideal; the raw counts are not', () => {
    const perQubit: QubitAssignmentMatrix[] = [
      [[0.96, 0.04], [0.09, 0.91]],
      [[0.93, 0.07], [0.05, 0.95]],
      [[0.97, 0.03], [0.12, 0.88]],
    ];
    const noise = new NoiseModel();
    perQubit.forEach((m, q) => noise.addReadoutError(new ReadoutError(m as unknown as number[][]), [q]));
    const circuit = new Circuit(3).h(0).cx(0, 1).cx(1, 2).measureAll();
    const shots = 20_000;
    const sampled = sampleDensityMatrixCounts(circuit, { noise, shots, seed: 2024 });
    const counts = sampled.registerCounts['meas']!;
    const assignment = tensoredAssignment(perQubit.map((m, q) => ({ qubit: q, matrix: m as unknown as number[][] })));
    const qubits = measuredQubits(circuit, 'meas');
    expect(qubits).toEqual([0, 1, 2]);
    const out = mitigateCounts(counts, { assignment, qubits, nearest: true });
    // σ of A⁻¹p̂ from the multinomial covariance at the exact noisy p: A⁻¹ Σ A⁻ᵀ.
    const n = 3;
    const ideal = Array.from({ length: 8 }, (_, i) => (i === 0 || i === 7 ? 0.5 : 0));
    const A = tensor(perQubit.map(colStochastic));
    const Ainv = tensor(perQubit.map((m) => inv2(colStochastic(m))));
    const p = matvec(A, ideal);
    const sigma = Ainv.map((row) => {
      let v = 0;
      for (let a = 0; a < 8; a++) for (let b = 0; b < 8; b++) v += row[a]! * row[b]! * ((a === b ? p[a]! : 0) - p[a]! * p[b]!);
      return Math.sqrt(v / shots);
    });
    expect(out.quasi.dimension).toBe(8);
    for (let i = 0; i < 8; i++) {
      const got = out.quasi.values.get(key(i, n)) ?? 0;
      expect(Math.abs(got - ideal[i]!)).toBeLessThan(4 * sigma[i]!);
    }
    // Unmitigated, P(000) is off by many σ (readout pulls ~7 % out of 000).
    const raw000 = (counts['000'] ?? 0) / shots;
    expect(Math.abs(raw000 - 0.5)).toBeGreaterThan(10 * sigma[0]!);
    // The nearest probability distribution has no negative entries and sums to 1.
    const near = [...out.nearest!.values()];
    expect(Math.min(...near)).toBeGreaterThanOrEqual(0);
    expect(near.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});

describe('nearest probability distribution (Smolin, Gambetta & Smith)', () => {
  /** Euclidean projection onto the simplex by the sort-and-threshold rule (Duchi et al. 2008). */
  function projectSimplex(v: number[]): number[] {
    const u = [...v].sort((a, b) => b - a);
    let css = 0;
    let theta = 0;
    for (let i = 0; i < u.length; i++) {
      css += u[i]!;
      const t = (css - 1) / (i + 1);
      if (u[i]! - t > 0) theta = t;
    }
    return v.map((x) => Math.max(x - theta, 0));
  }

  test('equals the Euclidean projection onto the simplex on random quasi-distributions', () => {
    const rng = new Prng(3);
    for (let trial = 0; trial < 20; trial++) {
      const raw = Array.from({ length: 8 }, () => rng.next() - 0.3);
      const s = raw.reduce((a, b) => a + b, 0);
      const v = raw.map((x) => x - (s - 1) / raw.length); // sum 1, some negative
      const quasi = new Map(v.map((x, i) => [key(i, 3), x]));
      const got = nearestProbabilities(quasi);
      const want = projectSimplex(v);
      want.forEach((w, i) => expect(Math.abs((got.get(key(i, 3)) ?? 0) - w)).toBeLessThan(1e-12));
    }
  });

  test('a worked case: (0.6, 0.5, −0.1) → (0.55, 0.45, 0)', () => {
    const got = nearestProbabilities(new Map([['00', 0.6], ['01', 0.5], ['10', -0.1]]));
    expect(got.get('00')).toBeCloseTo(0.55, 15);
    expect(got.get('01')).toBeCloseTo(0.45, 15);
    expect(got.has('10')).toBe(false);
  });
});

describe('assignment matrices from calibration and from calibration circuits', () => {
  test('from a fake device: the published prob_meas1_prep0 / prob_meas0_prep1 of each qubit', () => {
    const { properties } = fakeDevice('fake_fez').load();
    const a = assignmentFromCalibration(fakeTarget('fake_fez'), [0, 7], 'fake_fez');
    expect(a.source).toBe('calibration');
    for (const q of [0, 7]) {
      const p = Object.fromEntries(properties.qubits[q]!.map((e) => [e.name, e.value]));
      const m = a.qubits.find((e) => e.qubit === q)!.matrix;
      expect(m[0][1]).toBe(p['prob_meas1_prep0']);
      expect(m[1][0]).toBe(p['prob_meas0_prep1']);
    }
  });

  test('measured on a readout-noisy backend: each qubit within 4σ of its true matrix, shots reported', async () => {
    const truth: QubitAssignmentMatrix[] = [
      [[0.97, 0.03], [0.1, 0.9]],
      [[0.9, 0.1], [0.04, 0.96]],
    ];
    const noise = new NoiseModel();
    noise.addReadoutError(new ReadoutError(truth[0] as unknown as number[][]), [1]);
    noise.addReadoutError(new ReadoutError(truth[1] as unknown as number[][]), [3]);
    const backend = densityMatrixBackend(noise, 4);
    const shots = 8000;
    const a = await measureAssignment(backend, [1, 3], { shots, seed: 9 });
    expect(a.source).toBe('measured');
    expect(a.shotsPerCircuit).toBe(shots);
    expect(a.shotsUsed).toBe(2 * shots);
    expect(backend.runs).toBe(1);
    [1, 3].forEach((q, k) => {
      const m = a.qubits.find((e) => e.qubit === q)!.matrix;
      for (const prep of [0, 1] as const) {
        const want = truth[k]![prep][1 - prep]!;
        const sigma = Math.sqrt((want * (1 - want)) / shots);
        expect(Math.abs(m[prep][1 - prep] - want)).toBeLessThan(4 * sigma);
      }
    });
  });
});

describe('typed errors', () => {
  const m = [[0.9, 0.1], [0.1, 0.9]] as const;
  test.each([
    ['a bit string of the wrong length', { '0': 3 }, /not 2 binary digits/],
    ['a non-binary digit', { '0x': 3 }, /not 2 binary digits/],
    ['a NaN count', { '00': NaN }, /finite number/],
    ['a negative count', { '00': -1 }, /finite number/],
    ['no counts', {}, /none were given/],
    ['counts summing to 0', { '00': 0 }, /sum to 0/],
  ])('%s', (_what, counts, message) => {
    expect(() => solveM3(counts as Record<string, number>, [m, m])).toThrow(expect.objectContaining({ code: 'INPUT_INVALID', message: expect.stringMatching(message) }));
  });

  test('a NaN or non-stochastic matrix, a singular one, a bad distance', () => {
    expect(() => solveM3({ '0': 1 }, [[[NaN, 1], [0, 1]] as unknown as QubitAssignmentMatrix])).toThrow(/probability/);
    expect(() => tensoredAssignment([{ qubit: 0, matrix: [[0.9, 0.2], [0.1, 0.9]] }])).toThrow(/sums to/);
    expect(() => tensoredAssignment([{ qubit: 0, matrix: [[0.5, 0.5], [0.5, 0.5]] }])).toThrow(/singular/);
    expect(() => tensoredAssignment([{ qubit: 0, matrix: [[1, 0]] }])).toThrow(/2×2/);
    expect(() => solveM3({ '00': 1 }, [m, m], { distance: 3 })).toThrow(/Hamming distance/);
  });

  test('an unmeasured bit and a measured qubit without a matrix are named', () => {
    const c = new Circuit(2, { classicalRegisters: { c: 2 } }).h(0).measure(0, 0);
    expect(() => measuredQubits(c, 'c')).toThrow(/bit 1 of register 'c' is never measured/);
    expect(() => measuredQubits(c, 'nope')).toThrow(/no classical register 'nope'/);
    const a = tensoredAssignment([{ qubit: 0, matrix: m as unknown as number[][] }]);
    expect(() => mitigateCounts({ '00': 1 }, { assignment: a, qubits: [0, 4] })).toThrow(/no assignment matrix for measured qubit 4/);
  });

  test('calibration without readout data for a wanted qubit', () => {
    expect(() => assignmentFromCalibration(fakeTarget('fake_fez'), [100_000])).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});
