/**
 * The IBM Quantum Runtime adapter: typed REST client (openapi-fetch over a retrying transport),
 * IAM auth, a qbridge Backend for IBM devices, sessions, and the durable job ledger.
 */
export { createRuntimeClient, USER_AGENT, type RuntimeClient, type RuntimeClientOptions, type CallOptions, type IamTokenSource } from './client';
export { IamTokenManager, type IamOptions } from './auth';
export { createTransport, isIdempotent, DEFAULT_TIMEOUT_MS, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_SUBMIT_TIMEOUT_MS, DEFAULT_RATE_LIMIT_BUDGET_MS, type TransportOptions, type FetchFn } from './transport';
export { SubmissionPacer, pacerFor, IBM_SUBMISSIONS_PER_WINDOW, IBM_SUBMISSION_WINDOW_MS, type PacingOptions, type PacerDeps } from './pacer';
export { fromResponse, redact } from './http-errors';
export { DEFAULT_SUBMIT_SETTLE_MS, MAX_RESUBMITS } from './submit';
export { IbmRuntimeBackend, createIbmRuntimeBackend, retrieveJob, pickLeastBusy, leastBusyOrder, type IbmRuntimeOptions, type IbmInstanceChoice, type IbmJobSummary, type IbmBackendStatus } from './backend';
export { IbmRuntimeJob, mapStatus, DEFAULT_POLL_INTERVAL_MS, DEFAULT_JOB_TIMEOUT_MS, type JobProgress, type PollSettings } from './job';
export { withSession, withBatch, type SessionOptions, type SessionBody } from './session';
export { splitRuntimeOptions, type SamplerRuntimeOptions, type EstimatorRuntimeOptions, type SplitOptions } from './options';
export { JobLedger, type LedgerEntry, type LedgerJob } from './ledger';
export { decodeResultText, toSamplerResult, toEstimatorResult } from './results';
export { decodeNdarrayBase64, parseNpy, type NdArray } from './npy';
// The one ISA gate lives with the primitives (src/primitives/isa-prepare.ts).
export { prepareIsaCircuit, type PreparedCircuit, type TranspilePolicy } from '../../src/primitives/isa-prepare';
// IBM's account facts live in src/ibm/account.ts; re-exported under the adapter's names.
export { DEFAULT_API_URL, DEFAULT_IAM_URL, DEFAULT_API_VERSION, validateHttpsUrl as checkServiceUrl, parseCrn } from '../../src/ibm/account';
export type { components as IbmSchemas, paths as IbmPaths } from './schema';
export { ibmOptionsFromConfig, ibmServiceOptionsFromConfig, MISSING_CREDENTIALS, MISSING_INSTANCE, type IbmConfigInput } from './from-config';
export { IbmQuantumService, describeInstance, type IbmDeviceInfo, type BackendFilter, type JobFilter, type IbmUsage } from './service';
export { listInstances, rankInstances, PRICING_TYPE_PRIORITY, type IbmInstance, type InstancePreferences, type InstanceListingOptions } from './instances';
export { InstanceDirectory, type IbmServiceOptions, type InstanceGroup } from './instance-directory';
export { configuredIbmBackend, configuredIbmJob, configuredJobClient, configuredIbmService, createIbmServiceMemo, listIbmDevices, type IbmServiceMemo, type IbmDeviceSummary } from './configured';
