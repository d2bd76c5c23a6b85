/**
 * The IBM Quantum Runtime test server (tests only; loopback only). See `server.ts`.
 */
export { startRuntimeServer, routeKeyOf, type RuntimeServer, type RuntimeServerOptions, type RecordedRequest } from './server';
export type { Fault, RouteKey } from './faults';
export type { JobPlan } from './jobs';
export * from './fixtures';
export { parseIsaQasm, evalAngle } from './isa-qasm';
export { defaultInstances, instanceCrn, PREMIUM_INSTANCE, OPEN_INSTANCE, PAYGO_INSTANCE, UNALLOCATED_INSTANCE, type FakeInstance } from './instances';
