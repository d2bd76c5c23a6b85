import {
  AbortedError,
  ConfigurationError,
  ConnectionError,
  InvalidResponseError,
  RequestTimeoutError,
  ServerError,
} from '../../../../src/core/errors';
import { createTransport, DEFAULT_MAX_RESPONSE_BYTES, fromResponse, isIdempotent, redact } from '../../../../adapters/ibm-runtime';

/** A scripted fetch: each call returns (or throws) the next item; records requests. */
function scripted(items: Array<Response | Error | (() => Promise<Response>)>) {
  const seen: Request[] = [];
  const fetch = async (req: Request): Promise<Response> => {
    seen.push(req);
    const next = items.shift();
    if (!next) throw new Error('unexpected extra request');
    if (next instanceof Error) throw next;
    return typeof next === 'function' ? next() : next;
  };
  return { fetch, seen };
}
const netError = (code: string): Error => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });
const waits: number[] = [];
const base = { sleep: async (ms: number) => void waits.push(ms), random: () => 0.5, baseDelayMs: 100 };
beforeEach(() => (waits.length = 0));

const post = (path: string, body = '{"program_id":"sampler"}') =>
  new Request(`https://quantum.cloud.ibm.com/api/v1${path}`, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
const get = (path: string, signal?: AbortSignal) => new Request(`https://quantum.cloud.ibm.com/api/v1${path}`, { signal });

describe('transport', () => {
  it('looks up globalThis.fetch at call time, not at creation (nock@14 patches it later)', async () => {
    const transport = createTransport({ ...base });
    const original = globalThis.fetch;
    const calls: string[] = [];
    globalThis.fetch = (async (req: Request) => {
      calls.push(req.url);
      return new Response('{}', { status: 200 });
    }) as typeof fetch;
    try {
      await transport(get('/backends'));
    } finally {
      globalThis.fetch = original;
    }
    expect(calls).toEqual(['https://quantum.cloud.ibm.com/api/v1/backends']);
  });

  it('classifies idempotency: GET/PATCH/cancel/IAM yes, POST /jobs and /sessions no', () => {
    expect(isIdempotent(get('/jobs/x'))).toBe(true);
    expect(isIdempotent(post('/jobs/x/cancel'))).toBe(true);
    expect(isIdempotent(new Request('https://iam.cloud.ibm.com/identity/token', { method: 'POST', body: 'a=b' }))).toBe(true);
    expect(isIdempotent(post('/jobs'))).toBe(false);
    expect(isIdempotent(post('/sessions'))).toBe(false);
  });

  it('retries a reset connection on GET but not on POST /jobs (the job may exist)', async () => {
    const g = scripted([netError('ECONNRESET'), new Response('{}', { status: 200 })]);
    expect((await createTransport({ ...base, fetch: g.fetch })(get('/backends'))).status).toBe(200);
    const p = scripted([netError('ECONNRESET')]);
    await expect(createTransport({ ...base, fetch: p.fetch })(post('/jobs'))).rejects.toBeInstanceOf(ConnectionError);
    expect(p.seen).toHaveLength(1);
  });

  it('retries POST /jobs when the connection was refused (nothing was sent), resending the same body', async () => {
    const p = scripted([netError('ECONNREFUSED'), new Response('{"id":"j","backend":"b"}', { status: 200 })]);
    await createTransport({ ...base, fetch: p.fetch })(post('/jobs', '{"x":1}'));
    expect(p.seen).toHaveLength(2);
    expect(await p.seen[1]!.text()).toBe('{"x":1}');
  });

  it('honours an HTTP-date Retry-After using the injected clock', async () => {
    const now = Date.parse('2026-04-20T14:00:00Z');
    const p = scripted([
      new Response('{}', { status: 503, headers: { 'Retry-After': 'Mon, 20 Apr 2026 14:00:07 GMT' } }),
      new Response('{}', { status: 200 }),
    ]);
    await createTransport({ ...base, fetch: p.fetch, now: () => now })(get('/backends'));
    expect(waits).toEqual([7000]);
  });

  it('does not wait for a Retry-After beyond the cap: the error surfaces', async () => {
    const p = scripted([new Response('{}', { status: 429, headers: { 'Retry-After': '3600' } })]);
    await expect(createTransport({ ...base, fetch: p.fetch, maxRetryAfterMs: 60_000 })(get('/backends'))).rejects.toMatchObject({
      code: 'RATE_LIMIT',
      retryAfterMs: 3_600_000,
    });
  });

  it('caps exponential backoff and gives ServerError after the last retry', async () => {
    const p = scripted(Array.from({ length: 5 }, () => new Response('oops', { status: 500 })));
    await expect(createTransport({ ...base, fetch: p.fetch, maxDelayMs: 250, maxRetries: 4 })(get('/x'))).rejects.toBeInstanceOf(ServerError);
    expect(waits).toEqual([75, 150, 188, 188]);
  });

  it('times out one attempt with RequestTimeoutError', async () => {
    const hang = (): Promise<Response> => new Promise(() => undefined);
    const fetch = async (req: Request): Promise<Response> =>
      new Promise((_, reject) => req.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    void hang;
    await expect(createTransport({ ...base, fetch, timeoutMs: 20, maxRetries: 0 })(get('/x'))).rejects.toBeInstanceOf(RequestTimeoutError);
  });

  it('an abort during a backoff wait rejects with AbortedError at once', async () => {
    const ctrl = new AbortController();
    const p = scripted([new Response('{}', { status: 503 })]);
    const sleep = async (_ms: number, signal?: AbortSignal): Promise<void> => {
      ctrl.abort('stop');
      if (signal?.aborted) throw new AbortedError(undefined, { cause: signal.reason });
    };
    const e = await createTransport({ ...base, sleep, fetch: p.fetch })(get('/x', ctrl.signal)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AbortedError);
    expect((e as AbortedError).cause).toBe('stop');
  });
});

describe('transport: bodies', () => {
  /** A 200 response whose body stream breaks after a few bytes (connection cut mid-body). */
  const cutOff = (): Response =>
    new Response(
      new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode('{"devices":['));
          c.error(Object.assign(new TypeError('terminated'), { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }));
        },
      }),
      { status: 200 },
    );

  it('retries a GET whose body was cut off, and returns the complete body', async () => {
    const p = scripted([cutOff(), new Response('{"devices":[]}', { status: 200 })]);
    const res = await createTransport({ ...base, fetch: p.fetch })(get('/backends'));
    expect(await res.text()).toBe('{"devices":[]}');
  });

  it('a cut-off answer to POST /jobs is a ConnectionError, not retried', async () => {
    const p = scripted([cutOff()]);
    const e = await createTransport({ ...base, fetch: p.fetch })(post('/jobs')).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConnectionError);
    expect((e as Error).message).toMatch(/cut off/);
    expect(p.seen).toHaveLength(1);
  });

  it('the per-attempt timeout also covers a body that stalls half-way', async () => {
    const stalled = (req: Request): Promise<Response> =>
      Promise.resolve(
        new Response(
          new ReadableStream({
            start(c) {
              c.enqueue(new TextEncoder().encode('{"a":'));
              req.signal.addEventListener('abort', () => c.error(new DOMException('aborted', 'AbortError')));
            },
          }),
          { status: 200 },
        ),
      );
    await expect(createTransport({ ...base, fetch: stalled, timeoutMs: 20, maxRetries: 0 })(get('/x'))).rejects.toBeInstanceOf(RequestTimeoutError);
  });

  it('the timeout ends a stalled body even when the fetch does not error the stream on abort', async () => {
    let cancelled = false;
    const deaf = (): Promise<Response> =>
      Promise.resolve(
        new Response(
          new ReadableStream({
            start(c) {
              c.enqueue(new TextEncoder().encode('{"a":'));
            },
            cancel() {
              cancelled = true;
            },
          }),
          { status: 200 },
        ),
      );
    await expect(createTransport({ ...base, fetch: deaf, timeoutMs: 20, maxRetries: 0 })(get('/x'))).rejects.toBeInstanceOf(RequestTimeoutError);
    expect(cancelled).toBe(true);
  });

  it('an HTML error page becomes a one-line message (its title)', async () => {
    const html = '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><h1>502</h1>\n</body></html>';
    const p = scripted([new Response(html, { status: 502 })]);
    const e = await createTransport({ ...base, fetch: p.fetch, maxRetries: 0 })(get('/x')).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ServerError);
    expect((e as Error).message).toBe('GET /api/v1/x failed with HTTP 502: 502 Bad Gateway');
  });
});

describe('transport: response size limit', () => {
  /** A 200 body of `chunks` × `size` bytes, streamed without Content-Length; counts the chunks pulled. */
  const endless = (chunks: number, size = 1024): { response: Response; pulled: () => number; cancelled: () => boolean } => {
    let pulled = 0;
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (pulled === chunks) return c.close();
        pulled++;
        c.enqueue(new Uint8Array(size).fill(0x20));
      },
      cancel() {
        cancelled = true;
      },
    }, { highWaterMark: 0 });
    return { response: new Response(stream, { status: 200 }), pulled: () => pulled, cancelled: () => cancelled };
  };

  it('defaults to 128 MiB', () => {
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(128 * 1024 * 1024);
  });

  it('stops reading a streamed body just past the limit: InvalidResponseError naming the limit, not retried', async () => {
    const body = endless(1_000_000); // would be ~1 GB if read in full
    const p = scripted([body.response]);
    const e = await createTransport({ ...base, fetch: p.fetch, maxResponseBytes: 10 * 1024 })(get('/jobs/abc')).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InvalidResponseError);
    expect((e as Error).message).toBe(
      'GET /api/v1/jobs/abc response body exceeds the limit of 10240 bytes (maxResponseBytes); the response was discarded',
    );
    expect(body.pulled()).toBeLessThanOrEqual(12); // 11 chunks pass the limit; at most one more was buffered
    expect(body.cancelled()).toBe(true);
    expect(p.seen).toHaveLength(1); // the same server would answer the same way: no retry
    expect(waits).toEqual([]);
  });

  it('applies the 128 MiB default when no limit is given', async () => {
    const mib = new Uint8Array(1024 * 1024).fill(0x20); // the same chunk again and again: little memory
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent === 200) return c.close(); // 200 MiB on offer
        sent++;
        c.enqueue(mib);
      },
    }, { highWaterMark: 0 });
    const p = scripted([new Response(stream, { status: 200 })]);
    const e = await createTransport({ ...base, fetch: p.fetch })(get('/jobs/abc/results')).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InvalidResponseError);
    expect((e as Error).message).toMatch(/limit of 134217728 bytes \(128 MiB\)/);
    expect(sent).toBeLessThanOrEqual(130);
  });

  it('refuses a declared Content-Length above the limit before reading the body, and names MiB', async () => {
    const body = endless(10);
    const res = new Response(body.response.body, { status: 200, headers: { 'Content-Length': String(3 * 1024 * 1024) } });
    const p = scripted([res]);
    const e = await createTransport({ ...base, fetch: p.fetch, maxResponseBytes: 2 * 1024 * 1024 })(get('/jobs/abc/results')).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InvalidResponseError);
    expect((e as Error).message).toMatch(/limit of 2097152 bytes \(2 MiB\)/);
    expect(body.pulled()).toBe(0);
  });

  it('a body of exactly the limit is returned whole; error bodies are bounded too', async () => {
    const ok = scripted([new Response('x'.repeat(100), { status: 200 })]);
    expect(await (await createTransport({ ...base, fetch: ok.fetch, maxResponseBytes: 100 })(get('/x'))).text()).toBe('x'.repeat(100));
    const err = scripted([new Response('y'.repeat(101), { status: 400 })]);
    await expect(createTransport({ ...base, fetch: err.fetch, maxResponseBytes: 100 })(get('/x'))).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it('rejects a limit that is not a positive integer', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => createTransport({ ...base, maxResponseBytes: bad })).toThrow(ConfigurationError);
    }
  });
});

describe('error factory', () => {
  it.each([
    [401, 'AUTHENTICATION'], [403, 'PERMISSION_DENIED'], [404, 'NOT_FOUND'], [409, 'CONFLICT'], [429, 'RATE_LIMIT'],
    [500, 'SERVER'], [503, 'SERVER'], [400, 'API_ERROR'],
  ])('maps HTTP %i to %s', (status, code) => {
    expect(fromResponse({ status, operation: 'GET /x', body: '' }).code).toBe(code);
  });

  it('keeps IBM code, message and solution (1517), and the trace as requestId', () => {
    const e = fromResponse({
      status: 400,
      operation: 'POST /jobs',
      body: { errors: [{ code: '1517', message: 'The instruction h on qubits (0,) is not supported by the target system.', solution: 'Transpile your circuits.' }], trace: 't-1' },
    });
    expect(e).toMatchObject({ ibmCode: 1517, solution: 'Transpile your circuits.', requestId: 't-1', status: 400 });
    expect(e.message).toBe('POST /jobs failed with HTTP 400, IBM code 1517: The instruction h on qubits (0,) is not supported by the target system. (solution: Transpile your circuits.)');
  });

  it('redacts CRNs, bearer tokens, JWTs and API keys echoed by a server', () => {
    const text = redact('Instance crn:v1:bluemix:public:quantum-computing:us-east:a/1:2:: not found; Bearer abc.def; eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.sig; apikey=fake-api-key-000');
    expect(text).not.toMatch(/crn:v1:bluemix|abc\.def|eyJhbGci|fake-api-key-000/);
    const e = fromResponse({ status: 404, operation: 'GET /backends', body: { errors: [{ code: 1279, message: 'Instance crn:v1:bluemix:public:quantum-computing:eu-de:a/0:1:: not found' }] } });
    expect(e.message).toContain('crn:<redacted>');
  });
});

describe('point 4: job creation timeout and 429 budget', () => {
  const slow = (ms: number) => () => new Promise<Response>((r) => setTimeout(() => r(new Response('{"id":"d1"}', { status: 200 })), ms));

  it('point 4: POST /jobs has its own per-attempt timeout (default 900 s); timeoutMs bounds the other requests', async () => {
    const p = scripted([slow(120), slow(120)]);
    const transport = createTransport({ ...base, fetch: p.fetch, timeoutMs: 40, maxRetries: 0 });
    expect((await transport(post('/jobs'))).status).toBe(200);
    await expect(transport(get('/jobs/d1'))).rejects.toBeInstanceOf(RequestTimeoutError);
    const short = createTransport({ ...base, fetch: scripted([slow(120)]).fetch, submitTimeoutMs: 40, maxRetries: 0 });
    await expect(short(post('/jobs'))).rejects.toThrow(/POST \/api\/v1\/jobs timed out after 40 ms/);
  });

  it('point 4: 429s are waited out by Retry-After without using up maxRetries, until the wait budget is spent', async () => {
    const r429 = () => new Response('{}', { status: 429, headers: { 'Retry-After': '20' } });
    const ok = scripted([r429(), r429(), r429(), new Response('{"id":"d1"}', { status: 200 })]);
    const transport = createTransport({ ...base, fetch: ok.fetch, maxRetries: 0 });
    expect((await transport(post('/jobs'))).status).toBe(200);
    expect(waits).toEqual([20_000, 20_000, 20_000]);
    waits.length = 0;
    const spent = createTransport({ ...base, fetch: scripted([r429(), r429(), r429()]).fetch, maxRetries: 0, rateLimitBudgetMs: 40_000 });
    await expect(spent(post('/jobs'))).rejects.toMatchObject({ code: 'RATE_LIMIT', retryAfterMs: 20_000 });
    expect(waits).toEqual([20_000, 20_000]);
  });
});
