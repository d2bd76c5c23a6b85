/**
 * 2×2 complex matrices as the gate tables write them: 8 numbers, row-major, interleaved
 * (m00re, m00im, m01re, m01im, m10re, m10im, m11re, m11im). The one home of the 2×2 product and
 * of the structure tests the engine's dispatchers and the transpiler's one-qubit passes share.
 */

/** A 2×2 complex matrix, row-major: [a, b, c, d] as (re, im) pairs. */
export type Mat2 = Float64Array;

/**
 * The product a·b (b applied first, then a), as a new matrix.
 *
 * @example mul2x2(X, X) = I (X = [0,0, 1,0, 1,0, 0,0]).
 */
export function mul2x2(a: Mat2, b: Mat2): Mat2 {
  const out = new Float64Array(8);
  for (let r = 0; r < 2; r++) {
    for (let c = 0; c < 2; c++) {
      let re = 0;
      let im = 0;
      for (let k = 0; k < 2; k++) {
        const xr = a[2 * (2 * r + k)]!, xi = a[2 * (2 * r + k) + 1]!;
        const yr = b[2 * (2 * k + c)]!, yi = b[2 * (2 * k + c) + 1]!;
        re += xr * yr - xi * yi;
        im += xr * yi + xi * yr;
      }
      out[2 * (2 * r + c)] = re;
      out[2 * (2 * r + c) + 1] = im;
    }
  }
  return out;
}

/** True when every entry is real (exactly: the gate tables write exact zeros). */
export function isReal2x2(m: Mat2): boolean {
  return m[1] === 0 && m[3] === 0 && m[5] === 0 && m[7] === 0;
}

/** True when both off-diagonal entries are exactly zero. */
export function isDiagonal2x2(m: Mat2): boolean {
  return m[2] === 0 && m[3] === 0 && m[4] === 0 && m[5] === 0;
}
