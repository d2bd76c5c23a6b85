/**
 * Pauli-string algebra of quantum_info: one-qubit products with their phases, the X/Z masks of a
 * label, and traces Tr(P·M) against dense matrices. Labels are Qiskit's: the rightmost letter
 * acts on qubit 0. (The statevector engine keeps its own masks for its kernels, up to 31 qubits;
 * these serve the dense, at most 10-qubit, matrices here.)
 */
import type { GateMatrix } from '../circuit/gates';
import { parity } from '../core/bits';

/**
 * Product of two one-qubit Paulis a·b as [letter, k] with a·b = i^k·letter. With the Pauli
 * matrices X, Y = [[0, −i], [i, 0]], Z: XY = iZ, YZ = iX, ZX = iY, and the reversed
 * products carry −i (k = 3).
 */
export function pauliProduct(a: string, b: string): [string, number] {
  if (a === 'I') return [b, 0];
  if (b === 'I') return [a, 0];
  if (a === b) return ['I', 0];
  const cyclic = (a === 'X' && b === 'Y') || (a === 'Y' && b === 'Z') || (a === 'Z' && b === 'X');
  const other = 'XYZ'.replace(a, '').replace(b, '');
  return [other, cyclic ? 1 : 3];
}

/** (re, im)·i^k (a negated zero reads as 0: `+ 0` turns −0 into 0). */
export function timesIPower(re: number, im: number, k: number): [number, number] {
  switch (k & 3) {
    case 0:
      return [re + 0, im + 0];
    case 1:
      return [-im + 0, re + 0];
    case 2:
      return [-re + 0, -im + 0];
    default:
      return [im + 0, -re + 0];
  }
}

/**
 * The X mask, Z mask and number of Y letters of a label: P|c⟩ = i^{nY}·(−1)^{popcount(c ∧ z)}·|c ⊕ x⟩
 * (Y = i·X·Z), so the matrix has one entry per column c, P[c ⊕ x][c].
 */
export function labelMasks(label: string): { x: number; z: number; ny: number } {
  const n = label.length;
  let x = 0, z = 0, ny = 0;
  for (let k = 0; k < n; k++) {
    const q = n - 1 - k, ch = label[k]!;
    if (ch === 'X' || ch === 'Y') x |= 1 << q;
    if (ch === 'Z' || ch === 'Y') z |= 1 << q;
    if (ch === 'Y') ny++;
  }
  return { x, z, ny };
}

/** Tr(P·M) as (re, im) = Σ_c P[c ⊕ x][c]·M[c][c ⊕ x]. */
export function pauliTrace(label: string, m: GateMatrix): [number, number] {
  const { x, z, ny } = labelMasks(label);
  const d = m.dim;
  let sr = 0, si = 0;
  for (let c = 0; c < d; c++) {
    const sign = parity(c & z) ? -1 : 1;
    sr += sign * m.data[2 * (c * d + (c ^ x))]!;
    si += sign * m.data[2 * (c * d + (c ^ x)) + 1]!;
  }
  return timesIPower(sr, si, ny);
}
