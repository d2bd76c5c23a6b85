/**
 * Diagonal (phase-type) gates, in place: each amplitude is multiplied by one entry of the
 * diagonal, chosen by the bits of the gate's qubits.
 */

/**
 * A k-qubit diagonal gate.
 *
 * @param re real parts, length 2^n
 * @param im imaginary parts, length 2^n
 * @param qubits the gate's qubits in argument order (argument j is bit j of the diagonal index)
 * @param d the diagonal as interleaved (re, im) pairs, length 2·2^k
 *
 * @example CZ on qubits [0, 1] (d = [1,0, 1,0, 1,0, −1,0]) of re = [½, ½, ½, ½] gives
 * re = [½, ½, ½, −½].
 */
export function applyDiagonal(
  re: Float64Array,
  im: Float64Array,
  qubits: readonly number[],
  d: Float64Array,
): void {
  const n = re.length;
  const k = qubits.length;
  if (k === 1) {
    applyDiagonal1q(re, im, qubits[0]!, d[0]!, d[1]!, d[2]!, d[3]!);
    return;
  }
  const q0 = qubits[0]!, q1 = qubits[1] ?? 0, q2 = qubits[2] ?? 0;
  for (let i = 0; i < n; i++) {
    let idx = (i >>> q0) & 1;
    if (k > 1) idx |= ((i >>> q1) & 1) << 1;
    if (k > 2) idx |= ((i >>> q2) & 1) << 2;
    for (let j = 3; j < k; j++) idx |= ((i >>> qubits[j]!) & 1) << j;
    const pr = d[2 * idx]!, pi = d[2 * idx + 1]!;
    const xr = re[i]!, xi = im[i]!;
    re[i] = pr * xr - pi * xi;
    im[i] = pr * xi + pi * xr;
  }
}

/**
 * One-qubit diagonal diag(d0, d1) on `target`. When d0 = 1 exactly only the half of the
 * state with the bit set is touched (p, s, t, z).
 *
 * @example diag(1, −1) (Z) on qubit 0 of re = [s, s] gives re = [s, −s].
 */
export function applyDiagonal1q(
  re: Float64Array,
  im: Float64Array,
  target: number,
  d0r: number,
  d0i: number,
  d1r: number,
  d1i: number,
): void {
  const n = re.length;
  const bit = 1 << target;
  const skipZero = d0r === 1 && d0i === 0;
  for (let base = 0; base < n; base += bit << 1) {
    const end = base + bit;
    if (!skipZero) {
      for (let i = base; i < end; i++) {
        const xr = re[i]!, xi = im[i]!;
        re[i] = d0r * xr - d0i * xi;
        im[i] = d0r * xi + d0i * xr;
      }
    }
    for (let i = end; i < end + bit; i++) {
      const xr = re[i]!, xi = im[i]!;
      re[i] = d1r * xr - d1i * xi;
      im[i] = d1r * xi + d1i * xr;
    }
  }
}

/**
 * Multiplies every amplitude by the constant e^{iφ} given as (c, s) = (cos φ, sin φ).
 *
 * @example c = 0, s = 1 (φ = π/2) turns re = [1, 0], im = [0, 0] into re = [0, 0], im = [1, 0].
 */
export function applyScalar(re: Float64Array, im: Float64Array, c: number, s: number): void {
  for (let i = 0; i < re.length; i++) {
    const xr = re[i]!, xi = im[i]!;
    re[i] = c * xr - s * xi;
    im[i] = c * xi + s * xr;
  }
}
