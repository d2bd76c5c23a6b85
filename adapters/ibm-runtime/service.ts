/**
 * The account-level view of IBM Quantum (qiskit-ibm-runtime's `QiskitRuntimeService`): the
 * devices an instance can use, one device's backend, the least busy one, jobs and usage. It
 * wraps one {@link RuntimeClient}, so every call shares one IAM token cache.
 */
import { BackendNotFoundError, InputValidationError } from '../../src/core/errors';
import type { JobStatus } from '../../src/core/job';
import { createIbmRuntimeBackend, retrieveJob, pickLeastBusy, type IbmJobSummary, type IbmRuntimeBackend, type IbmRuntimeOptions } from './backend';
import { createRuntimeClient, type ListJobsQuery, type RuntimeClient } from './client';
import { ibmOptionsFromConfig, type IbmConfigInput } from './from-config';
import { mapStatus } from './job';

/** One device the instance can use, as {@link IbmQuantumService.backends} lists it. */
export interface IbmDeviceInfo {
  /** The device name, e.g. `ibm_fez` (not every name starts with `ibm_`). */
  name: string;
  /** `online`, `paused`, `offline`, ... as IBM reports it. */
  status: string;
  /** IBM's reason for a status other than online, when given. */
  reason?: string;
  /** True when the status is `online`: the device accepts and runs jobs. */
  operational: boolean;
  /** Jobs waiting in the device's queue (Qiskit's `status().pending_jobs`). */
  pendingJobs: number;
  /** Number of qubits, when the listing gives it. */
  qubits?: number;
  /** True for a simulator listed by the service. */
  simulator: boolean;
}

/** Filters of {@link IbmQuantumService.backends} (each one optional; all must hold). */
export interface BackendFilter {
  /** Only devices that are (`true`) or are not (`false`) operational. */
  operational?: boolean;
  /** Only devices with at least this many qubits. */
  minQubits?: number;
  /** Only simulators (`true`) or only real devices (`false`). */
  simulator?: boolean;
}

/** Filters of {@link IbmQuantumService.jobs}. */
export interface JobFilter {
  /** At most this many jobs (newest first). @defaultValue 10, as qiskit-ibm-runtime */
  limit?: number;
  /** Only queued/running jobs (`true`) or only finished ones (`false`). */
  pending?: boolean;
  /** Only jobs on this device. */
  backend?: string;
  /** Only jobs carrying all of these tags. */
  tags?: string[];
  /** Only jobs created after this instant. */
  createdAfter?: Date;
}

/** The instance's usage in the current period (`GET /instances/usage`). */
export interface IbmUsage {
  /** Seconds of quantum time used in the period. */
  consumedSeconds?: number;
  /** The period's limit in seconds (`null`: no limit). */
  limitSeconds?: number | null;
  /** Seconds left in the period. */
  remainingSeconds?: number;
  /** True when the limit is reached: new jobs are refused. */
  limitReached?: boolean;
  /** Start of the usage period (ISO 8601). */
  periodStart?: string;
  /** End of the usage period (ISO 8601). */
  periodEnd?: string;
}

/**
 * The IBM Quantum service for one account and instance.
 *
 * @example
 * const service = new IbmQuantumService({ token, instance: crn });
 * const devices = await service.backends({ operational: true, minQubits: 5 });
 * const backend = await service.leastBusy();
 */
export class IbmQuantumService {
  /** The client every call goes through (one token cache). */
  readonly client: RuntimeClient;
  readonly #options: IbmRuntimeOptions;

  /**
   * @param options - token (API key), instance CRN, and optionally `apiUrl`/`iamUrl` and the
   *   backend options every backend of this service gets.
   * @throws {ConfigurationError} for a bad URL (the client checks it)
   */
  constructor(options: IbmRuntimeOptions) {
    this.#options = options;
    this.client = options.client ?? createRuntimeClient(options);
  }

  /**
   * The service for the configured account: QISKIT_IBM_TOKEN/QISKIT_IBM_INSTANCE or the saved
   * account, as resolved by the configuration (src/config.ts).
   * @throws {ConfigurationError} naming what is missing
   */
  static fromConfig(config: IbmConfigInput, extra: Partial<IbmRuntimeOptions> = {}): IbmQuantumService {
    return new IbmQuantumService(ibmOptionsFromConfig(config, extra));
  }

  /** The devices the instance can use, filtered; one `GET /backends` call. */
  async backends(filter: BackendFilter = {}, call: { signal?: AbortSignal } = {}): Promise<IbmDeviceInfo[]> {
    if (filter.minQubits !== undefined && !(Number.isInteger(filter.minQubits) && filter.minQubits >= 0)) {
      throw new InputValidationError(`minQubits must be a non-negative integer, got ${String(filter.minQubits)}`);
    }
    const devices = await this.client.listBackends(call);
    return devices
      .map((d) => ({
        name: d.name,
        status: d.status.name,
        ...(d.status.reason ? { reason: d.status.reason } : {}),
        operational: d.status.name === 'online',
        pendingJobs: Math.max(0, d.queue_length),
        ...(typeof d.qubits === 'number' ? { qubits: d.qubits } : {}),
        simulator: Boolean(d.is_simulator),
      }))
      .filter(
        (d) =>
          (filter.operational === undefined || d.operational === filter.operational) &&
          (filter.simulator === undefined || d.simulator === filter.simulator) &&
          (filter.minQubits === undefined || (d.qubits ?? 0) >= filter.minQubits),
      );
  }

  /**
   * The backend for one device the instance lists.
   * @throws {BackendNotFoundError} when the instance does not list `name` (with the listed ones)
   */
  async backend(name: string, call: { signal?: AbortSignal } = {}): Promise<IbmRuntimeBackend> {
    const listed = await this.client.listBackends(call);
    if (!listed.some((d) => d.name === name)) throw new BackendNotFoundError(name, listed.map((d) => d.name));
    return createIbmRuntimeBackend(name, { ...this.#options, client: this.client }, call);
  }

  /**
   * The operational real device with the shortest queue (qiskit-ibm-runtime's `least_busy`).
   * @throws {BackendNotFoundError} when no device qualifies
   */
  async leastBusy(filter: { minQubits?: number } = {}, call: { signal?: AbortSignal } = {}): Promise<IbmRuntimeBackend> {
    const listed = await this.client.listBackends(call);
    const best = pickLeastBusy(listed, filter.minQubits);
    if (!best) throw new BackendNotFoundError('least_busy', listed.map((d) => d.name));
    return createIbmRuntimeBackend(best.name, { ...this.#options, client: this.client }, call);
  }

  /** A handle on an existing job by id. @throws {NotFoundError} for an unknown id */
  job(id: string, call: { signal?: AbortSignal } = {}): ReturnType<typeof retrieveJob> {
    const { intervalMs, maxIntervalMs, jobTimeoutMs } = this.#options;
    return retrieveJob(this.client, id, { intervalMs, maxIntervalMs, jobTimeoutMs, signal: call.signal });
  }

  /** Recent jobs of the instance (newest first), filtered. */
  async jobs(filter: JobFilter = {}, call: { signal?: AbortSignal } = {}): Promise<IbmJobSummary[]> {
    const limit = filter.limit ?? 10;
    if (!Number.isInteger(limit) || limit < 1) throw new InputValidationError(`limit must be a positive integer, got ${String(filter.limit)}`);
    if (filter.createdAfter !== undefined && Number.isNaN(filter.createdAfter.getTime())) throw new InputValidationError('createdAfter is not a valid date');
    const query: ListJobsQuery = {
      limit,
      ...(filter.pending !== undefined ? { pending: filter.pending } : {}),
      ...(filter.backend ? { backend: filter.backend } : {}),
      ...(filter.tags?.length ? { tags: filter.tags } : {}),
      ...(filter.createdAfter ? { created_after: filter.createdAfter.toISOString() } : {}),
    };
    const r = await this.client.listJobs(query, call);
    return r.jobs.map((j) => ({
      id: j.id,
      backend: j.backend,
      program: j.program?.id ?? 'unknown',
      status: mapStatus(j) as JobStatus,
      created: j.created,
      tags: j.tags ?? [],
      sessionId: j.session_id,
    }));
  }

  /** The instance's usage in the current period. */
  async usage(call: { signal?: AbortSignal } = {}): Promise<IbmUsage> {
    const u = await this.client.getUsage(call);
    return {
      consumedSeconds: u.usage_consumed_seconds,
      limitSeconds: u.usage_limit_seconds,
      remainingSeconds: u.usage_remaining_seconds,
      limitReached: u.usage_limit_reached,
      periodStart: u.usage_period?.start_time,
      periodEnd: u.usage_period?.end_time,
    };
  }
}
