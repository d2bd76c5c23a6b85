import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { InputValidationError } from '../../../core/errors';
import { applyGate } from '../../../../simulators/statevector';
import { Prng } from '../../../core/random';

/**
 * The "ad hoc" dataset of Havlíček et al. (Nature 567, 209, 2019) as qiskit-machine-learning's
 * `ad_hoc_data` generates it (grid sampler, expectation labelling, n = 2 or 3). Each stage is
 * exported so it can be tested against a reference on its own: the random unitary V, the
 * observable O = V†·Zpar·V, the state |Φ(x)⟩, the expectation labels on the grid and the
 * accept/reject sampling by draws.
 *
 * Not bit-exact with numpy: the random numbers come from {@link Prng}, and V comes from
 * ml-matrix (see {@link randomUnitary}); every stage given the same inputs is exact.
 */

/** A dense complex matrix, row-major, separate real and imaginary parts. */
export interface ComplexMatrix {
  /** The dimension d (the matrix is d × d). */
  readonly dim: number;
  /** Real parts, row-major, d·d numbers. */
  readonly re: Float64Array;
  /** Imaginary parts, row-major, d·d numbers. */
  readonly im: Float64Array;
}

/** Options of {@link adHocData}. */
export interface AdHocOptions {
  /** Training points per class. */
  trainingSize: number;
  /** Test points per class. */
  testSize: number;
  /** Number of features / qubits: 2 or 3. */
  n: number;
  /** Separation: |⟨O⟩| must exceed it. */
  gap: number;
  /** Seed of the generator (default 0). */
  seed?: number;
  /** Pairs in the data map: 'full' (default), 'linear' or 'circular'. */
  entanglement?: 'full' | 'linear' | 'circular';
}

/** The dataset: class A (label 0) then class B (label 1) in each split. */
export interface AdHocData {
  /** Training points, class A then class B. */
  readonly trainingFeatures: number[][];
  /** Their labels: 0 for class A, 1 for class B. */
  readonly trainingLabels: number[];
  /** Test points, class A then class B. */
  readonly testFeatures: number[][];
  /** Their labels: 0 for class A, 1 for class B. */
  readonly testLabels: number[];
  /** Labels (+1, −1, 0) of every grid point, last index fastest. */
  readonly gridLabels: Int8Array;
  /** The grid coordinates along each axis: `count` values from 0 up to (not including) 2π. */
  readonly gridValues: Float64Array;
}

/** Grid points per dimension: 100 for n = 2, 20 for n = 3 (qiskit-ml). */
export function gridCount(n: number): number {
  if (n === 2) return 100;
  if (n === 3) return 20;
  throw new InputValidationError(`the ad hoc grid sampler supports n = 2 or 3 features, got ${n}`);
}

/** `linspace(0, 2π, count, endpoint=False)`, as numpy computes it (i·step). */
export function gridValues(count: number): Float64Array {
  const out = new Float64Array(count);
  const step = (2 * Math.PI) / count;
  for (let i = 0; i < count; i++) out[i] = i * step;
  return out;
}

/**
 * A random unitary as qiskit-ml draws it: A = random + i·random (d×d, real part first),
 * V = eigenvectors of A†A by descending eigenvalue. The Hermitian A†A = Hr + i·Hi is diagonalised
 * through its real symmetric embedding [[Hr, −Hi], [Hi, Hr]] (ml-matrix): every eigenvalue
 * appears twice, with eigenvectors (u_r, u_i) ↔ u = u_r + i·u_i spanning {u, i·u}, so one of
 * each pair gives a unit eigenvector of A†A. Each column is then rotated so that its largest
 * component is real and positive (LAPACK's zgeev makes it real; the sign may differ).
 */
export function randomUnitary(n: number, rng: Prng): ComplexMatrix {
  const d = 1 << n;
  const ar = new Float64Array(d * d);
  const ai = new Float64Array(d * d);
  for (let k = 0; k < d * d; k++) ar[k] = rng.next();
  for (let k = 0; k < d * d; k++) ai[k] = rng.next();
  // H = A† A: H[a][b] = Σ_k conj(A[k][a]) A[k][b]
  const emb = new Matrix(2 * d, 2 * d);
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < d; b++) {
      let hr = 0;
      let hi = 0;
      for (let k = 0; k < d; k++) {
        const xr = ar[k * d + a]!, xi = -ai[k * d + a]!, yr = ar[k * d + b]!, yi = ai[k * d + b]!;
        hr += xr * yr - xi * yi;
        hi += xr * yi + xi * yr;
      }
      emb.set(a, b, hr);
      emb.set(a + d, b + d, hr);
      emb.set(a, b + d, -hi);
      emb.set(a + d, b, hi);
    }
  }
  const eig = new EigenvalueDecomposition(emb, { assumeSymmetric: true });
  const w = eig.realEigenvalues;
  const vecs = eig.eigenvectorMatrix;
  const order = w.map((v, i) => [v, i] as const).sort((p, q) => q[0] - p[0]);
  const re = new Float64Array(d * d);
  const im = new Float64Array(d * d);
  for (let c = 0; c < d; c++) {
    const col = order[2 * c]![1];
    let best = 0;
    let bestAbs = -1;
    let norm = 0;
    for (let r = 0; r < d; r++) {
      const m2 = vecs.get(r, col) ** 2 + vecs.get(r + d, col) ** 2;
      norm += m2;
      if (m2 > bestAbs) {
        bestAbs = m2;
        best = r;
      }
    }
    const br = vecs.get(best, col), bi = vecs.get(best + d, col);
    const s = Math.sqrt(bestAbs);
    // multiply by conj(phase of the largest component) / norm
    const pr = br / s / Math.sqrt(norm), pi = -bi / s / Math.sqrt(norm);
    for (let r = 0; r < d; r++) {
      const ur = vecs.get(r, col), ui = vecs.get(r + d, col);
      re[r * d + c] = ur * pr - ui * pi;
      im[r * d + c] = ur * pi + ui * pr;
    }
  }
  return { dim: d, re, im };
}

/** O = V† · Zpar · V with Zpar = diag((−1)^popcount(k)). */
export function parityObservable(v: ComplexMatrix): ComplexMatrix {
  const d = v.dim;
  const re = new Float64Array(d * d);
  const im = new Float64Array(d * d);
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < d; b++) {
      let sr = 0;
      let si = 0;
      for (let k = 0; k < d; k++) {
        const z = popcount(k) & 1 ? -1 : 1;
        // conj(V[k][a]) · z · V[k][b]
        const xr = v.re[k * d + a]!, xi = -v.im[k * d + a]!, yr = v.re[k * d + b]!, yi = v.im[k * d + b]!;
        sr += z * (xr * yr - xi * yi);
        si += z * (xr * yi + xi * yr);
      }
      re[a * d + b] = sr;
      im[a * d + b] = si;
    }
  }
  return { dim: d, re, im };
}

function popcount(k: number): number {
  let c = 0;
  for (; k; k &= k - 1) c++;
  return c;
}

function pairsOf(n: number, entanglement: 'full' | 'linear' | 'circular'): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (entanglement === 'full') {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out.push([i, j]);
  } else {
    for (let i = 0; i + 1 < n; i++) out.push([i, i + 1]);
    if (entanglement === 'circular' && n > 2) out.push([n - 1, 0]);
  }
  return out;
}

/**
 * |Φ(x)⟩ = U_Φ H^n U_Φ H^n |0⟩ with U_Φ = diag exp(+i[Σ x_i z_i + Σ_pairs (π−x_i)(π−x_j) z_i z_j]),
 * z_i(k) = (−1)^{bit n−1−i of k} (big-endian, qiskit-ml's convention). Interleaved re/im.
 */
export function adHocState(x: ArrayLike<number>, n: number, entanglement: 'full' | 'linear' | 'circular' = 'full'): Float64Array {
  const d = 1 << n;
  const pairs = pairsOf(n, entanglement);
  const phase = new Float64Array(d);
  for (let k = 0; k < d; k++) {
    const z = (i: number): number => ((k >> (n - 1 - i)) & 1 ? -1 : 1);
    let p = 0;
    for (let i = 0; i < n; i++) p += x[i]! * z(i);
    for (const [i, j] of pairs) p += (Math.PI - x[i]!) * (Math.PI - x[j]!) * z(i) * z(j);
    phase[k] = p;
  }
  // H layer, diagonal, H layer, diagonal, on the engine (split re/im), then interleaved.
  const state = { numQubits: n, re: new Float64Array(d), im: new Float64Array(d) };
  state.re[0] = 1;
  for (let rep = 0; rep < 2; rep++) {
    for (let q = 0; q < n; q++) applyGate(state, 'h', [q], []);
    for (let k = 0; k < d; k++) {
      const c = Math.cos(phase[k]!), s = Math.sin(phase[k]!);
      const xr = state.re[k]!, xi = state.im[k]!;
      state.re[k] = c * xr - s * xi;
      state.im[k] = c * xi + s * xr;
    }
  }
  const psi = new Float64Array(2 * d);
  for (let k = 0; k < d; k++) {
    psi[2 * k] = state.re[k]!;
    psi[2 * k + 1] = state.im[k]!;
  }
  return psi;
}

/** Re⟨ψ|O|ψ⟩ for an interleaved state. */
export function expectation(o: ComplexMatrix, psi: Float64Array): number {
  const d = o.dim;
  let e = 0;
  for (let a = 0; a < d; a++) {
    const pr = psi[2 * a]!, pi = -psi[2 * a + 1]!;
    for (let b = 0; b < d; b++) {
      const orr = o.re[a * d + b]!, oi = o.im[a * d + b]!;
      const tr = orr * psi[2 * b]! - oi * psi[2 * b + 1]!;
      const ti = orr * psi[2 * b + 1]! + oi * psi[2 * b]!;
      e += pr * tr - pi * ti;
    }
  }
  return e;
}

/** +1 above the gap, −1 below −gap, 0 inside. */
export function expectationLabel(e: number, gap: number): number {
  return e > gap ? 1 : e < -gap ? -1 : 0;
}

/** Labels of every grid point (itertools.product order: last index fastest). */
export function labelGrid(o: ComplexMatrix, n: number, gap: number, entanglement: 'full' | 'linear' | 'circular' = 'full'): Int8Array {
  const count = gridCount(n);
  const xs = gridValues(count);
  const total = count ** n;
  const out = new Int8Array(total);
  const x = new Float64Array(n);
  for (let g = 0; g < total; g++) {
    let r = g;
    for (let i = n - 1; i >= 0; i--) {
      x[i] = xs[r % count]!;
      r = Math.floor(r / count);
    }
    out[g] = expectationLabel(expectation(o, adHocState(x, n, entanglement)), gap);
  }
  return out;
}

/**
 * Rejection sampling on the grid: for class +1 then −1, take index tuples from `draw` until
 * `perClass` tuples land on that label. Returns the accepted tuples per class.
 * @throws {InputValidationError} when a class has no grid point (the gap is too large)
 */
export function sampleByDraws(grid: Int8Array, n: number, perClass: number, draw: () => readonly number[]): [number[][], number[][]] {
  const count = gridCount(n);
  const classes: [number[][], number[][]] = [[], []];
  ([1, -1] as const).forEach((label, c) => {
    if (perClass > 0 && !grid.includes(label)) {
      throw new InputValidationError(`no grid point has label ${label}: the gap is too large`);
    }
    while (classes[c]!.length < perClass) {
      const idx = draw();
      let g = 0;
      for (let i = 0; i < n; i++) g = g * count + idx[i]!;
      if (grid[g] === label) classes[c]!.push([...idx]);
    }
  });
  return classes;
}

/**
 * Generates the ad hoc dataset (grid sampler, expectation labelling): V, O, grid labels, then
 * class A (+1) and class B (−1) by rejection; train = first `trainingSize` of each class, test =
 * the rest. Labels: 0 for A, 1 for B.
 */
export function adHocData(options: AdHocOptions): AdHocData {
  const { trainingSize, testSize, n, gap } = options;
  for (const [k, v] of [['trainingSize', trainingSize], ['testSize', testSize]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new InputValidationError(`${k} must be an integer ≥ 0, got ${String(v)}`);
  }
  if (!Number.isFinite(gap) || gap < 0) throw new InputValidationError(`gap must be a finite number ≥ 0`);
  const count = gridCount(n);
  const rng = new Prng(options.seed ?? 0);
  const v = randomUnitary(n, rng);
  const o = parityObservable(v);
  const grid = labelGrid(o, n, gap, options.entanglement ?? 'full');
  const xs = gridValues(count);
  const [a, b] = sampleByDraws(grid, n, trainingSize + testSize, () => Array.from({ length: n }, () => rng.integer(count)));
  const feat = (idx: number[]): number[] => idx.map((i) => xs[i]!);
  return {
    trainingFeatures: [...a.slice(0, trainingSize), ...b.slice(0, trainingSize)].map(feat),
    trainingLabels: [...Array(trainingSize).fill(0), ...Array(trainingSize).fill(1)],
    testFeatures: [...a.slice(trainingSize), ...b.slice(trainingSize)].map(feat),
    testLabels: [...Array(testSize).fill(0), ...Array(testSize).fill(1)],
    gridLabels: grid,
    gridValues: xs,
  };
}
