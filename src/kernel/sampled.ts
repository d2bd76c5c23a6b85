import type { Backend } from '../backend';
import type { Circuit } from '../circuit/circuit';
import { ConfigurationError, InvalidResponseError, ResourceLimitError, throwIfAborted } from '../core/errors';
import type { Target } from '../core/target';
import { prepareIsaCircuit } from '../primitives/isa-prepare';
import { Sampler } from '../primitives/sampler';
import type { BitArray } from '../primitives/bit-array';
import type { SamplerPub, SamplerResult } from '../primitives/types';
import type { PauliFeatureMap } from './feature-map';
import type { FeatureMatrix } from './inputs';

/** A compute-uncompute template: the circuit and, per circuit parameter, where its value comes from. */
export interface SampledTemplate {
  readonly circuit: Circuit;
  /** For each name in `circuit.parameters` order: 0 = x row, 1 = y row, and the feature index. */
  readonly sources: ReadonlyArray<readonly [0 | 1, number]>;
}

/**
 * Builds `fm(x) ∘ fm(y)⁻¹` + measure_all once, with two parameter vectors `x` and `y`, and
 * passes it once through the ISA gate when the target requires ISA circuits (every job then
 * binds parameter rows of this one circuit; the Sampler finds it ISA and sends it as is).
 * P(all zeros) = |⟨ψ(y)|ψ(x)⟩|².
 */
export async function buildTemplate(fm: PauliFeatureMap, target: Target): Promise<SampledTemplate> {
  let circuit: Circuit = fm.circuit('x').copy().compose(fm.circuit('y').inverse()).measureAll();
  if (target.requiresIsa) circuit = prepareIsaCircuit(circuit, target).circuit;
  const sources = circuit.parameters.map((name): [0 | 1, number] => {
    const m = /^([xy])\[(\d+)\]$/.exec(name);
    if (!m) throw new ConfigurationError(`unexpected parameter '${name}' in the compute-uncompute circuit`);
    return [m[1] === 'x' ? 0 : 1, Number(m[2])];
  });
  return { circuit, sources };
}

/** Options of {@link runSampled}. */
export interface SampledRunOptions {
  shots: number;
  seed?: number;
  maxCircuitsPerJob?: number;
  maxRowsPerPub?: number;
  signal?: AbortSignal;
  /** Bound of each job wait in ms (`job.result({ timeoutMs })`); unset: the backend's default. */
  jobTimeoutMs?: number;
  /** Jobs submitted and awaited at a time (default 1: one after another). */
  jobsInFlight?: number;
  /** Called after each job with the number of pairs done so far (jobs may finish out of order). */
  onJob?: (pairsDone: number) => void;
  /** The request tag of job `index` of `count` (the kernel's chunk tag, recorded in the backend's journal). */
  tagOf?: (index: number, count: number) => string;
  /** Resume: the result of an earlier job for job `index`, or undefined to submit it. */
  prior?: (index: number, signal?: AbortSignal) => Promise<SamplerResult | undefined>;
  /**
   * The estimate of one entry from its row of samples (readout mitigation); unset: the all-zeros
   * frequency.
   */
  fidelityOf?: (bits: BitArray, row: number) => number;
}

/** Jobs and PUBs a run created (for tests and stats). */
export interface SampledCounters {
  jobsSubmitted: number;
  pubsSubmitted: number;
  circuitsExecuted: number;
  /** Jobs whose result came from an earlier run (resume). */
  jobsResumed?: number;
}

/** The backend limits {@link planJobs} plans against (a {@link Target} has them all). */
export interface JobLimits {
  /** Most PUBs per job. */
  readonly maxPubsPerJob: number;
  /** Most executions (rows × shots) per job; `Infinity` when unbounded. */
  readonly maxExecutionsPerJob: number;
}

/**
 * Plans the split of `count` parameter rows run at `shots` shots each: rows per PUB ≤
 * maxRowsPerPub, PUBs per job ≤ limits.maxPubsPerJob, rows × shots per job ≤
 * limits.maxExecutionsPerJob, rows per job ≤ maxCircuitsPerJob. Returns the PUB sizes of each job.
 * @throws {ResourceLimitError} when even one row at `shots` shots exceeds the executions limit
 */
export function planJobs(
  count: number,
  limits: JobLimits,
  shots: number,
  maxCircuitsPerJob = Infinity,
  maxRowsPerPub = Infinity,
): number[][] {
  const byExecutions = Math.floor(limits.maxExecutionsPerJob / shots);
  if (count > 0 && byExecutions < 1) {
    throw new ResourceLimitError(
      `--shots ${shots} exceeds the backend's limit of ${limits.maxExecutionsPerJob} executions per job (one circuit × shots)`,
    );
  }
  const jobs: number[][] = [];
  let left = count;
  while (left > 0) {
    const jobRows = Math.min(left, maxCircuitsPerJob, limits.maxPubsPerJob * maxRowsPerPub, byExecutions);
    const pubs: number[] = [];
    for (let r = jobRows; r > 0; r -= Math.min(r, maxRowsPerPub)) pubs.push(Math.min(r, maxRowsPerPub));
    jobs.push(pubs);
    left -= jobRows;
  }
  return jobs;
}

/**
 * Estimates the fidelity of each pair (x row `pairs[2k]`, y row `pairs[2k+1]`) as the all-zeros
 * frequency, clipped to [0, 1]. All pairs are parameter rows of as few PUBs and jobs as the
 * limits allow, submitted through the {@link Sampler} (which validates each request once).
 * At most `jobsInFlight` jobs (default 1) are submitted and awaited at a time, in plan order of
 * submission: each job is in the backend's journal as soon as `run` returns, before its result is
 * awaited, so a crash leaves at most `jobsInFlight` unfinished jobs, all resumable. The first
 * failure stops new submissions and is rethrown once the jobs already submitted stop being
 * awaited (they keep running remotely and a resume picks them up). Job `i`'s seed is `seed + i`
 * and its tag `tagOf(i, count)`; `prior(i)` may supply its result instead.
 */
export async function runSampled(
  backend: Backend,
  template: SampledTemplate,
  x: FeatureMatrix,
  y: FeatureMatrix,
  pairs: Int32Array,
  opts: SampledRunOptions,
  counters: SampledCounters,
): Promise<Float64Array> {
  const count = pairs.length / 2;
  const out = new Float64Array(count);
  if (opts.shots > backend.target.maxShots) {
    throw new ConfigurationError(`${opts.shots} shots exceed the backend's limit of ${backend.target.maxShots}`, 'shots');
  }
  const inFlight = opts.jobsInFlight ?? 1;
  if (!Number.isInteger(inFlight) || inFlight < 1) {
    throw new ConfigurationError(`jobsInFlight must be a positive integer, got ${inFlight}`, 'jobsInFlight');
  }
  const plan = planJobs(count, backend.target, opts.shots, opts.maxCircuitsPerJob, opts.maxRowsPerPub);
  const firsts: number[] = [];
  let acc = 0;
  for (const sizes of plan) {
    firsts.push(acc);
    acc += sizes.reduce((a, b) => a + b, 0);
  }
  // One failing job stops the others' waits (not the jobs themselves: they are journaled).
  const stop = new AbortController();
  const onAbort = (): void => stop.abort(opts.signal?.reason);
  if (opts.signal?.aborted) onAbort();
  else opts.signal?.addEventListener('abort', onAbort, { once: true });
  const signal = stop.signal;
  let nextJob = 0;
  let pairsDone = 0;
  let failure: { error: unknown } | undefined;
  const runJob = async (jobIndex: number): Promise<void> => {
    const first = firsts[jobIndex]!;
    const sizes = plan[jobIndex]!;
    const next = first + sizes.reduce((a, b) => a + b, 0);
    let result = await opts.prior?.(jobIndex, signal);
    let jobId: string;
    if (result) {
      counters.jobsResumed = (counters.jobsResumed ?? 0) + 1;
      jobId = result.metadata.jobId;
    } else {
      const pubs = pubsOf(template, x, y, pairs, first, sizes);
      const seed = opts.seed === undefined ? undefined : opts.seed + jobIndex;
      const tag = opts.tagOf?.(jobIndex, plan.length);
      const sampler = new Sampler(backend, { shots: opts.shots, ...(seed === undefined ? {} : { seed }) });
      const job = await sampler.run(pubs, { signal, ...(tag === undefined ? {} : { tag }) });
      counters.jobsSubmitted++;
      counters.pubsSubmitted += pubs.length;
      result = await job.result({ signal, ...(opts.jobTimeoutMs === undefined ? {} : { timeoutMs: opts.jobTimeoutMs }) });
      jobId = job.id;
      counters.circuitsExecuted += next - first;
    }
    fillFidelities(out, result, jobId, first, next, sizes, opts.fidelityOf);
    pairsDone += next - first;
    opts.onJob?.(pairsDone);
  };
  const worker = async (): Promise<void> => {
    while (!failure && nextJob < plan.length) {
      const jobIndex = nextJob++;
      try {
        throwIfAborted(signal);
        await runJob(jobIndex);
      } catch (e) {
        // The first error is the one reported; the others are the stop it caused.
        if (!failure) {
          failure = { error: e };
          stop.abort(e);
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(inFlight, plan.length) }, worker));
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
  if (failure) throw (failure as { error: unknown }).error;
  return out;
}

/** The PUBs of one job: `sizes[p]` parameter rows each, from pair `first` on. */
function pubsOf(template: SampledTemplate, x: FeatureMatrix, y: FeatureMatrix, pairs: Int32Array, first: number, sizes: number[]): SamplerPub[] {
  const d = x.cols;
  let row = first;
  return sizes.map((size) => {
    const rows: number[][] = [];
    for (let r = 0; r < size; r++, row++) {
      const i = pairs[2 * row]!;
      const j = pairs[2 * row + 1]!;
      rows.push(template.sources.map(([src, k]) => (src === 0 ? x.data[i * d + k]! : y.data[j * d + k]!)));
    }
    return { circuit: template.circuit, parameterValues: rows };
  });
}

/** Writes the all-zeros frequencies of pairs `first..next` from one job's result into `out`. */
function fillFidelities(
  out: Float64Array,
  result: SamplerResult,
  jobId: string,
  first: number,
  next: number,
  sizes: number[],
  fidelityOf?: (bits: BitArray, row: number) => number,
): void {
  let k = first;
  if (result.pubs.length !== sizes.length) {
    throw new InvalidResponseError(`job ${jobId} returned ${result.pubs.length} PUB results, expected ${sizes.length}`);
  }
  result.pubs.forEach((pub, p) => {
    const bits = pub.data['meas'] ?? Object.values(pub.data)[0];
    if (!bits || bits.numRows !== sizes[p]) {
      throw new InvalidResponseError(`job ${jobId}: PUB ${p} has no measurement register with one row per pair`);
    }
    for (let r = 0; r < bits.numRows; r++, k++) {
      const f = fidelityOf ? fidelityOf(bits, r) : bits.numShots === 0 ? 0 : bits.countZeros(r) / bits.numShots;
      out[k] = f < 0 ? 0 : f > 1 ? 1 : f;
    }
  });
  if (k !== next) throw new InvalidResponseError(`job ${jobId} returned ${k - first} rows, expected ${next - first}`);
}
