/**
 * The Nyström approximation (issue 17): exact for a kernel of rank ≤ m (closed forms), the
 * error shrinking as nested landmark sets grow, and the quantum fidelity kernel of 2 qubits
 * (rank ≤ 16) reproduced by 16 landmarks.
 */
import { InputValidationError } from '../../../src/core/errors';
import { Prng } from '../../../src/core/random';
import { KernelMatrix } from '../../../src/kernel/kernel-matrix';
import { nystromError, nystromKernel, type EvaluatesKernel } from '../../../src/kernel/nystrom';
import { QuantumKernel } from '../../../src/kernel/quantum-kernel';
import { zzFeatureMap } from '../../../src/kernel/feature-map';

/** A kernel from a closed form k(x, y) on points given as arrays. */
function closedForm(k: (x: ArrayLike<number>, y: ArrayLike<number>) => number): EvaluatesKernel & { calls: number[][] } {
  const calls: number[][] = [];
  return {
    calls,
    async evaluate(x, y) {
      const xs = x as ArrayLike<number>[];
      const ys = (y ?? x) as ArrayLike<number>[];
      calls.push([xs.length, ys.length]);
      const data = new Float64Array(xs.length * ys.length);
      xs.forEach((a, i) => ys.forEach((b, j) => (data[i * ys.length + j] = k(a, b))));
      return new KernelMatrix(xs.length, ys.length, data);
    },
  };
}

const rng = new Prng(5);
const points = Array.from({ length: 40 }, () => [rng.next() * 3, rng.next() * 3]);
const full = (k: (x: ArrayLike<number>, y: ArrayLike<number>) => number, idx: readonly number[]): KernelMatrix => {
  const data = new Float64Array(idx.length * idx.length);
  idx.forEach((i, a) => idx.forEach((j, b) => (data[a * idx.length + b] = k(points[i]!, points[j]!))));
  return new KernelMatrix(idx.length, idx.length, data);
};
const all = points.map((_, i) => i);

describe('nystromKernel', () => {
  it('cos²(x − y) has rank 3 (½(1 + cos2x cos2y + sin2x sin2y)): 3 landmarks reproduce it; only N × m entries are evaluated', async () => {
    const k = (x: ArrayLike<number>, y: ArrayLike<number>): number => Math.cos(x[0]! - y[0]!) ** 2;
    const kernel = closedForm(k);
    const approx = await nystromKernel(kernel, points, { landmarks: 3, seed: 2 });
    expect(approx.rank).toBe(3);
    expect(kernel.calls).toEqual([[40, 3]]);
    const err = nystromError(approx, full(k, all), all);
    expect(err.maxAbs).toBeLessThan(1e-10);
    // Two landmarks cannot: the rank-2 approximation misses a direction.
    const two = nystromError(await nystromKernel(closedForm(k), points, { landmarks: 2, seed: 2 }), full(k, all), all);
    expect(two.maxAbs).toBeGreaterThan(1e-3);
  });

  it('an RBF kernel (full rank): m = N is exact; nested landmark sets shrink the trace error Σ (K_ii − z_i·z_i) monotonically', async () => {
    const k = (x: ArrayLike<number>, y: ArrayLike<number>): number => Math.exp(-((x[0]! - y[0]!) ** 2 + (x[1]! - y[1]!) ** 2));
    const exact = full(k, all);
    const n = await nystromKernel(closedForm(k), points, { landmarks: 40, seed: 1, rcond: 0 });
    expect(nystromError(n, exact, all).maxAbs).toBeLessThan(1e-8);
    let previous = Infinity;
    for (const m of [4, 8, 16, 32]) {
      const a = await nystromKernel(closedForm(k), points, { landmarks: m, seed: 1 });
      const trace = all.reduce((s, i) => s + exact.get(i, i) - a.entry(i, i), 0);
      expect(trace).toBeGreaterThanOrEqual(-1e-9); // K − ZZᵀ is positive semidefinite
      expect(trace).toBeLessThanOrEqual(previous + 1e-9);
      previous = trace;
      // The landmarks of a smaller m are the first ones of a larger m.
      if (m > 4) expect(a.landmarks.slice(0, 4)).toEqual((await nystromKernel(closedForm(k), points, { landmarks: 4, seed: 1 })).landmarks);
    }
    expect(previous).toBeLessThan(0.1);
  });

  it('the 2-qubit ZZ fidelity kernel is Tr(ρ_x ρ_y), rank ≤ 16: 16 landmarks reproduce its exact Gram matrix', async () => {
    const kernel = new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2, reps: 2 }) });
    const x = points.slice(0, 30);
    const exact = await kernel.evaluate(x);
    const idx = x.map((_, i) => i);
    const approx = await nystromKernel(kernel, x, { landmarks: 16, seed: 3 });
    expect(approx.rank).toBeLessThanOrEqual(16);
    expect(nystromError(approx, exact, idx).maxAbs).toBeLessThan(1e-8);
    const four = nystromError(await nystromKernel(kernel, x, { landmarks: 4, seed: 3 }), exact, idx);
    expect(four.relativeFrobenius).toBeGreaterThan(1e-3);
  });

  it('refuses bad sizes and shapes with typed errors; features are handed out as copies', async () => {
    const kernel = closedForm(() => 1);
    await expect(nystromKernel(kernel, points, { landmarks: 0 })).rejects.toThrow(/landmarks must be an integer from 1 to the 40 points, got 0/);
    await expect(nystromKernel(kernel, points, { landmarks: 41 })).rejects.toThrow(InputValidationError);
    await expect(nystromKernel(kernel, points, { landmarks: 2, rcond: 1 })).rejects.toThrow(/rcond must be in \[0, 1\)/);
    await expect(nystromKernel(closedForm(() => Number.NaN), points, { landmarks: 2 })).rejects.toThrow(/non-finite entry/);
    const a = await nystromKernel(kernel, points, { landmarks: 3 });
    expect(a.rank).toBe(1); // the all-ones kernel has rank 1
    a.featureRows([0])[0]![0] = 99;
    expect(a.entry(0, 0)).toBeCloseTo(1, 12);
    expect(() => nystromError(a, full(() => 1, [0, 1]), [0, 1, 2])).toThrow(/expected 3×3/);
  });
});
