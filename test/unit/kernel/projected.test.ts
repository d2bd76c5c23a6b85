import { InputValidationError, ResourceLimitError } from '../../../src/core/errors';
import {
  KernelMatrix,
  ProjectedQuantumKernel,
  QSVC,
  loadLibSvm,
  pauliFeatureMap,
  precomputedRows,
  zFeatureMap,
  zzFeatureMap,
  type PauliFeatureMap,
} from '../../../src/kernel';
import { createLocalBackend } from '../../../simulators/local';
import { createFakeBackend } from '../../../simulators/fake';

/**
 * The reference is written here, on another code path than the kernel's: the statevector comes
 * from the local backend's gate-by-gate simulation of the bound circuit (not the feature map's
 * compiled plan), the full density matrix ρ = |ψ⟩⟨ψ| is formed, each one-qubit reduced density
 * matrix is its partial trace over every other qubit, and the distance is the Frobenius norm of
 * the complex 2×2 difference (not the Pauli-expectation shortcut the kernel uses).
 */
type C = [number, number];
type Rdm = C[][];

async function denseRdms(fm: PauliFeatureMap, x: number[]): Promise<Rdm[]> {
  const sv = await createLocalBackend().statevector!(fm.assign(x));
  const n = sv.numQubits;
  const dim = 2 ** n;
  // ρ[i][j] = ψ_i ψ_j*
  const rho: C[][] = [];
  for (let i = 0; i < dim; i++) {
    const row: C[] = [];
    for (let j = 0; j < dim; j++) row.push([sv.re[i]! * sv.re[j]! + sv.im[i]! * sv.im[j]!, sv.im[i]! * sv.re[j]! - sv.re[i]! * sv.im[j]!]);
    rho.push(row);
  }
  const out: Rdm[] = [];
  for (let k = 0; k < n; k++) {
    const r: Rdm = [[[0, 0], [0, 0]], [[0, 0], [0, 0]]];
    // Tr over every qubit but k: sum ρ[(a at bit k, rest)][(b at bit k, same rest)].
    for (let rest = 0; rest < dim; rest++) {
      if ((rest >> k) & 1) continue;
      for (let a = 0; a < 2; a++) {
        for (let b = 0; b < 2; b++) {
          const e = rho[rest | (a << k)]![rest | (b << k)]!;
          r[a]![b]![0] += e[0];
          r[a]![b]![1] += e[1];
        }
      }
    }
    out.push(r);
  }
  return out;
}

function frobenius2(a: Rdm, b: Rdm): number {
  let s = 0;
  for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) s += (a[i]![j]![0] - b[i]![j]![0]) ** 2 + (a[i]![j]![1] - b[i]![j]![1]) ** 2;
  return s;
}

async function denseKernel(fm: PauliFeatureMap, xs: number[][], ys: number[][], gamma: number): Promise<number[][]> {
  const rx = await Promise.all(xs.map((x) => denseRdms(fm, x)));
  const ry = await Promise.all(ys.map((y) => denseRdms(fm, y)));
  return rx.map((a) => ry.map((b) => Math.exp(-gamma * a.reduce((s, ak, k) => s + frobenius2(ak, b[k]!), 0))));
}

/** Tr(ρ P) for P = X, Y, Z, by complex matrix products. */
function pauliExpectations(r: Rdm): [number, number, number] {
  const P: Record<'X' | 'Y' | 'Z', C[][]> = {
    X: [[[0, 0], [1, 0]], [[1, 0], [0, 0]]],
    Y: [[[0, 0], [0, -1]], [[0, 1], [0, 0]]],
    Z: [[[1, 0], [0, 0]], [[0, 0], [-1, 0]]],
  };
  const tr = (m: C[][]): number => {
    let re = 0;
    for (let i = 0; i < 2; i++) for (let k = 0; k < 2; k++) re += r[i]![k]![0] * m[k]![i]![0] - r[i]![k]![1] * m[k]![i]![1];
    return re;
  };
  return [tr(P.X), tr(P.Y), tr(P.Z)];
}

function maxAbsDiff(a: number[][], b: number[][]): number {
  let m = 0;
  a.forEach((row, i) => row.forEach((v, j) => (m = Math.max(m, Math.abs(v - b[i]![j]!)))));
  return m;
}

const X3 = [
  [0.1, 1.2, 2.3],
  [0.4, -0.5, 0.6],
  [2.0, 1.0, 0.3],
  [3.0, 2.5, 1.5],
];
const Y3 = [
  [1.1, 0.2, -0.7],
  [0.4, -0.5, 0.6],
];

describe('ProjectedQuantumKernel, exact path', () => {
  it('equals the dense reference (ρ, partial traces, Frobenius, Gaussian) to 1e-12: ZZ map, symmetric and cross', async () => {
    const fm = zzFeatureMap({ featureDimension: 3, reps: 2, entanglement: 'full' });
    for (const gamma of [1, 0.37]) {
      const kernel = new ProjectedQuantumKernel({ featureMap: fm, gamma });
      expect(kernel.method).toBe('statevector');
      const sym = (await kernel.evaluate(X3)).toArray();
      expect(maxAbsDiff(sym, await denseKernel(fm, X3, X3, gamma))).toBeLessThan(1e-12);
      const cross = (await kernel.evaluate(Y3, X3)).toArray();
      expect(maxAbsDiff(cross, await denseKernel(fm, Y3, X3, gamma))).toBeLessThan(1e-12);
      // The entries are far from trivial: a broken kernel (all ones, no ½, wrong γ) is told apart.
      expect(Math.min(...sym.flat())).toBeLessThan(0.9);
    }
  });

  it('equals the dense reference to 1e-12 for a Pauli map with X and Y blocks (complex off-diagonal RDM entries)', async () => {
    const fm = pauliFeatureMap({ featureDimension: 3, paulis: ['Y', 'XZ'], reps: 1, entanglement: 'linear', alpha: 1.3 });
    const kernel = new ProjectedQuantumKernel({ featureMap: fm, gamma: 2 });
    expect(maxAbsDiff((await kernel.evaluate(X3, Y3)).toArray(), await denseKernel(fm, X3, Y3, 2))).toBeLessThan(1e-12);
  });

  it('projected features are Tr(ρ_k P) of the reference RDMs, qubit 0 first (little-endian)', async () => {
    const fm = pauliFeatureMap({ featureDimension: 3, paulis: ['Y', 'XZ'], reps: 1, entanglement: 'linear' });
    const f = await new ProjectedQuantumKernel({ featureMap: fm }).projectedFeatures(X3);
    for (let i = 0; i < X3.length; i++) {
      const ref = (await denseRdms(fm, X3[i]!)).flatMap(pauliExpectations);
      expect(f[i]!.length).toBe(9);
      f[i]!.forEach((v, j) => expect(Math.abs(v - ref[j]!)).toBeLessThan(1e-12));
    }
    // ⟨Y⟩ is not identically 0 here, so a sign or Re/Im slip in ⟨Y⟩ would show.
    expect(Math.max(...f.map((r) => Math.abs(r[1]!)))).toBeGreaterThan(0.1);
  });

  it('closed form on the Z map with one rep: K = exp(−γ Σ_k (1 − cos 2(x_k − x′_k)))', async () => {
    // H then P(2x) puts qubit k on the equator at angle 2x_k: Bloch (cos 2x_k, sin 2x_k, 0), and
    // ‖ρ − σ‖²_F = ½|r − s|² = 1 − cos 2(x_k − x′_k).
    const fm = zFeatureMap({ featureDimension: 2, reps: 1 });
    const gamma = 0.8;
    const xs = [[0.3, -1.1], [2.2, 0.4], [1.0, 1.0]];
    const k = (await new ProjectedQuantumKernel({ featureMap: fm, gamma }).evaluate(xs)).toArray();
    const ref = xs.map((a) => xs.map((b) => Math.exp(-gamma * a.reduce((s, ak, i) => s + 1 - Math.cos(2 * (ak - b[i]!)), 0))));
    expect(maxAbsDiff(k, ref)).toBeLessThan(1e-12);
  });

  it('each distinct point is encoded once per kernel: the test matrix reuses the training points', async () => {
    const kernel = new ProjectedQuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 3 }) });
    await kernel.evaluate([...X3, X3[0]!]);
    expect(kernel.stats.pointsEncoded).toBe(4);
    await kernel.evaluate(Y3, X3);
    // Y3[1] equals X3[1]: only Y3[0] is new.
    expect(kernel.stats.pointsEncoded).toBe(5);
    kernel.clearCache();
    await kernel.evaluate(Y3);
    expect(kernel.stats.pointsEncoded).toBe(7);
  });
});

describe('ProjectedQuantumKernel, estimated path (Estimator)', () => {
  const fm = zzFeatureMap({ featureDimension: 2, reps: 2, entanglement: 'linear' });
  const xs = [[0.2, 1.3], [1.7, 0.4], [2.9, 2.1], [0.9, 0.8], [-0.6, 2.4]];

  it('one PUB per point with 3n observables; precision 0 on the local simulator gives the exact kernel to 1e-12', async () => {
    const backend = createLocalBackend();
    const kernel = new ProjectedQuantumKernel({ featureMap: fm, backend, method: 'estimator', maxPubsPerJob: 2 });
    const est = (await kernel.evaluate(xs)).toArray();
    expect(kernel.stats).toMatchObject({ pubsSubmitted: 5, jobsSubmitted: 3 });
    const exact = (await new ProjectedQuantumKernel({ featureMap: fm }).evaluate(xs)).toArray();
    expect(maxAbsDiff(est, exact)).toBeLessThan(1e-12);
  });

  it('on an ISA device (fake_fez, noise off, precision 0): observables follow the layout, exact kernel to 1e-10', async () => {
    const backend = await createFakeBackend('fake_fez');
    const kernel = new ProjectedQuantumKernel({ featureMap: fm, backend, method: 'estimator', precision: 0 });
    const est = (await kernel.evaluate(xs.slice(0, 3))).toArray();
    const exact = await denseKernel(fm, xs.slice(0, 3), xs.slice(0, 3), 1);
    expect(maxAbsDiff(est, exact)).toBeLessThan(1e-10);
  });

  it('sampled estimates converge to the exact kernel within a 5σ bound, and closer at a finer precision (seeded)', async () => {
    const backend = createLocalBackend();
    const exactKernel = new ProjectedQuantumKernel({ featureMap: fm });
    const exactF = await exactKernel.projectedFeatures(xs);
    const exact = (await exactKernel.evaluate(xs)).toArray();
    const meanErr: number[] = [];
    for (const precision of [0.04, 0.01]) {
      const kernel = new ProjectedQuantumKernel({ featureMap: fm, backend, precision, seed: 11 });
      expect(kernel.method).toBe('statevector'); // auto on local is exact...
      const sampled = new ProjectedQuantumKernel({ featureMap: fm, backend, method: 'estimator', precision, seed: 11 });
      const f = await sampled.projectedFeatures(xs);
      // One expectation value of N = 1/p² shots has std √((1 − ⟨P⟩²)/N) ≤ p.
      f.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - exactF[i]![j]!)).toBeLessThanOrEqual(5 * precision)));
      const k = (await sampled.evaluate(xs)).toArray();
      // a = γ·½Σ(Δf)²: with every feature error δ ≤ 5p, |â − a| ≤ γ(Σ|t|·10p + ½·6·(10p)²) (t the exact
      // feature differences), and |e^−â − e^−a| ≤ e^−a·e^|â−a|·|â − a|.
      let err = 0;
      for (let i = 0; i < xs.length; i++) {
        for (let j = 0; j < xs.length; j++) {
          const t = exactF[i]!.map((v, q) => v - exactF[j]![q]!);
          const bound = t.reduce((s, v) => s + Math.abs(v) * 10 * precision, 0) + 0.5 * t.length * (10 * precision) ** 2;
          const e = Math.abs(k[i]![j]! - exact[i]![j]!);
          expect(e).toBeLessThanOrEqual(exact[i]![j]! * Math.exp(bound) * bound);
          err += e;
        }
      }
      meanErr.push(err / xs.length ** 2);
    }
    // Estimates, not the exact values through another door; and four times the shots per
    // halving of p: the error shrinks.
    expect(meanErr[0]).toBeGreaterThan(1e-4);
    expect(meanErr[1]).toBeLessThan(meanErr[0]! / 2);
  });

  it('the same seed gives the same estimates; the diagonal is exactly 1 and the matrix symmetric', async () => {
    const backend = createLocalBackend();
    const a = (await new ProjectedQuantumKernel({ featureMap: fm, backend, method: 'estimator', precision: 0.05, seed: 3 }).evaluate(xs)).toArray();
    const b = (await new ProjectedQuantumKernel({ featureMap: fm, backend, method: 'estimator', precision: 0.05, seed: 3 }).evaluate(xs)).toArray();
    expect(a).toEqual(b);
    a.forEach((row, i) => {
      expect(row[i]).toBe(1);
      row.forEach((v, j) => expect(v).toBe(a[j]![i]));
    });
  });
});

describe('ProjectedQuantumKernel: options and QSVC', () => {
  const fm = zzFeatureMap({ featureDimension: 2 });

  it('γ must be a finite number > 0 (typed error naming gamma)', () => {
    for (const gamma of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '1' as unknown as number]) {
      expect(() => new ProjectedQuantumKernel({ featureMap: fm, gamma })).toThrow(InputValidationError);
      expect(() => new ProjectedQuantumKernel({ featureMap: fm, gamma })).toThrow(/gamma must be a finite number > 0/);
    }
    expect(new ProjectedQuantumKernel({ featureMap: fm }).gamma).toBe(1);
  });

  it('refuses a bad precision, a path without a backend, and resume', async () => {
    expect(() => new ProjectedQuantumKernel({ featureMap: fm, precision: -0.1 })).toThrow(/precision/);
    expect(() => new ProjectedQuantumKernel({ featureMap: fm, method: 'estimator' })).toThrow(/needs a backend/);
    await expect(new ProjectedQuantumKernel({ featureMap: fm }).evaluate([[1, 2]], undefined, { resume: true })).rejects.toThrow(InputValidationError);
    await expect(new ProjectedQuantumKernel({ featureMap: fm }).evaluate([[1, Number.NaN]])).rejects.toThrow(InputValidationError);
  });

  it('the exact path refuses statevectors past 26 qubits before allocating them', async () => {
    const big = zFeatureMap({ featureDimension: 27, reps: 1 });
    await expect(new ProjectedQuantumKernel({ featureMap: big }).evaluate([new Array(27).fill(0.1)])).rejects.toThrow(ResourceLimitError);
  });

  it('QSVC on the projected kernel predicts what libsvm predicts on the dense reference kernel', async () => {
    const train = [[0.1, 0.3], [0.4, 0.2], [0.2, 0.5], [2.6, 2.9], [2.9, 2.4], [2.4, 2.7]];
    const labels = [0, 0, 0, 1, 1, 1];
    const test = [[0.3, 0.1], [2.7, 2.8], [1.4, 1.6]];
    const gamma = 0.5;
    const model = await new QSVC({ kernel: new ProjectedQuantumKernel({ featureMap: fm, gamma }) }).fit(train, labels);
    const predicted = await model.predict(test);
    model.dispose();
    const SVM = await loadLibSvm();
    const svm = new SVM({ type: SVM.SVM_TYPES.C_SVC, kernel: SVM.KERNEL_TYPES.PRECOMPUTED, cost: 1, tolerance: 1e-3, quiet: true });
    const asMatrix = (m: number[][]): KernelMatrix => new KernelMatrix(m.length, m[0]!.length, Float64Array.from(m.flat()));
    svm.train(precomputedRows(asMatrix(await denseKernel(fm, train, train, gamma)), true), labels);
    const direct = svm.predict(precomputedRows(asMatrix(await denseKernel(fm, test, train, gamma)), false));
    svm.free();
    expect(predicted).toEqual(direct);
    expect(predicted.slice(0, 2)).toEqual([0, 1]);
  });
});
