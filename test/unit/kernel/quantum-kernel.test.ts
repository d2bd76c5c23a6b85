import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { createLocalBackend } from '../../../simulators/local';
import { simulateStatevector } from '../../../simulators/statevector';
import { AbortedError, InputValidationError, ResourceLimitError } from '../../../src/core/errors';
import { KernelCache, KernelMatrix, QuantumKernel, makePsd, zzFeatureMap } from '../../../src/kernel';
import { countingBackend } from '../../support/kernel-cases';

function points(n: number, d: number, seed: number): number[][] {
  let s = seed;
  const rnd = (): number => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 * Math.PI;
  return Array.from({ length: n }, () => Array.from({ length: d }, rnd));
}

function minEigen(k: KernelMatrix): number {
  const m = new Matrix(k.toArray());
  return Math.min(...new EigenvalueDecomposition(m, { assumeSymmetric: true }).realEigenvalues);
}

describe('QuantumKernel: exact path', () => {
  const fm = zzFeatureMap({ featureDimension: 3, reps: 2 });

  it('K(x, y) = |⟨ψ(x)|ψ(y)⟩|² from the statevectors; symmetric, in [0, 1], diagonal 1', async () => {
    const x = points(5, 3, 1);
    const k = await new QuantumKernel({ featureMap: fm }).evaluate(x);
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 5; j++) {
        const a = fm.statevector(x[i]!);
        const b = fm.statevector(x[j]!);
        let re = 0;
        let im = 0;
        for (let t = 0; t < a.dim; t++) {
          re += a.re[t]! * b.re[t]! + a.im[t]! * b.im[t]!;
          im += a.re[t]! * b.im[t]! - a.im[t]! * b.re[t]!;
        }
        expect(k.get(i, j)).toBeCloseTo(i === j ? 1 : re * re + im * im, 13);
      }
    }
  });

  it('uses a statevector-capable backend exactly, without running any job', async () => {
    const { backend, counts } = countingBackend(createLocalBackend());
    const kernel = new QuantumKernel({ featureMap: fm, backend });
    expect(kernel.method).toBe('statevector');
    const x = points(4, 3, 2);
    const a = await kernel.evaluate(x);
    const b = await new QuantumKernel({ featureMap: fm }).evaluate(x);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(counts.jobs).toBe(0);
  });

  it("evaluateDuplicates: 'none' sets equal pairs to 1, 'all' computes the diagonal", async () => {
    const x = [[0.1, 0.2, 0.3], [0.1, 0.2, 0.3], [1, 2, 3]];
    const y = [[0.1, 0.2, 0.3], [4, 5, 6]];
    const none = await new QuantumKernel({ featureMap: fm, evaluateDuplicates: 'none' }).evaluate(x, y);
    expect([none.get(0, 0), none.get(1, 0)]).toEqual([1, 1]);
    const all = await new QuantumKernel({ featureMap: fm, evaluateDuplicates: 'all' }).evaluate(x);
    expect(Math.abs(all.get(2, 2) - 1)).toBeLessThan(1e-12);
  });

  it('keeps gate-by-gate accuracy for features of magnitude 1e3 (ZZ, d = 10, reps 2, full): within 1e-9', async () => {
    const big = zzFeatureMap({ featureDimension: 10, reps: 2, entanglement: 'full' });
    const x = Array.from({ length: 6 }, (_, i) => Array.from({ length: 10 }, (_, j) => 1e3 * Math.sin(3.1 * i + 1.3 * j + 0.2)));
    // Reference: Qiskit's circuit bound to each point, simulated gate by gate (unreduced angles in P(θ)).
    const ref = x.map((p) => simulateStatevector(big.assign(p), { fusion: false }));
    const k = await new QuantumKernel({ featureMap: big, evaluateDuplicates: 'all' }).evaluate(x);
    let err = 0;
    for (let i = 0; i < x.length; i++) {
      for (let j = 0; j < x.length; j++) {
        let re = 0;
        let im = 0;
        for (let t = 0; t < ref[i]!.re.length; t++) {
          re += ref[i]!.re[t]! * ref[j]!.re[t]! + ref[i]!.im[t]! * ref[j]!.im[t]!;
          im += ref[i]!.re[t]! * ref[j]!.im[t]! - ref[i]!.im[t]! * ref[j]!.re[t]!;
        }
        err = Math.max(err, Math.abs(k.get(i, j) - (re * re + im * im)));
      }
    }
    expect(err).toBeLessThan(1e-9);
  });

  it('y equal to x is treated as the symmetric case', async () => {
    const x = points(4, 3, 3);
    const kernel = new QuantumKernel({ featureMap: fm });
    const a = await kernel.evaluate(x);
    const b = await kernel.evaluate(x, x.map((r) => [...r]));
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
    expect(kernel.stats.matrixHits).toBe(1);
  });
});

describe('QuantumKernel: memoization', () => {
  const fm = zzFeatureMap({ featureDimension: 2, reps: 2 });

  it('a second identical evaluate performs no simulation and returns the same matrix', async () => {
    const kernel = new QuantumKernel({ featureMap: fm });
    const x = points(20, 2, 4);
    const first = await kernel.evaluate(x);
    expect(kernel.stats.statevectorsComputed).toBe(20);
    const second = await kernel.evaluate(x);
    expect(kernel.stats.statevectorsComputed).toBe(20);
    expect(kernel.stats.matrixHits).toBe(1);
    expect(Array.from(second.data)).toEqual(Array.from(first.data));
    second.data[1] = 42; // the caller's copy: the cache is not affected
    expect((await kernel.evaluate(x)).data[1]).toBe(first.data[1]);
  });

  it('an overlapping matrix reuses the cached statevectors', async () => {
    const kernel = new QuantumKernel({ featureMap: fm });
    const x = points(10, 2, 5);
    await kernel.evaluate(x);
    await kernel.evaluate(x.slice(3), x.slice(0, 6));
    expect(kernel.stats.statevectorsComputed).toBe(10);
    kernel.clearCache();
    await kernel.evaluate(x.slice(0, 2));
    expect(kernel.stats.statevectorsComputed).toBe(12);
  });

  it('statevectors served from the cache give exactly the entries of freshly computed ones', async () => {
    const big = zzFeatureMap({ featureDimension: 5, reps: 2 });
    const x = points(8, 5, 13);
    const warm = new QuantumKernel({ featureMap: big });
    await warm.evaluate(x);
    const fromCache = await warm.evaluate(x.slice(3), x.slice(0, 6));
    expect(warm.stats.statevectorsComputed).toBe(8);
    const fresh = await new QuantumKernel({ featureMap: big, cache: false }).evaluate(x.slice(3), x.slice(0, 6));
    expect(Array.from(fromCache.data)).toEqual(Array.from(fresh.data));
  });

  it('stays within the configured byte bound on a large input', async () => {
    const cache = new KernelCache({ maxBytes: 64 * 1024 });
    const kernel = new QuantumKernel({ featureMap: fm, cache });
    const x = points(600, 2, 6);
    const k = await kernel.evaluate(x); // the 600×600 matrix (2.9 MB) does not fit: not stored
    expect(k.rows).toBe(600);
    expect(cache.calculatedSize).toBeGreaterThan(0);
    expect(cache.calculatedSize).toBeLessThanOrEqual(64 * 1024);
    await kernel.evaluate(points(300, 2, 7), x);
    expect(cache.calculatedSize).toBeLessThanOrEqual(64 * 1024);
  });

  it('concurrent identical evaluations share one computation', async () => {
    const kernel = new QuantumKernel({ featureMap: fm });
    const x = points(30, 2, 8);
    const [a, b] = await Promise.all([kernel.evaluate(x), kernel.evaluate(x)]);
    expect(kernel.stats.statevectorsComputed).toBe(30);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
  });

  it('a transposed request is served from the cached block', async () => {
    const kernel = new QuantumKernel({ featureMap: fm });
    const x = points(4, 2, 11);
    const y = points(3, 2, 12);
    const xy = await kernel.evaluate(x, y);
    const yx = await kernel.evaluate(y, x);
    expect(kernel.stats.matrixHits).toBe(1);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 3; j++) expect(yx.get(j, i)).toBe(xy.get(i, j));
  });

  it('cache: false disables memoization', async () => {
    const kernel = new QuantumKernel({ featureMap: fm, cache: false });
    const x = points(5, 2, 9);
    await kernel.evaluate(x);
    await kernel.evaluate(x);
    expect(kernel.stats.statevectorsComputed).toBe(10);
  });
});

describe('QuantumKernel: shot emulation on the exact path', () => {
  const fm = zzFeatureMap({ featureDimension: 2, reps: 2 });
  it('seeded binomial estimates: reproducible, multiples of 1/shots, near the exact values, PSD', async () => {
    const x = points(12, 2, 10);
    const exact = await new QuantumKernel({ featureMap: fm }).evaluate(x);
    const raw = await new QuantumKernel({ featureMap: fm, shots: 2000, seed: 7, enforcePsd: false }).evaluate(x);
    const again = await new QuantumKernel({ featureMap: fm, shots: 2000, seed: 7, enforcePsd: false }).evaluate(x);
    expect(Array.from(again.data)).toEqual(Array.from(raw.data));
    for (let i = 0; i < 12; i++) {
      for (let j = 0; j < 12; j++) {
        expect(Math.abs(raw.get(i, j) * 2000 - Math.round(raw.get(i, j) * 2000))).toBeLessThan(1e-6);
        expect(raw.get(i, j)).toBe(raw.get(j, i));
        expect(Math.abs(raw.get(i, j) - exact.get(i, j))).toBeLessThan(5 * Math.sqrt(0.25 / 2000));
      }
    }
    const psd = await new QuantumKernel({ featureMap: fm, shots: 2000, seed: 7 }).evaluate(x);
    expect(minEigen(psd)).toBeGreaterThan(-1e-10);
  });
});

describe('makePsd (qiskit-ml _make_psd)', () => {
  it('clips negative eigenvalues: [[1,2],[2,1]] → 1.5·ones', () => {
    const k = new KernelMatrix(2, 2, Float64Array.of(1, 2, 2, 1));
    makePsd(k);
    for (const v of k.data) expect(v).toBeCloseTo(1.5, 14);
  });
  it('leaves a PSD matrix unchanged', () => {
    const k = new KernelMatrix(2, 2, Float64Array.of(1, 0.5, 0.5, 1));
    makePsd(k);
    expect(Array.from(k.data)).toEqual([1, 0.5, 0.5, 1]);
  });
});

describe('QuantumKernel: bad input', () => {
  const kernel = new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2 }) });
  it.each([
    ['NaN feature', [[0, NaN]], /row 0 is NaN/],
    ['infinite feature', [[1, 2], [Infinity, 0]], /row 1 is Infinity/],
    ['ragged rows', [[1, 2], [1, 2, 3]], /different lengths/],
    ['wrong feature count', [[1, 2, 3]], /expects 2/],
    ['no points', [], /no data points/],
  ])('%s → InputValidationError', async (_name, x, msg) => {
    const p = kernel.evaluate(x as number[][]);
    await expect(p).rejects.toThrow(InputValidationError);
    await expect(kernel.evaluate(x as number[][])).rejects.toThrow(msg);
  });
  it('an exact kernel too large for memory is refused before any allocation', async () => {
    const big = new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 27, reps: 1, entanglement: 'linear' }) });
    await expect(big.evaluate([Array(27).fill(0.5)])).rejects.toThrow(ResourceLimitError);
  });
  it('bad y is named as y', async () => {
    await expect(kernel.evaluate([[1, 2]], [[1, NaN]])).rejects.toThrow(/^y: /);
  });
  it('bad options are refused', () => {
    const featureMap = zzFeatureMap({ featureDimension: 2 });
    expect(() => new QuantumKernel({ featureMap, shots: 0 })).toThrow(InputValidationError);
    expect(() => new QuantumKernel({ featureMap, evaluateDuplicates: 'some' as 'all' })).toThrow(InputValidationError);
    expect(() => new QuantumKernel({ featureMap, method: 'sampler' })).toThrow(/needs a backend/);
  });
  it('an aborted signal rejects with AbortedError', async () => {
    const ac = new AbortController();
    ac.abort(new Error('stop'));
    await expect(kernel.evaluate([[1, 2]], undefined, { signal: ac.signal })).rejects.toThrow(AbortedError);
  });
});
