import { InputValidationError } from '../core/errors';
import type { PauliSum } from '../core/observable';

/**
 * Qiskit's `SparsePauliOp.apply_layout`: rewrites a Pauli sum over the circuit's qubits as a
 * full-width sum over the device's physical qubits, letter of circuit qubit v moved to
 * physical `layout[v]` (use a transpile result's `layout.final`), identity elsewhere.
 * Labels are little-endian strings (rightmost letter = qubit 0).
 *
 * @throws {InputValidationError} when a label's width differs from the layout's
 */
export function applyLayoutToObservable(observable: PauliSum, layout: readonly number[], numQubits: number): PauliSum {
  return observable.map(([label, coeff]) => {
    if (label.length !== layout.length) {
      throw new InputValidationError(`observable label '${label.slice(0, 40)}' has ${label.length} letters; the layout has ${layout.length} qubits`);
    }
    const out = new Array<string>(numQubits).fill('I');
    for (let v = 0; v < layout.length; v++) out[numQubits - 1 - layout[v]!] = label[label.length - 1 - v]!;
    return [out.join(''), coeff] as const;
  });
}
