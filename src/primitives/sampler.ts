import type { Backend } from '../backend';
import type { Circuit } from '../circuit/circuit';
import { InputValidationError } from '../core/errors';
import { throwIfAborted } from '../core/abort';
import type { Job } from '../core/job';
import type { SamplerPub, SamplerRequest } from './types';
import { samplerPubsForTarget, type TranspilePolicy } from './isa-prepare';
import { validatedSamplerRequest } from './validate';
import { mapJobResult, toSamplerPrimitiveResult, type SamplerPrimitiveResult } from './containers';
import { flattenParameterValues, type ParameterValuesLike } from './pub-shapes';
import type { Shape } from './shape';

/**
 * A Sampler PUB in any of the accepted forms: a bare circuit, a {@link SamplerPub} object, or
 * Qiskit's tuple `[circuit, parameterValues?, shots?]`. Parameter values may have any number of
 * axes before the parameter axis ({@link ParameterValuesLike}); the PUB's BitArrays get their
 * shape (`[]` for a circuit without parameters).
 */
export type SamplerPubLike =
  | Circuit
  | (Omit<SamplerPub, 'parameterValues'> & {
      /** Parameter values: rows, or any number of axes before the parameter axis. */
      readonly parameterValues?: ParameterValuesLike;
    })
  | readonly [Circuit, ParameterValuesLike?, number?];

/** Options of a {@link Sampler}. */
export interface SamplerOptions {
  /** Default shots per PUB. @defaultValue 1024 ({@link DEFAULT_SHOTS}) */
  shots?: number;
  /** Seed for reproducible sampling (simulators). Rows and PUBs get derived seeds. */
  seed?: number;
  /** Passed through to the backend (IBM runtime options). */
  options?: Readonly<Record<string, unknown>>;
  /** ISA handling for hardware-like backends. @defaultValue true (see {@link TranspilePolicy}) */
  transpile?: TranspilePolicy;
}

/**
 * Qiskit's SamplerV2 as a thin front-end: builds a {@link SamplerRequest}, transpiles non-ISA
 * circuits for backends that need ISA ones, validates it against the backend's target (fail
 * fast, before any network call) and calls `backend.run`. The result is Qiskit's
 * `PrimitiveResult`: `result[i].data` holds one {@link BitArray} per classical register, shaped
 * as PUB `i`'s parameter values (`result.pubs[i]` is the same object).
 *
 * @example
 * const job = await new Sampler(backend, { shots: 1000, seed: 7 }).run([bell]);
 * const counts = (await job.result())[0].data.meas.getCounts();
 */
export class Sampler {
  /**
   * A sampler bound to one backend.
   *
   * @param backend - where the PUBs run
   * @param defaults - options applied to every `run` unless a PUB overrides them
   */
  constructor(
    /** The backend every `run` submits to. */
    readonly backend: Backend,
    /** Options applied to every `run`: shots, seed, backend options, ISA handling. */
    readonly defaults: SamplerOptions = {},
  ) {}

  /**
   * Samples every PUB.
   * @throws {CircuitValidationError | InputValidationError} for invalid PUBs (before submission)
   * @throws {AbortedError} when `signal` fires
   * @param options `shots` is the run-level default, as Qiskit's `run(pubs, shots=…)`: a PUB's own
   *   shots win over it and it wins over the constructor's; `signal` aborts the submission; `tag`
   *   is recorded with the job (the backend's journal, IBM job tags), e.g. the quantum kernel's
   *   chunk tags that make a run resumable
   */
  async run(pubs: readonly SamplerPubLike[], options: { shots?: number; signal?: AbortSignal; tag?: string } = {}): Promise<Job<SamplerPrimitiveResult>> {
    throwIfAborted(options.signal);
    const shaped = shapeSamplerPubs(pubs);
    // Validated once, here; the frozen request carries that fact to the backend.
    const request = validatedSamplerRequest(
      {
        kind: 'sampler',
        pubs: samplerPubsForTarget(shaped.pubs, this.backend.target, this.defaults.transpile ?? true),
        shots: options.shots ?? this.defaults.shots,
        seed: this.defaults.seed,
        options: this.defaults.options,
        ...(options.tag === undefined ? {} : { tag: options.tag }),
      },
      this.backend.target,
    );
    const job = await this.backend.run(request, { signal: options.signal });
    return mapJobResult(job, (result) => toSamplerPrimitiveResult(result, shaped.shapes));
  }
}

/**
 * Normalises PUB-like inputs into {@link SamplerPub} objects, N-d parameter values flattened
 * (row-major) into the rows backends take.
 * @throws {InputValidationError} for a malformed PUB or ragged parameter values
 */
export function toSamplerPubs(pubs: readonly SamplerPubLike[]): SamplerPub[] {
  return shapeSamplerPubs(pubs).pubs;
}

/** The PUBs flattened for a backend ({@link toSamplerPubs}) with each one's parameter values shape. */
function shapeSamplerPubs(pubs: readonly SamplerPubLike[]): { pubs: SamplerPub[]; shapes: Shape[] } {
  if (!Array.isArray(pubs)) throw new InputValidationError('pubs must be an array');
  const shapes: Shape[] = [];
  const flat = pubs.map((p, i): SamplerPub => {
    let pub: Exclude<SamplerPubLike, Circuit | readonly unknown[]>;
    if (Array.isArray(p)) {
      const [circuit, parameterValues, shots] = p as unknown as readonly [Circuit, ParameterValuesLike?, number?];
      pub = { circuit, parameterValues, shots };
    } else if (p && typeof p === 'object' && 'circuit' in p) {
      pub = p as typeof pub;
    } else if (p && typeof p === 'object' && 'instructions' in p) {
      pub = { circuit: p as Circuit };
    } else {
      throw new InputValidationError(`PUB ${i} is neither a circuit, a PUB object nor a [circuit, rows, shots] tuple`);
    }
    const values = flattenParameterValues(pub.parameterValues, `PUB ${i}`);
    shapes.push(values.shape);
    return { ...pub, parameterValues: values.rows };
  });
  return { pubs: flat, shapes };
}
