/**
 * The local statevector simulator: typed-array kernels, Qiskit gate matrices and
 * little-endian qubit order.
 */
export { Statevector } from './statevector';
export type { StateBuffers } from './state';
export {
  simulateStatevector,
  zeroState,
  applyGate,
  planFusedOps,
  AUTO_FUSION_MIN_QUBITS,
  type PlanOptions,
  type SimulateOptions,
} from './simulate';
export { type FusedOp, type GateCall } from './plan/fusion';
export {
  compileParametricPlan,
  runParametricPlan,
  reduceAngle,
  type ParametricPlan,
  type ParityPhase,
  type PlanInput,
  type RunPlanOptions,
} from './parametric';
export { innerProductsInto } from './ops/inner-product';
export { assertStateFits, availableMemoryBytes } from './memory-guard';
export { pauliMasks, pauliExpectation } from './pauli';
export { releaseArenas } from './wasm/runtime';
export { defaultThreads, stopPool as stopSimulatorThreads } from './wasm/thread-pool';
