/**
 * Permutation gates (X, CX, SWAP, CCX, CSWAP), in place: amplitudes are exchanged, no
 * arithmetic.
 */

/**
 * X on `target`: swaps each pair differing in that bit.
 *
 * @example X on qubit 1 of re = [1, 0, 0, 0] (|00⟩) gives re = [0, 0, 1, 0] (|10⟩, index 2).
 */
export function applyX(re: Float64Array, im: Float64Array, target: number): void {
  const n = re.length;
  const bit = 1 << target;
  for (let base = 0; base < n; base += bit << 1) {
    const end = base + bit;
    for (let i0 = base; i0 < end; i0++) {
      const i1 = i0 + bit;
      const tr = re[i0]!, ti = im[i0]!;
      re[i0] = re[i1]!;
      im[i0] = im[i1]!;
      re[i1] = tr;
      im[i1] = ti;
    }
  }
}

/**
 * Swaps amplitude i with amplitude i ^ flip for every i whose bits under `mask` equal
 * `value` (choose `value` so that each pair is visited once).
 * CCX(c1, c2, t): mask = c1|c2|t, value = c1|c2, flip = t. SWAP(a, b): mask = a|b, value = a,
 * flip = a|b. CSWAP(c, a, b): mask = c|a|b, value = c|a, flip = a|b.
 *
 * @example mask = 3, value = 1, flip = 3 (SWAP of qubits 0 and 1) on re = [0, 1, 0, 0] gives
 * re = [0, 0, 1, 0].
 */
export function applyMaskedSwap(
  re: Float64Array,
  im: Float64Array,
  mask: number,
  value: number,
  flip: number,
): void {
  const n = re.length;
  for (let i = 0; i < n; i++) {
    if ((i & mask) !== value) continue;
    const j = i ^ flip;
    const tr = re[i]!, ti = im[i]!;
    re[i] = re[j]!;
    im[i] = im[j]!;
    re[j] = tr;
    im[j] = ti;
  }
}

/**
 * CX with `control` and `target` qubits: visits only the indices with the control set and
 * the target clear (a quarter of the state) and swaps each with its target-set partner.
 *
 * @example CX(0, 1) on re = [0, 1, 0, 0] (qubit 0 set) gives re = [0, 0, 0, 1].
 */
export function applyCx(re: Float64Array, im: Float64Array, control: number, target: number): void {
  const c = 1 << control;
  const t = 1 << target;
  const n = re.length;
  const lo = Math.min(c, t), hi = Math.max(c, t);
  for (let a = 0; a < n; a += hi << 1) {
    for (let b = a; b < a + hi; b += lo << 1) {
      for (let k = b; k < b + lo; k++) {
        const i = k | c;
        const j = i | t;
        const tr = re[i]!, ti = im[i]!;
        re[i] = re[j]!;
        im[i] = im[j]!;
        re[j] = tr;
        im[j] = ti;
      }
    }
  }
}

/**
 * SWAP of qubits `a` and `b`.
 *
 * @example SWAP(0, 1) on re = [0, 1, 0, 0] gives re = [0, 0, 1, 0].
 */
export function applySwap(re: Float64Array, im: Float64Array, a: number, b: number): void {
  const ba = 1 << a;
  const bb = 1 << b;
  applyMaskedSwap(re, im, ba | bb, ba, ba | bb);
}
