/**
 * The local statevector simulator: typed-array kernels, Qiskit gate matrices and
 * little-endian qubit order.
 */
export { Statevector } from './statevector';
export {
  simulateStatevector,
  zeroState,
  applyGate,
  planFusedOps,
  AUTO_FUSION_MIN_QUBITS,
  type PlanOptions,
  type StateBuffers,
  type SimulateOptions,
} from './simulate';
export { type FusedOp } from './plan/fusion';
export { assertStateFits, availableMemoryBytes } from './memory-guard';
export { pauliMasks, pauliExpectation } from './pauli';
export { releaseArenas } from './wasm/runtime';
export { defaultThreads, stopPool as stopSimulatorThreads } from './wasm/thread-pool';
