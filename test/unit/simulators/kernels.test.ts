/**
 * Kernel-level checks against the dense reference: the fused-diagonal kernel for every table
 * split, the product-state writer, and the paired one-qubit kernels.
 */
import { apply1qHadamard, apply1qPair, apply1qPairHadamard, apply1qPairReal } from '../../../simulators/statevector/ops/apply-1q';
import { applyPhaseTerms, chooseLowBits } from '../../../simulators/statevector/ops/apply-phase-terms';
import { writeProductState } from '../../../simulators/statevector/ops/product-state';
import { applyDense, kron, maxDiff, randomState, type Mat } from '../../support/dense';

const cis = (t: number): [number, number] => [Math.cos(t), Math.sin(t)];
const diagMat = (entries: Array<[number, number]>): Mat => {
  const dim = entries.length;
  const data = new Float64Array(2 * dim * dim);
  entries.forEach(([r, i], k) => {
    data[2 * (k * dim + k)] = r;
    data[2 * (k * dim + k) + 1] = i;
  });
  return { dim, data };
};

describe('applyPhaseTerms (one pass for a run of diagonal gates)', () => {
  const n = 7;
  const one = new Float64Array(4 * n);
  const pairs: number[] = [];
  const pd: number[] = [];
  for (let q = 0; q < n; q++) one.set([...cis(0.3 * q - 1), ...cis(1.1 * q + 0.2)], 4 * q);
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++)
      if ((a * 7 + b) % 3 !== 0) {
        pairs.push(a, b);
        for (let k = 0; k < 4; k++) pd.push(...cis(0.17 * (a + 1) * (b + 2) + 0.9 * k));
      }
  const pairQubits = Int32Array.from(pairs);
  const pairDiag = Float64Array.from(pd);
  const scalar = cis(0.77);

  // dense: one-qubit terms, then pair terms, then the scalar
  const start = randomState(n, 99);
  let want = start;
  for (let q = 0; q < n; q++) want = applyDense(want, diagMat([[one[4 * q]!, one[4 * q + 1]!], [one[4 * q + 2]!, one[4 * q + 3]!]]), [q]);
  for (let p = 0; p < pairs.length / 2; p++) {
    const e: Array<[number, number]> = [0, 1, 2, 3].map((k) => [pairDiag[8 * p + 2 * k]!, pairDiag[8 * p + 2 * k + 1]!]);
    want = applyDense(want, diagMat(e), [pairs[2 * p]!, pairs[2 * p + 1]!]);
  }
  want = {
    re: want.re.map((x, i) => scalar[0] * x - scalar[1] * want.im[i]!),
    im: want.im.map((x, i) => scalar[0] * x + scalar[1] * want.re[i]!),
  };

  it.each(Array.from({ length: n + 1 }, (_, L) => L))('matches the dense product with the table split at L = %i', (L) => {
    const s = { re: Float64Array.from(start.re), im: Float64Array.from(start.im) };
    applyPhaseTerms(s.re, s.im, n, one, pairQubits, pairDiag, scalar[0], scalar[1], L);
    expect(maxDiff(s, want)).toBeLessThan(1e-14);
  });

  it('chooses a split within [0, n]', () => {
    const L = chooseLowBits(n, pairQubits);
    expect(L).toBeGreaterThanOrEqual(0);
    expect(L).toBeLessThanOrEqual(n);
  });
});

describe('writeProductState', () => {
  it('writes ⊗_q (v_q0|0⟩ + v_q1|1⟩) (qubit 0 the least significant factor)', () => {
    for (const n of [1, 3, 12, 13]) {
      const v = new Float64Array(4 * n);
      for (let q = 0; q < n; q++) v.set([...cis(q), 0.5 * Math.cos(q + 1), 0.25 * Math.sin(q)], 4 * q);
      let m: Mat = { dim: 2, data: Float64Array.of(v[0]!, v[1]!, 0, 0, v[2]!, v[3]!, 0, 0) };
      for (let q = 1; q < n; q++) m = kron({ dim: 2, data: Float64Array.of(v[4 * q]!, v[4 * q + 1]!, 0, 0, v[4 * q + 2]!, v[4 * q + 3]!, 0, 0) }, m);
      const re = new Float64Array(2 ** n), im = new Float64Array(2 ** n);
      writeProductState(re, im, n, v);
      const wantRe = new Float64Array(2 ** n), wantIm = new Float64Array(2 ** n);
      for (let i = 0; i < 2 ** n; i++) {
        wantRe[i] = m.data[2 * (i * m.dim)]!;
        wantIm[i] = m.data[2 * (i * m.dim) + 1]!;
      }
      expect(maxDiff({ re, im }, { re: wantRe, im: wantIm })).toBeLessThan(1e-15);
    }
  });
});

describe('paired one-qubit kernels', () => {
  const A = Float64Array.of(0.6, 0.1, -0.2, 0.7, 0.3, -0.5, 0.1, 0.4);
  const B = Float64Array.of(-0.3, 0.2, 0.8, 0.1, 0.5, 0.5, -0.6, 0.2);
  const RA = Float64Array.of(0.6, 0, -0.8, 0, 0.8, 0, 0.6, 0);
  const RB = Float64Array.of(Math.SQRT1_2, 0, Math.SQRT1_2, 0, Math.SQRT1_2, 0, -Math.SQRT1_2, 0);
  const n = 5;
  const placements = [[0, 1], [1, 0], [0, 4], [3, 1], [2, 3], [4, 2]];
  it.each(placements)('complex pair on qubits (%i, %i) = A on qa then B on qb', (qa, qb) => {
    const s = randomState(n, qa! * 10 + qb!);
    const want = applyDense(applyDense(s, { dim: 2, data: A }, [qa!]), { dim: 2, data: B }, [qb!]);
    const got = { re: Float64Array.from(s.re), im: Float64Array.from(s.im) };
    apply1qPair(got.re, got.im, qa!, A, qb!, B);
    expect(maxDiff(got, want)).toBeLessThan(1e-15);
  });
  it.each(placements)('real pair on qubits (%i, %i)', (qa, qb) => {
    const s = randomState(n, qa! * 10 + qb! + 5);
    const want = applyDense(applyDense(s, { dim: 2, data: RA }, [qa!]), { dim: 2, data: RB }, [qb!]);
    const got = { re: Float64Array.from(s.re), im: Float64Array.from(s.im) };
    apply1qPairReal(got.re, got.im, qa!, RA, qb!, RB);
    expect(maxDiff(got, want)).toBeLessThan(1e-15);
  });
  const K = 0.8;
  const HK = Float64Array.of(K, 0, K, 0, K, 0, -K, 0);
  const HS = Float64Array.of(Math.SQRT1_2, 0, Math.SQRT1_2, 0, Math.SQRT1_2, 0, -Math.SQRT1_2, 0);
  it.each(placements)('Hadamard-shaped pair on qubits (%i, %i)', (qa, qb) => {
    const s = randomState(n, qa! * 10 + qb! + 7);
    const want = applyDense(applyDense(s, { dim: 2, data: HK }, [qa!]), { dim: 2, data: HS }, [qb!]);
    const got = { re: Float64Array.from(s.re), im: Float64Array.from(s.im) };
    apply1qPairHadamard(got.re, got.im, qa!, qb!, K * Math.SQRT1_2);
    expect(maxDiff(got, want)).toBeLessThan(1e-15);
  });
  it.each([0, 2, 4])('Hadamard-shaped single gate on qubit %i', (q) => {
    const s = randomState(n, q + 40);
    const want = applyDense(s, { dim: 2, data: HK }, [q]);
    const got = { re: Float64Array.from(s.re), im: Float64Array.from(s.im) };
    apply1qHadamard(got.re, got.im, q, K);
    expect(maxDiff(got, want)).toBeLessThan(1e-15);
  });
});
