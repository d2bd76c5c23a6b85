import { createHash } from 'node:crypto';
import { InputValidationError } from '../core/errors';

/** Feature rows as a contiguous row-major matrix (what the kernel works on internally). */
export interface FeatureMatrix {
  /** Number of data points. */
  readonly rows: number;
  /** Number of features per point. */
  readonly cols: number;
  /** The values, row-major: feature j of point i is `data[i · cols + j]`. */
  readonly data: Float64Array;
}

/** Accepted feature input: rows of numbers (arrays or typed arrays), one row, or a {@link FeatureMatrix}. */
export type FeatureInput = ReadonlyArray<ArrayLike<number>> | ArrayLike<number> | FeatureMatrix;

function isMatrix(v: unknown): v is FeatureMatrix {
  return typeof v === 'object' && v !== null && 'data' in v && 'rows' in v && 'cols' in v;
}

/**
 * Validates features and packs them row-major. A flat list of numbers is one row (as
 * qiskit-machine-learning reshapes 1-D input).
 *
 * @param what the argument's name for messages (`x`, `y`)
 * @param dimension the feature map's dimension; a different count is an error
 * @throws {InputValidationError} for ragged rows, NaN/±Infinity, a wrong feature count or no rows
 */
export function toFeatureMatrix(input: FeatureInput, dimension: number, what = 'x'): FeatureMatrix {
  let rows: number;
  let data: Float64Array;
  if (isMatrix(input)) {
    rows = input.rows;
    if (input.data.length !== rows * input.cols) {
      throw new InputValidationError(`${what}: matrix data has ${input.data.length} values, expected ${rows}×${input.cols}`);
    }
    if (input.cols !== dimension) throw dimError(what, 0, input.cols, dimension);
    data = Float64Array.from(input.data);
  } else {
    const list = input as ArrayLike<unknown>;
    const flat = list.length > 0 && typeof list[0] === 'number';
    const rowList: ReadonlyArray<ArrayLike<number>> = flat ? [input as ArrayLike<number>] : (input as ReadonlyArray<ArrayLike<number>>);
    rows = rowList.length;
    data = new Float64Array(rows * dimension);
    for (let i = 0; i < rows; i++) {
      const r = rowList[i];
      if (r === null || typeof r !== 'object' || typeof r.length !== 'number') {
        throw new InputValidationError(`${what}: row ${i} is not a list of numbers`, { row: i });
      }
      if (r.length !== (rowList[0]?.length ?? 0)) {
        throw new InputValidationError(`${what}: rows have different lengths (row 0 has ${rowList[0]!.length}, row ${i} has ${r.length})`, { row: i });
      }
      if (r.length !== dimension) throw dimError(what, i, r.length, dimension);
      for (let j = 0; j < dimension; j++) data[i * dimension + j] = r[j] as number;
    }
  }
  if (rows === 0) throw new InputValidationError(`${what}: no data points`);
  for (let k = 0; k < data.length; k++) {
    const v = data[k]!;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      const row = Math.floor(k / dimension);
      throw new InputValidationError(`${what}: feature ${k % dimension} of row ${row} is ${String(v)} (features must be finite numbers)`, {
        row,
        index: k % dimension,
      });
    }
  }
  return { rows, cols: dimension, data };
}

function dimError(what: string, row: number, got: number, want: number): InputValidationError {
  return new InputValidationError(`${what}: row ${row} has ${got} features but the feature map expects ${want}`, { row });
}

/** The exact bytes of row `i` as base64 (a cache key part; −0 and 0 differ, as they should). */
export function rowKey(m: FeatureMatrix, i: number): string {
  return Buffer.from(m.data.buffer, m.data.byteOffset + i * m.cols * 8, m.cols * 8).toString('base64');
}

/** SHA-256 (base64) of the whole matrix's bytes and shape: the key of a whole Gram block. */
export function matrixDigest(m: FeatureMatrix): string {
  return createHash('sha256')
    .update(`${m.rows}x${m.cols}:`)
    .update(Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength))
    .digest('base64');
}

/** True when rows i of `a` and j of `b` are bitwise equal (numpy `array_equal` up to ±0/NaN). */
export function rowsEqual(a: FeatureMatrix, i: number, b: FeatureMatrix, j: number): boolean {
  const d = a.cols;
  for (let k = 0; k < d; k++) if (a.data[i * d + k] !== b.data[j * d + k]) return false;
  return true;
}

/** True when both matrices have the same shape and values. */
export function matricesEqual(a: FeatureMatrix, b: FeatureMatrix): boolean {
  if (a.rows !== b.rows || a.cols !== b.cols) return false;
  for (let k = 0; k < a.data.length; k++) if (a.data[k] !== b.data[k]) return false;
  return true;
}

/** Rows of a feature matrix as plain arrays. */
export function matrixRows(m: FeatureMatrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return out;
}

/** The rows `idx` of a feature matrix. */
export function pickRows(m: FeatureMatrix, idx: readonly number[]): FeatureMatrix {
  const data = new Float64Array(idx.length * m.cols);
  idx.forEach((t, r) => data.set(m.data.subarray(t * m.cols, (t + 1) * m.cols), r * m.cols));
  return { rows: idx.length, cols: m.cols, data };
}
