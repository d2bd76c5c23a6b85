import type { Circuit } from './circuit/circuit';
import type { Job } from './job';
import type {
  EstimatorRequest,
  EstimatorResult,
  SamplerRequest,
  SamplerResult,
} from './primitives/types';
import type { Target } from './target';

/** Per-call options of {@link Backend.run}. */
export interface RunOptions {
  signal?: AbortSignal;
}

/** A statevector as plain buffers (little-endian index), what exact backends can return. */
export interface StatevectorData {
  readonly numQubits: number;
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/**
 * The contract every backend meets: the local simulator, fake device backends and IBM Quantum.
 * Immutable facts in `target`; one way to run work (`run`), returning a {@link Job}.
 * Optional capabilities are optional members, never methods that throw.
 *
 * A new backend must pass the contract suite in `test/contract/`.
 */
export interface Backend {
  readonly contractVersion: 1;
  readonly name: string;
  readonly target: Target;
  /** Submits Sampler V2 work. */
  run(request: SamplerRequest, options?: RunOptions): Promise<Job<SamplerResult>>;
  /** Submits Estimator V2 work. */
  run(request: EstimatorRequest, options?: RunOptions): Promise<Job<EstimatorResult>>;
  /**
   * Exact statevector of a bound circuit without mid-circuit measurement, when the backend can
   * (the local simulator; noiseless fake backends). Kernels use it for the exact path.
   */
  readonly statevector?: (circuit: Circuit, options?: RunOptions) => Promise<StatevectorData>;
  /** Releases resources (sessions, sockets). Idempotent. */
  close?(): Promise<void>;
}

/** Creates a backend for a name (network calls allowed; honour the signal). */
export type BackendFactory<B extends Backend = Backend> = (
  name: string,
  options: { signal?: AbortSignal },
) => Promise<B>;
