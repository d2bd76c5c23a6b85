/**
 * The Nyström low-rank approximation of a Gram matrix, for data sets whose full N × N kernel
 * is too costly: pick m landmark points L, evaluate only C = K(X, L) (N × m, the landmarks'
 * rows of it being W = K(L, L)), and approximate K ≈ C W⁺ Cᵀ = Z Zᵀ with the feature matrix
 * Z = C U Λ^{−1/2} (W = U Λ Uᵀ, eigenvalues below `rcond`·λ_max dropped as numerically zero).
 * The cost is N·m kernel entries instead of N²/2.
 *
 * It is exact when the landmarks span the points' feature space: a fidelity kernel on n qubits
 * is Tr(ρ_x ρ_y), so its rank is at most 4ⁿ, and 4ⁿ generic landmarks reproduce it. Landmarks
 * are the first m of one seeded permutation of the points, so a larger m keeps the smaller
 * set, and the approximation error (K − Z Zᵀ is positive semidefinite) can only shrink.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { InputValidationError, throwIfAborted } from '../core/errors';
import { Prng } from '../core/random';
import { type FeatureInput, type FeatureMatrix } from './inputs';
import type { KernelMatrix } from './kernel-matrix';

/** What {@link nystromKernel} needs of a kernel: `evaluate(x, y)` with rows = x, columns = y. */
export interface EvaluatesKernel {
  /** The matrix K(x_i, y_j). */
  evaluate(x: FeatureInput, y?: FeatureInput): Promise<KernelMatrix>;
}

/** Options of {@link nystromKernel}. */
export interface NystromOptions {
  /** How many landmark points m (1 ≤ m ≤ N). */
  readonly landmarks: number;
  /** Seed of the landmark choice (a seeded permutation; default 0). */
  readonly seed?: number;
  /** Eigenvalues of W below rcond·λ_max are dropped. @defaultValue 1e-10 */
  readonly rcond?: number;
  /** Checked before the kernel is evaluated. */
  readonly signal?: AbortSignal;
}

/** A Nyström approximation K ≈ Z Zᵀ of the Gram matrix of N points. */
export interface NystromApproximation {
  /** N: the points approximated. */
  readonly numPoints: number;
  /** The landmark points, as indices into the input (in choice order). */
  readonly landmarks: readonly number[];
  /** The eigenvalues of W kept (the rank of the approximation, ≤ m). */
  readonly rank: number;
  /** Z, N × rank, row-major: a copy (the approximation keeps its own). */
  features(): Float64Array;
  /** The approximated entry K(x_i, x_j) = z_i · z_j. */
  entry(i: number, j: number): number;
  /** Rows `rows` of Z (copies). */
  featureRows(rows: readonly number[]): Float64Array[];
}

function featureRowsOf(x: FeatureInput): FeatureMatrix | null {
  const v = x as FeatureMatrix;
  return typeof v === 'object' && v !== null && 'data' in v && 'rows' in v && 'cols' in v ? v : null;
}

/** The points `idx` of `x` (an array of points or a feature matrix). */
function pick(x: FeatureInput, idx: readonly number[]): ArrayLike<number>[] {
  const m = featureRowsOf(x);
  if (m) return idx.map((i) => m.data.slice(i * m.cols, (i + 1) * m.cols));
  const rows = x as ReadonlyArray<ArrayLike<number>>;
  return idx.map((i) => rows[i]!);
}

function numPointsOf(x: FeatureInput): number {
  const m = featureRowsOf(x);
  if (m) return m.rows;
  if (!Array.isArray(x) || (x.length > 0 && typeof x[0] === 'number')) {
    throw new InputValidationError('nystromKernel: x must be a list of points (or a feature matrix), one row per point');
  }
  return x.length;
}

/**
 * The Nyström approximation of the Gram matrix of `x` under `kernel` with `landmarks` seeded
 * landmark points (see the module comment).
 *
 * @example
 * const approx = await nystromKernel(kernel, points, { landmarks: 200, seed: 1 });
 * approx.entry(3, 7); // ≈ K(x_3, x_7)
 * @throws {InputValidationError} for m outside 1..N or a non-finite kernel entry
 */
export async function nystromKernel(kernel: EvaluatesKernel, x: FeatureInput, options: NystromOptions): Promise<NystromApproximation> {
  const n = numPointsOf(x);
  const m = options.landmarks;
  if (!Number.isInteger(m) || m < 1 || m > n) {
    throw new InputValidationError(`nystromKernel: landmarks must be an integer from 1 to the ${n} points, got ${String(m)}`);
  }
  const rcond = options.rcond ?? 1e-10;
  if (!(rcond >= 0 && rcond < 1)) throw new InputValidationError(`nystromKernel: rcond must be in [0, 1), got ${String(rcond)}`);
  // The first m of one seeded permutation: nested landmark sets for growing m.
  const rng = new Prng(options.seed ?? 0);
  const perm = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < m; i++) {
    const j = i + rng.integer(n - i);
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  }
  const landmarks = Object.freeze(perm.slice(0, m));
  throwIfAborted(options.signal);
  const c = await kernel.evaluate(x, pick(x, landmarks));
  if (c.rows !== n || c.cols !== m) throw new InputValidationError(`nystromKernel: the kernel returned ${c.rows}×${c.cols}, expected ${n}×${m}`);
  if (!c.data.every(Number.isFinite)) throw new InputValidationError('nystromKernel: the kernel returned a non-finite entry');
  // W = K(L, L): the landmarks' rows of C, symmetrised (a sampled kernel is not exactly symmetric).
  const w = Matrix.zeros(m, m);
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) w.set(a, b, (c.get(landmarks[a]!, b) + c.get(landmarks[b]!, a)) / 2);
  const eig = new EigenvalueDecomposition(w, { assumeSymmetric: true });
  const values = eig.realEigenvalues;
  const vectors = eig.eigenvectorMatrix;
  const max = Math.max(0, ...values);
  const kept = values.map((v, k) => [v, k] as const).filter(([v]) => v > rcond * max && v > 0);
  const r = kept.length;
  // Z = C U_r Λ_r^{−1/2}.
  const z = new Float64Array(n * r);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < r; t++) {
      const [lambda, k] = kept[t]!;
      let s = 0;
      for (let b = 0; b < m; b++) s += c.get(i, b) * vectors.get(b, k);
      z[i * r + t] = s / Math.sqrt(lambda);
    }
  }
  return Object.freeze({
    numPoints: n,
    landmarks,
    rank: r,
    features: (): Float64Array => z.slice(),
    entry(i: number, j: number): number {
      let s = 0;
      for (let t = 0; t < r; t++) s += z[i * r + t]! * z[j * r + t]!;
      return s;
    },
    featureRows(rows: readonly number[]): Float64Array[] {
      return rows.map((i) => z.slice(i * r, (i + 1) * r));
    },
  });
}

/** How far a Nyström approximation is from the exact kernel on a subset of the points. */
export interface NystromError {
  /** The points compared (indices into the input). */
  readonly points: readonly number[];
  /** max |K_ij − (ZZᵀ)_ij| over the subset. */
  readonly maxAbs: number;
  /** ‖K − ZZᵀ‖_F / ‖K‖_F over the subset. */
  readonly relativeFrobenius: number;
}

/**
 * Compares `approx` with `exact`, the exact kernel of the points `points` (exact[a][b] =
 * K(x_points[a], x_points[b])).
 *
 * @throws {InputValidationError} when the shapes do not match
 */
export function nystromError(approx: NystromApproximation, exact: KernelMatrix, points: readonly number[]): NystromError {
  if (exact.rows !== points.length || exact.cols !== points.length) {
    throw new InputValidationError(`nystromError: the exact kernel is ${exact.rows}×${exact.cols}, expected ${points.length}×${points.length}`);
  }
  let maxAbs = 0, diff = 0, norm = 0;
  points.forEach((i, a) => {
    points.forEach((j, b) => {
      const k = exact.get(a, b);
      const d = k - approx.entry(i, j);
      maxAbs = Math.max(maxAbs, Math.abs(d));
      diff += d * d;
      norm += k * k;
    });
  });
  return Object.freeze({ points: Object.freeze([...points]), maxAbs, relativeFrobenius: Math.sqrt(diff / norm) });
}
