/**
 * The options of `QuantumKernel` and of its `evaluate`, their validation and the settings
 * derived from them (path, cache, memo key). Kept apart from the kernel's computation so that
 * what a kernel accepts, and what makes two kernels' results interchangeable, is read in one place.
 */
import { createHash } from 'node:crypto';
import type { Backend } from '../backend';
import { InputValidationError } from '../core/errors';
import { KernelCache } from './cache';
import type { PauliFeatureMap } from './feature-map';
import { checkKernelMitigation, mitigationKey, type KernelMitigation } from './mitigation';
import type { ResumeOptions } from './resume';

/** qiskit-machine-learning's `evaluate_duplicates`. */
export type EvaluateDuplicates = 'off_diagonal' | 'all' | 'none';

/** Options of `QuantumKernel`. */
export interface QuantumKernelOptions {
  /** The feature map that encodes each data point as a circuit; the kernel entry is |⟨ψ(x)|ψ(y)⟩|². */
  featureMap: PauliFeatureMap;
  /** Where to run. Omitted: exact statevectors computed in-process. */
  backend?: Backend;
  /** 'auto' (default): exact on statevector-capable backends, sampling otherwise. */
  method?: 'auto' | 'statevector' | 'sampler';
  /** Default 'off_diagonal'. */
  evaluateDuplicates?: EvaluateDuplicates;
  /** Project symmetric estimated kernels onto the PSD cone (Qiskit `_make_psd`). Default true. */
  enforcePsd?: boolean;
  /** Shots: absent = exact on the statevector path (binomial emulation when set); 1024 when sampling. */
  shots?: number;
  /** Seed of the shot noise (binomial emulation or sampler). */
  seed?: number;
  /** Most pairs (parameter rows) per job on the sampled path. */
  maxCircuitsPerJob?: number;
  /** Most parameter rows per PUB on the sampled path (default: no limit). */
  maxRowsPerPub?: number;
  /**
   * Sampled path: jobs submitted and awaited at a time (default 1). Values do not depend on it
   * (job `i` is seeded `seed + i` whatever the order), so it is not part of the resume key. On
   * IBM hardware run the kernel inside `withBatch` so concurrent jobs are scheduled together.
   */
  jobsInFlight?: number;
  /**
   * Sampled path: readout mitigation of each entry's P(0…0) (M3's subspace solve with tensored
   * assignment matrices from the backend's calibration, measured, or given; see
   * `src/kernel/mitigation.ts`). Unset: raw frequencies. Refused on the exact path.
   */
  mitigation?: KernelMitigation;
  /** A shared cache, cache options, or false for none. Default: a private 256 MiB cache. */
  cache?:
    | KernelCache
    | {
        /** The private cache's byte budget. */
        maxBytes?: number;
      }
    | false;
}

/** Progress of one evaluation. */
export interface KernelProgress {
  /** Units finished so far in this phase. */
  readonly done: number;
  /** Units in this phase. */
  readonly total: number;
  /** What is being counted: statevectors computed, Gram entries, or sampled pairs. */
  readonly phase: 'statevectors' | 'gram' | 'sampling';
}

/** Per-call options of `QuantumKernel.evaluate`. */
export interface EvaluateOptions {
  /** Aborts the evaluation: it rejects with an AbortedError. */
  signal?: AbortSignal;
  /** Called as work completes, for progress bars. */
  onProgress?: (p: KernelProgress) => void;
  /**
   * Sampled path: resume an interrupted run of the same matrix from the backend's job journal
   * (IBM: `$QBRIDGE_HOME/jobs.jsonl`): finished jobs are reused, running ones awaited, and only
   * chunks without a usable job are submitted (see `src/kernel/resume.ts`). The plan ignores the
   * in-memory entry memo so that it matches the interrupted run's. No effect on the exact path.
   * Concurrent identical evaluations share one computation: the first caller's choice applies.
   */
  resume?: boolean | ResumeOptions;
  /**
   * Sampled path: the bound of each job wait in ms (`job.result({ timeoutMs })`; JobTimeoutError
   * past it, the job may still run). Unset: the backend's own default. As with `resume`, the
   * first of concurrent identical evaluations decides.
   */
  jobTimeoutMs?: number;
}

/** Counters for tests and reports. */
export interface KernelStats {
  /** Statevectors found in the cache. */
  statevectorHits: number;
  /** Statevectors not in the cache (then computed). */
  statevectorMisses: number;
  /** Kernel entries found in the cache. */
  entryHits: number;
  /** Kernel entries not in the cache. */
  entryMisses: number;
  /** Whole matrices found in the cache. */
  matrixHits: number;
  /** Whole matrices not in the cache. */
  matrixMisses: number;
  /** Statevectors simulated (the exact path). */
  statevectorsComputed: number;
  /** Circuits (parameter rows) run on a backend (the sampled path). */
  circuitsExecuted: number;
  /** Backend jobs submitted. */
  jobsSubmitted: number;
  /** Jobs of earlier (interrupted) runs whose results were reused by `resume`. */
  jobsResumed: number;
  /** PUBs submitted across those jobs. */
  pubsSubmitted: number;
  /** Bytes the cache holds now. */
  cacheBytes: number;
}

/** The validated, defaulted settings of a kernel. */
export interface KernelSettings {
  readonly evaluateDuplicates: EvaluateDuplicates;
  readonly enforcePsd: boolean;
  readonly shots?: number;
  readonly seed?: number;
  readonly maxCircuitsPerJob?: number;
  readonly maxRowsPerPub?: number;
  readonly jobsInFlight?: number;
  /** 'statevector' or 'sampler': the path the kernel takes. */
  readonly method: 'statevector' | 'sampler';
  readonly cache: KernelCache | null;
  /** Short hash of the feature map's id (statevector memo keys). */
  readonly fmKey: string;
  /** Everything an entry's value depends on besides the two points (entry and matrix memo keys). */
  readonly settingsKey: string;
}

/**
 * Validates `options` and derives the kernel's settings.
 * @throws {InputValidationError} for an unknown duplicates mode, a non-integer or non-positive
 * count, a non-integer seed, or a path the backend cannot take
 */
export function resolveKernelSettings(options: QuantumKernelOptions): KernelSettings {
  const evaluateDuplicates = options.evaluateDuplicates ?? 'off_diagonal';
  if (!['off_diagonal', 'all', 'none'].includes(evaluateDuplicates)) {
    throw new InputValidationError(`evaluateDuplicates must be 'off_diagonal', 'all' or 'none', got '${String(evaluateDuplicates)}'`);
  }
  for (const [k, v] of [['shots', options.shots], ['maxCircuitsPerJob', options.maxCircuitsPerJob], ['maxRowsPerPub', options.maxRowsPerPub], ['jobsInFlight', options.jobsInFlight]] as const) {
    if (v !== undefined && (!Number.isInteger(v) || v < 1)) throw new InputValidationError(`${k} must be an integer ≥ 1, got ${String(v)}`);
  }
  if (options.seed !== undefined && !Number.isInteger(options.seed)) throw new InputValidationError(`seed must be an integer`);
  const b = options.backend;
  const svCapable = !b || typeof b.statevector === 'function' || b.name === 'local';
  const requested = options.method ?? 'auto';
  if (requested === 'statevector' && !svCapable) {
    throw new InputValidationError(`backend '${b!.name}' cannot return statevectors; use method 'sampler'`);
  }
  if (requested === 'sampler' && !b) throw new InputValidationError(`method 'sampler' needs a backend`);
  const method = requested === 'auto' ? (svCapable ? 'statevector' : 'sampler') : requested;
  checkKernelMitigation(options.mitigation, method);
  const cache = options.cache === false ? null : options.cache instanceof KernelCache ? options.cache : new KernelCache(options.cache ?? {});
  const fmKey = createHash('sha256').update(options.featureMap.id).digest('base64').slice(0, 22);
  const shotsKey = method === 'sampler' ? (options.shots ?? 1024) : (options.shots ?? 'exact');
  return {
    evaluateDuplicates,
    enforcePsd: options.enforcePsd ?? true,
    shots: options.shots,
    seed: options.seed,
    maxCircuitsPerJob: options.maxCircuitsPerJob,
    maxRowsPerPub: options.maxRowsPerPub,
    jobsInFlight: options.jobsInFlight,
    method,
    cache,
    fmKey,
    settingsKey: `${fmKey}|${method === 'sampler' ? b!.name : 'sv'}|${shotsKey}|${options.seed ?? '-'}${options.mitigation ? `|${mitigationKey(options.mitigation)}` : ''}`,
  };
}
