/**
 * Inner products of states on split re/im arrays: the one loop behind `Statevector.innerProduct`
 * and the exact kernel's Gram matrix (states stored back to back in shared arrays, hence the
 * offsets).
 */

/**
 * Writes ⟨a|b_t⟩ = Σ_k conj(a_k)·b_t,k for t < count into out[2t] (real part) and out[2t + 1]
 * (imaginary part). State a is aRe/aIm[aOff … aOff+dim); ket t is bRe/bIm[bOff + t·dim … +dim).
 * Kets are taken two at a time: each amplitude of a is loaded once for both, which makes a Gram
 * row ~1.5× faster than one product at a time (loads, not arithmetic, bound the loop).
 *
 * @example a = |0⟩, one ket b = (|0⟩ + i|1⟩)/√2 (dim 2): out = [1/√2, 0].
 */
export function innerProductsInto(
  aRe: Float64Array,
  aIm: Float64Array,
  aOff: number,
  bRe: Float64Array,
  bIm: Float64Array,
  bOff: number,
  count: number,
  dim: number,
  out: Float64Array,
): void {
  let t = 0;
  for (; t + 1 < count; t += 2) {
    const b0 = bOff + t * dim, b1 = b0 + dim;
    let s0r = 0, s0i = 0, s1r = 0, s1i = 0;
    for (let k = 0; k < dim; k++) {
      const ar = aRe[aOff + k]!, ai = aIm[aOff + k]!;
      const xr = bRe[b0 + k]!, xi = bIm[b0 + k]!, yr = bRe[b1 + k]!, yi = bIm[b1 + k]!;
      s0r += ar * xr + ai * xi;
      s0i += ar * xi - ai * xr;
      s1r += ar * yr + ai * yi;
      s1i += ar * yi - ai * yr;
    }
    out[2 * t] = s0r;
    out[2 * t + 1] = s0i;
    out[2 * t + 2] = s1r;
    out[2 * t + 3] = s1i;
  }
  if (t < count) {
    const b0 = bOff + t * dim;
    let sr = 0, si = 0;
    for (let k = 0; k < dim; k++) {
      const ar = aRe[aOff + k]!, ai = aIm[aOff + k]!, br = bRe[b0 + k]!, bi = bIm[b0 + k]!;
      sr += ar * br + ai * bi;
      si += ar * bi - ai * br;
    }
    out[2 * t] = sr;
    out[2 * t + 1] = si;
  }
}
