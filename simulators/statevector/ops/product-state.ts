/**
 * Writes a product state ⊗_q (v_q0|0⟩ + v_q1|1⟩) into re/im in one write pass: amplitude i is
 * Π_q v_q(bit_q(i)) = TL[low bits of i] · TH[high bits of i], both tables built by doubling.
 */

/** Bits of the low table (2^11 entries). */
export const PRODUCT_LOW_BITS = 11;

/**
 * @param re real parts, length 2^n (overwritten)
 * @param im imaginary parts, length 2^n (overwritten)
 * @param numQubits n
 * @param v 4 numbers per qubit q at 4q: v_q0.re, v_q0.im, v_q1.re, v_q1.im
 *
 * @example n = 2, v = [s,0, s,0,  1,0, 0,0] (qubit 0 in |+⟩, qubit 1 in |0⟩, s = 1/√2) writes
 * re = [s, s, 0, 0].
 */
export function writeProductState(re: Float64Array, im: Float64Array, numQubits: number, v: Float64Array): void {
  const L = numQubits < PRODUCT_LOW_BITS ? numQubits : PRODUCT_LOW_BITS;
  const H = numQubits - L;
  const tlr = new Float64Array(1 << L), tli = new Float64Array(1 << L);
  const thr = new Float64Array(1 << H), thi = new Float64Array(1 << H);
  productTable(tlr, tli, v, 0, L);
  productTable(thr, thi, v, L, H);
  writeProductTables(re, im, L, 1 << H, tlr, tli, thr, thi);
}

/**
 * re/im[iH·2^L + iL] = TL[iL] · TH[iH] for iH < sizeH (the WebAssembly kernel `product` is its
 * twin, operation for operation).
 */
export function writeProductTables(
  re: Float64Array,
  im: Float64Array,
  L: number,
  sizeH: number,
  tlr: Float64Array,
  tli: Float64Array,
  thr: Float64Array,
  thi: Float64Array,
): void {
  const sizeL = 1 << L;
  for (let iH = 0; iH < sizeH; iH++) {
    const hr = thr[iH]!, hi = thi[iH]!;
    const base = iH << L;
    for (let iL = 0; iL < sizeL; iL++) {
      const ar = tlr[iL]!, ai = tli[iL]!;
      re[base + iL] = ar * hr - ai * hi;
      im[base + iL] = ar * hi + ai * hr;
    }
  }
}

/** t[j] = Π_{k<bits} v_{first+k}(bit k of j) for j < 2^bits, by doubling. */
export function productTable(tr: Float64Array, ti: Float64Array, v: Float64Array, first: number, bits: number): void {
  tr[0] = 1;
  ti[0] = 0;
  for (let k = 0; k < bits; k++) {
    const o = 4 * (first + k);
    const f0r = v[o]!, f0i = v[o + 1]!, f1r = v[o + 2]!, f1i = v[o + 3]!;
    const half = 1 << k;
    for (let j = 0; j < half; j++) {
      const xr = tr[j]!, xi = ti[j]!;
      tr[j + half] = xr * f1r - xi * f1i;
      ti[j + half] = xr * f1i + xi * f1r;
      tr[j] = xr * f0r - xi * f0i;
      ti[j] = xr * f0i + xi * f0r;
    }
  }
}
