/** A kernel (Gram) matrix: `rows × cols`, row-major Float64Array. Rows = x points, columns = y points. */
export class KernelMatrix {
  /**
   * Wraps `data` as a `rows × cols` matrix.
   *
   * @param rows - number of x points
   * @param cols - number of y points
   * @param data - `rows · cols` entries, row-major; kept, not copied
   */
  constructor(
    /** Number of rows (x points). */
    readonly rows: number,
    /** Number of columns (y points). */
    readonly cols: number,
    /** The entries, row-major: K(i, j) is `data[i · cols + j]`. */
    readonly data: Float64Array,
  ) {}

  /** Entry (i, j). */
  get(i: number, j: number): number {
    return this.data[i * this.cols + j]!;
  }

  /** Row i as a plain array. */
  row(i: number): number[] {
    return Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols));
  }

  /** The matrix as nested plain arrays (JSON, libsvm). */
  toArray(): number[][] {
    const out: number[][] = new Array(this.rows);
    for (let i = 0; i < this.rows; i++) out[i] = this.row(i);
    return out;
  }
}

/** The transpose of a rows×cols row-major block. */
export function transpose(a: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j]!;
  return out;
}
