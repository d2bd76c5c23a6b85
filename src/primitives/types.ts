import type { Circuit } from '../circuit/circuit';
import type { BitArray } from './bit-array';

import type { PauliSum } from '../core/observable';

export type { PauliSum };

/**
 * Parameter values: one row per parameter set, columns in the order of `circuit.parameters`
 * (Qiskit's sorted order). Omit for a circuit without parameters.
 */
export type ParameterRows = ReadonlyArray<ReadonlyArray<number>>;

/** A Sampler PUB: a circuit with measurements, parameter rows, shots. */
export interface SamplerPub {
  readonly circuit: Circuit;
  readonly parameterValues?: ParameterRows;
  /** Shots for this PUB; defaults to the request's `shots`. */
  readonly shots?: number;
}

/** An Estimator PUB: a circuit without measurements, observables, parameter rows, precision. */
export interface EstimatorPub {
  readonly circuit: Circuit;
  /** One Pauli sum, or several: results are per row × per observable. */
  readonly observables: PauliSum | readonly PauliSum[];
  readonly parameterValues?: ParameterRows;
  /** Target standard error; 0 = exact where the backend can. Defaults to the request's. */
  readonly precision?: number;
}

/** Options that apply to the whole request. Backend-specific extras go in `options`. */
export interface CommonRequestOptions {
  /** Seed for reproducible sampling on simulators. */
  readonly seed?: number;
  /** Passed through to the backend (IBM: dynamical decoupling, twirling, resilience, ...). */
  readonly options?: Readonly<Record<string, unknown>>;
  /** Caller's tag, recorded with the job (ledger). */
  readonly tag?: string;
}

/** A Sampler V2 request. */
export interface SamplerRequest extends CommonRequestOptions {
  readonly kind: 'sampler';
  readonly pubs: readonly SamplerPub[];
  /** Default shots per PUB (1024 when absent). */
  readonly shots?: number;
}

/** An Estimator V2 request. */
export interface EstimatorRequest extends CommonRequestOptions {
  readonly kind: 'estimator';
  readonly pubs: readonly EstimatorPub[];
  /** Default precision (0 on simulators = exact). */
  readonly precision?: number;
}

/** Either primitive request. */
export type PrimitiveRequest = SamplerRequest | EstimatorRequest;

/** Sampler result of one PUB: one {@link BitArray} per classical register, by register name. */
export interface SamplerPubResult {
  readonly data: Readonly<Record<string, BitArray>>;
  readonly metadata: { readonly shots: number; readonly numRows: number; readonly [k: string]: unknown };
}

/** Sampler result of a whole job. */
export interface SamplerResult {
  readonly kind: 'sampler';
  readonly pubs: readonly SamplerPubResult[];
  readonly metadata: { readonly backend: string; readonly jobId: string; readonly [k: string]: unknown };
}

/** Estimator result of one PUB: `evs[row][observable]` and standard errors alike. */
export interface EstimatorPubResult {
  readonly evs: ReadonlyArray<ReadonlyArray<number>>;
  readonly stds: ReadonlyArray<ReadonlyArray<number>>;
  readonly metadata: { readonly precision: number; readonly shots?: number; readonly [k: string]: unknown };
}

/** Estimator result of a whole job. */
export interface EstimatorResult {
  readonly kind: 'estimator';
  readonly pubs: readonly EstimatorPubResult[];
  readonly metadata: { readonly backend: string; readonly jobId: string; readonly [k: string]: unknown };
}

/** The result type for a request type. */
export type ResultFor<R extends PrimitiveRequest> = R extends SamplerRequest ? SamplerResult : EstimatorResult;

/** Default shots when neither the PUB nor the request sets them (Qiskit's default). */
export const DEFAULT_SHOTS = 1024;
