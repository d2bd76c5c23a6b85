/**
 * The tiled Gram-product loops of the exact kernel: K[i][j] = |⟨ψ_i|ψ_j⟩|² over blocks of states
 * stored back to back (see {@link StateBlock}), each entry from the engine's one inner-product
 * loop. A tile of row states and a tile of column states stay in cache together; no allocation
 * inside.
 */
import { innerProductInto } from '../../simulators/statevector';

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

/** Rows (and columns) of one tile: 32 states of 2^8 amplitudes are 128 KiB, an L2-sized tile. */
const TILE = 32;

/** ⟨a|b⟩ of the current entry (the loops are synchronous). */
const ip = new Float64Array(2);

/** |⟨a_i|b_j⟩|² for state i of `a` and state j of `b`. */
function fidelityAt(a: StateBlock, i: number, b: StateBlock, j: number): number {
  innerProductInto(a.re, a.im, i * a.dim, b.re, b.im, j * b.dim, a.dim, ip);
  return ip[0]! * ip[0]! + ip[1]! * ip[1]!;
}

/**
 * Fills rows `rowFrom..rowTo-1` of the n×n symmetric Gram matrix `out` (row-major, n = z.count):
 * for each row i the entries j ≥ i are computed (the diagonal too) and mirrored to (j, i).
 * Splitting by rows lets the caller yield between slices (abort, progress).
 */
export function gramSymmetricRows(z: StateBlock, out: Float64Array, rowFrom: number, rowTo: number): void {
  const n = z.count;
  for (let i0 = rowFrom; i0 < rowTo; i0 += TILE) {
    const i1 = Math.min(i0 + TILE, rowTo);
    for (let j0 = i0; j0 < n; j0 += TILE) {
      const j1 = Math.min(j0 + TILE, n);
      for (let i = i0; i < i1; i++) {
        for (let j = j0 > i ? j0 : i; j < j1; j++) {
          const v = fidelityAt(z, i, z, j);
          out[i * n + j] = v;
          out[j * n + i] = v;
        }
      }
    }
  }
}

/** Fills rows `rowFrom..rowTo-1` of the a.count × b.count matrix `out`: out[i][j] = |⟨a_i|b_j⟩|². */
export function gramCrossRows(a: StateBlock, b: StateBlock, out: Float64Array, rowFrom: number, rowTo: number): void {
  const nB = b.count;
  for (let i0 = rowFrom; i0 < rowTo; i0 += TILE) {
    const i1 = Math.min(i0 + TILE, rowTo);
    for (let j0 = 0; j0 < nB; j0 += TILE) {
      const j1 = Math.min(j0 + TILE, nB);
      for (let i = i0; i < i1; i++) {
        for (let j = j0; j < j1; j++) out[i * nB + j] = fidelityAt(a, i, b, j);
      }
    }
  }
}
