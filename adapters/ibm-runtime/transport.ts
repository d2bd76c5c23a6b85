import { abortableSleep } from '../../src/core/abort';
import { AbortedError, ConfigurationError, ConnectionError, InvalidResponseError, QbridgeError, RequestTimeoutError } from '../../src/core/errors';
import { fromResponse, parseRetryAfter } from './http-errors';

/**
 * The `fetch` handed to openapi-fetch (and used for the IAM exchange): per-attempt timeout,
 * retries with exponential backoff + jitter, `Retry-After`, one re-authorisation on 401, and
 * mapping of every final failure to the typed error tree through `fromResponse`.
 *
 * What is retried, and why:
 * - Statuses 408, 429, 500, 502, 503, 504, 520, 521, 522, 524 — qiskit-ibm-runtime's
 *   `STATUS_FORCELIST` (server/proxy hiccups that IBM documents as transient) plus 408/429.
 * - Connection failures and per-request timeouts.
 * - ONLY for requests that are safe to repeat: GET/HEAD/PUT/DELETE, PATCH (qbridge only sends
 *   `{"accepting_jobs": false}`, which is idempotent), `POST .../cancel`, the IAM token POST and
 *   IBM Cloud Global Search's `POST /v3/resources/search` (a read).
 * - `POST /jobs` and `POST /sessions` are NOT retried after a 5xx, a timeout or a reset
 *   connection: the server may already have created the job, and a duplicate submission costs
 *   money (QPU time). They are retried only when the request provably did not take effect: a
 *   429 (the server rejected it before doing anything) or a connection that was refused/never
 *   resolved (ECONNREFUSED, ENOTFOUND, EAI_AGAIN: nothing was sent). After any other failure the
 *   caller gets the error; for `POST /jobs`, submit.ts then looks the job up by its client tag
 *   before anything is sent again.
 * - 429s are waited out (`Retry-After`) within a time budget (`rateLimitBudgetMs`), not counted
 *   against `maxRetries`.
 * - `POST /jobs` has its own per-attempt timeout (`submitTimeoutMs`, 900 s as qiskit-ibm-runtime).
 */

/** How the transport calls the network: defaults to `globalThis.fetch` looked up at call time. */
export type FetchFn = (input: Request) => Promise<Response>;

/** Options for {@link createTransport}. All have defaults; tests inject `sleep`, `now`, `random`. */
export interface TransportOptions {
  /** The network call. @defaultValue `globalThis.fetch`, looked up at call time */
  fetch?: FetchFn;
  /** Waits between retries (injected by tests to run without real time). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The clock, in ms since the epoch (injected by tests). */
  now?: () => number;
  /** Uniform [0, 1) source of retry jitter (injected by tests). */
  random?: () => number;
  /** Per-attempt timeout. @defaultValue 60 000 ms */
  timeoutMs?: number;
  /**
   * Largest response body read, in bytes. The body is read as a stream and the request is
   * aborted as soon as it passes the limit (a `Content-Length` above it is refused before
   * reading): {@link InvalidResponseError} naming the limit, not retried (the server answers
   * the same way again). The default fits the largest legitimate answers, job results.
   * @defaultValue 128 MiB (`DEFAULT_MAX_RESPONSE_BYTES`)
   */
  maxResponseBytes?: number;
  /**
   * Per-attempt timeout of `POST /jobs` (job creation), which uploads the whole payload and
   * waits for IBM to validate it; `timeoutMs` does not apply to it.
   * @defaultValue 900 000 ms (`DEFAULT_SUBMIT_TIMEOUT_MS`)
   */
  submitTimeoutMs?: number;
  /**
   * Total time a request may spend waiting out 429s (each wait is the `Retry-After`, or the
   * backoff without one). These waits do not use up `maxRetries`: a 429 means the server did
   * nothing, and IBM's job creation limit works in one-minute windows.
   * @defaultValue 300 000 ms (`DEFAULT_RATE_LIMIT_BUDGET_MS`)
   */
  rateLimitBudgetMs?: number;
  /** Retries after the first attempt. @defaultValue 4 */
  maxRetries?: number;
  /** First backoff step. @defaultValue 500 ms (QIR backoff_factor 0.5) */
  baseDelayMs?: number;
  /** Cap of one backoff wait. @defaultValue 30 000 ms */
  maxDelayMs?: number;
  /** A `Retry-After` longer than this is not waited for: the RateLimitError surfaces. @defaultValue 120 000 ms */
  maxRetryAfterMs?: number;
  /** On a 401: returns the request re-authorised with a fresh token (one try per request). */
  reauthorize?: (request: Request, signal: AbortSignal) => Promise<Request | undefined>;
  /** Observes each retry (logging, tests). */
  onRetry?: (info: { attempt: number; delayMs: number; reason: string; operation: string }) => void;
}

/** Named defaults (why: see the options' docs). */
export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RETRIES = 4;
/**
 * qiskit-ibm-runtime's `program_run` (api/rest/runtime.py) posts a job with `timeout=900`
 * seconds, while its other requests have no read timeout: 15 minutes per job-creation attempt.
 */
export const DEFAULT_SUBMIT_TIMEOUT_MS = 900_000;
/** Five of IBM's one-minute job-creation windows. */
export const DEFAULT_RATE_LIMIT_BUDGET_MS = 300_000;
/** 429s waited out per request at most, whatever their waits (a server answering Retry-After: 0 forever). */
const MAX_RATE_LIMIT_WAITS = 30;
/** Results of large sampler jobs (many PUBs × shots, base64 `.npy`) stay well below this. */
export const DEFAULT_MAX_RESPONSE_BYTES = 128 * 1024 * 1024;
const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504, 520, 521, 522, 524]);
/** Statuses whose responses carry no body (a Response with one cannot be constructed). */
const NULL_BODY = new Set([101, 204, 205, 304]);
/** Error codes meaning the request never reached the server (safe to repeat any method). */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** Consumes a streamed response body (see {@link streamBody}). */
export type BodyConsumer = (chunks: AsyncIterable<Uint8Array>) => Promise<void>;
interface Streamed {
  consume: BodyConsumer;
  stallMs: number;
}
const STREAMED = new WeakMap<Request, Streamed>();

/**
 * Marks a request whose successful (2xx, not 204) body is handed to `consume` chunk by chunk
 * instead of being buffered: a large job result is then decoded as it arrives. Such a body has
 * no total time limit, only a stall limit (`stallMs` without a byte ends the attempt with a
 * RequestTimeoutError, retried like any timeout of a safe request); the per-attempt timeout
 * covers the wait for the response headers. `consume` runs once per attempt.
 */
export function streamBody(request: Request, consume: BodyConsumer, stallMs: number): Request {
  STREAMED.set(request, { consume, stallMs });
  return request;
}

/** The label errors use: method and path, never the query string or the body. */
export function operationOf(request: Request): string {
  let path = request.url;
  try {
    path = new URL(request.url).pathname;
  } catch {
    /* keep the raw url */
  }
  return `${request.method} ${path}`;
}

/** The request's host name (no credentials, path or query), for network error messages. */
function hostOf(request: Request): string {
  try {
    return new URL(request.url).host;
  } catch {
    return 'of the request';
  }
}

/** True when repeating the request cannot create a second job/session. */
export function isIdempotent(request: Request): boolean {
  const m = request.method.toUpperCase();
  if (['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'].includes(m)) return true;
  const path = new URL(request.url).pathname;
  // IBM Cloud Global Search's POST /v3/resources/search only reads (it lists instances).
  return m === 'POST' && (/\/cancel$/.test(path) || /\/identity\/token$/.test(path) || /\/v3\/resources\/search$/.test(path));
}

/** True for `POST /jobs` (job creation), which has its own timeout. */
function isJobCreation(request: Request): boolean {
  return request.method.toUpperCase() === 'POST' && /\/jobs\/?$/.test(new URL(request.url).pathname);
}

function errorCode(e: unknown): string | undefined {
  for (let c: unknown = e, i = 0; c && i < 5; c = (c as { cause?: unknown }).cause, i++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code; // system codes, not qbridge's
  }
  return undefined;
}

/** True when a failed request provably never reached the server (refused, unresolved host). */
export function wasNeverSent(e: unknown): boolean {
  return NOT_SENT_CODES.has(errorCode(e) ?? '');
}

/** Builds the retrying, error-mapping fetch. */
export function createTransport(opts: TransportOptions = {}): FetchFn {
  // Resolve globalThis.fetch per call: nock@14 patches it after modules are loaded.
  const doFetch: FetchFn = opts.fetch ?? ((req) => globalThis.fetch(req));
  const sleep = opts.sleep ?? abortableSleep;
  const now = opts.now ?? Date.now;
  const random = opts.random ?? Math.random;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) throw new ConfigurationError('maxResponseBytes must be a positive integer (bytes)', 'maxResponseBytes');
  const maxRetries = opts.maxRetries ?? DEFAULT_MAX_RETRIES;
  const base = opts.baseDelayMs ?? 500;
  const cap = opts.maxDelayMs ?? 30_000;
  const maxRetryAfter = opts.maxRetryAfterMs ?? 120_000;
  const submitTimeoutMs = opts.submitTimeoutMs ?? DEFAULT_SUBMIT_TIMEOUT_MS;
  const rateLimitBudget = opts.rateLimitBudgetMs ?? DEFAULT_RATE_LIMIT_BUDGET_MS;
  const backoff = (attempt: number): number => {
    const d = Math.min(cap, base * 2 ** attempt);
    return Math.round(d * (0.5 + 0.5 * random()));
  };

  return async function transport(original: Request): Promise<Response> {
    const signal = original.signal;
    const operation = operationOf(original);
    const idempotent = isIdempotent(original);
    let request = original;
    let reauthorized = false;
    const attemptTimeout = isJobCreation(original) ? submitTimeoutMs : timeoutMs;
    let rateLimitWaited = 0;
    let rateLimitWaits = 0;
    for (let attempt = 0; ; attempt++) {
      if (signal.aborted) throw new AbortedError(undefined, { cause: signal.reason });
      const canRetry = attempt < maxRetries;
      let response: Response;
      try {
        response = await attemptOnce(doFetch, request.clone(), signal, attemptTimeout, maxBytes, operation, STREAMED.get(original));
      } catch (e) {
        // An oversized body is the server's answer, not a transient failure: never repeated.
        if (e instanceof AbortedError || e instanceof InvalidResponseError) throw e;
        const notSent = NOT_SENT_CODES.has(errorCode(e) ?? '');
        if (canRetry && (idempotent || notSent)) {
          const delayMs = backoff(attempt);
          opts.onRetry?.({ attempt, delayMs, reason: (e as Error).name, operation });
          await sleep(delayMs, signal);
          continue;
        }
        throw e;
      }
      if (response.status === 401 && opts.reauthorize && !reauthorized) {
        reauthorized = true;
        const fresh = await opts.reauthorize(request, signal);
        if (fresh) {
          await discard(response);
          request = fresh;
          attempt--; // a re-authorisation is not a retry of a transient failure
          continue;
        }
      }
      if (response.ok || (response.status >= 300 && response.status < 400)) return response;
      if (response.status === 429 && rateLimitWaits < MAX_RATE_LIMIT_WAITS) {
        // Waited out within the budget, without using up a retry: the server did nothing.
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
        const delayMs = retryAfterMs ?? backoff(Math.min(rateLimitWaits, 6));
        if (delayMs <= maxRetryAfter && rateLimitWaited + delayMs <= rateLimitBudget) {
          rateLimitWaited += delayMs;
          rateLimitWaits++;
          await discard(response);
          opts.onRetry?.({ attempt, delayMs, reason: 'HTTP 429', operation });
          await sleep(delayMs, signal);
          attempt--;
          continue;
        }
      }
      // A 429 past the budget above surfaces as RateLimitError.
      if (RETRY_STATUSES.has(response.status) && response.status !== 429 && canRetry && idempotent) {
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
        if (retryAfterMs === undefined || retryAfterMs <= maxRetryAfter) {
          const delayMs = retryAfterMs ?? backoff(attempt);
          await discard(response);
          opts.onRetry?.({ attempt, delayMs, reason: `HTTP ${response.status}`, operation });
          await sleep(delayMs, signal);
          continue;
        }
      }
      return failure(response, operation, now);
    }
  };
}

/** One attempt with its own timeout; maps network failures to Connection/RequestTimeout/Aborted. */
async function attemptOnce(
  doFetch: FetchFn,
  request: Request,
  callerSignal: AbortSignal,
  timeoutMs: number,
  maxBytes: number,
  operation: string,
  streamed?: Streamed,
): Promise<Response> {
  const ctrl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctrl.abort();
  }, timeoutMs);
  const onAbort = (): void => ctrl.abort(callerSignal.reason);
  callerSignal.addEventListener('abort', onAbort, { once: true });
  let phase = 'failed';
  try {
    const response = await doFetch(new Request(request, { signal: ctrl.signal }));
    // Read the whole body inside the attempt: the timeout then covers a body that stalls
    // half-way, and a connection cut mid-body is a ConnectionError here (retryable for safe
    // requests) instead of an untyped "terminated" TypeError later in openapi-fetch.
    phase = 'response body was cut off';
    if (streamed && response.ok && response.status !== 204 && response.body) {
      clearTimeout(timer);
      await streamed.consume(stallGuarded(response.body, streamed.stallMs, operation, ctrl));
      return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
    }
    const body = NULL_BODY.has(response.status) ? null : await readLimited(response, maxBytes, operation, ctrl);
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  } catch (e) {
    if (e instanceof QbridgeError) throw e;
    if (callerSignal.aborted) throw new AbortedError(undefined, { cause: callerSignal.reason });
    if (timedOut) throw new RequestTimeoutError(`${operation} timed out after ${timeoutMs} ms`);
    const code = errorCode(e);
    // A name that does not resolve is the likeliest offline/typo failure: say which host.
    const dns = code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? ` (the host name ${hostOf(request)} does not resolve: offline, or a wrong URL)` : '';
    throw new ConnectionError(`${operation} ${phase}: ${code ?? 'network error'}${dns}`, { cause: scrubCause(e) });
  } finally {
    clearTimeout(timer);
    callerSignal.removeEventListener('abort', onAbort);
  }
}

/** A byte count for messages: `134217728 bytes (128 MiB)`. */
function describeBytes(n: number): string {
  const mib = n / (1024 * 1024);
  return mib >= 1 ? `${n} bytes (${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB)` : `${n} bytes`;
}

/**
 * Reads a body as a stream, keeping at most `maxBytes`: past the limit the stream is cancelled
 * and the connection aborted, so a hostile or broken server cannot make the client buffer
 * gigabytes before the JSON validators ever see them.
 * @throws {InvalidResponseError} naming the operation and the limit
 */
async function readLimited(response: Response, maxBytes: number, operation: string, ctrl: AbortController): Promise<Uint8Array> {
  const tooLarge = (): InvalidResponseError =>
    new InvalidResponseError(`${operation} response body exceeds the limit of ${describeBytes(maxBytes)} (maxResponseBytes); the response was discarded`);
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await discard(response);
    ctrl.abort();
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  // Not every fetch errors the body stream when its signal aborts (an injected fetch, a mocking
  // layer): each read also races the abort, so the attempt's timeout always ends a stalled body.
  const aborted = new Promise<never>((_, reject) => {
    const fail = (): void => reject(new Error('aborted'));
    if (ctrl.signal.aborted) fail();
    else ctrl.signal.addEventListener('abort', fail, { once: true });
  });
  aborted.catch(() => undefined);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let next: Awaited<ReturnType<typeof reader.read>>;
    try {
      next = await Promise.race([reader.read(), aborted]);
    } catch (e) {
      void reader.cancel().catch(() => undefined);
      throw e;
    }
    const { done, value } = next;
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      chunks.length = 0;
      await reader.cancel().catch(() => undefined);
      ctrl.abort();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * The chunks of a body, each read bounded by `stallMs`: a body that stops sending is ended
 * (connection aborted) however long the whole transfer is allowed to take.
 */
async function* stallGuarded(body: ReadableStream<Uint8Array>, stallMs: number, operation: string, ctrl: AbortController): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let finished = false;
  const aborted = new Promise<never>((_, reject) => {
    if (ctrl.signal.aborted) reject(new Error('aborted'));
    else ctrl.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
  });
  aborted.catch(() => undefined);
  try {
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      const stalled = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new RequestTimeoutError(`${operation} stalled: no data for ${stallMs} ms`)), stallMs);
      });
      let next: Awaited<ReturnType<typeof reader.read>>;
      try {
        next = await Promise.race([reader.read(), stalled, aborted]);
      } catch (e) {
        if (e instanceof RequestTimeoutError) ctrl.abort();
        throw e;
      } finally {
        clearTimeout(timer);
      }
      if (next.done) {
        finished = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!finished) {
      void reader.cancel().catch(() => undefined);
      ctrl.abort();
    }
  }
}

/** Keeps only the harmless parts of a network error (undici errors may carry request objects). */
function scrubCause(e: unknown): Error {
  const code = errorCode(e);
  const out = new Error(code ? `network error ${code}` : 'network error');
  if (code) (out as Error & { code?: string }).code = code;
  return out;
}

async function discard(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    /* nothing to free */
  }
}

/** Reads the (possibly truncated) error body and throws the mapped error. */
async function failure(response: Response, operation: string, now: () => number): Promise<never> {
  let body: unknown;
  try {
    body = await response.text();
  } catch {
    body = undefined;
  }
  throw fromResponse({
    status: response.status,
    operation,
    body,
    retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), now()),
  });
}
