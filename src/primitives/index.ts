/** Sampler/Estimator V2 shapes and result containers. */
export { BitArray } from './bit-array';
export * from './types';
