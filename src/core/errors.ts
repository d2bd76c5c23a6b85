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
 * ├─ RunInProgressError        RUN_IN_PROGRESS (another process holds the run's lock)
 * ├─ SessionNotAllowedError    SESSION_NOT_ALLOWED (IBM's Open plan refuses dedicated sessions)
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
  | 'RUN_IN_PROGRESS'
  | 'SESSION_NOT_ALLOWED'
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
  /** The stable machine-readable code of this kind of error; match on it rather than on `message`. */
  abstract readonly code: ErrorCode;
  /**
   * Creates the error; subclasses fix `code` and `name`.
   *
   * @param message - the one-line, human-readable description shown to the user.
   * @param options - `cause`: the underlying error, kept for debugging and never printed.
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
  /** A JSON form without stack or cause chain (safe to print). */
  toJSON(): {
    /** The error's class name, e.g. `ConfigurationError`. */
    name: string;
    /** The stable {@link ErrorCode}. */
    code: ErrorCode;
    /** The human-readable message. */
    message: string;
  } {
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
  /** Always `CONFIG_INVALID`: the stable code to match on (survives bundling and duplicated copies of the package). */
  readonly code = 'CONFIG_INVALID' as const;
  /** Always `'ConfigurationError'`, set explicitly because minifiers rename constructors. */
  override readonly name = 'ConfigurationError';
  /**
   * Creates the error.
   *
   * @param message - what is wrong, naming the option or variable.
   * @param key - the option or environment variable at fault (e.g. `QISKIT_IBM_TOKEN`), if one.
   * @param options - `cause`: the underlying error, if any.
   */
  constructor(
    message: string,
    /** The option or environment variable at fault, e.g. `QISKIT_IBM_TOKEN`; never its value. */
    readonly key?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** No backend (or factory) is registered under the requested name. */
export class BackendNotFoundError extends QbridgeError {
  /** Always `BACKEND_NOT_FOUND`: the stable code to match on (survives bundling and duplicated copies of the package). */
  readonly code = 'BACKEND_NOT_FOUND' as const;
  /** Always `'BackendNotFoundError'`, set explicitly because minifiers rename constructors. */
  override readonly name = 'BackendNotFoundError';
  /**
   * Builds the message from the requested name and the known names.
   *
   * @param backendName - the name that was asked for.
   * @param known - the registered names, listed in the message so a typo can be spotted.
   */
  constructor(
    /** The backend name that was asked for and not found. */
    readonly backendName: string,
    /** The names that are registered (exact names only; pattern factories are not listed). */
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
  /** Always `CIRCUIT_INVALID`: the stable code to match on (survives bundling and duplicated copies of the package). */
  readonly code: ErrorCode = 'CIRCUIT_INVALID';
  /** Always `'CircuitValidationError'`, set explicitly because minifiers rename constructors. */
  override readonly name: string = 'CircuitValidationError';
  /**
   * Creates the error.
   *
   * @param message - what is wrong with the circuit.
   * @param instructionIndex - index of the offending instruction in `circuit.data`, if one.
   * @param options - `cause`: the underlying error, if any.
   */
  constructor(
    message: string,
    /** Index of the offending instruction in the circuit's instruction list, when one is at fault. */
    readonly instructionIndex?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Malformed OpenQASM source; `line` and `column` are 1-based. */
export class QasmSyntaxError extends CircuitValidationError {
  /** Always `QASM_INVALID`: the stable code to match on (survives bundling and duplicated copies of the package). */
  override readonly code = 'QASM_INVALID' as const;
  /** Always `'QasmSyntaxError'`, set explicitly because minifiers rename constructors. */
  override readonly name = 'QasmSyntaxError';
  /**
   * The message is `detail` followed by the position, e.g. `expected ';' (line 3, column 7)`.
   *
   * @param detail - what the parser expected or found, without the position.
   * @param line - 1-based line of the offending token.
   * @param column - 1-based column of the offending token.
   */
  constructor(
    /** What the parser expected or found, without the position. */
    readonly detail: string,
    /** 1-based line of the offending token. */
    readonly line: number,
    /** 1-based column of the offending token. */
    readonly column: number,
  ) {
    super(`${detail} (line ${line}, column ${column})`);
  }
}

/** Bad user data: NaN features, ragged rows, wrong dimension, malformed CSV, bad option values. */
export class InputValidationError extends QbridgeError {
  /** Always `INPUT_INVALID`: the stable code to match on (survives bundling and duplicated copies of the package). */
  readonly code = 'INPUT_INVALID' as const;
  /** Always `'InputValidationError'`, set explicitly because minifiers rename constructors. */
  override readonly name = 'InputValidationError';
  /**
   * Creates the error.
   *
   * @param message - what is wrong, naming the CLI flag or the argument at fault.
   * @param position - where in the input the problem is, when known.
   * @param options - `cause`: the underlying error, if any.
   */
  constructor(
    message: string,
    /** Where in the input the problem is, when known (only the fields that apply are set). */
    readonly position?: {
      /** 1-based line in a text file (CSV). */
      line?: number;
      /** 1-based column in a CSV line. */
      column?: number;
      /** 0-based row of a feature matrix. */
      row?: number;
      /** 0-based index within a row or list. */
      index?: number;
    },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Work refused before it starts because it would not fit (memory, qubits). */
export class ResourceLimitError extends QbridgeError {
  /** Always `RESOURCE_LIMIT`: the stable code to match on (survives bundling and duplicated copies of the package). */
  readonly code = 'RESOURCE_LIMIT' as const;
  /** Always `'ResourceLimitError'`, set explicitly because minifiers rename constructors. */
  override readonly name = 'ResourceLimitError';
}

/** The local simulator could not finish a pass (a worker thread stopped): the state is lost. */
export class SimulatorError extends QbridgeError {
  /** Always `SIMULATOR`: the stable code to match on (survives bundling and duplicated copies of the package). */
  readonly code = 'SIMULATOR' as const;
  /** Always `'SimulatorError'`, set explicitly because minifiers rename constructors. */
  override readonly name = 'SimulatorError';
}

/** The caller's AbortSignal fired. `cause` is `signal.reason`. */
export class AbortedError extends QbridgeError {
  /** Always `ABORTED`: the stable code to match on (survives bundling and duplicated copies of the package). */
  readonly code = 'ABORTED' as const;
  /** Always `'AbortError'`, set explicitly because minifiers rename constructors. */
  override readonly name = 'AbortError';
  /**
   * Creates the error; callers normally use {@link throwIfAborted} instead.
   *
   * @param message - defaults to `the operation was aborted`.
   * @param options - `cause`: the signal's `reason`.
   */
  constructor(message = 'the operation was aborted', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * A resumable run (a sampled kernel's chunks) is being run by another process right now: running
 * it here too could submit the same chunk twice. Wait for that process, or stop it and resume.
 */
export class RunInProgressError extends QbridgeError {
  /** Always `RUN_IN_PROGRESS`: the stable code to match on (survives bundling and duplicated copies of the package). */
  readonly code = 'RUN_IN_PROGRESS' as const;
  /** Always `'RunInProgressError'`, set explicitly because minifiers rename constructors. */
  override readonly name = 'RunInProgressError';
  /**
   * Creates the error.
   *
   * @param runKey - the run's key (its chunk tags carry it).
   * @param pid - the process id recorded by the lock holder, when known.
   */
  constructor(
    /** The run's key (the kernel run key in its chunk tags). */
    readonly runKey: string,
    /** The process id of the lock holder, when it could be read. */
    readonly pid?: number,
  ) {
    super(`run ${runKey} is in progress in another process (pid ${pid ?? 'unknown'}); wait for it to finish, or stop it and resume`);
  }
}

/**
 * IBM refused to open a session (dedicated mode) because the instance is on the Open plan (IBM
 * code 1352). Batches are allowed on every plan: run the jobs in a batch, or without a session.
 * `cause` is the service's {@link PermissionDeniedError}.
 */
export class SessionNotAllowedError extends QbridgeError {
  /** Always `SESSION_NOT_ALLOWED`: the stable code to match on (survives bundling and duplicated copies of the package). */
  readonly code = 'SESSION_NOT_ALLOWED' as const;
  /** Always `'SessionNotAllowedError'`, set explicitly because minifiers rename constructors. */
  override readonly name = 'SessionNotAllowedError';
  /** The plan that does not allow sessions. */
  readonly plan = 'open' as const;
  /**
   * Creates the error.
   *
   * @param backend - the device the session was for.
   * @param options - `cause`: the service's refusal.
   */
  constructor(
    /** The device the session was for. */
    readonly backend: string,
    options?: { cause?: unknown },
  ) {
    super(
      `IBM refused a session on ${backend}: sessions (dedicated mode) are not available on the Open plan (IBM code 1352); ` +
        'run the jobs in a batch (withBatch, or --batch on the CLI) or without a session',
      options,
    );
  }
}

/** Base of job outcomes; carries the job id. */
export abstract class JobError extends QbridgeError {
  /**
   * Creates the error; subclasses fix `code` and `name`.
   *
   * @param message - what happened to the job.
   * @param jobId - the job's id, so the user can look it up (`qbridge jobs show ID`).
   * @param options - `cause`: the underlying error, if any.
   */
  constructor(
    message: string,
    /** The id of the job concerned (a local or an IBM Runtime job id). */
    readonly jobId: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The job reached the terminal `failed` state; `reason` and `ibmCode` come from the server. */
export class JobFailedError extends JobError {
  /** Always `JOB_FAILED`: the stable code to match on (survives bundling and duplicated copies of the package). */
  readonly code = 'JOB_FAILED' as const;
  /** Always `'JobFailedError'`, set explicitly because minifiers rename constructors. */
  override readonly name = 'JobFailedError';
  /**
   * Creates the error.
   *
   * @param message - the failure as shown to the user.
   * @param jobId - the failed job's id.
   * @param reason - the server's failure reason, if it gave one.
   * @param ibmCode - IBM's numeric error code, if any.
   * @param options - `cause`: the underlying error, if any.
   */
  constructor(
    message: string,
    jobId: string,
    /** The failure reason (IBM's `state.reason`, else the tail of the job's traceback), when known. */
    readonly reason?: string,
    /** IBM's numeric error code for the failure (`state.reason_code`), when given. */
    readonly ibmCode?: number,
    options?: { cause?: unknown },
  ) {
    super(message, jobId, options);
  }
}

/** The job was cancelled. */
export class JobCancelledError extends JobError {
  /** Always `JOB_CANCELLED`: the stable code to match on (survives bundling and duplicated copies of the package). */
  readonly code = 'JOB_CANCELLED' as const;
  /** Always `'JobCancelledError'`, set explicitly because minifiers rename constructors. */
  override readonly name = 'JobCancelledError';
}

/** Waiting for the job exceeded its deadline (the job may still run remotely). */
export class JobTimeoutError extends JobError {
  /** Always `JOB_TIMEOUT`: the stable code to match on (survives bundling and duplicated copies of the package). */
  readonly code = 'JOB_TIMEOUT' as const;
  /** Always `'JobTimeoutError'`, set explicitly because minifiers rename constructors. */
  override readonly name = 'JobTimeoutError';
}

/** Base of HTTP and network problems. */
export class TransportError extends QbridgeError {
  /** Always `TRANSPORT`: the stable code to match on (survives bundling and duplicated copies of the package). */
  readonly code: ErrorCode = 'TRANSPORT';
  /** Always `'TransportError'`, set explicitly because minifiers rename constructors. */
  override readonly name: string = 'TransportError';
}

/** DNS failure, refused or reset connection. */
export class ConnectionError extends TransportError {
  /** Always `CONNECTION`: the stable code to match on (survives bundling and duplicated copies of the package). */
  override readonly code: ErrorCode = 'CONNECTION';
  /** Always `'ConnectionError'`, set explicitly because minifiers rename constructors. */
  override readonly name: string = 'ConnectionError';
}

/** One request took longer than its per-request timeout. */
export class RequestTimeoutError extends ConnectionError {
  /** Always `REQUEST_TIMEOUT`: the stable code to match on (survives bundling and duplicated copies of the package). */
  override readonly code = 'REQUEST_TIMEOUT' as const;
  /** Always `'RequestTimeoutError'`, set explicitly because minifiers rename constructors. */
  override readonly name = 'RequestTimeoutError';
}

/** A response body that is malformed, truncated or of the wrong shape. */
export class InvalidResponseError extends TransportError {
  /** Always `INVALID_RESPONSE`: the stable code to match on (survives bundling and duplicated copies of the package). */
  override readonly code = 'INVALID_RESPONSE' as const;
  /** Always `'InvalidResponseError'`, set explicitly because minifiers rename constructors. */
  override readonly name = 'InvalidResponseError';
}

/** Details an HTTP API error may carry (IBM's `code`, `message`, `solution`). */
export interface ApiErrorDetails {
  /** The HTTP status code of the response. */
  status: number;
  /** The request id IBM returns in the error body (`trace`), to quote when asking IBM support. */
  requestId?: string;
  /** IBM's own error code from the response body, when present. */
  ibmCode?: number | string;
  /** IBM's suggested fix from the response body, when present. */
  solution?: string;
  /** Whether repeating the same request may succeed (defaults to false). */
  retryable?: boolean;
  /** The wait the server asked for (`Retry-After`), in milliseconds. */
  retryAfterMs?: number;
}

/** An HTTP error response. Subclasses by status; built by the adapter's one factory. */
export class ApiError extends TransportError {
  /** Always `API_ERROR`: the stable code to match on (survives bundling and duplicated copies of the package). */
  override readonly code: ErrorCode = 'API_ERROR';
  /** Always `'ApiError'`, set explicitly because minifiers rename constructors. */
  override readonly name: string = 'ApiError';
  /** The HTTP status code of the response. */
  readonly status: number;
  /** The request id IBM returns in the error body (`trace`), to quote when asking IBM support. */
  readonly requestId?: string;
  /** IBM's own error code from the response body, when present. */
  readonly ibmCode?: number | string;
  /** IBM's suggested fix from the response body, when present. */
  readonly solution?: string;
  /** Whether repeating the same request may succeed (the adapter's retry loop uses this). */
  readonly retryable: boolean;
  /**
   * Creates the error from a response's details; the adapter picks the subclass by status.
   *
   * @param message - the error as shown to the user (never contains the token or request body).
   * @param details - status and the IBM fields of the response.
   * @param options - `cause`: the underlying error, if any.
   */
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
  /** Always `AUTHENTICATION`: the stable code to match on (survives bundling and duplicated copies of the package). */
  override readonly code = 'AUTHENTICATION' as const;
  /** Always `'AuthenticationError'`, set explicitly because minifiers rename constructors. */
  override readonly name = 'AuthenticationError';
}
/** 403. */
export class PermissionDeniedError extends ApiError {
  /** Always `PERMISSION_DENIED`: the stable code to match on (survives bundling and duplicated copies of the package). */
  override readonly code = 'PERMISSION_DENIED' as const;
  /** Always `'PermissionDeniedError'`, set explicitly because minifiers rename constructors. */
  override readonly name = 'PermissionDeniedError';
}
/** 404. */
export class NotFoundError extends ApiError {
  /** Always `NOT_FOUND`: the stable code to match on (survives bundling and duplicated copies of the package). */
  override readonly code = 'NOT_FOUND' as const;
  /** Always `'NotFoundError'`, set explicitly because minifiers rename constructors. */
  override readonly name = 'NotFoundError';
}
/** 409. */
export class ConflictError extends ApiError {
  /** Always `CONFLICT`: the stable code to match on (survives bundling and duplicated copies of the package). */
  override readonly code = 'CONFLICT' as const;
  /** Always `'ConflictError'`, set explicitly because minifiers rename constructors. */
  override readonly name = 'ConflictError';
}
/** 429; `retryAfterMs` from the `Retry-After` header when present. */
export class RateLimitError extends ApiError {
  /** Always `RATE_LIMIT`: the stable code to match on (survives bundling and duplicated copies of the package). */
  override readonly code = 'RATE_LIMIT' as const;
  /** Always `'RateLimitError'`, set explicitly because minifiers rename constructors. */
  override readonly name = 'RateLimitError';
  /** The wait the server asked for (`Retry-After`), in milliseconds, when it sent one. */
  readonly retryAfterMs?: number;
  /**
   * Always retryable, whatever `details.retryable` says.
   *
   * @param message - the error as shown to the user.
   * @param details - status, IBM fields and `retryAfterMs`.
   * @param options - `cause`: the underlying error, if any.
   */
  constructor(message: string, details: ApiErrorDetails, options?: { cause?: unknown }) {
    super(message, { ...details, retryable: true }, options);
    this.retryAfterMs = details.retryAfterMs;
  }
}
/** 5xx. */
export class ServerError extends ApiError {
  /** Always `SERVER`: the stable code to match on (survives bundling and duplicated copies of the package). */
  override readonly code = 'SERVER' as const;
  /** Always `'ServerError'`, set explicitly because minifiers rename constructors. */
  override readonly name = 'ServerError';
}

/** Throws {@link AbortedError} (cause = `signal.reason`) if the signal has fired. */
export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new AbortedError(undefined, { cause: signal.reason });
}
