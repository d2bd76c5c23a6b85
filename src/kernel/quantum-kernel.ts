import { raceSignal } from '../core/abort';
import type { Backend } from '../backend';
import { AbortedError, throwIfAborted } from '../core/errors';
import type { KernelCache } from './cache';
import { emulateShots, exactGram, statevectorBlock } from './exact';
import type { PauliFeatureMap } from './feature-map';
import { matrixDigest, matricesEqual, rowKey, rowsEqual, toFeatureMatrix, type FeatureInput, type FeatureMatrix } from './inputs';
import { KernelMatrix, transpose } from './kernel-matrix';
import {
  resolveKernelSettings,
  type EvaluateDuplicates,
  type EvaluateOptions,
  type KernelProgress,
  type KernelStats,
  type QuantumKernelOptions,
} from './kernel-options';
import type { BitArray } from '../primitives/bit-array';
import { makePsd } from './psd';
import { kernelAssignment, mitigatedZeroProbability, templateQubits, type KernelMitigation, type KernelMitigationReport } from './mitigation';
import { chunkHooks, kernelRunKey } from './resume';
import { buildTemplate, planJobs, runSampled, type SampledTemplate } from './sampled';

export type { EvaluateDuplicates, EvaluateOptions, KernelProgress, KernelStats, QuantumKernelOptions } from './kernel-options';

/** What one computation needs besides the points: the per-call options, with the shared work's signal. */
type RunOptions = Pick<EvaluateOptions, 'onProgress' | 'resume' | 'jobTimeoutMs'> & { signal: AbortSignal };

/** Work shared by concurrent identical evaluations; aborted only when every waiter gave up. */
interface SharedWork {
  promise: Promise<Float64Array>;
  controller: AbortController;
  waiters: number;
}

/**
 * A memoized fidelity quantum kernel K(x, y) = |⟨ψ(x)|ψ(y)⟩|² on any {@link Backend}, with
 * qiskit-machine-learning's semantics (`FidelityStatevectorKernel` on the exact path,
 * `FidelityQuantumKernel` + `ComputeUncompute` on the sampled path).
 *
 * Exact path: each statevector is computed once by the statevector engine (the feature map's plan,
 * compiled once: no gate-by-gate simulation, no per-point planning) and the Gram matrix comes from
 * tiled loops over contiguous arrays, using symmetry. Sampled path: one
 * compute-uncompute template, all pairs as parameter rows of as few PUBs/jobs as allowed.
 * Memo: statevectors, entries and whole Gram blocks in one byte-bounded LRU.
 *
 * @example
 * const kernel = new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2 }) });
 * const k = await kernel.evaluate([[0.1, 0.2], [0.3, 0.4]]); // exact, in-process
 * k.get(0, 0); // 1
 */
export class QuantumKernel {
  /** The feature map that encodes each data point. */
  readonly featureMap: PauliFeatureMap;
  /** The backend it runs on; absent means exact statevectors in-process. */
  readonly backend?: Backend;
  /** Which entries with equal inputs are computed rather than set to 1 (Qiskit's `evaluate_duplicates`). */
  readonly evaluateDuplicates: EvaluateDuplicates;
  /** Whether estimated symmetric kernels are projected onto the PSD cone. */
  readonly enforcePsd: boolean;
  /** Shots per kernel entry; absent means exact on the statevector path. */
  readonly shots?: number;
  /** Seed of the shot noise, for reproducible estimates. */
  readonly seed?: number;
  /** Most pairs (parameter rows) per job on the sampled path. */
  readonly maxCircuitsPerJob?: number;
  /** Most parameter rows per PUB on the sampled path. */
  readonly maxRowsPerPub?: number;
  /** Sampled jobs submitted and awaited at a time. */
  readonly jobsInFlight?: number;
  /** 'statevector' or 'sampler': the path this kernel takes. */
  readonly method: 'statevector' | 'sampler';
  /** Readout mitigation of sampled entries, when asked for. */
  readonly mitigation?: KernelMitigation;
  private mitigationState?: Omit<KernelMitigationReport, 'entriesMitigated'> & { entriesMitigated: number };
  private readonly cache: KernelCache | null;
  private readonly fmKey: string;
  private readonly settingsKey: string;
  private readonly counters = { statevectorsComputed: 0, circuitsExecuted: 0, jobsSubmitted: 0, jobsResumed: 0, pubsSubmitted: 0 };
  private readonly inflight = new Map<string, SharedWork>();
  /** Sampled entries being estimated right now (shared by concurrent, overlapping evaluations). */
  private readonly entryInflight = new Map<string, Promise<number>>();
  private template?: Promise<SampledTemplate>;

  /**
   * @param options - the feature map, where to run and how; see {@link QuantumKernelOptions}
   * @throws {@link InputValidationError} for invalid options (shots, seed, limits)
   */
  constructor(options: QuantumKernelOptions) {
    this.featureMap = options.featureMap;
    this.backend = options.backend;
    const k = resolveKernelSettings(options);
    this.evaluateDuplicates = k.evaluateDuplicates;
    this.enforcePsd = k.enforcePsd;
    this.shots = k.shots;
    this.seed = k.seed;
    this.maxCircuitsPerJob = k.maxCircuitsPerJob;
    this.maxRowsPerPub = k.maxRowsPerPub;
    this.jobsInFlight = k.jobsInFlight;
    this.method = k.method;
    if (options.mitigation) this.mitigation = options.mitigation;
    this.cache = k.cache;
    this.fmKey = k.fmKey;
    this.settingsKey = k.settingsKey;
  }

  /** Hit/miss and work counters. */
  get stats(): KernelStats {
    const c = this.cache?.counters;
    return {
      statevectorHits: c?.statevector.hits ?? 0,
      statevectorMisses: c?.statevector.misses ?? 0,
      entryHits: c?.entry.hits ?? 0,
      entryMisses: c?.entry.misses ?? 0,
      matrixHits: c?.matrix.hits ?? 0,
      matrixMisses: c?.matrix.misses ?? 0,
      ...this.counters,
      cacheBytes: this.cache?.calculatedSize ?? 0,
    };
  }

  /**
   * What readout mitigation used (source, qubits, matrices, distance) once a sampled evaluation
   * has run with {@link QuantumKernelOptions.mitigation}; undefined otherwise.
   */
  get mitigationReport(): KernelMitigationReport | undefined {
    return this.mitigationState ? Object.freeze({ ...this.mitigationState }) : undefined;
  }

  /** The cache in use (null when disabled). */
  get cacheStore(): KernelCache | null {
    return this.cache;
  }

  /** Empties the memo. */
  clearCache(): void {
    this.cache?.clear();
  }

  /** True when results are deterministic and may be memoized (exact, or seeded estimates). */
  private get cacheable(): boolean {
    return this.cache !== null && (this.seed !== undefined || (this.method === 'statevector' && this.shots === undefined));
  }

  /**
   * The kernel matrix: rows = points of `x`, columns = points of `y` (`y` omitted: symmetric
   * x × x). Concurrent identical calls share one computation; each caller's signal only stops
   * its own wait (the work stops once every waiter has aborted).
   *
   * @throws {InputValidationError} for NaN/infinite features, ragged rows or a wrong feature count
   */
  async evaluate(x: FeatureInput, y?: FeatureInput, options: EvaluateOptions = {}): Promise<KernelMatrix> {
    throwIfAborted(options.signal);
    const d = this.featureMap.featureDimension;
    const X = toFeatureMatrix(x, d, 'x');
    const Yin = y === undefined ? null : toFeatureMatrix(y, d, 'y');
    const symmetric = Yin === null || matricesEqual(X, Yin);
    const Y = symmetric ? X : Yin!;
    const prefix = `m|${this.settingsKey}|${this.evaluateDuplicates}|${this.enforcePsd}|`;
    const dx = matrixDigest(X);
    const dy = symmetric ? 'sym' : matrixDigest(Y);
    const key = `${prefix}${dx}|${dy}`;
    if (this.cacheable) {
      const hit = this.cache!.get('matrix', key);
      if (hit instanceof Float64Array) return new KernelMatrix(X.rows, Y.rows, hit.slice());
      // k(y, x) = k(x, y): the transposed block serves too.
      const t = symmetric ? undefined : this.cache!.get('matrix', `${prefix}${dy}|${dx}`);
      if (t instanceof Float64Array) return new KernelMatrix(X.rows, Y.rows, transpose(t, Y.rows, X.rows));
    }
    let work = this.inflight.get(key);
    if (!work) {
      const controller = new AbortController();
      const w: SharedWork = { controller, waiters: 0, promise: Promise.resolve(new Float64Array(0)) };
      const run: RunOptions = { signal: controller.signal, onProgress: options.onProgress, resume: options.resume, jobTimeoutMs: options.jobTimeoutMs };
      w.promise = this.compute(X, Y, symmetric, run)
        .then((data) => {
          // Stored once; every caller gets its own copy below, so the cached block stays intact.
          if (this.cacheable) this.cache!.set(key, data);
          return data;
        })
        .finally(() => this.inflight.delete(key));
      w.promise.catch(() => undefined);
      this.inflight.set(key, w);
      work = w;
    }
    work.waiters++;
    const shared = work;
    const onAbort = (): void => {
      if (--shared.waiters === 0) shared.controller.abort(options.signal?.reason);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const data = await raceSignal(shared.promise, options.signal);
      return new KernelMatrix(X.rows, Y.rows, data.slice());
    } catch (e) {
      if (e instanceof AbortedError && options.signal?.aborted) throw new AbortedError(undefined, { cause: options.signal.reason });
      throw e;
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Computes the matrix data (rows × cols) without the matrix-level memo. */
  private async compute(X: FeatureMatrix, Y: FeatureMatrix, symmetric: boolean, run: RunOptions): Promise<Float64Array> {
    const out = new Float64Array(X.rows * Y.rows);
    const k = new KernelMatrix(X.rows, Y.rows, out);
    if (this.method === 'statevector') await this.computeExact(X, Y, symmetric, out, run.signal, run.onProgress);
    else await this.computeSampled(X, Y, symmetric, out, run);
    this.applyDuplicateRules(X, Y, symmetric, out);
    // Exact kernels are PSD up to rounding: like FidelityStatevectorKernel, project only estimates.
    const estimated = this.method === 'sampler' || this.shots !== undefined;
    if (symmetric && this.enforcePsd && estimated) makePsd(k);
    return out;
  }

  /** Trivial entries: symmetric diagonal ('off_diagonal'), or any equal pair ('none') → 1. */
  private applyDuplicateRules(X: FeatureMatrix, Y: FeatureMatrix, symmetric: boolean, out: Float64Array): void {
    const m = Y.rows;
    if (this.evaluateDuplicates === 'all') return;
    if (symmetric) for (let i = 0; i < X.rows; i++) out[i * m + i] = 1;
    if (this.evaluateDuplicates === 'none') {
      for (let i = 0; i < X.rows; i++) for (let j = 0; j < m; j++) if (rowsEqual(X, i, Y, j)) out[i * m + j] = 1;
    }
  }

  /** True when entry (i, j) is fixed to 1 by the duplicate rules (not evaluated). */
  private trivial(X: FeatureMatrix, i: number, Y: FeatureMatrix, j: number, symmetric: boolean): boolean {
    if (this.evaluateDuplicates === 'all') return false;
    if (symmetric && i === j) return true;
    return this.evaluateDuplicates === 'none' && rowsEqual(X, i, Y, j);
  }

  private entryKey(X: FeatureMatrix, i: number, Y: FeatureMatrix, j: number): string {
    const a = rowKey(X, i);
    const b = rowKey(Y, j);
    return a <= b ? `e|${this.settingsKey}|${a}|${b}` : `e|${this.settingsKey}|${b}|${a}`;
  }

  private async computeExact(
    X: FeatureMatrix,
    Y: FeatureMatrix,
    symmetric: boolean,
    out: Float64Array,
    signal: AbortSignal,
    onProgress?: (p: KernelProgress) => void,
  ): Promise<void> {
    const fm = this.featureMap;
    const total = X.rows + (symmetric ? 0 : Y.rows);
    const zx = statevectorBlock(fm, this.fmKey, X, this.cache, this.counters);
    onProgress?.({ done: X.rows, total, phase: 'statevectors' });
    throwIfAborted(signal);
    const zy = symmetric ? null : statevectorBlock(fm, this.fmKey, Y, this.cache, this.counters);
    onProgress?.({ done: total, total, phase: 'statevectors' });
    await exactGram(zx, zy, out, {
      signal,
      onRows: (done) => onProgress?.({ done, total: X.rows, phase: 'gram' }),
    });
    if (this.shots === undefined) return;
    emulateShots(out, X.rows, Y.rows, symmetric, this.shots, this.seed, (i, j) => (this.trivial(X, i, Y, j, symmetric) ? null : this.entryKey(X, i, Y, j)), this.cacheable ? this.cache : null);
  }

  private async computeSampled(X: FeatureMatrix, Y: FeatureMatrix, symmetric: boolean, out: Float64Array, run: RunOptions): Promise<void> {
    const { onProgress, resume } = run;
    const m = Y.rows;
    const cacheable = this.cacheable;
    // Resuming plans every distinct entry, memo or not: the chunks must be the interrupted run's.
    const useMemo = cacheable && !resume;
    // Distinct entries to run: cached ones are filled now; repeats within this matrix run once.
    const pending = new Map<string, number[]>();
    const waiting: Array<Promise<void>> = [];
    const runPairs: number[] = [];
    const put = (i: number, j: number, v: number): void => {
      out[i * m + j] = v;
      if (symmetric) out[j * m + i] = v;
    };
    for (let i = 0; i < X.rows; i++) {
      for (let j = symmetric ? i : 0; j < m; j++) {
        if (this.trivial(X, i, Y, j, symmetric)) continue;
        const key = this.entryKey(X, i, Y, j);
        const cached = useMemo ? this.cache!.get('entry', key) : undefined;
        if (typeof cached === 'number') {
          put(i, j, cached);
          continue;
        }
        const shared = useMemo && !pending.has(key) ? this.entryInflight.get(key) : undefined;
        if (shared) {
          waiting.push(shared.then((v) => put(i, j, v)));
          continue;
        }
        const slots = pending.get(key);
        if (slots) slots.push(i, j);
        else {
          pending.set(key, [i, j]);
          runPairs.push(i, j);
        }
      }
    }
    const total = runPairs.length / 2;
    onProgress?.({ done: 0, total, phase: 'sampling' });
    if (total === 0) {
      await Promise.all(waiting);
      return;
    }
    // Publish this run's entries so concurrent overlapping evaluations wait for them.
    const settle = new Map<string, { resolve: (v: number) => void; reject: (e: unknown) => void }>();
    if (cacheable) {
      for (const key of pending.keys()) {
        const p = new Promise<number>((resolve, reject) => settle.set(key, { resolve, reject }));
        p.catch(() => undefined);
        this.entryInflight.set(key, p);
      }
    }
    try {
      await this.runPending(X, Y, runPairs, pending, run, put, settle);
    } catch (e) {
      for (const [key, d] of settle) {
        this.entryInflight.delete(key);
        d.reject(e);
      }
      throw e;
    }
    await Promise.all(waiting);
  }

  /**
   * The mitigated estimator of one entry: the template's measured qubits' assignment matrices
   * (calibrated once per backend, cached), then M3 on each row's counts. Records what it used.
   */
  private async mitigator(template: SampledTemplate, signal: AbortSignal): Promise<(bits: BitArray, row: number) => number> {
    const m = this.mitigation!;
    const qubits = templateQubits(template.circuit);
    const assignment = await kernelAssignment(this.backend!, qubits, m, signal);
    const distance = m.distance ?? qubits.length;
    const state = (this.mitigationState ??= { source: assignment.source, qubits, assignment, distance, entriesMitigated: 0 });
    return (bits, row) => {
      state.entriesMitigated++;
      return mitigatedZeroProbability(bits, row, qubits, assignment, distance);
    };
  }

  /** Runs the pending pairs and fills `out`, the cache and the in-flight promises. */
  private async runPending(
    X: FeatureMatrix,
    Y: FeatureMatrix,
    runPairs: number[],
    pending: Map<string, number[]>,
    run: RunOptions,
    put: (i: number, j: number, v: number) => void,
    settle: Map<string, { resolve: (v: number) => void; reject: (e: unknown) => void }>,
  ): Promise<void> {
    const { signal, onProgress, resume, jobTimeoutMs } = run;
    const backend = this.backend!;
    const total = runPairs.length / 2;
    this.template ??= buildTemplate(this.featureMap, backend.target);
    const template = await this.template;
    const fidelityOf = this.mitigation ? await this.mitigator(template, signal) : undefined;
    const pairs = Int32Array.from(runPairs);
    const limits = { shots: this.shots ?? 1024, seed: this.seed, maxCircuitsPerJob: this.maxCircuitsPerJob, maxRowsPerPub: this.maxRowsPerPub };
    const { maxPubsPerJob, maxExecutionsPerJob } = backend.target;
    const chunks = planJobs(total, backend.target, limits.shots, limits.maxCircuitsPerJob, limits.maxRowsPerPub).length;
    const runKeyInput = { ...limits, featureMapId: this.featureMap.id, backendName: backend.name, maxPubsPerJob, maxExecutionsPerJob, x: X, y: Y, pairs };
    // Awaiting an interrupted run's jobs is bounded like waiting for new ones.
    const resumeOptions = resume && jobTimeoutMs !== undefined ? { ...(resume === true ? {} : resume), jobTimeoutMs } : resume;
    // The run's lock is held from before the journal is read until the last chunk is done, so
    // two processes resuming (or running) the same run never both submit a missing chunk.
    const unlock = await backend.lockRun?.(kernelRunKey(runKeyInput), { signal });
    let values: Float64Array;
    try {
      const hooks = await chunkHooks(backend, runKeyInput, chunks, resumeOptions, signal);
      values = await runSampled(
        backend,
        template,
        X,
        Y,
        pairs,
        { ...limits, jobsInFlight: this.jobsInFlight, signal, jobTimeoutMs, tagOf: hooks.tagOf, prior: hooks.prior, fidelityOf, onJob: (done) => onProgress?.({ done, total, phase: 'sampling' }) },
        this.counters,
      );
    } finally {
      await unlock?.();
    }
    let k = 0;
    for (const [key, slots] of pending) {
      const v = values[k++]!;
      if (this.cacheable) this.cache!.set(key, v);
      for (let s = 0; s < slots.length; s += 2) put(slots[s]!, slots[s + 1]!, v);
      const d = settle.get(key);
      if (d) {
        this.entryInflight.delete(key);
        d.resolve(v);
      }
    }
  }
}
