/**
 * The exact density-matrix simulator: noisy circuits (Kraus channels after gates, readout
 * errors on measurement) on the qubits a circuit touches, up to 13 of them.
 */
export {
  assertDensityMatrixFits,
  densityMatrixBytes,
  evolveDensityMatrix,
  MAX_DENSITY_MATRIX_QUBITS,
  touchedQubits,
  type DensityMatrix,
  type FinalMeasurement,
} from './evolve';
export {
  measurementProbabilities,
  sampleDensityMatrixCounts,
  simulateDensityMatrix,
  type DensityMatrixCounts,
  type DensityMatrixOptions,
  type DensityMatrixProbabilities,
  type DensityMatrixSampleOptions,
} from './measure';
export { densityMatrixExpectation } from './expectation';
export { readoutPlan, type ReadoutPlan, type ReadoutStep } from './readout-plan';
