import {
  ApiError,
  AuthenticationError,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  type ApiErrorDetails,
} from '../../src/core/errors';

/**
 * The ONE place where HTTP failures become typed errors (the classes of src/core/errors.ts). Every caller —
 * transport retries, the IAM exchange, the openapi-fetch `{error}` branch — goes through
 * {@link fromResponse}, so status → class mapping and redaction live in one function.
 */

/** What the factory needs to know about a failed response. */
export interface FailedResponse {
  status: number;
  /** e.g. `GET /jobs/{id}`: the method and the path template, never a query string or body. */
  operation: string;
  /** The response body: parsed JSON, raw text, or undefined. */
  body: unknown;
  /** `Retry-After` already converted to milliseconds, when the header was present. */
  retryAfterMs?: number;
}

/** IBM's error body: `{"errors":[{code,message,solution,more_info}],"trace":"..."}`. */
interface IbmErrorItem {
  code?: number | string;
  message?: string;
  solution?: string;
}

/**
 * Removes anything secret-looking from server-supplied text before it enters a message:
 * instance CRNs (IBM's 1279 error echoes them), bearer tokens, JWTs and `apikey=` pairs.
 */
export function redact(text: string): string {
  return text
    .replace(/crn:v1:[^\s"',;)]*/gi, 'crn:<redacted>')
    .replace(/\b(Bearer|apikey)\s+[^\s"',;]+/gi, '$1 <redacted>')
    .replace(/\beyJ[A-Za-z0-9_-]{8,}(\.[A-Za-z0-9_-]*){0,2}/g, '<redacted-jwt>')
    .replace(/(apikey=)[^&\s"']+/gi, '$1<redacted>');
}

/** Pulls IBM's first error item, the legacy `{error:{...}}` form, or IAM's `{errorCode,errorMessage}`. */
export function parseErrorBody(body: unknown): { item?: IbmErrorItem; trace?: string; text?: string } {
  if (typeof body === 'string') {
    const trimmed = body.trim();
    if (!trimmed) return {};
    try {
      return parseErrorBody(JSON.parse(trimmed));
    } catch {
      return { text: oneLine(trimmed) };
    }
  }
  if (!body || typeof body !== 'object') return {};
  const b = body as Record<string, unknown>;
  const trace = typeof b.trace === 'string' ? b.trace : undefined;
  const pick = (o: unknown): IbmErrorItem | undefined => {
    if (!o || typeof o !== 'object') return undefined;
    const r = o as Record<string, unknown>;
    const code = typeof r.code === 'number' || typeof r.code === 'string' ? r.code : undefined;
    const message = typeof r.message === 'string' ? r.message : undefined;
    const solution = typeof r.solution === 'string' ? r.solution : undefined;
    return code !== undefined || message ? { code, message, solution } : undefined;
  };
  if (Array.isArray(b.errors) && b.errors.length) return { item: pick(b.errors[0]), trace };
  if (b.error) return { item: pick(b.error), trace };
  if (typeof b.errorCode === 'string' || typeof b.errorMessage === 'string') {
    return { item: { code: b.errorCode as string | undefined, message: b.errorMessage as string | undefined }, trace };
  }
  if (typeof b.message === 'string') return { item: { message: b.message }, trace };
  return { trace };
}

/**
 * A non-JSON body (an HTML error page from a proxy, a stack trace) as one short line: the page
 * `<title>` when there is one, tags stripped, whitespace collapsed, at most 200 characters.
 */
function oneLine(text: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  const plain = (title ?? text.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
  return plain.length > 200 ? `${plain.slice(0, 200)}…` : plain;
}

/** Numeric IBM codes arrive as numbers or numeric strings; keep numbers as numbers. */
function normaliseCode(code: number | string | undefined): number | string | undefined {
  if (typeof code === 'string' && /^\d+$/.test(code)) return Number(code);
  return code;
}

/**
 * Maps a failed HTTP response to the typed error tree:
 * 401 → AuthenticationError, 403 → PermissionDeniedError, 404 → NotFoundError,
 * 409 → ConflictError, 429 → RateLimitError (retryAfterMs), 5xx → ServerError, other → ApiError.
 * The message names the operation, the status and IBM's code, message and solution; it never
 * contains request bodies, tokens, API keys or CRNs.
 */
export function fromResponse(r: FailedResponse, options?: { cause?: unknown }): ApiError {
  const { item, trace, text } = parseErrorBody(r.body);
  const ibmCode = normaliseCode(item?.code);
  const serverMessage = item?.message !== undefined ? oneLine(item.message) : text;
  const parts = [`${r.operation} failed with HTTP ${r.status}`];
  if (ibmCode !== undefined) parts.push(`IBM code ${ibmCode}`);
  let message = parts.join(', ');
  if (serverMessage) message += `: ${serverMessage}`;
  if (item?.solution) message += ` (solution: ${oneLine(item.solution)})`;
  if (r.status === 503) message += ' — the service may be under maintenance; see the IBM Quantum status page';
  if (r.status === 429 && r.retryAfterMs !== undefined) message += ` (retry after ${Math.ceil(r.retryAfterMs / 1000)} s)`;
  message = redact(message);
  const details: ApiErrorDetails = {
    status: r.status,
    requestId: trace,
    ibmCode,
    solution: item?.solution ? redact(item.solution) : undefined,
    retryAfterMs: r.retryAfterMs,
  };
  const s = r.status;
  if (s === 401) return new AuthenticationError(message, details, options);
  if (s === 403) return new PermissionDeniedError(message, details, options);
  if (s === 404) return new NotFoundError(message, details, options);
  if (s === 409) return new ConflictError(message, details, options);
  if (s === 429) return new RateLimitError(message, details, options);
  if (s >= 500) return new ServerError(message, { ...details, retryable: true }, options);
  return new ApiError(message, details, options);
}

/**
 * Parses `Retry-After` (delta-seconds or an HTTP date) into milliseconds from `now`.
 * Returns undefined for a missing or unparsable header.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}
