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
  /** The circuit to sample; its measurements fill the classical registers reported. */
  readonly circuit: Circuit;
  /** Parameter rows to bind, one result row each; omit for a circuit without parameters. */
  readonly parameterValues?: ParameterRows;
  /** Shots for this PUB; defaults to the request's `shots`. */
  readonly shots?: number;
}

/** An Estimator PUB: a circuit without measurements, observables, parameter rows, precision. */
export interface EstimatorPub {
  /** The state-preparation circuit (no measurements) whose expectation values are estimated. */
  readonly circuit: Circuit;
  /** One Pauli sum, or several: results are per row × per observable. */
  readonly observables: PauliSum | readonly PauliSum[];
  /** Parameter rows to bind, one result row each; omit for a circuit without parameters. */
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
  /** Discriminates the request type. */
  readonly kind: 'sampler';
  /** The PUBs, run in order; results come back in the same order. */
  readonly pubs: readonly SamplerPub[];
  /** Default shots per PUB (1024 when absent). */
  readonly shots?: number;
}

/** An Estimator V2 request. */
export interface EstimatorRequest extends CommonRequestOptions {
  /** Discriminates the request type. */
  readonly kind: 'estimator';
  /** The PUBs, run in order; results come back in the same order. */
  readonly pubs: readonly EstimatorPub[];
  /** Default precision (0 on simulators = exact). */
  readonly precision?: number;
}

/** Either primitive request. */
export type PrimitiveRequest = SamplerRequest | EstimatorRequest;

/** Sampler result of one PUB: one {@link BitArray} per classical register, by register name. */
export interface SamplerPubResult {
  /** Samples per classical register, keyed by register name (`c`, `meas`, ...). */
  readonly data: Readonly<Record<string, BitArray>>;
  /** Shots and rows, plus backend-specific entries. */
  readonly metadata: {
    /** Shots taken for each parameter row. */
    readonly shots: number;
    /** Number of parameter rows (1 for a circuit without parameters). */
    readonly numRows: number;
    readonly [k: string]: unknown;
  };
}

/** Sampler result of a whole job. */
export interface SamplerResult {
  /** Discriminates the result type. */
  readonly kind: 'sampler';
  /** One result per PUB, in request order. */
  readonly pubs: readonly SamplerPubResult[];
  /** Which backend and job produced it, plus backend-specific entries. */
  readonly metadata: {
    /** The name of the backend that ran the job. */
    readonly backend: string;
    /** The job's id (remote for IBM, generated for local backends). */
    readonly jobId: string;
    readonly [k: string]: unknown;
  };
}

/** Estimator result of one PUB: `evs[row][observable]` and standard errors alike. */
export interface EstimatorPubResult {
  /** Expectation values, `evs[row][observable]`. */
  readonly evs: ReadonlyArray<ReadonlyArray<number>>;
  /** Standard errors, shaped like `evs` (0 for exact values). */
  readonly stds: ReadonlyArray<ReadonlyArray<number>>;
  /** The precision used, plus backend-specific entries. */
  readonly metadata: {
    /** The precision (target standard error) the PUB ran with; 0 means exact. */
    readonly precision: number;
    /** Shots used per row, when the values were estimated from samples. */
    readonly shots?: number;
    readonly [k: string]: unknown;
  };
}

/** Estimator result of a whole job. */
export interface EstimatorResult {
  /** Discriminates the result type. */
  readonly kind: 'estimator';
  /** One result per PUB, in request order. */
  readonly pubs: readonly EstimatorPubResult[];
  /** Which backend and job produced it, plus backend-specific entries. */
  readonly metadata: {
    /** The name of the backend that ran the job. */
    readonly backend: string;
    /** The job's id (remote for IBM, generated for local backends). */
    readonly jobId: string;
    readonly [k: string]: unknown;
  };
}

/** The result type for a request type. */
export type ResultFor<R extends PrimitiveRequest> = R extends SamplerRequest ? SamplerResult : EstimatorResult;

/** Default shots when neither the PUB nor the request sets them (Qiskit's default). */
export const DEFAULT_SHOTS = 1024;
