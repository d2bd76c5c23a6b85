/**
 * Inner products of states on split re/im arrays: the one kernel behind
 * `Statevector.innerProduct` and the exact kernel's Gram matrix (states stored back to back in
 * shared arrays, hence the offsets and counts).
 */

/**
 * Writes ⟨a_s|b_t⟩ = Σ_k conj(a_s,k)·b_t,k for s < aCount, t < bCount into out[2(s·bCount + t)]
 * (real part) and the next entry (imaginary part). Bra s is aRe/aIm[aOff + s·dim … +dim), ket t
 * is bRe/bIm[bOff + t·dim … +dim). Pairs of bras meet pairs of kets in 2×2 blocks: 8 loads serve
 * 4 products (one product alone needs 4 loads), and loads, not arithmetic, bound the loop
 * (measured: a Gram matrix 1.4–1.5× faster than one product at a time); the rest one by one.
 *
 * @example one bra a = |0⟩, one ket b = (|0⟩ + i|1⟩)/√2 (dim 2): out = [1/√2, 0].
 */
export function innerProductsInto(
  aRe: Float64Array,
  aIm: Float64Array,
  aOff: number,
  aCount: number,
  bRe: Float64Array,
  bIm: Float64Array,
  bOff: number,
  bCount: number,
  dim: number,
  out: Float64Array,
): void {
  let s = 0;
  for (; s + 1 < aCount; s += 2) {
    let t = 0;
    for (; t + 1 < bCount; t += 2) block2x2(aRe, aIm, aOff + s * dim, bRe, bIm, bOff + t * dim, dim, out, 2 * (s * bCount + t), 2 * bCount);
    if (t < bCount) {
      one(aRe, aIm, aOff + s * dim, bRe, bIm, bOff + t * dim, dim, out, 2 * (s * bCount + t));
      one(aRe, aIm, aOff + (s + 1) * dim, bRe, bIm, bOff + t * dim, dim, out, 2 * ((s + 1) * bCount + t));
    }
  }
  if (s < aCount) for (let t = 0; t < bCount; t++) one(aRe, aIm, aOff + s * dim, bRe, bIm, bOff + t * dim, dim, out, 2 * (s * bCount + t));
}

/** ⟨a|b⟩ into out[o], out[o + 1]. */
function one(aRe: Float64Array, aIm: Float64Array, a: number, bRe: Float64Array, bIm: Float64Array, b: number, dim: number, out: Float64Array, o: number): void {
  let sr = 0, si = 0;
  for (let k = 0; k < dim; k++) {
    const ar = aRe[a + k]!, ai = aIm[a + k]!, br = bRe[b + k]!, bi = bIm[b + k]!;
    sr += ar * br + ai * bi;
    si += ar * bi - ai * br;
  }
  out[o] = sr;
  out[o + 1] = si;
}

/** ⟨a0|b0⟩, ⟨a0|b1⟩ at out[o …], ⟨a1|b0⟩, ⟨a1|b1⟩ at out[o + row …] (a1 = a0 + dim, b1 = b0 + dim). */
function block2x2(
  aRe: Float64Array, aIm: Float64Array, a0: number,
  bRe: Float64Array, bIm: Float64Array, b0: number,
  dim: number, out: Float64Array, o: number, row: number,
): void {
  const a1 = a0 + dim, b1 = b0 + dim;
  let s00r = 0, s00i = 0, s01r = 0, s01i = 0, s10r = 0, s10i = 0, s11r = 0, s11i = 0;
  for (let k = 0; k < dim; k++) {
    const pr = aRe[a0 + k]!, pi = aIm[a0 + k]!, qr = aRe[a1 + k]!, qi = aIm[a1 + k]!;
    const xr = bRe[b0 + k]!, xi = bIm[b0 + k]!, yr = bRe[b1 + k]!, yi = bIm[b1 + k]!;
    s00r += pr * xr + pi * xi;
    s00i += pr * xi - pi * xr;
    s01r += pr * yr + pi * yi;
    s01i += pr * yi - pi * yr;
    s10r += qr * xr + qi * xi;
    s10i += qr * xi - qi * xr;
    s11r += qr * yr + qi * yi;
    s11i += qr * yi - qi * yr;
  }
  out[o] = s00r;
  out[o + 1] = s00i;
  out[o + 2] = s01r;
  out[o + 3] = s01i;
  out[o + row] = s10r;
  out[o + row + 1] = s10i;
  out[o + row + 2] = s11r;
  out[o + row + 3] = s11i;
}
