import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import type { Backend, JournalEntry, RemoteJobRef, RunOptions } from '../../src/backend';
import {
  AbortedError,
  AuthenticationError,
  BackendNotFoundError,
  ConfigurationError,
  InputValidationError,
  NotFoundError,
  throwIfAborted,
} from '../../src/core/errors';
import type { JobStatus } from '../../src/core/job';
import type {
  EstimatorRequest,
  EstimatorResult,
  PrimitiveRequest,
  SamplerRequest,
  SamplerResult,
} from '../../src/primitives/types';
import type { Target } from '../../src/core/target';
import { createRuntimeClient, type RuntimeClient, type RuntimeClientOptions } from './client';
import { IbmRuntimeJob, mapStatus, type PollSettings } from './job';
import { JobLedger } from './ledger';
import { pacerFor, type PacingOptions, type SubmissionPacer } from './pacer';
import { checkSettleMs, submitOnce } from './submit';
import { lockRunIn } from './run-lock';
import { buildEstimatorJob, buildSamplerJob } from './payload';
import { asDocument, samplerResultLimit } from './result-limits';
import { toEstimatorResult, toSamplerResult, type DecodedResult } from './results';
import type { components } from './schema';
import { targetFromIbmConfiguration, type IbmBackendConfiguration, type IbmBackendProperties } from '../../src/ibm/device-config';

type Device = components['schemas']['BackendDevice'];

/** Options of {@link createIbmRuntimeBackend}: a plain object (the adapter never reads env). */
export interface IbmRuntimeOptions extends RuntimeClientOptions, Omit<PollSettings, 'sleep' | 'now' | 'random'> {
  /** qbridge home: the ledger goes to `<home>/jobs.jsonl`. */
  home?: string;
  /** An explicit ledger (wins over `home`); `false` disables the ledger. */
  ledger?: JobLedger | false;
  /** Keep fractional gates (rx, rzz) in the target. @defaultValue false (as qiskit-ibm-runtime) */
  fractionalGates?: boolean;
  /** For `least_busy`: minimum qubits. */
  minQubits?: number;
  /** A prebuilt client (tests, sharing one token cache between backends). */
  client?: RuntimeClient;
  /**
   * Client-side pacing of submissions, shared by every backend of the account in this process
   * and, through a lock file in `home`, across processes; `false` turns it off.
   * @defaultValue IBM's documented limit, 5 submissions per 60 s
   */
  pacing?: PacingOptions | false;
  /**
   * After a `POST /jobs` whose answer was lost, the wait between the immediate lookup by client
   * tag that found nothing and the second lookup, before the job is sent again (IBM's job list
   * may not show a job created a moment ago).
   * @defaultValue 5 000 ms (`DEFAULT_SUBMIT_SETTLE_MS`, submit.ts, says why)
   */
  submitSettleMs?: number;
  /** Which instance the backend runs on and how it was chosen (set by `IbmQuantumService`). */
  instanceChoice?: IbmInstanceChoice;
}

/** The instance a backend's jobs go to, and how it was chosen. */
export interface IbmInstanceChoice {
  /** The instance CRN. */
  crn: string;
  /** The instance name, when known (from IBM Cloud Global Search). */
  name?: string;
  /** The instance's plan, lower case, when known. */
  plan?: string;
  /** `crn`: configured as a CRN; `name`: resolved from an instance name; `auto`: picked among the key's instances. */
  selection: 'crn' | 'name' | 'auto';
}

/** What `jobs()` lists. */
export interface IbmJobSummary {
  id: string;
  backend?: string;
  program: string;
  status: JobStatus;
  created: string;
  tags: string[];
  sessionId?: string;
}

/** Status of the device. */
export interface IbmBackendStatus {
  operational: boolean;
  pendingJobs: number;
  message?: string;
}

/**
 * An IBM Quantum device as a qbridge {@link Backend}: Sampler V2 / Estimator V2 jobs with ISA
 * OpenQASM 3 circuits, results mapped to qbridge's result shapes, every submission written to
 * the durable ledger before `run` returns.
 */
export class IbmRuntimeBackend implements Backend {
  /** The version of the {@link Backend} contract this implements (1). */
  readonly contractVersion = 1 as const;
  // A true private field: settings never show up in util.inspect or JSON (no credentials are
  // kept on the backend at all; the client holds them in closures).
  readonly #poll: PollSettings;
  readonly #settleMs: number | undefined;

  /**
   * Built by `createIbmRuntimeBackend`, which resolves the device's target and the client; use that.
   *
   * @param name - the device name, e.g. `ibm_fez`
   * @param target - the device's target, from its configuration and properties
   * @param client - the authenticated Runtime API client
   * @param poll - polling and clock settings for this backend's jobs
   * @param ledger - the durable job journal submissions are written to
   * @param sessionId - the session jobs join, on the view `withSession` hands out
   * @param pacer - the account's submission pacer (none: submissions are not paced)
   * @param settleMs - the wait before the second lookup by tag of a submission whose answer was lost (none: the default)
   */
  constructor(
    /** The device name, e.g. `ibm_fez`. */
    readonly name: string,
    /** The device's target: native gates, coupling map, limits and calibration. */
    readonly target: Target,
    /** The Runtime API client the backend and its jobs call. */
    readonly client: RuntimeClient,
    poll: PollSettings,
    /** The durable journal every submission is recorded in (what `resume` reads). */
    readonly ledger?: JobLedger,
    /** Set on the view `withSession` hands out: jobs carry this session id. */
    readonly sessionId?: string,
    /** The account's submission pacer (IBM's per-user job creation rate). */
    readonly pacer?: SubmissionPacer,
    settleMs?: number,
    /** The instance the jobs go to and how it was chosen, when the service chose it. */
    readonly instance?: IbmInstanceChoice,
  ) {
    this.#poll = { ...poll };
    this.#settleMs = settleMs;
    Object.freeze(this); // facts are immutable: `backend.target = ...` throws in strict mode
  }

  /** A view of this backend whose jobs run in session `sessionId`. */
  inSession(sessionId: string): IbmRuntimeBackend {
    return new IbmRuntimeBackend(this.name, this.target, this.client, this.#poll, this.ledger, sessionId, this.pacer, this.#settleMs, this.instance);
  }

  private poll(): PollSettings {
    return this.#poll;
  }

  run(request: SamplerRequest, options?: RunOptions): Promise<IbmRuntimeJob<SamplerResult>>;
  run(request: EstimatorRequest, options?: RunOptions): Promise<IbmRuntimeJob<EstimatorResult>>;
  /**
   * Validates and transpiles locally (no request is sent for an invalid or non-ISA circuit),
   * submits, records the job in the ledger, and returns the job.
   * @throws {CircuitValidationError | InputValidationError} before submission
   * @throws {ApiError} subclasses from the submission (409 usage limit, 429 rate limit, ...)
   */
  async run(request: PrimitiveRequest, options: RunOptions = {}): Promise<IbmRuntimeJob<SamplerResult | EstimatorResult>> {
    throwIfAborted(options.signal);
    if (!request || (request.kind !== 'sampler' && request.kind !== 'estimator')) {
      throw new InputValidationError("a request needs kind 'sampler' or 'estimator'");
    }
    if (!request.pubs?.length) throw new InputValidationError('a request needs at least one PUB');
    if (request.pubs.length > this.target.maxPubsPerJob) {
      throw new InputValidationError(`${request.pubs.length} PUBs exceed this backend's limit of ${this.target.maxPubsPerJob}`);
    }
    const built =
      request.kind === 'sampler'
        ? buildSamplerJob(request, this.name, this.target, this.sessionId)
        : buildEstimatorJob(request, this.name, this.target, this.sessionId);
    throwIfAborted(options.signal);
    // A unique tag sent with the job and written to the ledger first: if the creation answer is
    // lost (reset, timeout), the job can still be found (`GET /jobs?tags=...`), never resubmitted blindly.
    const clientTag = `qbridge-${randomBytes(8).toString('hex')}`;
    built.body.tags = [...(built.body.tags ?? []), clientTag];
    const intent = {
      client_tag: clientTag,
      backend: this.name,
      program: request.kind,
      payload_sha256: built.payloadSha256,
      tag: request.tag,
      session_id: this.sessionId,
    };
    this.ledger?.recordIntent(intent);
    // Paced (IBM's per-user submission rate) and recovered by tag when the answer is lost.
    const { created } = await submitOnce(this.client, built.body, clientTag, {
      pacer: this.pacer,
      signal: options.signal,
      hasLedger: Boolean(this.ledger),
      settleMs: this.#settleMs,
      // The backend's clock: tests that inject a fast sleep do not wait the settle delay for real.
      sleep: this.#poll.sleep,
    });
    // Durable before anything else can fail: the job exists and may cost money.
    this.ledger?.recordSubmit({
      ...intent,
      job_id: created.id,
      backend: created.backend ?? this.name,
      program: request.kind,
      payload_sha256: built.payloadSha256,
      tag: request.tag,
      session_id: created.session_id ?? this.sessionId,
    });
    const meta = { backend: created.backend ?? this.name, jobId: created.id };
    const decode = (t: string | DecodedResult): SamplerResult | EstimatorResult =>
      request.kind === 'sampler'
        ? toSamplerResult(asDocument(t), meta, built.samplerInfo)
        : toEstimatorResult(asDocument(t), meta, built.estimatorLayouts);
    const poll = { ...this.poll(), resultMaxBytes: request.kind === 'sampler' ? samplerResultLimit(request) : undefined };
    return new IbmRuntimeJob(created.id, meta.backend, this.client, decode, poll, this.ledger, this.sessionId);
  }

  /**
   * A handle on an existing job (any program). Results decode without the submitting request's
   * knowledge: registers by their wire names, estimator values by their shape.
   * @throws {NotFoundError} for an unknown id
   */
  async job(id: string, options: { signal?: AbortSignal } = {}): Promise<IbmRuntimeJob<SamplerResult | EstimatorResult>> {
    return retrieveJob(this.client, id, { ...this.poll(), ledger: this.ledger, signal: options.signal });
  }

  /** {@link IbmRuntimeBackend.job} under the name the core's resumable work uses. */
  retrieveJob(id: string, options: RunOptions = {}): Promise<IbmRuntimeJob<SamplerResult | EstimatorResult>> {
    return this.job(id, options);
  }

  /**
   * Ledger entries whose request tag starts with `tagPrefix`, oldest first (one read of the
   * ledger): confirmed jobs with their id and last recorded status, and `unconfirmed` intents
   * (the `POST /jobs` answer never arrived) with their client tag.
   * @throws {ConfigurationError} when this backend has no ledger
   */
  async journalEntries(tagPrefix: string, options: RunOptions = {}): Promise<JournalEntry[]> {
    throwIfAborted(options.signal);
    if (!this.ledger) throw new ConfigurationError(`backend '${this.name}' has no job ledger to resume from (set QBRIDGE_HOME)`, 'QBRIDGE_HOME');
    this.ledger.flush();
    return this.ledger
      .jobs()
      .filter((j) => j.tag !== undefined && j.tag.startsWith(tagPrefix))
      .map((j) => ({
        ...(j.status === 'unconfirmed' ? {} : { jobId: j.job_id }),
        ...(j.client_tag ? { clientTag: j.client_tag } : {}),
        tag: j.tag!,
        status: j.status,
        ...(j.submitted ? { submitted: j.submitted } : {}),
      }));
  }

  /**
   * Locks run `key` next to the ledger (`<home>/runs/<key>.lock`) for the duration of one run.
   * Without a ledger nothing is journaled, so no resume can collide with the run: nothing to lock.
   * @throws {RunInProgressError} when another process holds it
   */
  async lockRun(key: string, options: RunOptions = {}): Promise<() => Promise<void>> {
    throwIfAborted(options.signal);
    if (!this.ledger) return async () => undefined;
    return lockRunIn(path.dirname(this.ledger.file), key);
  }

  /**
   * Jobs carrying `tag` (`GET /jobs?tags=<tag>`, any backend), newest first. Only jobs whose
   * returned tags include `tag` count: a server that ignored the filter finds nothing. When
   * `tag` is the client tag of an `unconfirmed` ledger intent and one job is found, the ledger
   * gets that job's `submit` line (the submission is confirmed after all).
   */
  async findJobsByTag(tag: string, options: RunOptions = {}): Promise<RemoteJobRef[]> {
    const r = await this.client.listJobs({ tags: [tag], limit: 200 }, options);
    const found = r.jobs.filter((j) => j.tags?.includes(tag));
    const intent = found.length === 1 ? this.ledger?.jobs().find((j) => j.status === 'unconfirmed' && j.client_tag === tag) : undefined;
    if (intent) {
      const { client_tag, program, payload_sha256, tag: requestTag, session_id } = intent;
      this.ledger!.recordSubmit({ client_tag, program, payload_sha256, tag: requestTag, session_id, job_id: found[0]!.id, backend: found[0]!.backend ?? intent.backend });
    }
    return found.map((j) => ({ id: j.id, status: mapStatus(j) }));
  }

  /** Recent jobs on this backend (newest first), one page. */
  async jobs(query: { limit?: number; offset?: number; pending?: boolean } = {}, options: { signal?: AbortSignal } = {}): Promise<IbmJobSummary[]> {
    const r = await this.client.listJobs({ backend: this.name, limit: query.limit ?? 20, offset: query.offset, pending: query.pending }, options);
    return r.jobs.map((j) => ({
      id: j.id,
      backend: j.backend,
      program: j.program?.id ?? 'unknown',
      status: mapStatus(j),
      created: j.created,
      tags: j.tags ?? [],
      sessionId: j.session_id,
    }));
  }

  /** Operational state and queue length (`GET /backends/{name}/status`). */
  async status(options: { signal?: AbortSignal } = {}): Promise<IbmBackendStatus> {
    const s = await this.client.getStatus(this.name, options);
    return { operational: Boolean(s.state), pendingJobs: Math.max(0, s.length_queue), message: s.status };
  }

  /** Nothing to release: sessions are closed by `withSession`. */
  async close(): Promise<void> {
    this.ledger?.flush();
  }
}

/**
 * A handle on an existing job (any program), without a backend object: results decode without
 * the submitting request's knowledge (registers by their wire names, estimator values by shape).
 * @throws {NotFoundError} for an unknown id
 */
export async function retrieveJob(
  client: RuntimeClient,
  id: string,
  opts: PollSettings & { ledger?: JobLedger; signal?: AbortSignal } = {},
): Promise<IbmRuntimeJob<SamplerResult | EstimatorResult>> {
  const { ledger, signal, ...poll } = opts;
  const info = await client.getJob(id, { signal });
  const meta = { backend: info.backend ?? 'unknown', jobId: id };
  const program = info.program?.id;
  const decode = (t: string | DecodedResult): SamplerResult | EstimatorResult => {
    const doc = asDocument(t);
    const looksEstimator = program === 'estimator' || doc.pubs.some((p) => p.data.evs !== undefined);
    return looksEstimator ? toEstimatorResult(doc, meta) : toSamplerResult(doc, meta);
  };
  return new IbmRuntimeJob(id, meta.backend, client, decode, poll, ledger, info.session_id);
}

/** Online, non-simulator devices with at least `minQubits` qubits, shortest queue first. */
export function leastBusyOrder(devices: readonly Device[], minQubits = 0): Device[] {
  return devices
    .filter((d) => d.status.name === 'online' && !d.is_simulator && (d.qubits ?? Infinity) >= minQubits)
    .sort((a, b) => a.queue_length - b.queue_length);
}

/** The online device with the shortest queue (qiskit-ibm-runtime's `least_busy`). */
export function pickLeastBusy(devices: readonly Device[], minQubits = 0): Device | undefined {
  return leastBusyOrder(devices, minQubits)[0];
}

/** Loads a device's configuration and properties and builds its Target. */
async function loadTarget(client: RuntimeClient, device: string, opts: IbmRuntimeOptions, options: { signal?: AbortSignal }): Promise<Target> {
  let conf, props;
  try {
    [conf, props] = await Promise.all([
      client.getConfiguration(device, options),
      client.getProperties(device, options).catch((e: unknown) => {
        if (e instanceof NotFoundError) return undefined; // simulators have no properties
        throw e;
      }),
    ]);
  } catch (e) {
    if (e instanceof NotFoundError) throw new BackendNotFoundError(device);
    throw e;
  }
  // The validators checked what the conversion reads; the shared converter (also used by the
  // fake backends) builds the Target from the same JSON shape.
  return targetFromIbmConfiguration(conf as unknown as IbmBackendConfiguration, props as unknown as IbmBackendProperties | undefined, {
    useFractionalGates: opts.fractionalGates,
  });
}

/**
 * Creates the backend for `name` (or the least busy device for `least_busy`): loads the
 * configuration and properties and builds the Target.
 * @throws {ConfigurationError} without a token or instance (naming QISKIT_IBM_TOKEN / QISKIT_IBM_INSTANCE)
 * @throws {BackendNotFoundError} when the instance cannot use that device
 */
export async function createIbmRuntimeBackend(name: string, opts: IbmRuntimeOptions, options: { signal?: AbortSignal } = {}): Promise<IbmRuntimeBackend> {
  if (!opts.token || !opts.instance) {
    // Name only what is missing: a user with a token set must not be told to set it again.
    const missing = [
      ...(!opts.token ? ['QISKIT_IBM_TOKEN (API key)'] : []),
      ...(!opts.instance ? ['QISKIT_IBM_INSTANCE (instance CRN)'] : []),
    ];
    throw new ConfigurationError(
      `backend '${name}' needs IBM Quantum credentials: set ${missing.join(' and ')}`,
      !opts.token ? 'QISKIT_IBM_TOKEN' : 'QISKIT_IBM_INSTANCE',
    );
  }
  checkSettleMs(opts.submitSettleMs);
  const client = opts.client ?? createRuntimeClient(opts);
  let device = name;
  let target: Target;
  if (name === 'least_busy') {
    const devices = await client.listBackends(options);
    const candidates = leastBusyOrder(devices, opts.minQubits);
    if (!candidates.length) throw new BackendNotFoundError(name, devices.map((d) => d.name));
    // A device whose configuration does not load (a 5xx, a malformed answer, one the instance
    // may not use) is skipped for the next least busy one, as qiskit-ibm-runtime's least_busy
    // skips backends it cannot build. Bad credentials and a cancelled call stop the search.
    const skipped: string[] = [];
    for (let i = 0; ; i++) {
      throwIfAborted(options.signal);
      device = candidates[i]!.name;
      try {
        target = await loadTarget(client, device, opts, options);
        break;
      } catch (e) {
        if (e instanceof AuthenticationError || e instanceof AbortedError || i === candidates.length - 1) {
          if (skipped.length && e instanceof Error) e.message += ` (least_busy also skipped ${skipped.join('; ')})`;
          throw e;
        }
        skipped.push(`${device}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  } else {
    target = await loadTarget(client, device, opts, options);
  }
  const ledger = opts.ledger === false ? undefined : (opts.ledger ?? (opts.home ? JobLedger.inHome(opts.home) : undefined));
  const { intervalMs, maxIntervalMs, jobTimeoutMs, onProgress, sleep, now, random } = opts;
  // The pacer sleeps for real (not `opts.sleep`): its waits are what keeps the account under IBM's rate.
  const pacer = opts.pacing === false ? undefined : pacerFor({ home: opts.home, apiUrl: client.apiUrl, token: opts.token }, opts.pacing ?? {});
  return new IbmRuntimeBackend(device, target, client, { intervalMs, maxIntervalMs, jobTimeoutMs, onProgress, sleep, now, random }, ledger, undefined, pacer, opts.submitSettleMs, opts.instanceChoice);
}
