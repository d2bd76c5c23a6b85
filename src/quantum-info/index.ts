/**
 * quantum_info as Qiskit has it: `SparsePauliOp`, `Statevector`, `DensityMatrix`, `Operator`,
 * `partialTrace` and the fidelities, and the coercion of observables the primitives take.
 */
export { SparsePauliOp, MAX_DENSE_QUBITS, type PauliLayout } from './sparse-pauli-op';
export { observablesToPauliSums, coerceObservables, type ObservableLike, type ObservablesLike } from './observables';
export type { ComplexLike } from './complex-input';
export { Statevector, type StateObservable } from './statevector';
export { DensityMatrix } from './density-matrix';
export { Operator, PAULI_DECOMPOSITION_MAX_QUBITS } from './operator';
export { partialTrace, stateFidelity, processFidelity, averageGateFidelity, type QuantumState, type Channel } from './measures';
