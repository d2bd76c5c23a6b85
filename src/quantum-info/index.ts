/**
 * quantum_info as Qiskit has it: `SparsePauliOp`, `Operator`, `Statevector`, and the coercion of observables
 * the primitives take.
 */
export { SparsePauliOp, MAX_DENSE_QUBITS, type PauliLayout } from './sparse-pauli-op';
export { observablesToPauliSums, coerceObservables, type ObservableLike, type ObservablesLike } from './observables';
export type { ComplexLike } from './complex-input';
export { Operator } from './operator';
export { Statevector, type StateObservable } from './statevector';
