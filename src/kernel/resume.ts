/**
 * Resumable sampled kernel runs on backends that journal their jobs (IBM: `$QBRIDGE_HOME/jobs.jsonl`).
 *
 * A long kernel matrix on hardware is split into chunks (jobs) by a deterministic plan. Every
 * chunk's request carries the tag `qbridge-kernel:<runKey>:<index>/<count>`, and the backend
 * writes that tag to its journal before the job is submitted (intent) and with the job id before
 * `run` returns. `runKey` hashes everything that decides what each chunk contains: the feature
 * map, the x and y bytes, the pair list, shots, seed, backend name and the chunk limits.
 *
 * Resuming reads the journal once, and for each chunk, newest recorded submission first:
 * - a job id whose last recorded status is not failed/cancelled → retrieve the job and await
 *   its result (a job still queued or running is waited for, never resubmitted);
 * - failed, cancelled or deleted (404) → ignored: the chunk is submitted again;
 * - `unconfirmed` (the intent was written but the submission's answer never arrived; the job
 *   may or may not exist) → looked up remotely by the unique client tag the backend sent with
 *   it (`findJobsByTag`). Found: used as above. Not found: the request never created a job,
 *   and the chunk is submitted again. A backend that cannot look jobs up by tag makes resume
 *   stop with a {@link ConfigurationError} naming the client tag, unless
 *   {@link ResumeOptions.resubmitUnconfirmed} accepts the risk of paying twice.
 * Only chunks left without a usable job are submitted. Any other error (network, timeout,
 * abort) stops the run: retrying the resume later is always safe, resubmitting is not.
 */
import { createHash } from 'node:crypto';
import type { Backend, JournalEntry } from '../backend';
import { ConfigurationError, InvalidResponseError, JobCancelledError, JobFailedError, NotFoundError, throwIfAborted } from '../core/errors';
import type { SamplerResult } from '../primitives/types';
import type { FeatureMatrix } from './inputs';

/** The tag prefix of every kernel chunk job. */
export const KERNEL_TAG_PREFIX = 'qbridge-kernel:';

/**
 * Bumped whenever the plan or the row order of chunks changes: older tags then never match, so
 * resuming a run recorded under an older version recomputes it (submits every chunk afresh)
 * rather than reusing jobs chunked differently. Version 2: chunks are planned by executions
 * (rows × shots ≤ the backend's executions limit) instead of IBM's legacy 300-PUB cap.
 */
export const PLAN_VERSION = 2;

/** Options of a resumed evaluation (`evaluate(x, y, { resume: { ... } })`). */
export interface ResumeOptions {
  /**
   * What to do with an `unconfirmed` submission (its answer was lost) on a backend that cannot
   * look jobs up by tag: false (default) stops with a ConfigurationError; true resubmits the
   * chunk, which pays twice if the lost submission did create a job.
   */
  resubmitUnconfirmed?: boolean;
  /** Bound of each wait for an earlier job, in ms (JobTimeoutError past it); unset: the backend's default. */
  jobTimeoutMs?: number;
}

/** Everything that decides the content of each chunk of a sampled kernel run. */
export interface RunKeyInput {
  featureMapId: string;
  backendName: string;
  shots: number;
  seed?: number;
  maxCircuitsPerJob?: number;
  maxRowsPerPub?: number;
  maxPubsPerJob: number;
  /** The backend's executions limit per job (rows × shots); part of the plan since version 2. */
  maxExecutionsPerJob: number;
  x: FeatureMatrix;
  y: FeatureMatrix;
  /** The pairs to run, (x row, y row) interleaved, in plan order. */
  pairs: Int32Array;
}

/** The run key: 32 hex digits of a sha256 over {@link RunKeyInput}. */
export function kernelRunKey(k: RunKeyInput): string {
  const h = createHash('sha256');
  const head = [PLAN_VERSION, k.featureMapId, k.backendName, k.shots, k.seed ?? '-', k.maxCircuitsPerJob ?? '-', k.maxRowsPerPub ?? '-', k.maxPubsPerJob, k.maxExecutionsPerJob];
  h.update(JSON.stringify(head));
  for (const m of [k.x, k.y]) {
    h.update(`|${m.rows}x${m.cols}|`);
    h.update(new Uint8Array(m.data.buffer, m.data.byteOffset, m.data.byteLength));
  }
  h.update(`|${k.pairs.length}|`);
  h.update(new Uint8Array(k.pairs.buffer, k.pairs.byteOffset, k.pairs.byteLength));
  return h.digest('hex').slice(0, 32);
}

/** The request tag of chunk `index` of `count` (at most 86 characters, IBM's tag limit). */
export function chunkTag(runKey: string, index: number, count: number): string {
  return `${KERNEL_TAG_PREFIX}${runKey}:${index}/${count}`;
}

/** Parses a chunk tag of `runKey`; undefined for any other tag. */
export function parseChunkTag(tag: string, runKey: string): { index: number; count: number } | undefined {
  const prefix = `${KERNEL_TAG_PREFIX}${runKey}:`;
  if (!tag.startsWith(prefix)) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(tag.slice(prefix.length));
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return index < count ? { index, count } : undefined;
}

const DEAD = new Set(['failed', 'cancelled']);

/** What a resume found and did (for stats and reports). */
export interface ResumeCounters {
  /** Chunks whose result came from an earlier job. */
  reused: number;
  /** Recorded jobs that were failed, cancelled or gone (their chunks are submitted again). */
  discarded: number;
  /** Unconfirmed submissions found remotely by their client tag. */
  foundByTag: number;
}

/**
 * The journal's knowledge of one run's chunks, read once. {@link ResumePlan.priorResult} gives
 * the result of an earlier job of a chunk (waiting for it when it still runs), or undefined
 * when the chunk must be submitted.
 */
export class ResumePlan {
  readonly counters: ResumeCounters = { reused: 0, discarded: 0, foundByTag: 0 };

  private constructor(
    private readonly backend: Backend,
    /** Per chunk: its journal entries, newest first. */
    private readonly byChunk: ReadonlyMap<number, JournalEntry[]>,
    private readonly options: ResumeOptions,
  ) {}

  /** Reads the backend's journal (one pass). A backend without a journal has nothing to resume. */
  static async load(backend: Backend, runKey: string, chunkCount: number, options: ResumeOptions = {}, signal?: AbortSignal): Promise<ResumePlan> {
    const byChunk = new Map<number, JournalEntry[]>();
    const entries = backend.journalEntries ? await backend.journalEntries(`${KERNEL_TAG_PREFIX}${runKey}:`, { signal }) : [];
    for (const e of entries) {
      const c = parseChunkTag(e.tag, runKey);
      if (!c || c.count !== chunkCount) continue;
      const list = byChunk.get(c.index) ?? [];
      list.unshift(e); // entries come oldest first: newest first per chunk
      byChunk.set(c.index, list);
    }
    return new ResumePlan(backend, byChunk, options);
  }

  /** Chunks with at least one recorded submission. */
  get recordedChunks(): number {
    return this.byChunk.size;
  }

  /**
   * The result of an earlier job of chunk `index`, awaited; undefined when no usable job exists.
   * @throws {ConfigurationError} for an unconfirmed submission the backend cannot look up
   * @throws whatever the wait throws except failed/cancelled/not found (network, timeout, abort)
   */
  async priorResult(index: number, signal?: AbortSignal): Promise<SamplerResult | undefined> {
    const entries = this.byChunk.get(index);
    if (!entries) return undefined;
    const tried = new Set<string>();
    for (const e of entries) {
      throwIfAborted(signal);
      if (DEAD.has(e.status)) {
        this.counters.discarded++;
        continue;
      }
      for (const id of await this.candidates(e, signal)) {
        if (tried.has(id)) continue;
        tried.add(id);
        const result = await this.awaitJob(id, signal);
        if (result) {
          this.counters.reused++;
          return result;
        }
        this.counters.discarded++;
      }
    }
    return undefined;
  }

  /** Job ids that may hold the result of a journal entry. */
  private async candidates(e: JournalEntry, signal?: AbortSignal): Promise<string[]> {
    if (e.jobId) return [e.jobId];
    if (!e.clientTag) return [];
    if (!this.backend.findJobsByTag) {
      if (this.options.resubmitUnconfirmed) return [];
      throw new ConfigurationError(
        `kernel chunk '${e.tag}': its submission (client tag ${e.clientTag}) was never confirmed and backend '${this.backend.name}' ` +
          'cannot look jobs up by tag; check the provider for that tag, or resume with resubmitUnconfirmed to submit the chunk again',
        'resume',
      );
    }
    const found = (await this.backend.findJobsByTag(e.clientTag, { signal })).filter((r) => !DEAD.has(r.status));
    if (found.length) this.counters.foundByTag++;
    return found.map((r) => r.id);
  }

  /** The job's sampler result, or undefined when it failed, was cancelled or no longer exists. */
  private async awaitJob(id: string, signal?: AbortSignal): Promise<SamplerResult | undefined> {
    if (!this.backend.retrieveJob) {
      throw new ConfigurationError(`backend '${this.backend.name}' journals jobs but cannot retrieve them by id: nothing can be resumed`, 'resume');
    }
    try {
      const job = await this.backend.retrieveJob(id, { signal });
      const timeout = this.options.jobTimeoutMs;
      const result = await job.result({ signal, ...(timeout === undefined ? {} : { timeoutMs: timeout }) });
      if (result.kind !== 'sampler') throw new InvalidResponseError(`job ${id} of a kernel chunk returned ${result.kind} results`);
      return result;
    } catch (e) {
      if (e instanceof JobFailedError || e instanceof JobCancelledError || e instanceof NotFoundError) return undefined;
      throw e;
    }
  }
}

/** The hooks {@link runSampled} takes for one run: its chunk tags, and earlier results when resuming. */
export interface ChunkHooks {
  readonly runKey: string;
  tagOf(index: number, count: number): string;
  prior?: (index: number, signal?: AbortSignal) => Promise<SamplerResult | undefined>;
  readonly plan?: ResumePlan;
}

/**
 * Tags every chunk of the run `input` describes; with `resume`, also reads the journal once and
 * supplies the results of earlier jobs. `chunkCount` is the plan's job count.
 */
export async function chunkHooks(
  backend: Backend,
  input: RunKeyInput,
  chunkCount: number,
  resume: boolean | ResumeOptions | undefined,
  signal?: AbortSignal,
): Promise<ChunkHooks> {
  const runKey = kernelRunKey(input);
  const tagOf = (index: number, count: number): string => chunkTag(runKey, index, count);
  if (!resume) return { runKey, tagOf };
  const plan = await ResumePlan.load(backend, runKey, chunkCount, resume === true ? {} : resume, signal);
  return { runKey, tagOf, plan, prior: (index, s) => plan.priorResult(index, s) };
}
