import type { Backend } from '../backend';
import type { Circuit } from '../circuit/circuit';
import { InputValidationError } from '../core/errors';
import { throwIfAborted } from '../core/abort';
import type { Job } from '../core/job';
import type { EstimatorPub, EstimatorRequest } from './types';
import { estimatorPubsForTarget, type TranspilePolicy } from './isa-prepare';
import { validatedEstimatorRequest } from './validate';
import { coerceObservables, type ObservablesLike } from '../quantum-info/observables';
import { mapJobResult, toEstimatorPrimitiveResult, type EstimatorPrimitiveResult, type EstimatorPubShape } from './containers';
import { flattenObservables, flattenParameterValues, type NestedObservables, type ParameterValuesLike } from './pub-shapes';
import { broadcastShapes } from './shape';

/**
 * An Estimator PUB: a {@link EstimatorPub} object or Qiskit's tuple
 * `[circuit, observables, parameterValues?, precision?]`. Observables may be given as Qiskit
 * takes them: `'ZZ'`, `['ZZ', 'XX']`, a `SparsePauliOp` (real coefficients), a mapping
 * `{ ZZ: 1 }`, `[label, coeff]` sums, a list mixing these, or nested lists of them (an N-d
 * observables array: `[['ZZ'], ['XX'], ['YY']]` has shape `[3, 1]`). Parameter values may have
 * any number of axes before the parameter axis ({@link ParameterValuesLike}). The PUB's shape is
 * the numpy broadcast of the two shapes.
 */
export type EstimatorPubLike =
  | (Omit<EstimatorPub, 'observables' | 'parameterValues'> & {
      /** One observable, a list, or nested lists, in any form {@link ObservablesLike} names. */
      readonly observables: ObservablesLike | NestedObservables;
      /** Parameter values: rows, or any number of axes before the parameter axis. */
      readonly parameterValues?: ParameterValuesLike;
    })
  | readonly [Circuit, ObservablesLike | NestedObservables, ParameterValuesLike?, number?];

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
 * against the backend's target and calls `backend.run`. The result is Qiskit's
 * `PrimitiveResult`: `result[i].data.evs` and `.stds` are {@link ShapedArray}s in PUB `i`'s
 * broadcast shape (observables shape against parameter values shape, numpy's rules). The flat
 * `result.pubs[i].evs[row][observable]` (every parameter row against every observable, in
 * row-major order) stays for existing code.
 *
 * The backend is asked for every row against every observable, and broadcasting then picks
 * the pairs it needs; for shapes that pair elementwise (`[n]` against `[n]`) that computes
 * more pairs than the result keeps.
 *
 * @example
 * const job = await new Estimator(backend).run([[bell, 'ZZ']]);
 * (await job.result())[0].data.evs.item(); // 1
 * // Observables shape [3, 1] against 6 parameter sets: evs of shape [3, 6].
 * const res = await (await new Estimator(backend).run([[ansatz, [['ZZ'], ['XX'], ['YY']], sixRows]])).result();
 * res[0].data.evs.shape; // [3, 6]
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
   * @throws {CircuitValidationError | InputValidationError} for invalid PUBs (before submission),
   *   among them observables and parameter values whose shapes do not broadcast
   * @throws {AbortedError} when `signal` fires
   * @param options `precision` is the run-level default, as Qiskit's `run(pubs, precision=…)`: a
   *   PUB's own precision wins over it and it wins over the constructor's; `signal` aborts the
   *   submission; `tag` is recorded with the job (the backend's journal, IBM job tags), e.g. the
   *   quantum kernel's chunk tags that make a run resumable
   */
  async run(pubs: readonly EstimatorPubLike[], options: { precision?: number; signal?: AbortSignal; tag?: string } = {}): Promise<Job<EstimatorPrimitiveResult>> {
    throwIfAborted(options.signal);
    const shaped = shapeEstimatorPubs(pubs);
    // Validated once, here; the frozen request carries that fact to the backend.
    const request = validatedEstimatorRequest(
      {
        kind: 'estimator',
        pubs: estimatorPubsForTarget(shaped.pubs, this.backend.target, this.defaults.transpile ?? true),
        precision: options.precision ?? this.defaults.precision,
        seed: this.defaults.seed,
        options: this.defaults.options,
        ...(options.tag === undefined ? {} : { tag: options.tag }),
      },
      this.backend.target,
    );
    const job = await this.backend.run(request, { signal: options.signal });
    return mapJobResult(job, (result) => toEstimatorPrimitiveResult(result, shaped.shapes));
  }
}

/**
 * Normalises PUB-like inputs into {@link EstimatorPub} objects, N-d observables and parameter
 * values flattened (row-major) into the observable list and parameter rows backends take.
 * @throws {InputValidationError} for a malformed PUB or shapes that do not broadcast
 */
export function toEstimatorPubs(pubs: readonly EstimatorPubLike[]): EstimatorPub[] {
  return shapeEstimatorPubs(pubs).pubs;
}

/**
 * The PUBs flattened for a backend ({@link toEstimatorPubs}) with the shapes the result is
 * put back into.
 * @throws {InputValidationError} for a malformed PUB, or observables and parameter values whose
 *   shapes do not broadcast (the message names both shapes, as Qiskit's)
 */
function shapeEstimatorPubs(pubs: readonly EstimatorPubLike[]): { pubs: EstimatorPub[]; shapes: EstimatorPubShape[] } {
  if (!Array.isArray(pubs)) throw new InputValidationError('pubs must be an array');
  const shapes: EstimatorPubShape[] = [];
  const flat = pubs.map((p, i): EstimatorPub => {
    const { circuit, observables, parameterValues, ...rest } = asPubObject(p, i);
    const obs = flattenObservables(observables, `PUB ${i}`);
    const values = flattenParameterValues(parameterValues, `PUB ${i}`);
    const shape = broadcastShapes(obs.shape, values.shape, ['observables', 'parameter values'], `PUB ${i}`);
    shapes.push({ observables: obs.shape, parameters: values.shape, shape });
    return { ...rest, circuit, observables: coerceObservables(obs.observables, i), parameterValues: values.rows };
  });
  return { pubs: flat, shapes };
}

/** The object form of one PUB-like input. */
type EstimatorPubObject = Exclude<EstimatorPubLike, readonly unknown[]>;

function asPubObject(p: EstimatorPubLike, i: number): EstimatorPubObject {
  if (Array.isArray(p)) {
    const [circuit, observables, parameterValues, precision] = p as unknown as readonly [Circuit, ObservablesLike | NestedObservables, ParameterValuesLike?, number?];
    return { circuit, observables, parameterValues, precision };
  }
  if (p && typeof p === 'object' && 'circuit' in p) return p as EstimatorPubObject;
  throw new InputValidationError(`PUB ${i} is neither a PUB object nor a [circuit, observables, rows, precision] tuple`);
}
