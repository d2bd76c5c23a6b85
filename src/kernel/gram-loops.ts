/**
 * The tiled Gram-product loops of the exact kernel: K[i][j] = |⟨ψ_i|ψ_j⟩|² over blocks of states
 * stored back to back (see {@link StateBlock}), each entry from the engine's one inner-product
 * loop. A tile of row states and a tile of column states stay in cache together; no allocation
 * inside.
 */
import { innerProductsInto } from '../../simulators/statevector';

/**
 * The statevectors of `count` points back to back: state i is re/im[i·dim … (i+1)·dim)
 * (split re/im, as the engine keeps states).
 */
export interface StateBlock {
  readonly count: number;
  readonly dim: number;
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/**
 * Rows (and columns) of one tile: 32 states of 2^8 amplitudes are 128 KiB, an L2-sized tile.
 * Callers slice rows by whole tiles.
 */
export const GRAM_TILE = 32;
const TILE = GRAM_TILE;

/** The inner products of two rows of one tile (the loops are synchronous): 2 × TILE complex numbers. */
const ips = new Float64Array(4 * TILE);

/**
 * Fills rows `rowFrom..rowTo-1` of the n×n symmetric Gram matrix `out` (row-major, n = z.count):
 * for each row i the entries j ≥ i are computed (the diagonal too) and mirrored to (j, i). Rows
 * go two at a time against the tile's columns (the engine's 2×2 blocks); on a diagonal tile the
 * second row's entry below the diagonal comes along and is not written.
 * Splitting by rows lets the caller yield between slices (abort, progress).
 */
export function gramSymmetricRows(z: StateBlock, out: Float64Array, rowFrom: number, rowTo: number): void {
  const { count: n, dim, re, im } = z;
  for (let i0 = rowFrom; i0 < rowTo; i0 += TILE) {
    const i1 = Math.min(i0 + TILE, rowTo);
    for (let j0 = i0; j0 < n; j0 += TILE) {
      const j1 = Math.min(j0 + TILE, n);
      for (let i = i0; i < i1; i += 2) {
        const rows = Math.min(2, i1 - i);
        const from = j0 > i ? j0 : i;
        if (from >= j1) continue;
        const cols = j1 - from;
        innerProductsInto(re, im, i * dim, rows, re, im, from * dim, cols, dim, ips);
        for (let r = 0; r < rows; r++) {
          const row = i + r;
          for (let j = from > row ? from : row; j < j1; j++) {
            const o = 2 * (r * cols + j - from);
            const v = ips[o]! * ips[o]! + ips[o + 1]! * ips[o + 1]!;
            out[row * n + j] = v;
            out[j * n + row] = v;
          }
        }
      }
    }
  }
}

/** Fills rows `rowFrom..rowTo-1` of the a.count × b.count matrix `out`: out[i][j] = |⟨a_i|b_j⟩|². */
export function gramCrossRows(a: StateBlock, b: StateBlock, out: Float64Array, rowFrom: number, rowTo: number): void {
  const nB = b.count, dim = a.dim;
  for (let i0 = rowFrom; i0 < rowTo; i0 += TILE) {
    const i1 = Math.min(i0 + TILE, rowTo);
    for (let j0 = 0; j0 < nB; j0 += TILE) {
      const j1 = Math.min(j0 + TILE, nB);
      const cols = j1 - j0;
      for (let i = i0; i < i1; i += 2) {
        const rows = Math.min(2, i1 - i);
        innerProductsInto(a.re, a.im, i * dim, rows, b.re, b.im, j0 * dim, cols, dim, ips);
        for (let r = 0; r < rows; r++) {
          for (let j = j0; j < j1; j++) {
            const o = 2 * (r * cols + j - j0);
            out[(i + r) * nB + j] = ips[o]! * ips[o]! + ips[o + 1]! * ips[o + 1]!;
          }
        }
      }
    }
  }
}
