/**
 * Permutation gates (X, CX, SWAP, CCX, CSWAP), in place: amplitudes are exchanged, no
 * arithmetic.
 */

/** X on `target`: swaps each pair differing in that bit. */
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
 * `value` and whose `flip` bits equal `flipFrom` (so each pair is visited once).
 * CX(c, t): mask = c|t, value = c, flip = t. SWAP(a, b): mask = a|b, value = a, flip = a|b.
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

/** CX with `control` and `target` qubits. */
export function applyCx(re: Float64Array, im: Float64Array, control: number, target: number): void {
  const c = 1 << control;
  const t = 1 << target;
  // Iterate only over indices with the control set and the target clear.
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

/** SWAP of qubits `a` and `b`. */
export function applySwap(re: Float64Array, im: Float64Array, a: number, b: number): void {
  const ba = 1 << a;
  const bb = 1 << b;
  applyMaskedSwap(re, im, ba | bb, ba, ba | bb);
}
