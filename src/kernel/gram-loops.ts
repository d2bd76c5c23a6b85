/**
 * The Gram-product loops of the exact kernel: K[i][j] = |⟨ψ_i|ψ_j⟩|² over states stored back to
 * back as interleaved complex arrays (state i occupies `z[i·2·dim … (i+1)·2·dim)`). Pure loops,
 * tiled so that a tile of row states and a tile of column states stay in cache together; no
 * allocation inside.
 */

/** Rows (and columns) of one tile: 32 states of 2^8 amplitudes are 128 KiB, an L2-sized tile. */
const TILE = 32;

/** |⟨a|b⟩|² for states at offsets `oa` in `za` and `ob` in `zb` (interleaved, `dim` amplitudes). */
export function fidelityAt(za: Float64Array, oa: number, zb: Float64Array, ob: number, dim: number): number {
  let sr = 0;
  let si = 0;
  const n2 = 2 * dim;
  for (let k = 0; k < n2; k += 2) {
    const ar = za[oa + k]!, ai = za[oa + k + 1]!, br = zb[ob + k]!, bi = zb[ob + k + 1]!;
    sr += ar * br + ai * bi;
    si += ar * bi - ai * br;
  }
  return sr * sr + si * si;
}

/**
 * Fills rows `rowFrom..rowTo-1` of the n×n symmetric Gram matrix `out` (row-major): for each row
 * i the entries j ≥ i are computed (the diagonal too) and mirrored to (j, i).
 * Splitting by rows lets the caller yield between slices (abort, progress).
 */
export function gramSymmetricRows(z: Float64Array, n: number, dim: number, out: Float64Array, rowFrom: number, rowTo: number): void {
  const stride = 2 * dim;
  for (let i0 = rowFrom; i0 < rowTo; i0 += TILE) {
    const i1 = Math.min(i0 + TILE, rowTo);
    for (let j0 = i0; j0 < n; j0 += TILE) {
      const j1 = Math.min(j0 + TILE, n);
      for (let i = i0; i < i1; i++) {
        const oi = i * stride;
        for (let j = j0 > i ? j0 : i; j < j1; j++) {
          const v = fidelityAt(z, oi, z, j * stride, dim);
          out[i * n + j] = v;
          out[j * n + i] = v;
        }
      }
    }
  }
}

/**
 * Fills rows `rowFrom..rowTo-1` of the nA×nB matrix `out`: out[i][j] = |⟨a_i|b_j⟩|².
 */
export function gramCrossRows(
  za: Float64Array,
  zb: Float64Array,
  nB: number,
  dim: number,
  out: Float64Array,
  rowFrom: number,
  rowTo: number,
): void {
  const stride = 2 * dim;
  for (let i0 = rowFrom; i0 < rowTo; i0 += TILE) {
    const i1 = Math.min(i0 + TILE, rowTo);
    for (let j0 = 0; j0 < nB; j0 += TILE) {
      const j1 = Math.min(j0 + TILE, nB);
      for (let i = i0; i < i1; i++) {
        const oi = i * stride;
        for (let j = j0; j < j1; j++) out[i * nB + j] = fidelityAt(za, oi, zb, j * stride, dim);
      }
    }
  }
}
