/**
 * The projected quantum kernel of Huang et al. 2021 ("Power of data in quantum machine
 * learning", Nat. Commun. 12, 2631, eq. (9) there):
 *
 *   K(x, x') = exp(−γ Σ_k ‖ρ_k(x) − ρ_k(x')‖²_F),
 *
 * ρ_k(x) the one-qubit reduced density matrix of qubit k of the encoded state |ψ(x)⟩. A
 * one-qubit density matrix is (I + ⟨X⟩X + ⟨Y⟩Y + ⟨Z⟩Z)/2, and the Paulis are orthogonal with
 * Tr(PQ) = 2δ_PQ, so ‖ρ − σ‖²_F = ½ Σ_{P∈{X,Y,Z}} (⟨P⟩_ρ − ⟨P⟩_σ)²: each point is reduced to
 * its 3n one-qubit Pauli expectation values ("projected features"), once, and the kernel is the
 * Gaussian of their distance. The exact path takes them from the amplitudes; the estimated path
 * from the Estimator primitive (`projected-estimated.ts`).
 */
import type { Backend } from '../backend';
import { InputValidationError, ResourceLimitError, throwIfAborted } from '../core/errors';
import type { PauliFeatureMap } from './feature-map';
import { rowKey, toFeatureMatrix, type FeatureInput, type FeatureMatrix } from './inputs';
import { KernelMatrix } from './kernel-matrix';
import type { EvaluateOptions } from './kernel-options';
import { estimateProjectedFeatures } from './projected-estimated';

/**
 * γ when none is given: 1, the Gaussian's own scale with the distance as Huang et al. define it
 * (Frobenius, so ½ Σ_P Δ⟨P⟩²). sQUlearn's ProjectedQuantumKernel also defaults to γ = 1 but puts
 * the Gaussian on the plain Euclidean distance of the expectation values (no ½): its γ = 1 is
 * this kernel's γ = 2. The paper tunes γ per dataset; so should you.
 */
export const DEFAULT_PROJECTED_GAMMA = 1;

/** Options of {@link ProjectedQuantumKernel}. */
export interface ProjectedKernelOptions {
  /** The feature map that encodes each data point. */
  featureMap: PauliFeatureMap;
  /** Where to run. Omitted: exact, in-process. */
  backend?: Backend;
  /** 'auto' (default): exact on statevector-capable backends, the Estimator otherwise. */
  method?: 'auto' | 'statevector' | 'estimator';
  /** γ > 0 of the Gaussian (default {@link DEFAULT_PROJECTED_GAMMA}). */
  gamma?: number;
  /**
   * Estimated path: the Estimator's target standard error of each expectation value (the
   * local simulator samples ⌈1/precision²⌉ shots per measurement basis). Unset: the backend's
   * default (the local simulator: 0, exact values).
   */
  precision?: number;
  /** Estimated path: seed of the shot noise (job `i` is seeded `seed + i`). */
  seed?: number;
  /** Estimated path: most PUBs (data points) per job; default the backend's own limit. */
  maxPubsPerJob?: number;
}

/** Work counters of a {@link ProjectedQuantumKernel}. */
export interface ProjectedKernelStats {
  /** Points whose projected features were computed or estimated (each point once). */
  pointsEncoded: number;
  /** Points whose projected features came from the memo. */
  pointsReused: number;
  /** Estimator jobs submitted (estimated path). */
  jobsSubmitted: number;
  /** Estimator PUBs submitted, one per point (estimated path). */
  pubsSubmitted: number;
}

/**
 * The projected quantum kernel K(x, x') = exp(−γ Σ_k ‖ρ_k(x) − ρ_k(x')‖²_F) (Huang et al. 2021),
 * with ρ_k the one-qubit reduced density matrices of the encoded states. Usable wherever a
 * precomputed kernel is (e.g. {@link QSVC}): same `featureMap` and `evaluate` as {@link QuantumKernel}.
 *
 * Each distinct point is encoded once per kernel instance and its 3n Pauli expectation values
 * (⟨X_k⟩, ⟨Y_k⟩, ⟨Z_k⟩ per qubit k, little-endian as Qiskit) are memoized: a test matrix reuses
 * the training points' values, estimates included (call {@link clearCache} to measure again, or
 * to free the memo: it grows by 3n numbers per distinct point).
 * Exact path: amplitudes from the statevector engine. Estimated path: one Estimator PUB per
 * point with the 3n one-qubit observables, on any backend. The matrix is symmetric with unit
 * diagonal and positive semi-definite by construction (a Gaussian of a Euclidean distance),
 * estimated or not, so no PSD projection is needed.
 *
 * @example
 * const kernel = new ProjectedQuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2 }), gamma: 0.5 });
 * const k = await kernel.evaluate([[0.1, 0.2], [0.3, 0.4]]);
 * k.get(0, 0); // 1
 */
export class ProjectedQuantumKernel {
  /** The feature map that encodes each data point. */
  readonly featureMap: PauliFeatureMap;
  /** The backend (absent: exact in-process). */
  readonly backend?: Backend;
  /** γ of the Gaussian. */
  readonly gamma: number;
  /** 'statevector' (exact) or 'estimator': the path this kernel takes. */
  readonly method: 'statevector' | 'estimator';
  /** Estimated path: the Estimator precision requested (undefined: the backend's default). */
  readonly precision?: number;
  /** Estimated path: the seed of the shot noise. */
  readonly seed?: number;
  /** Estimated path: most PUBs per job requested. */
  readonly maxPubsPerJob?: number;
  private readonly memo = new Map<string, Float64Array>();
  private readonly inflight = new Map<string, Promise<Float64Array>>();
  private readonly counters: ProjectedKernelStats = { pointsEncoded: 0, pointsReused: 0, jobsSubmitted: 0, pubsSubmitted: 0 };

  /**
   * @param options - feature map, backend, γ and the estimated path's settings
   * @throws {@link InputValidationError} for γ not a finite number > 0, a bad precision, seed or
   *   PUB limit, or a path the backend cannot take
   */
  constructor(options: ProjectedKernelOptions) {
    this.featureMap = options.featureMap;
    this.backend = options.backend;
    const gamma = options.gamma ?? DEFAULT_PROJECTED_GAMMA;
    if (typeof gamma !== 'number' || !Number.isFinite(gamma) || gamma <= 0) {
      throw new InputValidationError(`gamma must be a finite number > 0, got ${String(gamma)}`);
    }
    this.gamma = gamma;
    const p = options.precision;
    if (p !== undefined && (typeof p !== 'number' || !Number.isFinite(p) || p < 0)) {
      throw new InputValidationError(`precision must be a finite number ≥ 0, got ${String(p)}`);
    }
    if (options.seed !== undefined && !Number.isInteger(options.seed)) throw new InputValidationError('seed must be an integer');
    const m = options.maxPubsPerJob;
    if (m !== undefined && (!Number.isInteger(m) || m < 1)) throw new InputValidationError(`maxPubsPerJob must be an integer ≥ 1, got ${String(m)}`);
    const b = options.backend;
    // The same rule as the fidelity kernel: exact where the backend could give statevectors.
    const svCapable = !b || typeof b.statevector === 'function' || b.name === 'local';
    const requested = options.method ?? 'auto';
    if (!['auto', 'statevector', 'estimator'].includes(requested)) {
      throw new InputValidationError(`method must be 'auto', 'statevector' or 'estimator', got '${String(requested)}'`);
    }
    if (requested === 'statevector' && !svCapable) throw new InputValidationError(`backend '${b!.name}' cannot return statevectors; use method 'estimator'`);
    if (requested === 'estimator' && !b) throw new InputValidationError(`method 'estimator' needs a backend`);
    this.method = requested === 'auto' ? (svCapable ? 'statevector' : 'estimator') : requested;
    this.precision = p;
    this.seed = options.seed;
    this.maxPubsPerJob = m;
  }

  /** Work counters (points encoded and reused, Estimator jobs and PUBs). */
  get stats(): ProjectedKernelStats {
    return { ...this.counters };
  }

  /** Forgets every point's projected features (the next evaluation encodes or measures again). */
  clearCache(): void {
    this.memo.clear();
  }

  /**
   * The projected features of each point of `x`: row i holds ⟨X_0⟩, ⟨Y_0⟩, ⟨Z_0⟩, ⟨X_1⟩, … of
   * |ψ(x_i)⟩ (qubit 0 first, Qiskit's little-endian order), so ρ_k = (I + ⟨X_k⟩X + ⟨Y_k⟩Y + ⟨Z_k⟩Z)/2.
   * @throws {InputValidationError} for NaN/infinite features, ragged rows or a wrong feature count
   */
  async projectedFeatures(x: FeatureInput, options: Pick<EvaluateOptions, 'signal' | 'jobTimeoutMs'> = {}): Promise<number[][]> {
    const X = toFeatureMatrix(x, this.featureMap.featureDimension, 'x');
    const f = await this.featuresOf(X, options);
    return f.map((v) => Array.from(v));
  }

  /**
   * The kernel matrix: rows = points of `x`, columns = points of `y` (`y` omitted: x × x).
   * `resume` is refused: the projected kernel's jobs are not journaled as resumable chunks.
   * @throws {InputValidationError} for bad features or `resume`
   */
  async evaluate(x: FeatureInput, y?: FeatureInput, options: EvaluateOptions = {}): Promise<KernelMatrix> {
    throwIfAborted(options.signal);
    if (options.resume) throw new InputValidationError('the projected kernel cannot resume an interrupted run (resume applies to the fidelity kernel)');
    const d = this.featureMap.featureDimension;
    const X = toFeatureMatrix(x, d, 'x');
    const Y = y === undefined ? null : toFeatureMatrix(y, d, 'y');
    if (Y === null) {
      const fx = await this.featuresOf(X, options);
      return new KernelMatrix(X.rows, X.rows, projectedGram(fx, fx, this.gamma, true));
    }
    // x's and y's new points are encoded together: on a device, as few jobs as for one set.
    const both = new Float64Array(X.data.length + Y.data.length);
    both.set(X.data);
    both.set(Y.data, X.data.length);
    const f = await this.featuresOf({ rows: X.rows + Y.rows, cols: d, data: both }, options);
    return new KernelMatrix(X.rows, Y.rows, projectedGram(f.slice(0, X.rows), f.slice(X.rows), this.gamma, false));
  }

  /** Each row's features, from the memo, a concurrent evaluation's work, or computed now (each distinct row once). */
  private async featuresOf(m: FeatureMatrix, options: Pick<EvaluateOptions, 'signal' | 'jobTimeoutMs' | 'onProgress'>): Promise<Float64Array[]> {
    const keys = Array.from({ length: m.rows }, (_, i) => rowKey(m, i));
    const missing: number[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < m.rows; i++) {
      const k = keys[i]!;
      if (this.memo.has(k) || this.inflight.has(k)) {
        this.counters.pointsReused++;
        continue;
      }
      if (seen.has(k)) continue;
      seen.add(k);
      missing.push(i);
    }
    if (missing.length) {
      const work = this.compute(m, missing, options);
      missing.forEach((row, j) => {
        const p = work.then((all) => all[j]!);
        p.catch(() => undefined);
        this.inflight.set(keys[row]!, p);
      });
      try {
        const all = await work;
        missing.forEach((row, j) => this.memo.set(keys[row]!, all[j]!));
      } finally {
        for (const row of missing) this.inflight.delete(keys[row]!);
      }
    }
    return Promise.all(keys.map((k) => this.memo.get(k) ?? this.inflight.get(k)!));
  }

  private async compute(m: FeatureMatrix, rows: number[], options: Pick<EvaluateOptions, 'signal' | 'jobTimeoutMs' | 'onProgress'>): Promise<Float64Array[]> {
    this.counters.pointsEncoded += rows.length;
    if (this.method === 'statevector') {
      const fm = this.featureMap;
      // The fidelity kernel's bound too: 2^27 amplitudes are 2 GiB of re and im per state.
      if (fm.numQubits > 26) {
        throw new ResourceLimitError(`the exact projected kernel would simulate ${fm.numQubits}-qubit statevectors; use fewer features or method 'estimator' on a device`);
      }
      const dim = 2 ** fm.numQubits;
      const re = new Float64Array(dim);
      const im = new Float64Array(dim);
      return rows.map((row, j) => {
        throwIfAborted(options.signal);
        fm.encodeInto(m.data, row * m.cols, re, im);
        options.onProgress?.({ done: j + 1, total: rows.length, phase: 'statevectors' });
        return blochFeatures(re, im, fm.numQubits);
      });
    }
    return estimateProjectedFeatures(this.backend!, this.featureMap, m, rows, {
      precision: this.precision,
      seed: this.seed,
      maxPubsPerJob: this.maxPubsPerJob,
      signal: options.signal,
      jobTimeoutMs: options.jobTimeoutMs,
      onJob: (done) => options.onProgress?.({ done, total: rows.length, phase: 'sampling' }),
      counters: this.counters,
    });
  }
}

/**
 * ⟨X_k⟩, ⟨Y_k⟩, ⟨Z_k⟩ of every qubit k of the state (re, im) (index bit k = qubit k), from the
 * entries of ρ_k: with a = ρ_k[0][0], d = ρ_k[1][1] and b = ρ_k[0][1] = Σ ψ(…0_k…)·ψ*(…1_k…),
 * ρ_k = (I + xX + yY + zZ)/2 gives z = a − d, x = 2 Re b, y = −2 Im b.
 */
export function blochFeatures(re: Float64Array, im: Float64Array, numQubits: number): Float64Array {
  const out = new Float64Array(3 * numQubits);
  const dim = re.length;
  for (let k = 0; k < numQubits; k++) {
    const mask = 1 << k;
    let a = 0;
    let d = 0;
    let bRe = 0;
    let bIm = 0;
    for (let i = 0; i < dim; i++) {
      if (i & mask) continue;
      const j = i | mask;
      const r0 = re[i]!, i0 = im[i]!, r1 = re[j]!, i1 = im[j]!;
      a += r0 * r0 + i0 * i0;
      d += r1 * r1 + i1 * i1;
      bRe += r0 * r1 + i0 * i1;
      bIm += i0 * r1 - r0 * i1;
    }
    out[3 * k] = 2 * bRe;
    out[3 * k + 1] = -2 * bIm;
    out[3 * k + 2] = a - d;
  }
  return out;
}

/**
 * The Gram matrix exp(−γ · ½ Σ_f (a_f − b_f)²) of feature rows `fx` against `fy` (row-major,
 * `fx.length × fy.length`); `symmetric` (fy is fx): computed once per pair, diagonal exactly 1.
 */
export function projectedGram(fx: readonly Float64Array[], fy: readonly Float64Array[], gamma: number, symmetric: boolean): Float64Array {
  const n = fx.length;
  const m = fy.length;
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const a = fx[i]!;
    for (let j = symmetric ? i : 0; j < m; j++) {
      if (symmetric && j === i) {
        out[i * m + i] = 1;
        continue;
      }
      const b = fy[j]!;
      let s = 0;
      for (let f = 0; f < a.length; f++) {
        const t = a[f]! - b[f]!;
        s += t * t;
      }
      const v = Math.exp(-gamma * 0.5 * s);
      out[i * m + j] = v;
      if (symmetric) out[j * m + i] = v;
    }
  }
  return out;
}
