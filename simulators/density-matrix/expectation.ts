/**
 * Exact expectation values Tr(ρP) of Pauli sums on a density matrix, so the exact method can
 * serve the Estimator.
 */
import { parity } from '../../src/core/bits';
import type { PauliSum } from '../../src/core/observable';
import { pauliMasksOnQubits } from '../statevector/pauli';
import type { DensityMatrix } from './evolve';

/**
 * Tr(ρ·Σ c_j P_j) for a density matrix over the qubits a circuit touches. Labels are over the
 * circuit's qubits (rightmost letter = qubit 0, Qiskit's order); qubits the matrix does not hold
 * are |0⟩ (see {@link pauliMasksOnQubits}). With P|i⟩ = i^{nY}·(−1)^{|i ∧ z|}·|i ⊕ x⟩,
 * Tr(ρP) = i^{nY}·Σ_i ρ[i][i ⊕ x]·(−1)^{|i ∧ z|}; P is Hermitian, so the real part is returned.
 *
 * @example densityMatrixExpectation(simulateDensityMatrix(new Circuit(1).x(0)), [['Z', 1]]) is −1.
 * @throws {InputValidationError} for a bad Pauli letter or a label shorter than the qubits held
 */
export function densityMatrixExpectation(rho: DensityMatrix, observable: PauliSum): number {
  const dim = 2 ** rho.numQubits;
  let total = 0;
  for (const [label, coeff] of observable) {
    const masks = pauliMasksOnQubits(label, rho.qubits);
    if (!masks) continue;
    let sr = 0, si = 0;
    for (let i = 0; i < dim; i++) {
      const at = i * dim + (i ^ masks.x);
      const sign = parity(i & masks.z) ? -1 : 1;
      sr += sign * rho.re[at]!;
      si += sign * rho.im[at]!;
    }
    // Real part of i^{nY}·(sr + i·si).
    const value = [sr, -si, -sr, si][masks.numY & 3]!;
    total += coeff * value;
  }
  return total;
}
