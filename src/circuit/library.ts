import { Circuit } from './circuit';

/**
 * Standard circuits researchers reach for (as in Qiskit's circuit library), built with the
 * same gates and order, so results and transpiled sizes compare one to one.
 */

/**
 * GHZ state preparation on `n` qubits: H on qubit 0, then a CX chain (q, q+1).
 * From |0…0⟩ it gives (|0…0⟩ + |1…1⟩)/√2.
 */
export function ghzCircuit(n: number): Circuit {
  const c = new Circuit(n);
  if (n > 0) c.h(0);
  for (let i = 0; i + 1 < n; i++) c.cx(i, i + 1);
  return c;
}

/**
 * The quantum Fourier transform on `n` qubits, Qiskit's `QFT(n)` layout: for j from the top
 * qubit down, H on j then controlled phases π/2^(j−k) from each lower qubit k, and the final
 * swaps. |x⟩ → 2^{−n/2} Σ_k e^{2πi·xk/2^n} |k⟩ (little-endian).
 */
export function qftCircuit(n: number): Circuit {
  const c = new Circuit(n);
  for (let j = n - 1; j >= 0; j--) {
    c.h(j);
    for (let k = j - 1; k >= 0; k--) c.cp(Math.PI / 2 ** (j - k), k, j);
  }
  for (let i = 0; i < n >> 1; i++) c.swap(i, n - 1 - i);
  return c;
}
