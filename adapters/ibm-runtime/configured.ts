/**
 * IBM backends for the configured account, as the backend registry (and so the CLI) acquires
 * them: with an instance CRN, straight from the options (one instance, no listing); with an
 * instance name, or without an instance (or `auto`), through one {@link IbmQuantumService} per
 * account, kept for the life of the caller's memo, so that a name is resolved and the instances
 * are listed once however many backends are made. Also {@link listIbmDevices}, the device summary
 * of the configured account, a view of `IbmQuantumService.backends()`.
 */
import { createHash } from 'node:crypto';
import type { IbmRuntimeBackend } from './backend';
import { createIbmRuntimeBackend, retrieveJob } from './backend';
import { createRuntimeClient, type RuntimeClient } from './client';
import type { JobLedger } from './ledger';
import { ibmOptionsFromConfig, type IbmConfigInput } from './from-config';
import { IbmQuantumService } from './service';

/** The services of one registry, by account (token digest, instance, URLs). */
export type IbmServiceMemo = Map<string, IbmQuantumService>;

/** A new, empty memo (one per registry). */
export function createIbmServiceMemo(): IbmServiceMemo {
  return new Map();
}

/**
 * True when the configuration names one instance by CRN (or has no account: the single-instance
 * path then names what is missing). `instanceKind` absent with an instance: an older caller's CRN.
 */
function usesOneCrn(config: IbmConfigInput): boolean {
  const ibm = config.ibm;
  return !ibm || ibm.instanceKind === 'crn' || (ibm.instance !== undefined && ibm.instanceKind === undefined);
}

/** The memo key of a configuration: never the token itself, only its digest. */
function accountKey(config: IbmConfigInput): string {
  const ibm = config.ibm!;
  const token = typeof ibm.token === 'string' ? ibm.token : ibm.token.reveal();
  return JSON.stringify([
    createHash('sha256').update(token).digest('hex'),
    ibm.instance ?? '',
    ibm.apiUrl,
    ibm.iamUrl,
    ibm.globalSearchUrl ?? '',
    ibm.globalCatalogUrl ?? '',
    ibm.region ?? '',
    ibm.plansPreference ?? [],
    ibm.tags ?? [],
    config.home,
  ]);
}

/**
 * The service for the configured account, created once per account in `memo`.
 * @throws {ConfigurationError} without a token
 */
export function configuredIbmService(config: IbmConfigInput, memo: IbmServiceMemo): IbmQuantumService {
  if (!config.ibm) return IbmQuantumService.fromConfig(config); // throws, naming what is missing
  const key = accountKey(config);
  let s = memo.get(key);
  if (!s) {
    s = IbmQuantumService.fromConfig(config);
    memo.set(key, s);
  }
  return s;
}

/**
 * The backend `name` (a device, or `least_busy`) for the configured account. A CRN-configured
 * account goes straight to `createIbmRuntimeBackend`; otherwise the account's service resolves
 * the name or picks the instance per device, and the backend's `instance` says which.
 * @throws {ConfigurationError} without a token, or for an instance name the key cannot use
 * @throws {BackendNotFoundError} when no candidate instance lists the device
 */
export async function configuredIbmBackend(
  name: string,
  config: IbmConfigInput,
  memo: IbmServiceMemo,
  call: { signal?: AbortSignal } = {},
): Promise<IbmRuntimeBackend> {
  if (usesOneCrn(config)) {
    return createIbmRuntimeBackend(name, ibmOptionsFromConfig(config), call);
  }
  const service = configuredIbmService(config, memo);
  return name === 'least_busy' ? service.leastBusy({}, call) : service.backend(name, call);
}

/** One IBM device as `qbridge backends` shows it. */
export interface IbmDeviceSummary {
  name: string;
  /** `online`, `paused` or `offline` (with IBM's reason when given). */
  status: string;
  reason?: string;
  queueLength: number;
  qubits?: number;
}

/**
 * The devices the configured instance can use, with status and queue length: a summary of
 * `IbmQuantumService.backends()` (the one home of the listing; the instance may be a CRN, a
 * name or none).
 * @throws {ConfigurationError} without credentials; typed API errors otherwise
 */
export async function listIbmDevices(
  config: IbmConfigInput,
  options: { signal?: AbortSignal } = {},
): Promise<IbmDeviceSummary[]> {
  const devices = await IbmQuantumService.fromConfig(config).backends({}, options);
  return devices.map((d) => ({
    name: d.name,
    status: d.status,
    ...(d.reason ? { reason: d.reason } : {}),
    queueLength: d.pendingJobs,
    ...(d.qubits !== undefined ? { qubits: d.qubits } : {}),
  }));
}

/**
 * The client of the configured account that knows job `id`, with the job's record: the CRN's
 * client, or the candidate instance (name or automatic selection) whose `GET /jobs/{id}` finds it.
 * @throws {ConfigurationError} without a token; {@link NotFoundError} for an unknown job
 */
export async function configuredJobClient(id: string, config: IbmConfigInput, call: { signal?: AbortSignal } = {}): Promise<{ client: RuntimeClient; job: Awaited<ReturnType<RuntimeClient['getJob']>> }> {
  if (usesOneCrn(config)) {
    const client = createRuntimeClient(ibmOptionsFromConfig(config));
    return { client, job: await client.getJob(id, call) };
  }
  return IbmQuantumService.fromConfig(config).findJob(id, call);
}

/**
 * A handle on job `id` of the configured account (see {@link configuredJobClient}), recording
 * its status lines in `ledger`.
 * @throws {ConfigurationError} without a token; {@link NotFoundError} for an unknown job
 */
export async function configuredIbmJob(id: string, config: IbmConfigInput, options: { ledger?: JobLedger; signal?: AbortSignal } = {}): ReturnType<typeof retrieveJob> {
  if (usesOneCrn(config)) {
    return retrieveJob(createRuntimeClient(ibmOptionsFromConfig(config)), id, options);
  }
  return IbmQuantumService.fromConfig(config).job(id, options);
}
