/** Bit tricks shared by the simulators and the kernel loops (pure, allocation-free). */

/** Parity (0 or 1) of the set bits of a 32-bit integer: the sign of a Z-string on a basis state. */
export function parity(v: number): number {
  v ^= v >>> 16;
  v ^= v >>> 8;
  v ^= v >>> 4;
  v ^= v >>> 2;
  v ^= v >>> 1;
  return v & 1;
}
