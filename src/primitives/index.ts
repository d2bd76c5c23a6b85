/** Sampler/Estimator V2 shapes and result containers. */
export { BitArray } from './bit-array';
export type { DiagonalObservableLike } from './diagonal-observables';
export { countsByRegister, type RegisterCounts } from './measurement';
export * from './types';
export { Sampler, toSamplerPubs, type SamplerOptions, type SamplerPubLike } from './sampler';
export { Estimator, toEstimatorPubs, type EstimatorOptions, type EstimatorPubLike } from './estimator';
export {
  validateSamplerRequest,
  validateEstimatorRequest,
  validatedSamplerRequest,
  validatedEstimatorRequest,
  samplerPubsOf,
  estimatorPubsOf,
  validateCircuitForTarget,
  validateParameterRows,
  validateShots,
  validatePrecision,
  normalizeObservables,
  shotsForPrecision,
  type ValidatedSamplerPub,
  type ValidatedEstimatorPub,
} from './validate';
export { samplerPubsForTarget, estimatorPubsForTarget, type TranspilePolicy } from './isa-prepare';
export {
  PrimitiveResult,
  type EstimatorDataBin,
  type EstimatorPubResultV2,
  type EstimatorPrimitiveResult,
  type SamplerPrimitiveResult,
  type ResultMetadata,
} from './containers';
export { ShapedArray, type NestedNumbers } from './shaped-array';
export { broadcastShapes, type Shape } from './shape';
export type { ParameterValuesLike, NestedValues, NestedObservables } from './pub-shapes';
