/**
 * The index offsets of the 2^k local basis states of `bits` in a full state index: entry s sets
 * bit `bits[j]` for each bit j of s (argument j of a k-qubit operator is bit `bits[j]`).
 *
 * @example localOffsets([0, 2]) → [0, 1, 4, 5]
 */
export function localOffsets(bits: readonly number[]): Int32Array {
  const dim = 1 << bits.length;
  const offs = new Int32Array(dim);
  for (let s = 0; s < dim; s++) {
    let o = 0;
    for (let j = 0; j < bits.length; j++) if ((s >> j) & 1) o |= 1 << bits[j]!;
    offs[s] = o;
  }
  return offs;
}
