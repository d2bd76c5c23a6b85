/**
 * Programmable faults: a FIFO queue per route. Each request takes the next fault queued for its
 * route (or for `'*'`), if any. "Pre" faults replace the handler (nothing is committed); "post"
 * faults run the handler first (a job IS created) and then spoil the response, which is how an
 * ambiguous submission looks to a client.
 */
import type { LargeResultSpec } from './large-result';
import type { ServerResponse } from 'node:http';
import { errorBody, HTML_ERROR_PAGE } from './fixtures';

/** Route keys, as `METHOD /pattern` relative to `/api/v1` (IAM: `POST /identity/token`). */
export type RouteKey =
  | 'POST /identity/token'
  | 'GET /versions'
  | 'GET /backends'
  | 'GET /backends/:name/configuration'
  | 'GET /backends/:name/properties'
  | 'GET /backends/:name/status'
  | 'POST /jobs'
  | 'GET /jobs'
  | 'GET /instances/usage'
  | 'GET /jobs/:id'
  | 'GET /jobs/:id/results'
  | 'GET /jobs/:id/metrics'
  | 'POST /jobs/:id/cancel'
  | 'DELETE /jobs/:id'
  | 'POST /sessions'
  | 'GET /sessions/:id'
  | 'PATCH /sessions/:id'
  | 'DELETE /sessions/:id/close'
  | 'POST /v3/resources/search'
  | 'GET /globalcatalog/:id'
  | '*';

/** One injected misbehaviour. */
export type Fault =
  /** Any status with an IBM error body (or the given body); with `after`, the request is handled (a job IS created) first. */
  | { kind: 'status'; status: number; body?: string; contentType?: string; headers?: Record<string, string>; after?: boolean }
  /** 429 with `Retry-After` (seconds, or `null` for none) and an IBM error body. */
  | { kind: 'rateLimit'; retryAfter?: string | null }
  /** `socket.destroy()`; with `after`, the request is handled (committed) first. */
  | { kind: 'reset'; after?: boolean }
  /** Waits `delayMs` before answering; with `after`, the request is handled before the wait. */
  | { kind: 'slow'; delayMs: number; after?: boolean }
  /** Never answers (until the client gives up or the server closes); with `after`, the request is handled first. */
  | { kind: 'hang'; after?: boolean }
  /** The real body, cut after half its bytes although Content-Length promises all of it. */
  | { kind: 'truncated' }
  /** Headers and half the real body, then silence (the socket stays open): a body-read stall. */
  | { kind: 'stallBody' }
  /** 200 with a Content-Type of JSON and a body that is not JSON. */
  | { kind: 'invalidJson'; body?: string }
  /** An HTML error page (load balancer style), default status 502. */
  | { kind: 'html'; status?: number }
  /** 200 with a valid JSON object of about `bytes` bytes (streamed). */
  | { kind: 'huge'; bytes: number }
  /** 200 with `depth` nested arrays (or objects). */
  | { kind: 'nested'; depth: number; objects?: boolean }
  /** The real body with every top-level field's type changed (strings↔numbers, objects→arrays). */
  | { kind: 'wrongTypes' }
  /** The real body with unexpected fields added at every object level (incl. `__proto__`). */
  | { kind: 'extraFields' }
  /** Revokes all tokens, then answers normally (the auth check then fails with 401). */
  | { kind: 'expireToken' }
  /** An empty body with this status (default 200). */
  | { kind: 'empty'; status?: number }
  /** A redirect (default 307) to `location`: a client must not carry credentials elsewhere. */
  | { kind: 'redirect'; location: string; status?: number }
  /** An error whose message quotes the request's Authorization header (a leaky proxy). */
  | { kind: 'echoAuth'; status?: number }
  /** 200 with a generated Qiskit-encoded Sampler result streamed as it is made (large-result.ts). */
  | ({ kind: 'largeResult' } & LargeResultSpec);

/** The fault kinds whose effect happens after the handler ran. */
export function isPostFault(f: Fault): boolean {
  return (
    f.kind === 'truncated' ||
    f.kind === 'stallBody' ||
    f.kind === 'wrongTypes' ||
    f.kind === 'extraFields' ||
    ((f.kind === 'reset' || f.kind === 'slow' || f.kind === 'status' || f.kind === 'hang') && f.after === true)
  );
}

/** Per-route FIFO of faults. */
export class FaultQueue {
  private readonly queues = new Map<string, Fault[]>();

  /** Queues `fault` for the next `times` requests to `route`. */
  push(route: RouteKey, fault: Fault, times = 1): void {
    const q = this.queues.get(route) ?? [];
    for (let i = 0; i < times; i++) q.push(fault);
    this.queues.set(route, q);
  }

  /** Takes the next fault for `route` (route-specific first, then `'*'`). */
  take(route: string): Fault | undefined {
    for (const key of [route, '*']) {
      const q = this.queues.get(key);
      if (q?.length) return q.shift();
    }
    return undefined;
  }

  /** Faults still queued (a test can assert they were all used). */
  pending(): number {
    let n = 0;
    for (const q of this.queues.values()) n += q.length;
    return n;
  }

  clear(): void {
    this.queues.clear();
  }
}

/** A response as data, so post faults can rewrite it. */
export interface Reply {
  status: number;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/** Writes a reply. */
export function send(res: ServerResponse, r: Reply): void {
  const headers: Record<string, string | number> = { ...(r.headers ?? {}) };
  if (r.body !== undefined) {
    headers['Content-Type'] = r.contentType ?? 'application/json';
    headers['Content-Length'] = Buffer.byteLength(r.body);
  }
  res.writeHead(r.status, headers);
  res.end(r.body);
}

/** Streams a huge JSON object in chunks, stopping when the client goes away. */
export function sendHuge(res: ServerResponse, bytes: number): void {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  const chunk = 'x'.repeat(64 * 1024);
  let sent = 0;
  res.write('{"id":"d0000000000000000000","padding":"');
  const pump = (): void => {
    while (sent < bytes && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end('"}');
  };
  res.on('close', () => res.removeAllListeners('drain'));
  pump();
}

/** The replies of the "pre" faults that are plain bodies. */
export function preFaultReply(f: Fault): Reply | undefined {
  switch (f.kind) {
    case 'status':
      return {
        status: f.status,
        body: f.body ?? errorBody(f.status >= 500 ? 1000 + (f.status % 100) : 1002, `Injected HTTP ${f.status}`),
        contentType: f.contentType,
        headers: f.headers,
      };
    case 'rateLimit':
      return {
        status: 429,
        body: errorBody(1298, 'Too many requests. The job creation rate limit was exceeded.', 'Wait and retry the request.'),
        headers: f.retryAfter === null ? {} : { 'Retry-After': f.retryAfter ?? '1' },
      };
    case 'invalidJson':
      return { status: 200, body: f.body ?? '{"id": "d6147q3traac73bef6f0", "state": {"status": "Compl' + '<<garbage>>' };
    case 'html':
      return { status: f.status ?? 502, body: HTML_ERROR_PAGE(f.status ?? 502), contentType: 'text/html' };
    case 'nested': {
      const [o, c] = f.objects ? ['{"a":', '}'] : ['[', ']'];
      return { status: 200, body: o.repeat(f.depth) + (f.objects ? '1' : '') + c.repeat(f.depth) };
    }
    case 'empty':
      return { status: f.status ?? 200, body: '' };
    case 'redirect':
      return { status: f.status ?? 307, body: '', headers: { Location: f.location } };
    default:
      return undefined;
  }
}

function swapType(v: unknown): unknown {
  if (typeof v === 'string') return v.length * 7 + 0.5;
  if (typeof v === 'number') return String(v) + 'x';
  if (typeof v === 'boolean') return v ? 'yes' : 0;
  if (Array.isArray(v)) return { length: v.length, items: 'not-an-array' };
  if (v && typeof v === 'object') return ['not', 'an', 'object'];
  return { was: 'null' };
}

/** Rewrites a JSON body per a post fault. */
export function rewriteBody(body: string, f: Fault): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  if (f.kind === 'wrongTypes') {
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(parsed)) out[k] = swapType(v);
      return JSON.stringify(out);
    }
    return JSON.stringify(swapType(parsed));
  }
  if (f.kind === 'extraFields') {
    const add = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(add);
      if (v && typeof v === 'object') {
        const o: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v)) o[k] = add(x);
        o.unexpected_field_zz = { nested: [1, 'two', null], flag: true };
        o.x_vendor_extension = 'ignored';
        return o;
      }
      return v;
    };
    // `__proto__` as a JSON key becomes an own property under JSON.parse: a client that
    // merges objects naively would pollute Object.prototype.
    const text = JSON.stringify(add(parsed));
    return text.startsWith('{') ? `{"__proto__":{"polluted_by_test_server":true},${text.slice(1)}` : text;
  }
  return body;
}
