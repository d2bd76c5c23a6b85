import { AbortedError, JobCancelledError, JobFailedError, throwIfAborted } from './errors';

export { JobCancelledError };

/** A job's life: queued → running → one of the terminal states. */
export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** States a job never leaves. */
export const TERMINAL_STATUSES: ReadonlySet<JobStatus> = new Set<JobStatus>(['done', 'failed', 'cancelled']);

/** True for `done`, `failed` and `cancelled`. */
export function isTerminal(status: JobStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

/** Options every job wait takes. */
export interface WaitOptions {
  /** Stops waiting (an AbortedError); the job itself keeps running. */
  signal?: AbortSignal;
  /** Give up waiting after this many milliseconds (JobTimeoutError; the job may still run). */
  timeoutMs?: number;
}

/**
 * Work submitted to a backend. Aborting a wait (`result({ signal })`) stops waiting only;
 * `cancel()` asks the backend to cancel the job itself.
 */
export interface Job<R> {
  /** The job id: remote for IBM, generated for local backends. */
  readonly id: string;
  /** The name of the backend that runs it. */
  readonly backendName: string;
  /** The current status (may ask the backend). */
  status(options?: { signal?: AbortSignal }): Promise<JobStatus>;
  /** Waits for the result. Rejects with JobFailedError / JobCancelledError / AbortedError / JobTimeoutError. */
  result(options?: WaitOptions): Promise<R>;
  /** Requests cancellation; a no-op for a job that already finished. */
  cancel(options?: { signal?: AbortSignal }): Promise<void>;
}

/**
 * A job that is already settled (local simulation finishes before `run` returns): done with a
 * result, or failed with an error.
 */
export class SettledJob<R> implements Job<R> {
  /**
   * A job that settled with `outcome`.
   *
   * @param id - the job id
   * @param backendName - the backend that ran it
   * @param outcome - the result, or the error the run failed with
   */
  constructor(
    /** The job id. */
    readonly id: string,
    /** The backend that ran it. */
    readonly backendName: string,
    private readonly outcome: { result: R } | { error: unknown },
  ) {}

  async status(options: { signal?: AbortSignal } = {}): Promise<JobStatus> {
    throwIfAborted(options.signal);
    return 'result' in this.outcome ? 'done' : 'failed';
  }

  async result(options: WaitOptions = {}): Promise<R> {
    throwIfAborted(options.signal);
    if ('result' in this.outcome) return this.outcome.result;
    const e = this.outcome.error;
    if (e instanceof AbortedError || e instanceof JobFailedError) throw e;
    throw new JobFailedError(
      `job ${this.id} failed: ${e instanceof Error ? e.message : String(e)}`,
      this.id,
      undefined,
      undefined,
      { cause: e },
    );
  }

  async cancel(options: { signal?: AbortSignal } = {}): Promise<void> {
    throwIfAborted(options.signal);
    // A settled job cannot be cancelled: like IBM, cancelling a finished job changes nothing.
  }
}

let counter = 0;
/** A locally unique job id: `<prefix>-<time base36>-<counter>`. */
export function localJobId(prefix = 'local'): string {
  counter = (counter + 1) % 0x100000;
  return `${prefix}-${Date.now().toString(36)}-${counter.toString(36).padStart(4, '0')}`;
}
