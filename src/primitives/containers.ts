/**
 * Qiskit's primitive result containers (`qiskit.primitives.containers`): a
 * {@link PrimitiveResult} is a list of PUB results plus metadata, indexable and iterable
 * (`result[0]`, `for (const pub of result)`); each PUB result has `data` (a data bin) and
 * `metadata`. An Estimator PUB's data bin holds `evs` and `stds` in the PUB's broadcast shape;
 * a Sampler PUB's holds one {@link BitArray} per classical register, in the shape of its
 * parameter values.
 *
 * Backends answer in the flat form ({@link EstimatorResult}: `evs[row][observable]` for every
 * parameter row and observable); the Sampler and Estimator front-ends know the shapes of the
 * PUBs they sent and build these containers from that answer. The flat fields stay on the
 * containers (`result.pubs`, `pubs[i].evs`), so code written against them keeps working.
 */
import { InvalidResponseError } from '../core/errors';
import type { Job } from '../core/job';
import type { BitArray } from './bit-array';
import { broadcastSourceIndices, formatShape, shapeSize, type Shape } from './shape';
import { ShapedArray } from './shaped-array';
import type { EstimatorPubResult, EstimatorResult, SamplerPubResult, SamplerResult } from './types';

/** What a job's metadata always says: the backend and the job id. */
export type ResultMetadata = EstimatorResult['metadata'];

/**
 * Results of a primitive job, Qiskit's `PrimitiveResult`: `result[i]` is the result of PUB `i`
 * (negative `i` via `at(i)`), `length` their number, `metadata` the job's. Iterable, and frozen.
 * `pubs` lists the same PUB results (qbridge's original field).
 *
 * @typeParam P - the PUB result type ({@link EstimatorPubResultV2} or {@link SamplerPubResult})
 * @typeParam K - `'estimator'` or `'sampler'`
 */
export class PrimitiveResult<P extends object, K extends 'estimator' | 'sampler'> implements Iterable<P> {
  /** The result of PUB `index`, in request order. */
  readonly [index: number]: P;
  /** Which primitive produced it. */
  readonly kind: K;
  /** The PUB results in request order (frozen), the same objects as `result[i]`. */
  readonly pubs: readonly P[];
  /** The backend and job id, plus backend-specific entries. */
  readonly metadata: ResultMetadata;

  /**
   * A result of `pubs` (frozen, with index access to each).
   *
   * @param kind - which primitive produced the results
   * @param pubs - one result per PUB, in request order (the list is copied)
   * @param metadata - the job's metadata
   */
  constructor(kind: K, pubs: readonly P[], metadata: ResultMetadata) {
    this.kind = kind;
    this.pubs = Object.freeze([...pubs]);
    this.metadata = metadata;
    // Index access as Qiskit's `result[0]`; not enumerable, so JSON and Object.keys show
    // `kind`, `pubs` and `metadata` only, as before.
    this.pubs.forEach((p, i) => Object.defineProperty(this, i, { value: p, enumerable: false }));
    Object.freeze(this);
  }

  /** Number of PUB results. */
  get length(): number {
    return this.pubs.length;
  }

  /** The result of PUB `index`; negative counts from the end (`at(-1)` is the last), as Python's indexing. */
  at(index: number): P | undefined {
    return this.pubs.at(index);
  }

  /** The PUB results in request order. */
  [Symbol.iterator](): Iterator<P> {
    return this.pubs[Symbol.iterator]();
  }
}

/** An Estimator PUB's data bin, Qiskit's `DataBin` with `evs` and `stds`. */
export interface EstimatorDataBin {
  /** The PUB's shape: the broadcast of its observables shape and its parameter values shape. */
  readonly shape: Shape;
  /** Expectation values, shaped `shape`. */
  readonly evs: ShapedArray;
  /** Standard errors of `evs`, shaped alike (0 for exact values). */
  readonly stds: ShapedArray;
}

/**
 * An Estimator PUB result with Qiskit's `data` (`result[0].data.evs`) next to the flat
 * `evs[row][observable]` and `stds` of {@link EstimatorPubResult}.
 */
export interface EstimatorPubResultV2 extends EstimatorPubResult {
  /** `evs` and `stds` in the PUB's broadcast shape. */
  readonly data: EstimatorDataBin;
}

/** What the Estimator front-end returns: Qiskit's `PrimitiveResult` of Estimator PUB results. */
export type EstimatorPrimitiveResult = PrimitiveResult<EstimatorPubResultV2, 'estimator'>;

/** What the Sampler front-end returns: Qiskit's `PrimitiveResult` of Sampler PUB results. */
export type SamplerPrimitiveResult = PrimitiveResult<SamplerPubResult, 'sampler'>;

/** The shapes of one Estimator PUB as sent: its observables, its parameter values and their broadcast. */
export interface EstimatorPubShape {
  /** Shape of the observables array (the flat list sent has its elements in row-major order). */
  readonly observables: Shape;
  /** Shape of the parameter values (the rows sent are its elements in row-major order). */
  readonly parameters: Shape;
  /** The broadcast of the two: the shape of `evs` and `stds`. */
  readonly shape: Shape;
}

/**
 * Builds the Estimator's {@link PrimitiveResult} from a backend's flat answer: element `k` of
 * `evs` is the flat `evs[row][observable]` of the parameter row and observable that
 * broadcasting pairs at `k`.
 *
 * @param shapes - one per PUB, as sent
 * @throws {InvalidResponseError} when the backend answered a different number of PUBs, rows or observables
 */
export function toEstimatorPrimitiveResult(result: EstimatorResult, shapes: readonly EstimatorPubShape[]): EstimatorPrimitiveResult {
  const id = result.metadata.jobId;
  if (result.pubs.length !== shapes.length) {
    throw new InvalidResponseError(`job ${id} returned ${result.pubs.length} PUB results, expected ${shapes.length}`);
  }
  const pubs = result.pubs.map((pub, i): EstimatorPubResultV2 => {
    const s = shapes[i]!;
    const rows = shapeSize(s.parameters);
    const observables = shapeSize(s.observables);
    const fits = (table: ReadonlyArray<ReadonlyArray<number>>): boolean => table.length === rows && table.every((r) => r.length === observables);
    if (!fits(pub.evs) || !fits(pub.stds)) {
      throw new InvalidResponseError(`job ${id}: PUB ${i} does not hold ${rows} row(s) of ${observables} expectation value(s) and standard error(s)`);
    }
    const rowOf = broadcastSourceIndices(s.parameters, s.shape);
    const obsOf = broadcastSourceIndices(s.observables, s.shape);
    const pick = (table: ReadonlyArray<ReadonlyArray<number>>): ShapedArray =>
      new ShapedArray(s.shape, Array.from(rowOf, (r, k) => table[r]![obsOf[k]!]!));
    const data: EstimatorDataBin = Object.freeze({ shape: Object.freeze([...s.shape]), evs: pick(pub.evs), stds: pick(pub.stds) });
    return Object.freeze({ ...pub, data });
  });
  return new PrimitiveResult('estimator', pubs, result.metadata);
}

/**
 * Builds the Sampler's {@link PrimitiveResult} from a backend's answer: each register's
 * {@link BitArray} takes the shape of its PUB's parameter values (`[]` without parameters).
 *
 * @param shapes - each PUB's parameter values shape, as sent
 * @throws {InvalidResponseError} when the backend answered a different number of PUBs or rows
 */
export function toSamplerPrimitiveResult(result: SamplerResult, shapes: readonly Shape[]): SamplerPrimitiveResult {
  const id = result.metadata.jobId;
  if (result.pubs.length !== shapes.length) {
    throw new InvalidResponseError(`job ${id} returned ${result.pubs.length} PUB results, expected ${shapes.length}`);
  }
  const pubs = result.pubs.map((pub, i): SamplerPubResult => {
    const shape = shapes[i]!;
    const data: Record<string, BitArray> = {};
    for (const [name, bits] of Object.entries(pub.data)) {
      if (bits.numRows !== shapeSize(shape)) {
        throw new InvalidResponseError(`job ${id}: PUB ${i} register '${name}' holds ${bits.numRows} row(s), expected ${shapeSize(shape)} for shape ${formatShape(shape)}`);
      }
      data[name] = bits.reshape(shape);
    }
    return Object.freeze({ ...pub, data: Object.freeze(data) });
  });
  return new PrimitiveResult('sampler', pubs, result.metadata);
}

/**
 * The same job with its result passed through `map`. Everything else (id, status, cancel, and
 * whatever a backend's job class adds, such as IBM's progress listeners) is the job's own: a
 * proxy forwards it, with methods bound to the job so its internal state stays in one place.
 */
export function mapJobResult<R, S>(job: Job<R>, map: (result: R) => S): Job<S> {
  return new Proxy(job, {
    get(target, prop) {
      if (prop === 'result') return async (...args: Parameters<Job<R>['result']>) => map(await target.result(...args));
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  }) as unknown as Job<S>;
}
