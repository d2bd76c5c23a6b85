import type { Backend } from '../backend';
import type { Circuit } from '../circuit/circuit';
import { InputValidationError } from '../core/errors';
import { throwIfAborted } from '../core/abort';
import type { Job } from '../core/job';
import type { EstimatorPub, EstimatorRequest, EstimatorResult, ParameterRows } from './types';
import { estimatorPubsForTarget, type TranspilePolicy } from './isa-prepare';
import { validatedEstimatorRequest } from './validate';
import { coerceObservables, type ObservablesLike } from '../quantum-info/observables';

/**
 * An Estimator PUB: a {@link EstimatorPub} object or Qiskit's tuple
 * `[circuit, observables, parameterValues?, precision?]`. Observables may be given as Qiskit
 * takes them: `'ZZ'`, `['ZZ', 'XX']`, a `SparsePauliOp` (real coefficients), a mapping
 * `{ ZZ: 1 }`, `[label, coeff]` sums, or a list mixing these.
 */
export type EstimatorPubLike =
  | (Omit<EstimatorPub, 'observables'> & {
      /** One observable or a list, in any form {@link ObservablesLike} names. */
      readonly observables: ObservablesLike;
    })
  | readonly [Circuit, ObservablesLike, ParameterRows?, number?];

/** Options of an {@link Estimator}. */
export interface EstimatorOptions {
  /**
   * Default target standard error. 0 asks for exact values where the backend can (the local
   * simulator); leave unset to use the backend's default.
   */
  precision?: number;
  /** Seed for reproducible shot-based estimates (simulators). */
  seed?: number;
  /** Passed through to the backend (IBM runtime options). */
  options?: Readonly<Record<string, unknown>>;
  /**
   * ISA handling for hardware-like backends: non-ISA circuits are transpiled and observables
   * follow the layout. @defaultValue true (see {@link TranspilePolicy})
   */
  transpile?: TranspilePolicy;
}

/**
 * Qiskit's EstimatorV2 as a thin front-end: builds an {@link EstimatorRequest}, validates it
 * against the backend's target and calls `backend.run`. Results are `evs[row][observable]`
 * with matching `stds`.
 *
 * @example
 * const job = await new Estimator(backend).run([{ circuit: bell, observables: [['ZZ', 1], ['XX', 0.5]] }]);
 * const [[ev]] = (await job.result()).pubs[0].evs; // 1.5
 */
export class Estimator {
  /**
   * An estimator bound to one backend.
   *
   * @param backend - where the PUBs run
   * @param defaults - options applied to every `run` unless a PUB overrides them
   */
  constructor(
    /** The backend every `run` submits to. */
    readonly backend: Backend,
    /** Options applied to every `run`: precision, seed, backend options, ISA handling. */
    readonly defaults: EstimatorOptions = {},
  ) {}

  /**
   * Estimates every PUB.
   * @throws {CircuitValidationError | InputValidationError} for invalid PUBs (before submission)
   * @throws {AbortedError} when `signal` fires
   * @param options `precision` is the run-level default, as Qiskit's `run(pubs, precision=…)`: a
   *   PUB's own precision wins over it and it wins over the constructor's; `signal` aborts the
   *   submission; `tag` is recorded with the job (the backend's journal, IBM job tags), e.g. the
   *   quantum kernel's chunk tags that make a run resumable
   */
  async run(pubs: readonly EstimatorPubLike[], options: { precision?: number; signal?: AbortSignal; tag?: string } = {}): Promise<Job<EstimatorResult>> {
    throwIfAborted(options.signal);
    // Validated once, here; the frozen request carries that fact to the backend.
    const request = validatedEstimatorRequest(
      {
        kind: 'estimator',
        pubs: estimatorPubsForTarget(toEstimatorPubs(pubs), this.backend.target, this.defaults.transpile ?? true),
        precision: options.precision ?? this.defaults.precision,
        seed: this.defaults.seed,
        options: this.defaults.options,
        ...(options.tag === undefined ? {} : { tag: options.tag }),
      },
      this.backend.target,
    );
    return this.backend.run(request, { signal: options.signal });
  }
}

/** Normalises PUB-like inputs into {@link EstimatorPub} objects. */
export function toEstimatorPubs(pubs: readonly EstimatorPubLike[]): EstimatorPub[] {
  if (!Array.isArray(pubs)) throw new InputValidationError('pubs must be an array');
  return pubs.map((p, i) => {
    if (Array.isArray(p)) {
      const [circuit, observables, parameterValues, precision] = p as unknown as readonly [
        Circuit,
        ObservablesLike,
        ParameterRows?,
        number?,
      ];
      return { circuit, observables: coerceObservables(observables, i), parameterValues, precision };
    }
    if (p && typeof p === 'object' && 'circuit' in p) return { ...p, observables: coerceObservables(p.observables, i) } as EstimatorPub;
    throw new InputValidationError(`PUB ${i} is neither a PUB object nor a [circuit, observables, rows, precision] tuple`);
  });
}
