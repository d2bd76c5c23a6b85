/**
 * The account-level view of IBM Quantum (qiskit-ibm-runtime's `QiskitRuntimeService`): the
 * instances the API key can use, the devices they offer, one device's backend, the least busy
 * one, jobs and usage. The instance may be a CRN, an instance name or none (`auto`); see
 * instance-directory.ts for how it is chosen. One IAM token cache serves every call.
 */
import { AbortedError, AuthenticationError, BackendNotFoundError, ConfigurationError, InputValidationError, NotFoundError, throwIfAborted } from '../../src/core/errors';
import type { JobStatus } from '../../src/core/job';
import { createIbmRuntimeBackend, leastBusyOrder, retrieveJob, type IbmInstanceChoice, type IbmJobSummary, type IbmRuntimeBackend } from './backend';
import type { ListJobsQuery, RuntimeClient } from './client';
import { ibmServiceOptionsFromConfig, type IbmConfigInput } from './from-config';
import { InstanceDirectory, label, type InstanceGroup, type IbmServiceOptions } from './instance-directory';
import type { IbmInstance } from './instances';
import { mapStatus } from './job';
import type { JobLedger } from './ledger';

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
  /** The instance this device is used through (the first in ranking that lists it). */
  instance: IbmInstanceChoice;
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
 * The IBM Quantum service for one account: one instance (a CRN, or a name resolved through IBM
 * Cloud Global Search), or, without an instance or with `auto`, every instance the key can use,
 * each device taken from the best-ranked instance that has it (qiskit-ibm-runtime's rule, see
 * `rankInstances`).
 *
 * @example
 * const service = new IbmQuantumService({ token, instance: crn });
 * const devices = await service.backends({ operational: true, minQubits: 5 });
 * const backend = await service.leastBusy();
 * const mine = await new IbmQuantumService({ token }).instances(); // [{ crn, name, plan, pricingType, tags }]
 */
export class IbmQuantumService {
  readonly #options: IbmServiceOptions;
  readonly #directory: InstanceDirectory;
  #active?: IbmInstanceChoice;

  /**
   * @param options - token (API key), optionally an instance (CRN, name or `auto`), the service
   *   URLs, Qiskit's selection preferences (`region`, `plansPreference`, `tags`) and the backend
   *   options every backend of this service gets.
   * @throws {ConfigurationError} for a bad URL
   */
  constructor(options: IbmServiceOptions) {
    this.#options = options;
    this.#directory = new InstanceDirectory(options);
    if (this.#directory.mode === 'crn') this.#active = { crn: options.instance!.trim(), selection: 'crn' };
  }

  /**
   * The service for the configured account: QISKIT_IBM_TOKEN/QISKIT_IBM_INSTANCE or the saved
   * account, as resolved by the configuration (src/config.ts). The instance may be missing.
   * @throws {ConfigurationError} naming what is missing
   */
  static fromConfig(config: IbmConfigInput, extra: Partial<IbmServiceOptions> = {}): IbmQuantumService {
    return new IbmQuantumService(ibmServiceOptionsFromConfig(config, extra));
  }

  /** How the instance was given: `crn`, `name`, or `auto` (none, or `auto`). */
  get instanceSelection(): 'crn' | 'name' | 'auto' {
    return this.#directory.mode;
  }

  /** Non-fatal findings (an instance whose devices could not be listed), one line each. */
  get warnings(): readonly string[] {
    return this.#directory.warnings;
  }

  /**
   * The client of the active instance: the CRN's, or the instance of the last backend this
   * service made (qiskit-ibm-runtime's `active_instance`).
   * @throws {ConfigurationError} when no instance is active yet (no CRN, and no backend made)
   */
  get client(): RuntimeClient {
    if (!this.#active) {
      throw new ConfigurationError('no IBM instance is active yet: the service picks one per device (call backend() or leastBusy() first, or set QISKIT_IBM_INSTANCE)', 'QISKIT_IBM_INSTANCE');
    }
    return this.#directory.clientFor(this.#active.crn);
  }

  /** The CRN of the active instance (see {@link IbmQuantumService.client}), if any. */
  activeInstance(): string | undefined {
    return this.#active?.crn;
  }

  /**
   * The instances the API key can use, as qiskit-ibm-runtime's `instances()`: IBM Cloud Global
   * Search for `quantum-computing` resources with a backend allocation, plan and pricing type
   * from IBM Cloud Global Catalog. Listed once per service.
   */
  async instances(call: { signal?: AbortSignal } = {}): Promise<IbmInstance[]> {
    return (await this.#directory.instances(call)).map((i) => ({ ...i, ...(i.tags ? { tags: [...i.tags] } : {}) }));
  }

  /**
   * The instances this service uses, best first: the CRN; the instances of the configured name;
   * or, without an instance, the key's instances filtered and ranked as qiskit-ibm-runtime does.
   * @throws {ConfigurationError} for an unknown instance name (listing the names the key can use), or when none matches
   */
  async candidates(call: { signal?: AbortSignal } = {}): Promise<IbmInstanceChoice[]> {
    return (await this.#directory.candidates(call)).map((c) => ({ ...c }));
  }

  /**
   * The devices the instance(s) can use, filtered; one `GET /backends` per candidate instance.
   * A device several instances offer is listed once, with the best-ranked instance.
   */
  async backends(filter: BackendFilter = {}, call: { signal?: AbortSignal } = {}): Promise<IbmDeviceInfo[]> {
    if (filter.minQubits !== undefined && !(Number.isInteger(filter.minQubits) && filter.minQubits >= 0)) {
      throw new InputValidationError(`minQubits must be a non-negative integer, got ${String(filter.minQubits)}`);
    }
    const seen = new Set<string>();
    const out: IbmDeviceInfo[] = [];
    for (const g of await this.#directory.groups(call)) {
      for (const d of g.devices) {
        if (seen.has(d.name)) continue;
        seen.add(d.name);
        out.push({
          name: d.name,
          status: d.status.name,
          ...(d.status.reason ? { reason: d.status.reason } : {}),
          operational: d.status.name === 'online',
          pendingJobs: Math.max(0, d.queue_length),
          ...(typeof d.qubits === 'number' ? { qubits: d.qubits } : {}),
          simulator: Boolean(d.is_simulator),
          instance: { ...g.instance },
        });
      }
    }
    return out.filter(
      (d) =>
        (filter.operational === undefined || d.operational === filter.operational) &&
        (filter.simulator === undefined || d.simulator === filter.simulator) &&
        (filter.minQubits === undefined || (d.qubits ?? 0) >= filter.minQubits),
    );
  }

  /**
   * The backend for one device, on the first candidate instance that lists it.
   * @throws {BackendNotFoundError} when no candidate instance lists `name` (with the listed ones)
   */
  async backend(name: string, call: { signal?: AbortSignal } = {}): Promise<IbmRuntimeBackend> {
    const groups = await this.#directory.groups(call);
    const g = groups.find((x) => x.devices.some((d) => d.name === name));
    if (!g) throw new BackendNotFoundError(name, [...new Set(groups.flatMap((x) => x.devices.map((d) => d.name)))]);
    return this.#make(name, g, call);
  }

  /**
   * The operational real device with the shortest queue across the candidate instances
   * (qiskit-ibm-runtime's `least_busy`); a device whose configuration does not load is skipped
   * for the next one, as there.
   * @throws {BackendNotFoundError} when no device qualifies
   */
  async leastBusy(filter: { minQubits?: number } = {}, call: { signal?: AbortSignal } = {}): Promise<IbmRuntimeBackend> {
    const groups = await this.#directory.groups(call);
    const owner = new Map<string, InstanceGroup>();
    for (const g of groups) for (const d of g.devices) if (!owner.has(d.name)) owner.set(d.name, g);
    const devices = [...owner.keys()].map((n) => owner.get(n)!.devices.find((d) => d.name === n)!);
    const candidates = leastBusyOrder(devices, filter.minQubits);
    if (!candidates.length) throw new BackendNotFoundError('least_busy', devices.map((d) => d.name));
    const skipped: string[] = [];
    for (let i = 0; ; i++) {
      throwIfAborted(call.signal);
      const name = candidates[i]!.name;
      try {
        return await this.#make(name, owner.get(name)!, call);
      } catch (e) {
        if (e instanceof AuthenticationError || e instanceof AbortedError || i === candidates.length - 1) {
          if (skipped.length && e instanceof Error) e.message += ` (least_busy also skipped ${skipped.join('; ')})`;
          throw e;
        }
        skipped.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }

  async #make(name: string, g: InstanceGroup, call: { signal?: AbortSignal }): Promise<IbmRuntimeBackend> {
    const { instance: _i, instanceKey: _k, platformUrl: _p, globalSearchUrl: _s, globalCatalogUrl: _c, region: _r, plansPreference: _pp, tags: _t, ...backendOptions } = this.#options;
    const backend = await createIbmRuntimeBackend(name, { ...backendOptions, instance: g.instance.crn, client: g.client, instanceChoice: { ...g.instance } }, call);
    this.#active = g.instance;
    return backend;
  }

  /** The clients to ask about jobs: the active instance first, then the other candidates. */
  async #jobClients(call: { signal?: AbortSignal }): Promise<RuntimeClient[]> {
    const crns = (await this.#directory.candidates(call)).map((c) => c.crn);
    const first = this.#active?.crn;
    const ordered = first ? [first, ...crns.filter((c) => c !== first)] : crns;
    return ordered.map((c) => this.#directory.clientFor(c));
  }

  /**
   * The client of the candidate instance that knows job `id` (the active instance is asked
   * first), with the job's record (`GET /jobs/{id}`). For `qbridge jobs`.
   * @throws {NotFoundError} when no candidate instance knows the job
   * @internal
   */
  async findJob(id: string, call: { signal?: AbortSignal } = {}): Promise<{ client: RuntimeClient; job: Awaited<ReturnType<RuntimeClient['getJob']>> }> {
    const clients = await this.#jobClients(call);
    for (let i = 0; ; i++) {
      try {
        return { client: clients[i]!, job: await clients[i]!.getJob(id, call) };
      } catch (e) {
        if (!(e instanceof NotFoundError) || i === clients.length - 1) throw e;
      }
    }
  }

  /**
   * A handle on an existing job by id, looked up in each candidate instance; `ledger` records
   * its status lines as the job is followed.
   * @throws {NotFoundError} for an unknown id
   */
  async job(id: string, call: { signal?: AbortSignal; ledger?: JobLedger } = {}): Promise<Awaited<ReturnType<typeof retrieveJob>>> {
    const { intervalMs, maxIntervalMs, jobTimeoutMs } = this.#options;
    const { client } = this.#directory.mode === 'crn' ? { client: this.client } : await this.findJob(id, call);
    return retrieveJob(client, id, { intervalMs, maxIntervalMs, jobTimeoutMs, signal: call.signal, ...(call.ledger ? { ledger: call.ledger } : {}) });
  }

  /** Recent jobs of the candidate instances (newest first), filtered. */
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
    const all: IbmJobSummary[] = [];
    for (const client of await this.#jobClients(call)) {
      const r = await client.listJobs(query, call);
      for (const j of r.jobs) {
        all.push({
          id: j.id,
          backend: j.backend,
          program: j.program?.id ?? 'unknown',
          status: mapStatus(j) as JobStatus,
          created: j.created,
          tags: j.tags ?? [],
          sessionId: j.session_id,
        });
      }
    }
    // Each instance answers newest first; merged, the newest `limit` of all of them.
    return all.sort((a, b) => (a.created < b.created ? 1 : a.created > b.created ? -1 : 0)).slice(0, limit);
  }

  /** The usage in the current period of the active instance (else the best-ranked one). */
  async usage(call: { signal?: AbortSignal } = {}): Promise<IbmUsage> {
    const u = await (await this.#jobClients(call))[0]!.getUsage(call);
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

/** `name (plan P)` of an instance choice, or its CRN when the name is not known. */
export const describeInstance = label;
