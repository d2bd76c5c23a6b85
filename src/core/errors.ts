/**
 * The qbridge error tree: one shallow hierarchy with stable string `code`s.
 *
 * ```
 * QbridgeError (abstract)
 * ├─ ConfigurationError        CONFIG_INVALID
 * ├─ BackendNotFoundError      BACKEND_NOT_FOUND
 * ├─ CircuitValidationError    CIRCUIT_INVALID
 * │  └─ QasmSyntaxError        QASM_INVALID (line and column)
 * ├─ InputValidationError      INPUT_INVALID (features, CSV files, options)
 * ├─ ResourceLimitError        RESOURCE_LIMIT (state too large for memory)
 * ├─ SimulatorError            SIMULATOR (a simulator worker thread failed mid-pass)
 * ├─ AbortedError              ABORTED
 * ├─ JobError                  (jobId)
 * │  ├─ JobFailedError         JOB_FAILED
 * │  ├─ JobCancelledError      JOB_CANCELLED
 * │  └─ JobTimeoutError        JOB_TIMEOUT
 * └─ TransportError
 *    ├─ ConnectionError        CONNECTION (RequestTimeoutError under it)
 *    └─ ApiError               status, IBM code/solution
 *       ├─ AuthenticationError AUTHENTICATION
 *       ├─ PermissionDeniedError PERMISSION_DENIED
 *       ├─ NotFoundError       NOT_FOUND
 *       ├─ ConflictError       CONFLICT
 *       ├─ RateLimitError      RATE_LIMIT
 *       └─ ServerError         SERVER
 * ```
 *
 * Rules: `name` is set explicitly (minifiers rename constructors); messages never contain
 * tokens, API keys, CRNs or request bodies; unknown throwables are wrapped with `cause`.
 */

import { didYouMean } from './suggest';

/** Every stable error code qbridge throws. */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'BACKEND_NOT_FOUND'
  | 'CIRCUIT_INVALID'
  | 'QASM_INVALID'
  | 'INPUT_INVALID'
  | 'RESOURCE_LIMIT'
  | 'SIMULATOR'
  | 'ABORTED'
  | 'JOB_FAILED'
  | 'JOB_CANCELLED'
  | 'JOB_TIMEOUT'
  | 'TRANSPORT'
  | 'CONNECTION'
  | 'REQUEST_TIMEOUT'
  | 'API_ERROR'
  | 'AUTHENTICATION'
  | 'PERMISSION_DENIED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMIT'
  | 'SERVER'
  | 'INVALID_RESPONSE';

/** Base class of every error qbridge throws on purpose. */
export abstract class QbridgeError extends Error {
  abstract readonly code: ErrorCode;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
  /** A JSON form without stack or cause chain (safe to print). */
  toJSON(): { name: string; code: ErrorCode; message: string } {
    return { name: this.name, code: this.code, message: this.message };
  }
}

/** True for any qbridge error, also across duplicated copies of the package (checks `code`). */
export function isQbridgeError(e: unknown): e is QbridgeError {
  return (
    e instanceof QbridgeError ||
    (e instanceof Error && typeof (e as { code?: unknown }).code === 'string' && 'toJSON' in e)
  );
}

/** A missing or invalid option or environment variable. Names the key, never the value. */
export class ConfigurationError extends QbridgeError {
  readonly code = 'CONFIG_INVALID' as const;
  override readonly name = 'ConfigurationError';
  constructor(
    message: string,
    readonly key?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** No backend (or factory) is registered under the requested name. */
export class BackendNotFoundError extends QbridgeError {
  readonly code = 'BACKEND_NOT_FOUND' as const;
  override readonly name = 'BackendNotFoundError';
  constructor(
    readonly backendName: string,
    readonly known: readonly string[] = [],
  ) {
    super(
      `no backend named '${backendName}'` +
        didYouMean(backendName, known) +
        (known.length ? `; known: ${known.join(', ')}` : ''),
    );
  }
}

/** A circuit that cannot run: unknown gate, qubit out of range, unbound parameter, non-ISA... */
export class CircuitValidationError extends QbridgeError {
  readonly code: ErrorCode = 'CIRCUIT_INVALID';
  override readonly name: string = 'CircuitValidationError';
  constructor(
    message: string,
    readonly instructionIndex?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Malformed OpenQASM source; `line` and `column` are 1-based. */
export class QasmSyntaxError extends CircuitValidationError {
  override readonly code = 'QASM_INVALID' as const;
  override readonly name = 'QasmSyntaxError';
  constructor(
    readonly detail: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${detail} (line ${line}, column ${column})`);
  }
}

/** Bad user data: NaN features, ragged rows, wrong dimension, malformed CSV, bad option values. */
export class InputValidationError extends QbridgeError {
  readonly code = 'INPUT_INVALID' as const;
  override readonly name = 'InputValidationError';
  constructor(
    message: string,
    readonly position?: { line?: number; column?: number; row?: number; index?: number },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Work refused before it starts because it would not fit (memory, qubits). */
export class ResourceLimitError extends QbridgeError {
  readonly code = 'RESOURCE_LIMIT' as const;
  override readonly name = 'ResourceLimitError';
}

/** The local simulator could not finish a pass (a worker thread stopped): the state is lost. */
export class SimulatorError extends QbridgeError {
  readonly code = 'SIMULATOR' as const;
  override readonly name = 'SimulatorError';
}

/** The caller's AbortSignal fired. `cause` is `signal.reason`. */
export class AbortedError extends QbridgeError {
  readonly code = 'ABORTED' as const;
  override readonly name = 'AbortError';
  constructor(message = 'the operation was aborted', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Base of job outcomes; carries the job id. */
export abstract class JobError extends QbridgeError {
  constructor(
    message: string,
    readonly jobId: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The job reached the terminal `failed` state; `reason` and `ibmCode` come from the server. */
export class JobFailedError extends JobError {
  readonly code = 'JOB_FAILED' as const;
  override readonly name = 'JobFailedError';
  constructor(
    message: string,
    jobId: string,
    readonly reason?: string,
    readonly ibmCode?: number,
    options?: { cause?: unknown },
  ) {
    super(message, jobId, options);
  }
}

/** The job was cancelled. */
export class JobCancelledError extends JobError {
  readonly code = 'JOB_CANCELLED' as const;
  override readonly name = 'JobCancelledError';
}

/** Waiting for the job exceeded its deadline (the job may still run remotely). */
export class JobTimeoutError extends JobError {
  readonly code = 'JOB_TIMEOUT' as const;
  override readonly name = 'JobTimeoutError';
}

/** Base of HTTP and network problems. */
export class TransportError extends QbridgeError {
  readonly code: ErrorCode = 'TRANSPORT';
  override readonly name: string = 'TransportError';
}

/** DNS failure, refused or reset connection. */
export class ConnectionError extends TransportError {
  override readonly code: ErrorCode = 'CONNECTION';
  override readonly name: string = 'ConnectionError';
}

/** One request took longer than its per-request timeout. */
export class RequestTimeoutError extends ConnectionError {
  override readonly code = 'REQUEST_TIMEOUT' as const;
  override readonly name = 'RequestTimeoutError';
}

/** A response body that is malformed, truncated or of the wrong shape. */
export class InvalidResponseError extends TransportError {
  override readonly code = 'INVALID_RESPONSE' as const;
  override readonly name = 'InvalidResponseError';
}

/** Details an HTTP API error may carry (IBM's `code`, `message`, `solution`). */
export interface ApiErrorDetails {
  status: number;
  requestId?: string;
  ibmCode?: number | string;
  solution?: string;
  retryable?: boolean;
  retryAfterMs?: number;
}

/** An HTTP error response. Subclasses by status; built by the adapter's one factory. */
export class ApiError extends TransportError {
  override readonly code: ErrorCode = 'API_ERROR';
  override readonly name: string = 'ApiError';
  readonly status: number;
  readonly requestId?: string;
  readonly ibmCode?: number | string;
  readonly solution?: string;
  readonly retryable: boolean;
  constructor(message: string, details: ApiErrorDetails, options?: { cause?: unknown }) {
    super(message, options);
    this.status = details.status;
    this.requestId = details.requestId;
    this.ibmCode = details.ibmCode;
    this.solution = details.solution;
    this.retryable = details.retryable ?? false;
  }
}

/** 401, or a failed IAM API-key exchange. */
export class AuthenticationError extends ApiError {
  override readonly code = 'AUTHENTICATION' as const;
  override readonly name = 'AuthenticationError';
}
/** 403. */
export class PermissionDeniedError extends ApiError {
  override readonly code = 'PERMISSION_DENIED' as const;
  override readonly name = 'PermissionDeniedError';
}
/** 404. */
export class NotFoundError extends ApiError {
  override readonly code = 'NOT_FOUND' as const;
  override readonly name = 'NotFoundError';
}
/** 409. */
export class ConflictError extends ApiError {
  override readonly code = 'CONFLICT' as const;
  override readonly name = 'ConflictError';
}
/** 429; `retryAfterMs` from the `Retry-After` header when present. */
export class RateLimitError extends ApiError {
  override readonly code = 'RATE_LIMIT' as const;
  override readonly name = 'RateLimitError';
  readonly retryAfterMs?: number;
  constructor(message: string, details: ApiErrorDetails, options?: { cause?: unknown }) {
    super(message, { ...details, retryable: true }, options);
    this.retryAfterMs = details.retryAfterMs;
  }
}
/** 5xx. */
export class ServerError extends ApiError {
  override readonly code = 'SERVER' as const;
  override readonly name = 'ServerError';
}

/** Throws {@link AbortedError} (cause = `signal.reason`) if the signal has fired. */
export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new AbortedError(undefined, { cause: signal.reason });
}
