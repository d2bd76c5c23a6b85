/**
 * qbridge: quantum circuits and quantum kernels on a fast local statevector simulator, and on
 * IBM Quantum hardware through the IBM Quantum Runtime REST API.
 *
 * This file is the public barrel and the composition root: the only file in `src/` that may
 * import `simulators/` or `adapters/`.
 */
export * from './errors';
export * from './circuit';
export * from '../simulators/statevector';
export * from './abort';
export * from './job';
export * from './target';
export * from './backend';
export * from './primitives';
