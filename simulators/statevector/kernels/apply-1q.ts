/**
 * Generic one-qubit gate, in place, on a state stored as separate real and imaginary arrays.
 *
 * For every index pair (i0, i1) that differs only in bit `target`:
 * (a0, a1) ← (m00·a0 + m01·a1, m10·a0 + m11·a1).
 *
 * @param re real parts, length 2^n
 * @param im imaginary parts, length 2^n
 * @param target qubit index (0 = least significant bit)
 * @param m the 2×2 matrix as 8 numbers: m00re, m00im, m01re, m01im, m10re, m10im, m11re, m11im
 *
 * @example H on |0⟩ (re = [1, 0], im = [0, 0]) with m = [s,0, s,0, s,0, −s,0], s = 1/√2,
 * gives re = [s, s].
 */
export function apply1q(re: Float64Array, im: Float64Array, target: number, m: Float64Array): void {
  const n = re.length;
  const bit = 1 << target;
  const ar = m[0]!, ai = m[1]!, br = m[2]!, bi = m[3]!;
  const cr = m[4]!, ci = m[5]!, dr = m[6]!, di = m[7]!;
  for (let base = 0; base < n; base += bit << 1) {
    const end = base + bit;
    for (let i0 = base; i0 < end; i0++) {
      const i1 = i0 + bit;
      const x0r = re[i0]!, x0i = im[i0]!, x1r = re[i1]!, x1i = im[i1]!;
      re[i0] = ar * x0r - ai * x0i + br * x1r - bi * x1i;
      im[i0] = ar * x0i + ai * x0r + br * x1i + bi * x1r;
      re[i1] = cr * x0r - ci * x0i + dr * x1r - di * x1i;
      im[i1] = cr * x0i + ci * x0r + dr * x1i + di * x1r;
    }
  }
}
