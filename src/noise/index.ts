/**
 * Noise channels (Kraus operators with Qiskit Aer's parameterisations), readout errors and the
 * noise model that attaches them to gates and measurements.
 */
export {
  amplitudeDampingError,
  composeErrors,
  depolarizingError,
  isTracePreserving,
  krausCompleteness,
  krausError,
  pauliError,
  pauliMatrix,
  phaseDampingError,
  tensorErrors,
  thermalRelaxationError,
  TRACE_PRESERVING_ATOL,
  type QuantumError,
  type ErrorFactor,
} from './channels';
export { ReadoutError, applyReadout, READOUT_ROW_ATOL } from './readout';
export { NoiseModel, quantumErrorFor, delayErrorFor, type LocalReadout, type NoiseModelSnapshot, type RelaxationTimes } from './noise-model';
export { noiseModelFromDevice, type DeviceNoiseModel } from './from-device';
