import type { Circuit } from './circuit/circuit';
import type { Job, JobStatus } from './core/job';
import type {
  EstimatorRequest,
  EstimatorResult,
  SamplerRequest,
  SamplerResult,
} from './primitives/types';
import type { Target } from './core/target';
import type { StateBuffers } from '../simulators/statevector';

/** Per-call options of {@link Backend.run}. */
export interface RunOptions {
  /** Aborts the submission: `run` rejects with an AbortedError. */
  signal?: AbortSignal;
}

/** A statevector as plain buffers (little-endian index), what exact backends can return: the engine's state shape. */
export type StatevectorData = StateBuffers;

/**
 * The contract every backend meets: the local simulator, fake device backends and IBM Quantum.
 * Immutable facts in `target`; one way to run work (`run`), returning a {@link Job}.
 * Optional capabilities are optional members, never methods that throw.
 *
 * A new backend must pass the contract suite in `test/contract/`.
 */
export interface Backend {
  /** The version of this contract the backend implements (1); a breaking change to the contract bumps it. */
  readonly contractVersion: 1;
  /** The name the backend is registered under, e.g. `local`, `fake_fez`, `ibm_fez`. */
  readonly name: string;
  /** What the backend can run: gates, coupling map, limits. */
  readonly target: Target;
  /** Submits Sampler V2 work. */
  run(request: SamplerRequest, options?: RunOptions): Promise<Job<SamplerResult>>;
  /** Submits Estimator V2 work. */
  run(request: EstimatorRequest, options?: RunOptions): Promise<Job<EstimatorResult>>;
  /**
   * Exact statevector of a bound circuit without mid-circuit measurement, when the backend can
   * (the local simulator; noiseless fake backends). The exact kernel path does not call it: it runs
   * the feature map's compiled plan on the statevector engine itself (the same amplitudes).
   */
  readonly statevector?: (circuit: Circuit, options?: RunOptions) => Promise<StatevectorData>;
  /** Releases resources (sessions, sockets). Idempotent. */
  close?(): Promise<void>;
  /**
   * Resumable work, part 1: the submissions recorded in the backend's durable job journal (IBM:
   * `$QBRIDGE_HOME/jobs.jsonl`) whose request `tag` starts with `tagPrefix`, oldest first, from
   * one read of the journal. Absent: the backend keeps no journal (nothing can be resumed).
   * @throws {ConfigurationError} when this backend instance was created without a journal
   */
  journalEntries?(tagPrefix: string, options?: RunOptions): Promise<JournalEntry[]>;
  /**
   * Resumable work, part 2: a handle on an earlier job by id, its result decoded without the
   * submitting request (sampler registers by their wire names).
   * @throws {NotFoundError} for an unknown (or deleted) job
   */
  retrieveJob?(id: string, options?: RunOptions): Promise<Job<SamplerResult | EstimatorResult>>;
  /**
   * Resumable work, part 3: the remote jobs carrying `tag` (exact match), newest first. Finds a
   * job whose submission answer was lost, by the unique {@link JournalEntry.clientTag} the
   * backend sent with it.
   */
  findJobsByTag?(tag: string, options?: RunOptions): Promise<RemoteJobRef[]>;
  /**
   * Resumable work, part 4: takes the cross-process lock of run `key` next to the journal, so two
   * processes never run (and submit the chunks of) the same run at once. Resolves to the release.
   * @throws {RunInProgressError} when another process (or another run in this one) holds it
   */
  lockRun?(key: string, options?: RunOptions): Promise<() => Promise<void>>;
}

/** One submission a backend's durable journal recorded (see {@link Backend.journalEntries}). */
export interface JournalEntry {
  /** The job id; absent when the submission's answer never arrived (status `unconfirmed`). */
  readonly jobId?: string;
  /** The backend's own unique tag of this submission, sent with the job (for {@link Backend.findJobsByTag}). */
  readonly clientTag?: string;
  /** The request's `tag`. */
  readonly tag: string;
  /** The last status recorded: a {@link JobStatus}, `unconfirmed`, or a backend-specific word. */
  readonly status: string;
  /** ISO-8601 time of the submission (or of the intent). */
  readonly submitted?: string;
}

/** A remote job found by tag. */
export interface RemoteJobRef {
  /** The remote job id. */
  readonly id: string;
  /** Its status when it was listed. */
  readonly status: JobStatus;
}

/** Creates a backend for a name (network calls allowed; honour the signal). */
export type BackendFactory<B extends Backend = Backend> = (
  name: string,
  options: { signal?: AbortSignal },
) => Promise<B>;
