import { InputValidationError } from '../../src/core/errors';
import { parity } from '../../src/core/bits';

/** X/Y/Z masks of a Pauli label (leftmost letter = highest qubit, as Qiskit). */
export interface PauliMasks {
  readonly x: number;
  readonly z: number;
  readonly numY: number;
}

/**
 * Parses a Pauli label such as `"XIZ"` for `numQubits` qubits: the rightmost letter acts on
 * qubit 0 (Qiskit little-endian labels).
 * @throws {InputValidationError} for a wrong length or a letter other than I, X, Y, Z
 */
export function pauliMasks(label: string, numQubits: number): PauliMasks {
  if (label.length !== numQubits) {
    throw new InputValidationError(
      `Pauli label '${label}' has ${label.length} letter(s) but the circuit has ${numQubits} qubit(s)`,
    );
  }
  let x = 0, z = 0, numY = 0;
  for (let k = 0; k < label.length; k++) {
    const q = label.length - 1 - k;
    const ch = label[k]!.toUpperCase();
    if (ch === 'X') x |= 1 << q;
    else if (ch === 'Z') z |= 1 << q;
    else if (ch === 'Y') {
      x |= 1 << q;
      z |= 1 << q;
      numY++;
    } else if (ch !== 'I') {
      throw new InputValidationError(`Pauli label '${label}' has invalid letter '${label[k]}' at position ${k}`);
    }
  }
  return { x, z, numY };
}


/**
 * ⟨ψ|P|ψ⟩ for one Pauli string (a real number, P being Hermitian).
 * P|i⟩ = i^{nY}·(−1)^{|i ∧ z|}·|i ⊕ x⟩, so ⟨ψ|P|ψ⟩ = Σ_i conj(ψ_{i⊕x})·phase(i)·ψ_i.
 */
export function pauliExpectation(re: Float64Array, im: Float64Array, masks: PauliMasks): number {
  const { x, z, numY } = masks;
  let sr = 0, si = 0;
  for (let i = 0; i < re.length; i++) {
    const j = i ^ x;
    // conj(ψ_j)·ψ_i
    let pr = re[j]! * re[i]! + im[j]! * im[i]!;
    let pi = re[j]! * im[i]! - im[j]! * re[i]!;
    if (parity(i & z)) {
      pr = -pr;
      pi = -pi;
    }
    sr += pr;
    si += pi;
  }
  // multiply by i^{nY}
  switch (numY & 3) {
    case 0:
      return sr;
    case 1:
      return -si;
    case 2:
      return -sr;
    default:
      return si;
  }
}

/**
 * Masks of a Pauli label over a circuit's qubits, restricted to the qubits a simulation holds:
 * `qubits[k]` is the circuit qubit at simulated index k. The simulators that hold only the
 * touched qubits leave every other qubit in |0⟩, where ⟨0|Z|0⟩ = 1 and ⟨0|X|0⟩ = ⟨0|Y|0⟩ = 0:
 * a Z there drops out, an X or Y makes the whole term 0 (then the result is null).
 *
 * @throws {InputValidationError} for a letter other than I, X, Y, Z, or a label too short to
 *   cover the simulated qubits
 */
export function pauliMasksOnQubits(label: string, qubits: readonly number[]): PauliMasks | null {
  const highest = Math.max(-1, ...qubits);
  if (label.length <= highest) {
    throw new InputValidationError(`Pauli label '${label}' has ${label.length} letter(s) but the state holds qubit ${highest}`);
  }
  const localOf = new Map(qubits.map((q, k) => [q, k]));
  let x = 0, z = 0, numY = 0;
  let zero = false;
  for (let k = 0; k < label.length; k++) {
    const q = label.length - 1 - k;
    const ch = label[k]!.toUpperCase();
    if (ch !== 'I' && ch !== 'X' && ch !== 'Y' && ch !== 'Z') {
      throw new InputValidationError(`Pauli label '${label}' has invalid letter '${label[k]}' at position ${k}`);
    }
    const local = localOf.get(q);
    if (local === undefined) {
      if (ch === 'X' || ch === 'Y') zero = true;
      continue;
    }
    if (ch === 'X' || ch === 'Y') x |= 1 << local;
    if (ch === 'Z' || ch === 'Y') z |= 1 << local;
    if (ch === 'Y') numY++;
  }
  return zero ? null : { x, z, numY };
}
