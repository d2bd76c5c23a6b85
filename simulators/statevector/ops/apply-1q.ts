/**
 * One-qubit gates, in place, on a state stored as separate real and imaginary arrays
 * (little-endian: qubit 0 is the least significant bit of the index).
 *
 * All kernels share one loop shape: for every index pair (i0, i1 = i0 + 2^target) that
 * differs only in bit `target` (or group of four for the paired kernels), load the amplitudes
 * once and write them once. The dispatchers in `../apply-gate.ts` and `../simulate.ts` pick the
 * cheapest kernel for a given matrix (diagonal, Hadamard-shaped, real, general).
 */

/**
 * General complex 2×2 gate: (a0, a1) ← (m00·a0 + m01·a1, m10·a0 + m11·a1).
 *
 * @param re real parts, length 2^n
 * @param im imaginary parts, length 2^n
 * @param target qubit index (0 = least significant bit)
 * @param m the 2×2 matrix as 8 numbers, row-major interleaved: m00re, m00im, m01re, m01im,
 *   m10re, m10im, m11re, m11im
 *
 * @example H on |0⟩ (re = [1, 0], im = [0, 0]) with m = [s,0, s,0, s,0, −s,0], s = 1/√2,
 * gives re = [s, s], im = [0, 0].
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

/**
 * Real 2×2 gate (H, RY, X·scale…): half the multiplications of {@link apply1q}; the real and
 * imaginary parts transform independently.
 *
 * @param a m00, @param b m01, @param c m10, @param d m11 (all real)
 *
 * @example H on |1⟩ (re = [0, 1]) with a = b = c = s, d = −s (s = 1/√2) gives re = [s, −s].
 */
export function apply1qReal(
  re: Float64Array,
  im: Float64Array,
  target: number,
  a: number,
  b: number,
  c: number,
  d: number,
): void {
  const n = re.length;
  const bit = 1 << target;
  for (let base = 0; base < n; base += bit << 1) {
    const end = base + bit;
    for (let i0 = base; i0 < end; i0++) {
      const i1 = i0 + bit;
      const x0r = re[i0]!, x0i = im[i0]!, x1r = re[i1]!, x1i = im[i1]!;
      re[i0] = a * x0r + b * x1r;
      im[i0] = a * x0i + b * x1i;
      re[i1] = c * x0r + d * x1r;
      im[i1] = c * x0i + d * x1i;
    }
  }
}

/**
 * Two one-qubit gates on different qubits in ONE pass over the state (the tensor product
 * B ⊗ A applied to each group of four amplitudes): half the memory traffic of two passes,
 * the same arithmetic.
 *
 * @param qa qubit of `ma`, @param qb qubit of `mb` (qa ≠ qb)
 * @param ma, mb 2×2 matrices as in {@link apply1q}
 *
 * @example H on qubit 0 and H on qubit 1 of |00⟩ (re = [1, 0, 0, 0]) gives re = [½, ½, ½, ½].
 */
export function apply1qPair(
  re: Float64Array,
  im: Float64Array,
  qa: number,
  ma: Float64Array,
  qb: number,
  mb: Float64Array,
): void {
  const n = re.length;
  const ba = 1 << qa, bb = 1 << qb;
  const lo = ba < bb ? ba : bb, hi = ba < bb ? bb : ba;
  const ar = ma[0]!, ai = ma[1]!, br = ma[2]!, bi = ma[3]!, cr = ma[4]!, ci = ma[5]!, dr = ma[6]!, di = ma[7]!;
  const er = mb[0]!, ei = mb[1]!, fr = mb[2]!, fi = mb[3]!, gr = mb[4]!, gi = mb[5]!, hr = mb[6]!, hi_ = mb[7]!;
  for (let s = 0; s < n; s += hi << 1) {
    for (let t = s; t < s + hi; t += lo << 1) {
      const tEnd = t + lo;
      for (let i00 = t; i00 < tEnd; i00++) {
        const i10 = i00 + ba, i01 = i00 + bb, i11 = i10 + bb;
        const x00r = re[i00]!, x00i = im[i00]!, x10r = re[i10]!, x10i = im[i10]!;
        const x01r = re[i01]!, x01i = im[i01]!, x11r = re[i11]!, x11i = im[i11]!;
        // A on qubit a: pairs (x00, x10) and (x01, x11)
        const y00r = ar * x00r - ai * x00i + br * x10r - bi * x10i;
        const y00i = ar * x00i + ai * x00r + br * x10i + bi * x10r;
        const y10r = cr * x00r - ci * x00i + dr * x10r - di * x10i;
        const y10i = cr * x00i + ci * x00r + dr * x10i + di * x10r;
        const y01r = ar * x01r - ai * x01i + br * x11r - bi * x11i;
        const y01i = ar * x01i + ai * x01r + br * x11i + bi * x11r;
        const y11r = cr * x01r - ci * x01i + dr * x11r - di * x11i;
        const y11i = cr * x01i + ci * x01r + dr * x11i + di * x11r;
        // B on qubit b: pairs (y00, y01) and (y10, y11)
        re[i00] = er * y00r - ei * y00i + fr * y01r - fi * y01i;
        im[i00] = er * y00i + ei * y00r + fr * y01i + fi * y01r;
        re[i01] = gr * y00r - gi * y00i + hr * y01r - hi_ * y01i;
        im[i01] = gr * y00i + gi * y00r + hr * y01i + hi_ * y01r;
        re[i10] = er * y10r - ei * y10i + fr * y11r - fi * y11i;
        im[i10] = er * y10i + ei * y10r + fr * y11i + fi * y11r;
        re[i11] = gr * y10r - gi * y10i + hr * y11r - hi_ * y11i;
        im[i11] = gr * y10i + gi * y10r + hr * y11i + hi_ * y11r;
      }
    }
  }
}

/**
 * Controlled one-qubit gate |0⟩⟨0| ⊗ I + |1⟩⟨1| ⊗ V: V acts on `target` only where bit
 * `control` is set (a quarter of the index pairs are left alone twice over: no work there).
 *
 * @example V = X, control 0, target 1 on re = [0, 1, 0, 0] (|01⟩, qubit 0 set) gives
 * re = [0, 0, 0, 1].
 */
export function applyControlled1q(
  re: Float64Array,
  im: Float64Array,
  control: number,
  target: number,
  m: Float64Array,
): void {
  const n = re.length;
  const c = 1 << control, t = 1 << target;
  const lo = c < t ? c : t, hi = c < t ? t : c;
  const ar = m[0]!, ai = m[1]!, br = m[2]!, bi = m[3]!, cr = m[4]!, ci = m[5]!, dr = m[6]!, di = m[7]!;
  for (let s = 0; s < n; s += hi << 1) {
    for (let u = s; u < s + hi; u += lo << 1) {
      const uEnd = u + lo;
      for (let k = u; k < uEnd; k++) {
        const i0 = k + c, i1 = i0 + t;
        const x0r = re[i0]!, x0i = im[i0]!, x1r = re[i1]!, x1i = im[i1]!;
        re[i0] = ar * x0r - ai * x0i + br * x1r - bi * x1i;
        im[i0] = ar * x0i + ai * x0r + br * x1i + bi * x1r;
        re[i1] = cr * x0r - ci * x0i + dr * x1r - di * x1i;
        im[i1] = cr * x0i + ci * x0r + dr * x1i + di * x1r;
      }
    }
  }
}

/**
 * Two real one-qubit gates on different qubits in one pass (Hadamard layers): A = [[a, b],
 * [c, d]] on qubit qa, B = [[e, f], [g, h]] on qubit qb; real and imaginary parts transform
 * independently, a quarter of {@link apply1qPair}'s multiplications.
 *
 * @example H on qubits 0 and 1 of re = [1, 0, 0, 0] gives re = [½, ½, ½, ½].
 */
export function apply1qPairReal(
  re: Float64Array,
  im: Float64Array,
  qa: number,
  ma: Float64Array,
  qb: number,
  mb: Float64Array,
): void {
  const n = re.length;
  const ba = 1 << qa, bb = 1 << qb;
  const lo = ba < bb ? ba : bb, hi = ba < bb ? bb : ba;
  const a = ma[0]!, b = ma[2]!, c = ma[4]!, d = ma[6]!;
  const e = mb[0]!, f = mb[2]!, g = mb[4]!, h = mb[6]!;
  for (let s = 0; s < n; s += hi << 1) {
    for (let t = s; t < s + hi; t += lo << 1) {
      const tEnd = t + lo;
      for (let i00 = t; i00 < tEnd; i00++) {
        const i10 = i00 + ba, i01 = i00 + bb, i11 = i10 + bb;
        const x00r = re[i00]!, x10r = re[i10]!, x01r = re[i01]!, x11r = re[i11]!;
        const y00r = a * x00r + b * x10r, y10r = c * x00r + d * x10r;
        const y01r = a * x01r + b * x11r, y11r = c * x01r + d * x11r;
        re[i00] = e * y00r + f * y01r;
        re[i01] = g * y00r + h * y01r;
        re[i10] = e * y10r + f * y11r;
        re[i11] = g * y10r + h * y11r;
        const x00i = im[i00]!, x10i = im[i10]!, x01i = im[i01]!, x11i = im[i11]!;
        const y00i = a * x00i + b * x10i, y10i = c * x00i + d * x10i;
        const y01i = a * x01i + b * x11i, y11i = c * x01i + d * x11i;
        im[i00] = e * y00i + f * y01i;
        im[i01] = g * y00i + h * y01i;
        im[i10] = e * y10i + f * y11i;
        im[i11] = g * y10i + h * y11i;
      }
    }
  }
}

/**
 * Hadamard-shaped gates k·[[1, 1], [1, −1]] on two different qubits in one pass (H layers): the
 * 4×4 is a scaled Walsh–Hadamard butterfly, so each amplitude costs two additions and one
 * multiplication by the product of the two scales.
 *
 * @param scale ka·kb (½ for two Hadamards)
 *
 * @example qa = 0, qb = 1, scale = ½ on re = [1, 0, 0, 0] gives re = [½, ½, ½, ½].
 */
export function apply1qPairHadamard(
  re: Float64Array,
  im: Float64Array,
  qa: number,
  qb: number,
  scale: number,
): void {
  const n = re.length;
  const ba = 1 << qa, bb = 1 << qb;
  const lo = ba < bb ? ba : bb, hi = ba < bb ? bb : ba;
  for (let s = 0; s < n; s += hi << 1) {
    for (let t = s; t < s + hi; t += lo << 1) {
      const tEnd = t + lo;
      for (let i00 = t; i00 < tEnd; i00++) {
        const i10 = i00 + ba, i01 = i00 + bb, i11 = i10 + bb;
        const x00r = re[i00]!, x10r = re[i10]!, x01r = re[i01]!, x11r = re[i11]!;
        const p0r = x00r + x10r, m0r = x00r - x10r, p1r = x01r + x11r, m1r = x01r - x11r;
        re[i00] = scale * (p0r + p1r);
        re[i01] = scale * (p0r - p1r);
        re[i10] = scale * (m0r + m1r);
        re[i11] = scale * (m0r - m1r);
        const x00i = im[i00]!, x10i = im[i10]!, x01i = im[i01]!, x11i = im[i11]!;
        const p0i = x00i + x10i, m0i = x00i - x10i, p1i = x01i + x11i, m1i = x01i - x11i;
        im[i00] = scale * (p0i + p1i);
        im[i01] = scale * (p0i - p1i);
        im[i10] = scale * (m0i + m1i);
        im[i11] = scale * (m0i - m1i);
      }
    }
  }
}

/**
 * A Hadamard-shaped gate k·[[1, 1], [1, −1]] on one qubit: two additions and two
 * multiplications per amplitude pair and part.
 *
 * @example k = 1/√2 (H) on re = [1, 0] gives re = [1/√2, 1/√2].
 */
export function apply1qHadamard(re: Float64Array, im: Float64Array, target: number, k: number): void {
  const n = re.length;
  const bit = 1 << target;
  for (let base = 0; base < n; base += bit << 1) {
    const end = base + bit;
    for (let i0 = base; i0 < end; i0++) {
      const i1 = i0 + bit;
      const x0r = re[i0]!, x0i = im[i0]!, x1r = re[i1]!, x1i = im[i1]!;
      re[i0] = k * (x0r + x1r);
      im[i0] = k * (x0i + x1i);
      re[i1] = k * (x0r - x1r);
      im[i1] = k * (x0i - x1i);
    }
  }
}
