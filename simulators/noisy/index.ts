/**
 * Noisy execution for the local and fake backends: picks the method (density matrix or
 * trajectories) and runs Sampler and Estimator PUBs under a noise model.
 */
export {
  chooseNoiseMethod,
  NOISE_METHODS,
  parseNoiseMethod,
  type NoiseMethod,
  type ResolvedNoiseMethod,
} from './method';
export { runNoisySampler, writeShuffledCounts, type NoisyRunOptions } from './sampler';
export { runNoisyEstimator } from './estimator';
export { noiseSummary, noisyJobMetadata } from './metadata';
