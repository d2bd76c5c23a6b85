import { simulateStatevector } from '../../../simulators/statevector';
import { InputValidationError } from '../../../src/core/errors';
import { QuantumKernel, zFeatureMap, zzFeatureMap } from '../../../src/kernel';
import { KernelMatrix } from '../../../src/kernel/kernel-matrix';
import { DEFAULT_BANDWIDTH_GRID, selectBandwidth } from '../../../src/kernel/learn/bandwidth';
import { crossValidateKernel, stratifiedKFold } from '../../../src/kernel/learn/cross-validation';
import { loadLibSvm } from '../../../src/kernel/learn/qsvc';

/** |⟨ψ(x)|ψ(y)⟩|² from two amplitude arrays. */
function fidelity(a: { re: Float64Array; im: Float64Array }, b: { re: Float64Array; im: Float64Array }): number {
  let re = 0;
  let im = 0;
  for (let i = 0; i < a.re.length; i++) {
    re += a.re[i]! * b.re[i]! + a.im[i]! * b.im[i]!;
    im += a.re[i]! * b.im[i]! - a.im[i]! * b.re[i]!;
  }
  return re * re + im * im;
}

describe('feature map bandwidth (x → c·x before encoding)', () => {
  it('1-qubit Z map, reps 1, alpha 2: K(x, y) = cos²(c·(x − y)) (closed form)', async () => {
    for (const c of [0.1, 0.5, 1, 1.7]) {
      const kernel = new QuantumKernel({ featureMap: zFeatureMap({ featureDimension: 1, reps: 1, bandwidth: c }) });
      const k = await kernel.evaluate([[0.3], [2.9], [-1.2]]);
      const xs = [0.3, 2.9, -1.2];
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(k.get(i, j)).toBeCloseTo(Math.cos(c * (xs[i]! - xs[j]!)) ** 2, 12);
    }
  });

  it('2-qubit ZZ map, reps 1: the kernel equals the dense diagonal-phase formula with c·x', async () => {
    // H⊗H then phases: amplitude of |b1 b0⟩ is ½·exp(i·2[c·x0·b0 + c·x1·b1 + (π − c·x0)(π − c·x1)·(b0 ⊕ b1)]).
    const dense = (x: number[], c: number): { re: Float64Array; im: Float64Array } => {
      const re = new Float64Array(4);
      const im = new Float64Array(4);
      for (let b = 0; b < 4; b++) {
        const b0 = b & 1;
        const b1 = (b >> 1) & 1;
        const phase = 2 * (c * x[0]! * b0 + c * x[1]! * b1 + (Math.PI - c * x[0]!) * (Math.PI - c * x[1]!) * (b0 ^ b1));
        re[b] = Math.cos(phase) / 2;
        im[b] = Math.sin(phase) / 2;
      }
      return { re, im };
    };
    const pts = [[0.4, 5.9], [3.1, 1.0], [6.0, 2.2]];
    for (const c of [0.05, 0.3, 1]) {
      const k = await new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2, reps: 1, bandwidth: c }) }).evaluate(pts);
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(k.get(i, j)).toBeCloseTo(fidelity(dense(pts[i]!, c), dense(pts[j]!, c)), 12);
    }
  });

  it('the hardware circuit carries the bandwidth: binding raw x and simulating gate by gate gives the engine state', () => {
    const fm = zzFeatureMap({ featureDimension: 3, reps: 2, entanglement: 'full', bandwidth: 0.37 });
    const x = [1.1, 4.2, 5.7];
    const s = simulateStatevector(fm.assign(x), { fusion: false });
    const e = fm.statevector(x);
    expect(fidelity(s, e)).toBeCloseTo(1, 12);
    // And it is not the unscaled state (a map that ignored the bandwidth would give fidelity 1 here).
    expect(fidelity(simulateStatevector(zzFeatureMap({ featureDimension: 3, reps: 2 }).assign(x)), e)).toBeLessThan(0.99);
  });

  it('the id records the bandwidth (cache keys differ); bandwidth 1 keeps the unscaled id', () => {
    const plain = zzFeatureMap({ featureDimension: 2 });
    expect(zzFeatureMap({ featureDimension: 2, bandwidth: 1 }).id).toBe(plain.id);
    expect(zzFeatureMap({ featureDimension: 2, bandwidth: 0.5 }).id).not.toBe(plain.id);
    expect(zzFeatureMap({ featureDimension: 2, bandwidth: 0.5 }).bandwidth).toBe(0.5);
  });

  it('refuses a bandwidth that is not a finite number > 0', () => {
    for (const c of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => zzFeatureMap({ featureDimension: 2, bandwidth: c })).toThrow(InputValidationError);
    }
  });
});

describe('stratifiedKFold', () => {
  const labels = [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2];
  it('partitions every index once; each fold holds each class in proportion (±1) and sizes differ by ≤ 1', () => {
    const folds = stratifiedKFold(labels, 4, 7);
    expect(folds.flat().sort((a, b) => a - b)).toEqual(labels.map((_, i) => i));
    const sizes = folds.map((f) => f.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    for (const cls of [0, 1, 2]) {
      const total = labels.filter((l) => l === cls).length;
      for (const f of folds) {
        const n = f.filter((i) => labels[i] === cls).length;
        expect(Math.abs(n - total / 4)).toBeLessThan(1);
      }
    }
  });
  it('is reproducible by seed and shuffles (another seed, other folds)', () => {
    expect(stratifiedKFold(labels, 4, 7)).toEqual(stratifiedKFold(labels, 4, 7));
    expect(stratifiedKFold(labels, 4, 8)).not.toEqual(stratifiedKFold(labels, 4, 7));
  });
  it('refuses more folds than the smallest class has points, and fewer than 2', () => {
    expect(() => stratifiedKFold(labels, 6, 0)).toThrow(/smallest class has only 5/);
    expect(() => stratifiedKFold(labels, 1, 0)).toThrow(InputValidationError);
  });
});

describe('cross-validation on one training kernel', () => {
  // Two noisy clusters in 2-d (fixed values: no generator in the test).
  const x = [[0.2, 0.3], [0.5, 0.1], [0.1, 0.6], [0.4, 0.4], [0.7, 0.2], [0.3, 0.9], [2.6, 2.9], [2.9, 2.4], [2.2, 2.7], [2.5, 2.2], [3.0, 2.8], [2.1, 1.9]];
  const y = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1];

  it('equals recomputing each fold\'s kernels and calling libsvm-js directly', async () => {
    const fm = zzFeatureMap({ featureDimension: 2, reps: 2, bandwidth: 0.4 });
    const kernel = new QuantumKernel({ featureMap: fm });
    const folds = stratifiedKFold(y, 3, 11);
    const got = await crossValidateKernel(await kernel.evaluate(x), y, folds, 1);
    const SVM = await loadLibSvm();
    const want: number[] = [];
    for (const held of folds) {
      const rest = x.map((_, i) => i).filter((i) => !held.includes(i));
      // A fresh kernel (no shared cache) on the fold's own points.
      const fresh = new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2, reps: 2, bandwidth: 0.4 }), cache: false });
      const kTrain = await fresh.evaluate(rest.map((i) => x[i]!));
      const kTest = await fresh.evaluate(held.map((i) => x[i]!), rest.map((i) => x[i]!));
      const svm = new SVM({ type: SVM.SVM_TYPES.C_SVC, kernel: SVM.KERNEL_TYPES.PRECOMPUTED, cost: 1, quiet: true });
      svm.train(kTrain.toArray().map((r, i) => [i + 1, ...r]), rest.map((i) => y[i]!));
      const pred = svm.predict(kTest.toArray().map((r) => [0, ...r]));
      svm.free();
      want.push(pred.filter((p, a) => p === y[held[a]!]).length / held.length);
    }
    expect(got.foldAccuracies).toEqual(want);
    expect(got.meanAccuracy).toBeCloseTo(want.reduce((s, v) => s + v, 0) / want.length, 15);
  });

  it('selectBandwidth picks the best mean accuracy of the grid, scored on the same folds', async () => {
    const sel = await selectBandwidth({
      kernelFor: (c) => new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2, reps: 2, bandwidth: c }) }),
      x,
      labels: y,
      grid: [0.1, 0.5, 3],
      folds: 3,
      seed: 11,
    });
    expect(sel.scores.map((s) => s.bandwidth)).toEqual([0.1, 0.5, 3]);
    const folds = stratifiedKFold(y, 3, 11);
    for (const s of sel.scores) {
      const k = await new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2, reps: 2, bandwidth: s.bandwidth }) }).evaluate(x);
      expect(s.meanAccuracy).toBe((await crossValidateKernel(k, y, folds)).meanAccuracy);
    }
    const best = Math.max(...sel.scores.map((s) => s.meanAccuracy));
    expect(sel.scores.find((s) => s.bandwidth === sel.bandwidth)!.meanAccuracy).toBe(best);
  });

  it('ties go to the larger bandwidth', async () => {
    // The same kernel at every bandwidth: every mean accuracy ties.
    const same = new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2, reps: 1 }) });
    const sel = await selectBandwidth({ kernelFor: () => same, x, labels: y, grid: [0.2, 0.9, 0.5], folds: 3 });
    expect(new Set(sel.scores.map((s) => s.meanAccuracy)).size).toBe(1);
    expect(sel.bandwidth).toBe(0.9);
  });

  it('the default grid runs from 0.05 to 1 and refuses bad grids', async () => {
    expect(DEFAULT_BANDWIDTH_GRID[0]).toBe(0.05);
    expect(DEFAULT_BANDWIDTH_GRID.at(-1)).toBe(1);
    const kernelFor = (): QuantumKernel => new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2 }) });
    await expect(selectBandwidth({ kernelFor, x, labels: y, grid: [] })).rejects.toThrow(InputValidationError);
    await expect(selectBandwidth({ kernelFor, x, labels: y, grid: [0.5, 0] })).rejects.toThrow(InputValidationError);
  });

  it('refuses a kernel matrix whose size is not the labels\'', async () => {
    await expect(crossValidateKernel(new KernelMatrix(2, 2, new Float64Array(4)), y, [[0]])).rejects.toThrow(InputValidationError);
  });
});
