import { abortableSleep } from '../../src/core/abort';
import {
  AbortedError,
  ConflictError,
  InvalidResponseError,
  JobCancelledError,
  JobFailedError,
  JobTimeoutError,
  throwIfAborted,
} from '../../src/core/errors';
import type { Job, JobStatus, WaitOptions } from '../../src/core/job';
import type { RuntimeClient } from './client';
import { RESULT_BYTES_CEILING } from './result-stream';
import type { DecodedResult } from './results';
import type { JobLedger } from './ledger';
import type { components } from './schema';

type JobResponse = components['schemas']['JobResponse'];

/** Polling defaults: start at 1 s, grow ×1.5 with jitter up to 10 s; wait at most 24 h. */
export const DEFAULT_POLL_INTERVAL_MS = 1_000;
export const DEFAULT_MAX_POLL_INTERVAL_MS = 10_000;
export const DEFAULT_JOB_TIMEOUT_MS = 24 * 3_600_000;

/** A status change seen while polling. */
export interface JobProgress {
  jobId: string;
  status: JobStatus;
  /** IBM's status string (`Queued`, `Running`, ...). */
  remoteStatus: string;
  elapsedMs: number;
}

/** Polling and clock settings shared by a backend's jobs. */
export interface PollSettings {
  /** First poll interval; it grows up to `maxIntervalMs`. @defaultValue 1 000 ms */
  intervalMs?: number;
  /** Longest poll interval. @defaultValue 10 000 ms */
  maxIntervalMs?: number;
  /**
   * Default bound of a whole job wait (`result()` without `timeoutMs`). Distinct from the
   * transport's per-request `timeoutMs`. @defaultValue 24 h
   */
  jobTimeoutMs?: number;
  /** Waits between polls (injected by tests to run without real time). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The clock, in ms since the epoch (injected by tests). */
  now?: () => number;
  /** Uniform [0, 1) source of poll jitter (injected by tests). */
  random?: () => number;
  /** Called on every status change of a job. */
  onProgress?: (p: JobProgress) => void;
  /**
   * Largest result body accepted, sized from the job's PUBs when they are known
   * (`resultByteLimit`). @defaultValue `RESULT_BYTES_CEILING` (result-stream.ts)
   */
  resultMaxBytes?: number;
  /** A result body that sends nothing for this long is abandoned. @defaultValue the transport's `timeoutMs` */
  resultStallMs?: number;
}

/** IBM `state` → qbridge {@link JobStatus} (reason code 1305 "ran too long" counts as failed, as in Python). */
export function mapStatus(job: JobResponse): JobStatus {
  switch (job.state.status) {
    case 'Queued':
      return 'queued';
    case 'Running':
      return 'running';
    case 'Completed':
      return 'done';
    case 'Failed':
      return 'failed';
    case 'Cancelled':
      return job.state.reason_code === 1305 || job.status === 'Cancelled - Ran too long' ? 'failed' : 'cancelled';
  }
}

/**
 * A job on IBM Quantum. `result()` polls `GET /jobs/{id}` with backoff until a terminal state,
 * then fetches and decodes `/results`. Aborting stops the wait only; `cancel()` cancels remotely.
 */
export class IbmRuntimeJob<R> implements Job<R> {
  private lastStatus?: JobStatus;
  private cached?: Promise<R>;
  private readonly listeners = new Set<(p: JobProgress) => void>();

  constructor(
    readonly id: string,
    readonly backendName: string,
    private readonly client: RuntimeClient,
    private readonly decode: (body: string | DecodedResult) => R,
    private readonly poll: PollSettings = {},
    private readonly ledger?: JobLedger,
    readonly sessionId?: string,
  ) {
    if (poll.onProgress) this.listeners.add(poll.onProgress);
  }

  /** Subscribes to status changes seen while polling; returns an unsubscribe function. */
  onProgress(listener: (p: JobProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private observe(job: JobResponse, started: number): JobStatus {
    const status = mapStatus(job);
    if (status !== this.lastStatus) {
      this.lastStatus = status;
      this.ledger?.recordStatus(this.id, status, this.backendName);
      const p = { jobId: this.id, status, remoteStatus: job.state.status, elapsedMs: (this.poll.now ?? Date.now)() - started };
      for (const l of this.listeners) l(p);
    }
    return status;
  }

  async status(options: { signal?: AbortSignal } = {}): Promise<JobStatus> {
    throwIfAborted(options.signal);
    const now = this.poll.now ?? Date.now;
    return this.observe(await this.client.getJob(this.id, options), now());
  }

  result(options: WaitOptions = {}): Promise<R> {
    if (options.signal?.aborted) return Promise.reject(new AbortedError(undefined, { cause: options.signal.reason }));
    // A finished result is cached; a wait that failed (abort, timeout) may be retried.
    if (this.cached) return this.cached;
    const p = this.waitAndFetch(options);
    this.cached = p;
    p.catch(() => {
      if (this.cached === p) this.cached = undefined;
    });
    return p;
  }

  private async waitAndFetch(options: WaitOptions): Promise<R> {
    const { signal } = options;
    const now = this.poll.now ?? Date.now;
    const sleep = this.poll.sleep ?? abortableSleep;
    const random = this.poll.random ?? Math.random;
    const started = now();
    const timeoutMs = options.timeoutMs ?? this.poll.jobTimeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
    const deadline = started + timeoutMs;
    let interval = this.poll.intervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    const maxInterval = this.poll.maxIntervalMs ?? DEFAULT_MAX_POLL_INTERVAL_MS;
    for (;;) {
      throwIfAborted(signal);
      const job = await this.client.getJob(this.id, { signal });
      const status = this.observe(job, started);
      if (status === 'done') return this.fetchResult(signal);
      if (status === 'failed') throw await this.failure(job, signal);
      if (status === 'cancelled') throw new JobCancelledError(`job ${this.id} was cancelled`, this.id);
      const left = deadline - now();
      if (left <= 0) {
        throw new JobTimeoutError(`gave up waiting for job ${this.id} after ${timeoutMs} ms (status ${status}; it may still run)`, this.id);
      }
      await sleep(Math.min(left, Math.round(interval * (0.8 + 0.4 * random()))), signal);
      interval = Math.min(maxInterval, interval * 1.5);
    }
  }

  private async fetchResult(signal?: AbortSignal): Promise<R> {
    const text = this.client.fetchJobResult
      ? await this.client.fetchJobResult(this.id, { signal, maxBytes: this.poll.resultMaxBytes ?? RESULT_BYTES_CEILING, stallMs: this.poll.resultStallMs })
      : await this.client.getJobResults(this.id, { signal });
    if (text === undefined) {
      throw new InvalidResponseError(`job ${this.id} is completed but has no result (a private job's result can be read only once)`);
    }
    return this.decode(text);
  }

  /** Builds JobFailedError from `state.reason` (+ code), falling back to the result text's traceback. */
  private async failure(job: JobResponse, signal?: AbortSignal): Promise<JobFailedError> {
    const code = job.state.reason_code ?? (job.state as { reasonCode?: number }).reasonCode;
    let reason = job.state.reason;
    if (!reason) {
      try {
        const text = await this.client.getJobResults(this.id, { signal });
        const i = text?.lastIndexOf('Traceback') ?? -1;
        reason = text ? (i >= 0 ? text.slice(i) : text).slice(0, 500) : undefined;
      } catch {
        /* the reason stays unknown */
      }
    }
    const solution = job.state.reason_solution && job.state.reason_solution !== reason ? ` (solution: ${job.state.reason_solution})` : '';
    const detail = `${code !== undefined ? `Error code ${code}; ` : ''}${reason ?? 'no reason given'}${solution}`;
    return new JobFailedError(`job ${this.id} failed: ${detail}`, this.id, reason, code);
  }

  /** Cancels the remote job; a job that already finished (409) is left alone. */
  async cancel(options: { signal?: AbortSignal } = {}): Promise<void> {
    throwIfAborted(options.signal);
    try {
      await this.client.cancelJob(this.id, options);
      this.ledger?.recordStatus(this.id, 'cancel-requested', this.backendName);
      this.ledger?.flush();
    } catch (e) {
      if (e instanceof ConflictError) return; // "Job is in non cancellable status": already terminal
      throw e;
    }
  }
}
