/**
 * M3-style readout mitigation (Nation, Kang, Sundaresan & Gambetta, PRX Quantum 2, 040326
 * (2021)): the noisy distribution p is A·x with A the tensor product of per-qubit assignment
 * matrices, and x is solved for only in the subspace of the bit strings that were observed.
 *
 * - The reduced matrix is indexed by the observed bit strings b_1 … b_m (in ascending key
 *   order): A_sub[i][j] = Π_q M_q[b_j(q)][b_i(q)] = P(read b_i | prepared b_j), with
 *   M_q[prepared][measured] qubit q's matrix; a column is the prepared string.
 * - Optional truncation by Hamming distance D, as M3 does: entries with d(b_i, b_j) > D are 0
 *   (D = the number of bits keeps every entry).
 * - Each column is then divided by its sum over the kept rows (M3's column normalisation): the
 *   probability that prepared b_j is read as any observed string within D. Every column of the
 *   normalised matrix sums to 1, so the solution's entries sum to exactly Σ p = 1.
 * - A_sub·x = p is solved by LU (ml-matrix) up to {@link DIRECT_SOLVE_LIMIT} observed strings,
 *   by Jacobi-preconditioned GMRES past it (as M3 switches to its iterative solver), never
 *   storing the matrix.
 *
 * With every bit string observed and D = n, A_sub is the full tensored A (its columns already
 * sum to 1) and x = A⁻¹·p exactly. The solution is a quasi-probability distribution (entries
 * may be negative); {@link nearestProbabilities} gives the closest probability distribution in
 * the 2-norm (Smolin, Gambetta & Smith, PRL 108, 070502 (2012)).
 */
import { LuDecomposition, Matrix } from 'ml-matrix';
import { InputValidationError } from '../../core/errors';
import type { QubitAssignmentMatrix } from './assignment';
import { gmres } from './gmres';

/**
 * Most observed bit strings solved by LU: an m×m LU costs m³/3 multiply-adds, about a third
 * of a second in JavaScript at 1024; past it the O(m²)-per-step iterative solve is used.
 */
export const DIRECT_SOLVE_LIMIT = 1024;

/** Options of {@link solveM3}. */
export interface M3SolveOptions {
  /** Hamming-distance truncation D (integer 0 … number of bits). Default: the number of bits (no truncation). */
  readonly distance?: number;
  /** `auto` (default): LU up to `directLimit` observed strings, GMRES past it. */
  readonly method?: 'auto' | 'direct' | 'iterative';
  /** The `auto` switch point. @defaultValue {@link DIRECT_SOLVE_LIMIT} */
  readonly directLimit?: number;
  /** GMRES: relative residual to stop at. @defaultValue 1e-10 */
  readonly tol?: number;
}

/** The mitigated (quasi-probability) distribution over the observed bit strings. */
export interface QuasiDistribution {
  /** Quasi-probability per observed bit string, ascending key order; they sum to 1 and may be negative. */
  readonly values: ReadonlyMap<string, number>;
  /** Which solver ran. */
  readonly method: 'direct' | 'iterative';
  /** The subspace dimension: the number of distinct observed bit strings. */
  readonly dimension: number;
  /** The Hamming-distance truncation used. */
  readonly distance: number;
  /** The shots the counts held. */
  readonly shots: number;
  /** GMRES steps, when the iterative solver ran. */
  readonly iterations?: number;
}

/** Observed strings (ascending), their bits (string s, bit k at s·n + k) and probabilities. */
interface Observed {
  keys: string[];
  bits: Uint8Array;
  probs: Float64Array;
  shots: number;
  numBits: number;
}

function parseCounts(counts: Readonly<Record<string, number>>, numBits: number): Observed {
  const keys = Object.keys(counts).sort();
  if (keys.length === 0) throw new InputValidationError('readout mitigation needs counts: none were given');
  let shots = 0;
  for (const k of keys) {
    if (k.length !== numBits || !/^[01]*$/.test(k)) {
      throw new InputValidationError(`readout mitigation: bit string '${k.slice(0, 40)}' is not ${numBits} binary digits (one per assignment matrix)`);
    }
    const c = counts[k]!;
    if (typeof c !== 'number' || !Number.isFinite(c) || c < 0) {
      throw new InputValidationError(`readout mitigation: the count of '${k}' must be a finite number ≥ 0, got ${String(c)}`);
    }
    shots += c;
  }
  if (!(shots > 0)) throw new InputValidationError('readout mitigation: the counts sum to 0');
  const bits = new Uint8Array(keys.length * numBits);
  const probs = new Float64Array(keys.length);
  keys.forEach((k, s) => {
    for (let b = 0; b < numBits; b++) bits[s * numBits + b] = k.charCodeAt(numBits - 1 - b) === 49 ? 1 : 0;
    probs[s] = counts[k]! / shots;
  });
  return { keys, bits, probs, shots, numBits };
}

/** Flat per-bit table: cal[4k + 2·prepared + measured]. */
function calTable(matrices: readonly QubitAssignmentMatrix[]): Float64Array {
  const t = new Float64Array(4 * matrices.length);
  matrices.forEach((m, k) => {
    for (const [prep, meas] of [[0, 0], [0, 1], [1, 0], [1, 1]] as const) {
      const v = m?.[prep]?.[meas];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) {
        throw new InputValidationError(`readout mitigation: assignment matrix ${k} entry [${prep}][${meas}] must be a probability in [0, 1], got ${String(v)}`);
      }
      t[4 * k + 2 * prep + meas] = v;
    }
  });
  return t;
}

/** The reduced-matrix element P(read row | prepared col), 0 past the distance. */
function element(o: Observed, cal: Float64Array, row: number, col: number, distance: number): number {
  const n = o.numBits;
  let d = 0;
  let v = 1;
  for (let k = 0; k < n; k++) {
    const meas = o.bits[row * n + k]!;
    const prep = o.bits[col * n + k]!;
    if (meas !== prep && ++d > distance) return 0;
    v *= cal[4 * k + 2 * prep + meas]!;
  }
  return v;
}

/** A reduced assignment matrix and what indexes it. */
export interface ReducedAssignmentMatrix {
  /** Row-major, `matrix[i][j]` = P(read `keys[i]` | prepared `keys[j]`) after column normalisation. */
  readonly matrix: number[][];
  /** The observed bit strings, ascending: the rows' and columns' order. */
  readonly keys: string[];
  /** Each column's sum before normalising. */
  readonly columnNorms: number[];
}

/**
 * The column-normalised reduced assignment matrix over the observed bit strings (rows and
 * columns in ascending key order), as M3 builds it; for inspection and tests.
 * @returns the matrix (row-major), the keys in order and the column norms before normalising
 */
export function reducedAssignmentMatrix(
  counts: Readonly<Record<string, number>>,
  matrices: readonly QubitAssignmentMatrix[],
  distance = matrices.length,
): ReducedAssignmentMatrix {
  checkDistance(distance, matrices.length);
  const o = parseCounts(counts, matrices.length);
  const cal = calTable(matrices);
  const m = o.keys.length;
  const norms = columnNorms(o, cal, distance);
  const matrix = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => element(o, cal, i, j, distance) / norms[j]!));
  return { matrix, keys: o.keys, columnNorms: [...norms] };
}

function checkDistance(distance: number, numBits: number): void {
  if (!Number.isInteger(distance) || distance < 0 || distance > numBits) {
    throw new InputValidationError(`readout mitigation: the Hamming distance must be an integer from 0 to ${numBits} (the number of bits), got ${String(distance)}`);
  }
}

function columnNorms(o: Observed, cal: Float64Array, distance: number): Float64Array {
  const m = o.keys.length;
  const norms = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += element(o, cal, i, j, distance);
    if (!(s > 0)) throw new InputValidationError(`readout mitigation: prepared '${o.keys[j]}' cannot be read as any observed bit string (an assignment matrix has a zero entry)`);
    norms[j] = s;
  }
  return norms;
}

/**
 * Mitigates counts: solves the column-normalised reduced system A_sub·x = p (this module's
 * comment states the method).
 * @param counts - shots per bit string, highest bit first (bit k is the k-th character from the right)
 * @param matrices - the assignment matrix of each bit: `matrices[k]` for bit k
 * @throws {InputValidationError} for bit strings of another length than `matrices`, non-binary
 *   digits, negative or non-finite counts, counts summing to 0, matrix entries outside [0, 1],
 *   a distance outside 0 … n, a singular reduced matrix, or an iterative solve that does not converge
 */
export function solveM3(
  counts: Readonly<Record<string, number>>,
  matrices: readonly QubitAssignmentMatrix[],
  options: M3SolveOptions = {},
): QuasiDistribution {
  if (matrices.length === 0) throw new InputValidationError('readout mitigation needs one assignment matrix per measured bit: none were given');
  const distance = options.distance ?? matrices.length;
  checkDistance(distance, matrices.length);
  const o = parseCounts(counts, matrices.length);
  const cal = calTable(matrices);
  const m = o.keys.length;
  const norms = columnNorms(o, cal, distance);
  const limit = options.directLimit ?? DIRECT_SOLVE_LIMIT;
  const method = options.method ?? 'auto';
  if (!['auto', 'direct', 'iterative'].includes(method)) throw new InputValidationError(`readout mitigation method must be 'auto', 'direct' or 'iterative', got '${String(method)}'`);
  const direct = method === 'direct' || (method === 'auto' && m <= limit);
  let x: Float64Array;
  let iterations: number | undefined;
  if (direct) {
    const a = new Matrix(m, m);
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) a.set(i, j, element(o, cal, i, j, distance) / norms[j]!);
    const lu = new LuDecomposition(a);
    if (lu.isSingular()) throw new InputValidationError('readout mitigation: the reduced assignment matrix is singular');
    x = Float64Array.from(lu.solve(Matrix.columnVector(Array.from(o.probs))).getColumn(0));
  } else {
    const diag = new Float64Array(m);
    for (let i = 0; i < m; i++) diag[i] = element(o, cal, i, i, distance) / norms[i]!;
    const colScale = norms.map((v) => 1 / v);
    const scaled = new Float64Array(m);
    const matvec = (v: Float64Array, out: Float64Array): void => {
      for (let j = 0; j < m; j++) scaled[j] = v[j]! * colScale[j]!;
      for (let i = 0; i < m; i++) {
        let s = 0;
        for (let j = 0; j < m; j++) if (scaled[j] !== 0) s += element(o, cal, i, j, distance) * scaled[j]!;
        out[i] = s;
      }
    };
    const tol = options.tol ?? 1e-10;
    const r = gmres(matvec, diag, o.probs, { restart: 40, maxCycles: 25, tol });
    if (!r.converged) {
      throw new InputValidationError(
        `readout mitigation: the iterative solve of ${m} observed bit strings did not converge (relative residual ${r.relativeResidual.toExponential(2)} after ${r.iterations} steps); use a smaller Hamming distance or the direct solver`,
      );
    }
    x = r.x;
    iterations = r.iterations;
  }
  const values = new Map<string, number>();
  o.keys.forEach((k, i) => values.set(k, x[i]!));
  return Object.freeze({ values, method: direct ? 'direct' : 'iterative', dimension: m, distance, shots: o.shots, ...(iterations === undefined ? {} : { iterations }) });
}

/**
 * The probability distribution nearest (2-norm) to a quasi-probability distribution summing
 * to 1, by Smolin, Gambetta & Smith's algorithm: taking the values in descending order, the
 * most negative ones are set to 0 one by one and their mass is spread evenly over those left,
 * for as long as that leaves the smallest remaining value negative.
 * @returns the non-zero probabilities, ascending key order
 * @throws {InputValidationError} for a non-finite value or values not summing to 1 (to 1e-9)
 */
export function nearestProbabilities(quasi: ReadonlyMap<string, number>): Map<string, number> {
  let sum = 0;
  for (const [k, v] of quasi) {
    if (!Number.isFinite(v)) throw new InputValidationError(`nearest probabilities: the value of '${k}' is not finite (${String(v)})`);
    sum += v;
  }
  if (Math.abs(sum - 1) > 1e-9) throw new InputValidationError(`nearest probabilities: the quasi-probabilities sum to ${sum}, not 1`);
  const sorted = [...quasi].sort(([, a], [, b]) => b - a);
  let left = sorted.length;
  let acc = 0;
  while (left > 0 && sorted[left - 1]![1] + acc / left < 0) {
    acc += sorted[left - 1]![1];
    left--;
  }
  const out = new Map<string, number>();
  for (let i = 0; i < left; i++) {
    const v = sorted[i]![1] + acc / left;
    if (v > 0) out.set(sorted[i]![0], v);
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
