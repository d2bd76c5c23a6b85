/**
 * qbridge: quantum circuits and quantum kernels on a fast local statevector simulator, and on
 * IBM Quantum hardware through the IBM Quantum Runtime REST API.
 *
 * This file is the public API and the composition root (with `src/cli`, the only place that names
 * concrete backends). Every export is named here on purpose: what is not listed is internal and
 * may change (the package `exports` map exposes this entry only).
 */

// The platform types the declarations name (AbortSignal, Request, Response), for consumers
// compiled without the DOM library or @types/node: see the module.
import './core/platform-types';

// Errors: one tree, each with a stable `code`.
export {
  QbridgeError,
  isQbridgeError,
  ConfigurationError,
  InputValidationError,
  CircuitValidationError,
  QasmSyntaxError,
  ResourceLimitError,
  SimulatorError,
  BackendNotFoundError,
  AbortedError,
  RunInProgressError,
  SessionNotAllowedError,
  JobError,
  JobFailedError,
  JobCancelledError,
  JobTimeoutError,
  TransportError,
  ConnectionError,
  RequestTimeoutError,
  InvalidResponseError,
  ApiError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  RateLimitError,
  ServerError,
  throwIfAborted,
  type ErrorCode,
  type ApiErrorDetails,
} from './core/errors';

// Jobs, targets, observables.
export { TERMINAL_STATUSES, isTerminal, SettledJob, type Job, type JobStatus, type WaitOptions } from './core/job';
export { createTarget, instructionSupported, type Target, type TargetSpec, type QubitProperties } from './core/target';
export type { PauliSum } from './core/observable';

// Circuits, gates, parameters, OpenQASM.
export { Circuit, CircuitBase, isExpression, type Instruction, type ClassicalRegister, type CircuitOptions, type ComposeOptions } from './circuit/circuit';
export { broadcastQubits, broadcastMeasure, type QubitArg, type ClbitArg } from './circuit/broadcast';
export { GATES, DIRECTIVES, gateDefinition, gateMatrix, isIdleInstruction, type GateDefinition, type GateMatrix } from './circuit/gates';
export { DELAY_UNITS, type DelayUnit } from './circuit/delay';
export { IF_ELSE, type IfCondition, type IfConditionSpec } from './circuit/control-flow';
export { WHILE_LOOP, MAX_WHILE_ITERATIONS } from './circuit/control-flow';
export {
  Parameter,
  ParameterVector,
  ParameterExpression,
  compareParameterNames,
  type Angle,
  type ExprNode,
  type ParameterBindings,
} from './circuit/parameter';
export { ghzCircuit, qftCircuit } from './circuit/library';
export {
  nLocal,
  realAmplitudes,
  efficientSU2,
  nLocalEntanglement,
  type NLocalOptions,
  type EfficientSU2Options,
  type NLocalEntanglement,
  type BlockEntanglement,
} from './circuit/library/n-local';
export { qaoaAnsatz, type QaoaAnsatzOptions, type PauliTermSource, type PauliCoefficient } from './circuit/library/qaoa-ansatz';
export { controlGate, inverseGate, powerGate } from './circuit/gate-modifiers';
export { MAX_CONTROLS } from './circuit/multi-controlled';
export {
  parseQasm,
  parseQasm2,
  parseQasm3,
  toQasm3,
  qasm3ParameterNames,
  QASM3_DEFINITIONS,
  SOFT_NATIVE,
  STDGATES_NAMES,
  type QasmParseOptions,
  type IncludedFile,
  type Qasm3ExportOptions,
} from './circuit/qasm';
export { parseQasmProgram, bindQasmInputs, type QasmInput, type QasmOutput, type QasmProgramResult } from './circuit/qasm';
export { toQasm2, type Qasm2ExportOptions } from './circuit/qasm';
export { drawText, type TextDrawOptions } from './circuit/draw';
export { countsByRegister, type RegisterCounts } from './primitives/measurement';

// quantum_info (issue 15): SparsePauliOp, Operator, Statevector (the engine's, with Qiskit's
// methods), DensityMatrix, partialTrace, the fidelities, and the observable forms the Estimator takes.
export {
  SparsePauliOp,
  MAX_DENSE_QUBITS,
  observablesToPauliSums,
  Operator,
  PAULI_DECOMPOSITION_MAX_QUBITS,
  Statevector,
  DensityMatrix,
  partialTrace,
  stateFidelity,
  processFidelity,
  averageGateFidelity,
  type StateObservable,
  type QuantumState,
  type Channel,
  type PauliLayout,
  type ObservableLike,
  type ObservablesLike,
  type ComplexLike,
} from './quantum-info';

// The statevector engine (its Statevector is exported above, with quantum_info's methods).
export {
  simulateStatevector,
  stopSimulatorThreads,
  type SimulateOptions,
  type StateBuffers,
} from '../simulators/statevector';

// The transpiler.
export {
  transpile,
  nativeEntangler,
  checkIsa,
  isIsa,
  findIsaViolation,
  IsaValidationError,
  NON_ISA_MESSAGE,
  applyLayoutToObservable,
  scheduleIdleDelays,
  type ScheduleOptions,
  type ScheduledCircuit,
  type TranspileOptions,
  type TranspileResult,
  type TranspileLayout,
  type TranspileStats,
  type IsaViolation,
  type LayoutMethod,
  generatePresetPassManager,
  PassManager,
  type CircuitPass,
  type PassLike,
  PRESET_STAGES,
  weylDecomposition,
  synthesizeTwoQubit,
  type PresetPassManager,
  type PresetPassManagerOptions,
  type PresetStage,
  type WeylDecomposition,
  type TwoQubitSynthesis,
  type TwoQubitSynthesisOptions,
} from './transpiler';

// Primitives (Sampler/Estimator V2).
export {
  BitArray,
  type DiagonalObservableLike,
  Sampler,
  Estimator,
  toSamplerPubs,
  toEstimatorPubs,
  samplerPubsOf,
  estimatorPubsOf,
  DEFAULT_SHOTS,
  type SamplerOptions,
  type SamplerPubLike,
  type EstimatorOptions,
  type EstimatorPubLike,
  type TranspilePolicy,
  type ParameterRows,
  type SamplerPub,
  type EstimatorPub,
  type CommonRequestOptions,
  type SamplerRequest,
  type EstimatorRequest,
  type PrimitiveRequest,
  type SamplerPubResult,
  type SamplerResult,
  type EstimatorPubResult,
  type EstimatorResult,
  type ResultFor,
  PrimitiveResult,
  ShapedArray,
  broadcastShapes,
  type EstimatorDataBin,
  type EstimatorPubResultV2,
  type EstimatorPrimitiveResult,
  type SamplerPrimitiveResult,
  type ResultMetadata,
  type NestedNumbers,
  type Shape,
  type ParameterValuesLike,
  type NestedValues,
  type NestedObservables,
} from './primitives';

// The backend contract, the registry and configuration.
export type { Backend, BackendFactory, RunOptions, StatevectorData, RemoteJobRef, JournalEntry } from './backend';
export { BackendRegistry, acquireBackend, defaultBackendName, getDefaultRegistry } from './registry';
export { loadConfig, ENV_VARS, Secret, type QbridgeConfig, type ConfigOverrides, type IbmAccountConfig, type IbmChannel } from './config';
export type { SubmitRate } from './ibm/submit-rate';
export {
  targetFromIbmConfiguration,
  type IbmBackendConfiguration,
  type IbmBackendProperties,
  type IbmNduv,
  type TargetFromIbmOptions,
} from './ibm/device-config';

// Quantum kernels and learning.
export {
  PauliFeatureMap,
  pauliFeatureMap,
  zzFeatureMap,
  zFeatureMap,
  entanglerMap,
  isEntanglementName,
  QuantumKernel,
  KernelMatrix,
  transpose,
  KernelCache,
  DEFAULT_KERNEL_CACHE_BYTES,
  makePsd,
  toFeatureMatrix,
  QSVC,
  QSVR,
  PegasosQSVC,
  loadModel,
  rSquared,
  MODEL_FORMAT,
  MODEL_VERSION,
  adHocData,
  adHocStages,
  parseFeatureCsv,
  readFeatureCsv,
  parseFeatureCsvPair,
  readFeatureCsvPair,
  type PauliFeatureMapOptions,
  type FeatureMapCircuitOptions,
  type QiskitFeatureMapOptions,
  type FeatureMapBlock,
  type Entanglement,
  type EntanglementName,
  type EntanglementTuples,
  type QuantumKernelOptions,
  type EvaluateOptions,
  type EvaluateDuplicates,
  type KernelProgress,
  type KernelStats,
  type KernelCacheOptions,
  type CachedValue,
  type HitMiss,
  type FeatureInput,
  type FeatureMatrix,
  type QsvcOptions,
  type QsvrOptions,
  type PegasosOptions,
  type ClassLabel,
  type Machine,
  type PairMachine,
  type QsvcFile,
  type QsvrFile,
  type PegasosFile,
  type LoadedModel,
  type LoadKernelOptions,
  type ModelKind,
  type FeatureMapJson,
  type ModelFileBase,
  type FeatureScalingJson,
  type AdHocData,
  type AdHocOptions,
  type FeatureTable,
  type ColumnSelection,
  type PairNames,
  type FeatureTablePair,
  type ResumeOptions,
} from './kernel';
// The projected quantum kernel (Huang et al. 2021).
export { ProjectedQuantumKernel, DEFAULT_PROJECTED_GAMMA, type ProjectedKernelOptions, type ProjectedKernelStats, type PrecomputedKernel } from './kernel';

// Kernel bandwidth, concentration, scaling and the Iris data set.
export {
  kernelConcentration,
  concentrationLines,
  CONCENTRATION_STD_THRESHOLD,
  fitScaler,
  describeScale,
  isScaleKind,
  SCALE_KINDS,
  stratifiedKFold,
  crossValidateKernel,
  selectBandwidth,
  DEFAULT_BANDWIDTH_GRID,
  DEFAULT_CV_FOLDS,
  irisData,
  IRIS_FEATURES,
  type KernelConcentration,
  type FeatureScaler,
  type ScaleKind,
  type FoldScores,
  type BandwidthScore,
  type BandwidthSearchOptions,
  type BandwidthSelection,
  type IrisData,
  type IrisOptions,
} from './kernel';
// The Palmer penguins data set (shipped in @observablehq/sample-datasets).
export {
  penguinsData,
  penguinsTable,
  PENGUIN_FEATURES,
  PENGUIN_SPECIES,
  PENGUINS_SOURCE,
  type DroppedPenguin,
  type PenguinsData,
  type PenguinsOptions,
  type PenguinsTable,
} from './kernel';

// Kernel training: trainable feature maps, parameter-shift gradients, alignment / SVC losses, optimisers.
export {
  TrainableFeatureMap,
  trainableRotationFeatureMap,
  SHIFT_RULE_GATES,
  TrainableFidelityKernel,
  MAX_TRAINABLE_AMPLITUDES,
  KernelTrainer,
  kernelLoss,
  KERNEL_OPTIMIZERS,
  KERNEL_LOSSES,
  ALIGNMENT_LOSSES,
  alignmentLoss,
  centeredAlignmentLoss,
  svcLoss,
  signedLabels,
  PrecomputedSvc,
  parseDualCoefficients,
  spsa,
  adam,
  cobyla,
  type TrainableFeatureMapOptions,
  type TrainableOccurrence,
  type TrainableRotationOptions,
  type TrainableKernelCounters,
  type KernelGradient,
  type ValueAndGradient,
  type SpsaGains,
  type RunControl,
  type KernelLoss,
  type KernelLossName,
  type LossWithGradient,
  type SvcLossOptions,
  type PrecomputedSvcOptions,
  type SpsaOptions,
  type AdamOptions,
  type CobylaOptions,
  type Objective,
  type OptimizerResult,
  type LossPoint,
  type KernelOptimizerName,
  type KernelTrainerOptions,
  type KernelTrainingResult,
} from './kernel/train';

// Device noise parameters from calibration (issue 14): Aer's `from_backend` rule as plain data.
export { deviceCalibration, type DeviceCalibration, type QubitCalibration, type GateCalibration } from './noise/calibration';
export {
  deviceNoiseParameters,
  depolarizingParameter,
  relaxationAverageGateFidelity,
  type DeviceNoiseParameters,
  type DeviceNoiseOptions,
  type DepolarizingChoice,
  type GateNoiseParameters,
  type RelaxationParameters,
  type ReadoutNoiseParameters,
  type SkippedCalibration,
} from './noise/device-noise';

// The built-in backends: factories, and their registration on a registry.
import type { Backend } from './backend';
import { createLocalBackend } from '../simulators/local';
import { createFakeBackend, FAKE_BACKEND_NAMES } from '../simulators/fake';
import type { IbmQuantumService, IbmRuntimeBackend, IbmRuntimeOptions, IbmServiceOptions } from '../adapters/ibm-runtime';
import { setDefaultRegistryInitializer, type BackendRegistry } from './registry';
import { BackendNotFoundError } from './core/errors';

export { createLocalBackend, type LocalBackendOptions } from '../simulators/local';
export { createFakeBackend, FAKE_BACKEND_NAMES, type FakeBackendOptions } from '../simulators/fake';
// Noise (issue 14): Aer-style channels and noise model, and the exact density-matrix simulator.
export {
  amplitudeDampingError,
  composeErrors,
  depolarizingError,
  isTracePreserving,
  krausError,
  pauliError,
  phaseDampingError,
  tensorErrors,
  thermalRelaxationError,
  ReadoutError,
  NoiseModel,
  noiseModelFromDevice,
  type DeviceNoiseModel,
  type QuantumError,
  type ErrorFactor,
  type RelaxationTimes,
  type LocalReadout,
  type NoiseModelSnapshot,
} from './noise';
export {
  MAX_DENSITY_MATRIX_QUBITS,
  measurementProbabilities,
  sampleDensityMatrixCounts,
  simulateDensityMatrix,
  // The simulator's plain result; the DensityMatrix class above is quantum_info's.
  type DensityMatrix as SimulatedDensityMatrix,
  type DensityMatrixCounts,
  type DensityMatrixOptions,
  type DensityMatrixProbabilities,
  type DensityMatrixSampleOptions,
} from '../simulators/density-matrix';
// Readout mitigation (issue 14): tensored assignment matrices and M3's subspace solve.
export {
  assignmentFromCalibration,
  measureAssignment,
  measuredQubits,
  mitigateCounts,
  nearestProbabilities,
  reducedAssignmentMatrix,
  type ReducedAssignmentMatrix,
  solveM3,
  tensoredAssignment,
  DIRECT_SOLVE_LIMIT,
  type AssignmentSource,
  type M3SolveOptions,
  type MeasureAssignmentOptions,
  type MitigateCountsOptions,
  type MitigatedCounts,
  type QuasiDistribution,
  type QubitAssignment,
  type QubitAssignmentMatrix,
  type TensoredAssignment,
} from './noise/mitigation';
export { DEFAULT_CALIBRATION_SHOTS, type KernelMitigation, type KernelMitigationReport } from './kernel';
export { chooseNoiseMethod, NOISE_METHODS, type NoiseMethod, type ResolvedNoiseMethod } from '../simulators/noisy';
export { noisyExactKernel, type NoisyExactKernelOptions } from './kernel/noisy-exact';
export {
  nystromKernel,
  nystromError,
  type NystromApproximation,
  type NystromError,
  type NystromOptions,
  type EvaluatesKernel,
} from './kernel/nystrom';
export type { IbmRuntimeBackend, IbmRuntimeOptions, PacingOptions, SubmissionPacer, PacerDeps } from '../adapters/ibm-runtime';
export type { IbmQuantumService, IbmDeviceInfo, BackendFilter, JobFilter, IbmUsage } from '../adapters/ibm-runtime';
export type { IbmServiceOptions, IbmInstance, IbmInstanceChoice, InstancePreferences, IamTokenSource } from '../adapters/ibm-runtime';

/**
 * The IBM Quantum service (the key's instances, devices with status and queue length, one
 * device's backend, the least busy one, jobs, usage) for `options`, or without options for the
 * configured account (QISKIT_IBM_TOKEN/QISKIT_IBM_INSTANCE or the saved account). The instance
 * may be a CRN, an instance name (resolved through IBM Cloud Global Search), or absent or
 * `auto` (chosen per device among the key's instances, as qiskit-ibm-runtime does). Loads the
 * adapter on first call.
 *
 * @example
 * const service = await createIbmQuantumService();
 * const devices = await service.backends({ operational: true });
 * const instances = await service.instances(); // [{ crn, name, plan, pricingType, tags }]
 * @throws {ConfigurationError} without a token
 */
export async function createIbmQuantumService(options?: IbmServiceOptions): Promise<IbmQuantumService> {
  const adapter = await import('../adapters/ibm-runtime');
  if (options) return new adapter.IbmQuantumService(options);
  const { loadConfig } = await import('./config');
  return adapter.IbmQuantumService.fromConfig(loadConfig());
}

/**
 * A backend for one IBM Quantum device (`ibm_<name>`, or `least_busy`) over the Runtime REST API.
 * The adapter (and openapi-fetch) loads on the first call, so programs that only simulate never
 * load it.
 *
 * @example
 * const backend = await createIbmRuntimeBackend('ibm_fez', { token, instance });
 * @throws {ConfigurationError} without a token or instance
 */
export async function createIbmRuntimeBackend(
  name: string,
  options: IbmRuntimeOptions,
  call: { signal?: AbortSignal } = {},
): Promise<IbmRuntimeBackend> {
  const adapter = await import('../adapters/ibm-runtime');
  return adapter.createIbmRuntimeBackend(name, options, call);
}

/**
 * Runs `fn` inside an IBM Quantum session (dedicated mode; Python's `Session`): every job `fn`
 * submits through the backend view it is handed carries the session id, and the session is
 * closed afterwards, on success and on error. Open-plan instances cannot open sessions: IBM's
 * refusal is a {@link SessionNotAllowedError} (use {@link withBatch} there).
 *
 * @example
 * const backend = await createIbmRuntimeBackend('ibm_fez', { token, instance });
 * const result = await withSession(backend, async (s) => (await new Sampler(s).run([circuit])).result());
 * @throws {SessionNotAllowedError} on the Open plan
 */
export async function withSession<T>(
  backend: IbmRuntimeBackend,
  fn: (session: IbmRuntimeBackend, sessionId: string) => Promise<T>,
  options: { maxTtl?: number; signal?: AbortSignal } = {},
): Promise<T> {
  const adapter = await import('../adapters/ibm-runtime');
  return adapter.withSession(backend, fn, { ...options, mode: 'dedicated' });
}

/**
 * Runs `fn` inside an IBM Quantum batch (Python's `Batch`; allowed on every plan, the Open plan
 * included): the jobs `fn` submits through the view it is handed are scheduled together, and the
 * batch is closed afterwards (queued jobs still run).
 *
 * @example
 * const backend = await createIbmRuntimeBackend('ibm_fez', { token, instance });
 * const kernel = await withBatch(backend, (b) =>
 *   new QuantumKernel({ featureMap, backend: b, shots: 1024, jobsInFlight: 3 }).evaluate(x));
 */
export async function withBatch<T>(
  backend: IbmRuntimeBackend,
  fn: (batch: IbmRuntimeBackend, sessionId: string) => Promise<T>,
  options: { maxTtl?: number; signal?: AbortSignal } = {},
): Promise<T> {
  const adapter = await import('../adapters/ibm-runtime');
  return adapter.withBatch(backend, fn, options);
}

/**
 * Registers the built-in backends on `registry`, lazily (each is created on first use): `local`
 * (the statevector simulator), the fake IBM devices by exact name (so `qbridge backends` lists
 * them and a misspelt name is refused with the list of known ones), and IBM Quantum devices
 * (`ibm_*`, `least_busy`), whose credentials are resolved at first use: without
 * QISKIT_IBM_TOKEN/QISKIT_IBM_INSTANCE the factory throws one ConfigurationError.
 */
export function registerBuiltInBackends(registry: BackendRegistry): BackendRegistry {
  registry.registerBackendFactory('local', async (name): Promise<Backend> => createLocalBackend({ name }));
  for (const fakeName of FAKE_BACKEND_NAMES) {
    registry.registerBackendFactory(fakeName, async (name): Promise<Backend> => createFakeBackend(name));
  }
  // One IBM service per account for this registry: an instance name is resolved, and the
  // key's instances listed, once however many IBM backends the registry makes.
  let ibmServices: import('../adapters/ibm-runtime').IbmServiceMemo | undefined;
  const ibm = async (name: string, { signal }: { signal?: AbortSignal }): Promise<Backend> => {
    const [adapter, { loadConfig }] = await Promise.all([import('../adapters/ibm-runtime'), import('./config')]);
    ibmServices ??= adapter.createIbmServiceMemo();
    return adapter.configuredIbmBackend(name, loadConfig(), ibmServices, { signal });
  };
  registry.registerBackendFactory(/^ibm_/, ibm);
  registry.registerBackendFactory('least_busy', ibm);
  // Any other name the service lists is an IBM device too (test devices and future names do not
  // all start with `ibm_`). Registered last and excluding `fake_*`, so `local`, the fake devices
  // and `least_busy` stay reserved and win. Without an IBM account such a name is simply unknown.
  registry.registerBackendFactory(OTHER_IBM_NAME, async (name, call): Promise<Backend> => {
    const { loadConfig } = await import('./config');
    const known = (): string[] => registry.names().filter((n) => !n.startsWith('/'));
    if (!loadConfig().ibm) throw new BackendNotFoundError(name, known());
    try {
      return await ibm(name, call);
    } catch (e) {
      // The service does not have it either (a typo of `local`, say): refuse it with the
      // local names (and the devices the service listed, if it said), so the message can
      // suggest the near one.
      if (e instanceof BackendNotFoundError && e.backendName === name) throw new BackendNotFoundError(name, [...new Set([...known(), ...e.known])]);
      throw e;
    }
  });
  return registry;
}

// The default registry is created (and populated) on first use, not here.
/** Names besides `ibm_*` that may be IBM devices: not `fake_*`, not `local`, not `least_busy`. */
const OTHER_IBM_NAME = /^(?!fake_)(?!local$)(?!least_busy$)[A-Za-z][\w.-]*$/;

setDefaultRegistryInitializer(registerBuiltInBackends);
