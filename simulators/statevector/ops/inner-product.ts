/**
 * The inner product of two states on split re/im arrays: the one loop behind
 * `Statevector.innerProduct` and the exact kernel's Gram matrix (states stored back to back in
 * shared arrays, hence the offsets).
 */

/**
 * Writes ⟨a|b⟩ = Σ_k conj(a_k)·b_k over `dim` amplitudes into out[0] (real part) and out[1]
 * (imaginary part). State a is aRe/aIm[aOff … aOff+dim), state b is bRe/bIm[bOff … bOff+dim).
 *
 * @example a = |0⟩, b = (|0⟩ + i|1⟩)/√2 (dim 2): out = [1/√2, 0].
 */
export function innerProductInto(
  aRe: Float64Array,
  aIm: Float64Array,
  aOff: number,
  bRe: Float64Array,
  bIm: Float64Array,
  bOff: number,
  dim: number,
  out: Float64Array,
): void {
  let sr = 0;
  let si = 0;
  for (let k = 0; k < dim; k++) {
    const ar = aRe[aOff + k]!, ai = aIm[aOff + k]!, br = bRe[bOff + k]!, bi = bIm[bOff + k]!;
    sr += ar * br + ai * bi;
    si += ar * bi - ai * br;
  }
  out[0] = sr;
  out[1] = si;
}
