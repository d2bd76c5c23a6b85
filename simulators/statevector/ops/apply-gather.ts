/**
 * A whole run of CX / SWAP / X gates as ONE out-of-place pass. Such a run maps basis states by
 * an affine map over GF(2) on the index bits, so its inverse is
 *   Pinv(i) = c ⊕ (⊕_{k : bit k of i set} col_k),
 * split as TL[low L bits of i] ⊕ TH[high bits of i] (c folded into TH): then
 * dst[i] = src[Pinv(i)] for every i, sequential writes and cache-local reads.
 */

/**
 * @param srcRe, srcIm the state before the run (read only)
 * @param dstRe, dstIm the state after the run (every entry written)
 * @param lowBits L, the split of the index
 * @param tl Pinv contributions of the low L bits, length 2^L
 * @param th Pinv contributions of the high bits (with the constant c), length 2^(n−L)
 *
 * @example CX(0, 1) on 2 qubits: Pinv(i) = i ⊕ (bit 0 of i)·2, so with L = 2, tl = [0, 3, 2, 1],
 * th = [0]: src re = [0, 1, 0, 0] (|01⟩) gives dst re = [0, 0, 0, 1] (|11⟩).
 */
export function applyGather(
  srcRe: Float64Array,
  srcIm: Float64Array,
  dstRe: Float64Array,
  dstIm: Float64Array,
  lowBits: number,
  tl: Int32Array,
  th: Int32Array,
): void {
  const sizeL = 1 << lowBits;
  for (let iH = 0; iH < th.length; iH++) {
    const h = th[iH]!;
    const o = iH << lowBits;
    for (let iL = 0; iL < sizeL; iL++) {
      const s = h ^ tl[iL]!;
      dstRe[o + iL] = srcRe[s]!;
      dstIm[o + iL] = srcIm[s]!;
    }
  }
}
