/**
 * The test server itself: it must behave like IBM Runtime (auth, headers, job life cycle,
 * result format, errors) before it can judge a client. Raw fetch on loopback.
 */
import * as zlib from 'node:zlib';
import { api, BELL_ISA_QASM, countsOf, iamToken, pollJob } from '../../support/raw-client';
import { FAKE_CRN, routeKeyOf, startRuntimeServer, TEST_BACKEND, type RuntimeServer } from '../../support/runtime-server';

jest.setTimeout(20_000);

let server: RuntimeServer;
let token: string;
beforeEach(async () => {
  server = await startRuntimeServer();
  token = await iamToken(server);
});
afterEach(async () => {
  await server.close();
});

const sampler = (qasm: string, values: unknown = null, shots = 8, extra: Record<string, unknown> = {}): unknown => ({
  program_id: 'sampler',
  backend: TEST_BACKEND,
  params: { pubs: [[qasm, values, shots]], version: 2, ...extra },
});

async function submit(body: unknown): Promise<string> {
  const res = await api(server, 'POST', '/jobs', { token, body });
  expect(res.status).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

describe('IAM and headers', () => {
  it('issues a decodable JWT for the right key and 400 BXNIM0415E for a wrong one', async () => {
    const [, payload] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { iat: number; exp: number };
    expect(claims.exp - claims.iat).toBe(3600);
    await expect(iamToken(server, 'fake-wrong-key')).rejects.toThrow('400');
    const res = await fetch(`${server.iamUrl}/identity/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=urn%3Aibm%3Aparams%3Aoauth%3Agrant-type%3Aapikey&apikey=nope',
    });
    expect(((await res.json()) as { errorCode: string }).errorCode).toBe('BXNIM0415E');
  });

  it('answers 401 with the IBM invalid-credentials body without a valid bearer token, and after expiry', async () => {
    for (const t of [undefined, 'not-a-token']) {
      const res = await api(server, 'GET', '/backends', { token: t });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { errors: { code: number }[] }).errors[0]!.code).toBe(1201);
    }
    expect((await api(server, 'GET', '/backends', { token })).status).toBe(200);
    server.expireTokens();
    expect((await api(server, 'GET', '/backends', { token })).status).toBe(401);
  });

  it('expires tokens after their real lifetime', async () => {
    const short = await startRuntimeServer({ tokenTtlMs: 150 });
    try {
      const t = await iamToken(short);
      expect((await api(short, 'GET', '/backends', { token: t })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 250));
      expect((await api(short, 'GET', '/backends', { token: t })).status).toBe(401);
    } finally {
      await short.close();
    }
  });

  it('requires Service-CRN (the right one) and IBM-API-Version', async () => {
    expect((await api(server, 'GET', '/backends', { token, headers: { 'Service-CRN': null } })).status).toBe(400);
    expect((await api(server, 'GET', '/backends', { token, headers: { 'Service-CRN': FAKE_CRN.replace('us-east', 'eu-de') } })).status).toBe(404);
    expect((await api(server, 'GET', '/backends', { token, headers: { 'IBM-API-Version': null } })).status).toBe(400);
  });

  it('records requests without Authorization values or the API key', async () => {
    await api(server, 'GET', '/backends', { token });
    const text = JSON.stringify(server.requests);
    expect(text).not.toContain(token);
    expect(text).not.toContain('fake-api-key-000');
    expect(server.requests.find((r) => r.route === 'GET /backends')!.headers.authorization).toBe('Bearer <redacted>');
    expect(server.count('POST /identity/token')).toBe(1);
  });
});

describe('backends', () => {
  it('lists devices and serves configuration, properties and status', async () => {
    const list = (await (await api(server, 'GET', '/backends', { token })).json()) as { devices: { name: string; status: { name: string } }[] };
    expect(list.devices.map((d) => [d.name, d.status.name])).toEqual([[TEST_BACKEND, 'online'], ['ibm_paused5q', 'paused']]);
    const conf = (await (await api(server, 'GET', `/backends/${TEST_BACKEND}/configuration`, { token })).json()) as Record<string, unknown>;
    expect(conf).toMatchObject({ backend_name: TEST_BACKEND, n_qubits: 5 });
    const props = (await (await api(server, 'GET', `/backends/${TEST_BACKEND}/properties`, { token })).json()) as { qubits: unknown[] };
    expect(props.qubits).toHaveLength(5);
    const status = (await (await api(server, 'GET', `/backends/${TEST_BACKEND}/status`, { token })).json()) as Record<string, unknown>;
    expect(status).toMatchObject({ state: true, status: 'active' });
    expect((await api(server, 'GET', '/backends/ibm_nowhere/status', { token })).status).toBe(404);
  });
});

describe('jobs', () => {
  it('runs the ISA Bell pair: Queued → Running → Completed, plain JSON samples of 00 and 11', async () => {
    const id = await submit(sampler(BELL_ISA_QASM, null, 2000));
    expect(id).toMatch(/^[a-z0-9]{20}$/);
    const states: string[] = [];
    for (let i = 0; i < 3; i++) {
      const body = (await (await api(server, 'GET', `/jobs/${id}`, { token })).json()) as { state: { status: string } };
      states.push(body.state.status);
    }
    expect(states).toEqual(['Queued', 'Running', 'Completed']);
    const res = (await (await api(server, 'GET', `/jobs/${id}/results`, { token })).json()) as {
      results: { data: { meas: { samples: string[]; num_bits: number } } }[];
    };
    const { samples, num_bits } = res.results[0]!.data.meas;
    expect(num_bits).toBe(2);
    const counts = countsOf(samples, 2);
    expect(Object.keys(counts).sort()).toEqual(['00', '11']);
    // Binomial(2000, 1/2): 6 sigma is about 134.
    expect(Math.abs(counts['00']! - 1000)).toBeLessThan(134);
  });

  it('can execute through the library importer (parseQasm) as well as its own ISA reader', async () => {
    const lib = await startRuntimeServer({ parser: 'library' });
    try {
      const t = await iamToken(lib);
      const res = await api(lib, 'POST', '/jobs', { token: t, body: sampler(BELL_ISA_QASM, null, 64) });
      const { id } = (await res.json()) as { id: string };
      await pollJob(lib, t, id);
      const out = (await (await api(lib, 'GET', `/jobs/${id}/results`, { token: t })).json()) as {
        results: { data: { meas: { samples: string[] } } }[];
      };
      expect(Object.keys(countsOf(out.results[0]!.data.meas.samples, 2)).sort()).toEqual(['00', '11']);
    } finally {
      await lib.close();
    }
  });

  it('compresses physical qubits and binds input parameters (rx(theta) $4 with theta=pi → 1)', async () => {
    const qasm = 'OPENQASM 3.0;\ninput float[64] theta;\nbit[2] c;\nrx(theta) $4;\nc[1] = measure $4;\nc[0] = measure $2;\n';
    const id = await submit(sampler(qasm, { theta: Math.PI }, 16));
    await pollJob(server, token, id);
    const res = (await (await api(server, 'GET', `/jobs/${id}/results`, { token })).json()) as {
      results: { data: { c: { samples: string[] } } }[];
    };
    expect(new Set(res.results[0]!.data.c.samples)).toEqual(new Set(['0x2']));
  });

  it('fails a non-ISA circuit with code 1517, and a planned failure with its code', async () => {
    const id = await submit(sampler('OPENQASM 3.0;\nbit[1] c;\nh $0;\nc[0] = measure $0;\n'));
    const failed = (await pollJob(server, token, id)) as { state: { status: string; reason_code: number; reason: string } };
    expect(failed.state).toMatchObject({ status: 'Failed', reason_code: 1517 });
    expect(failed.state.reason).toContain('instruction h on qubits (0,)');
    expect((await api(server, 'GET', `/jobs/${id}/results`, { token })).headers.get('content-type')).toContain('text/plain');
    // cz on a non-edge also fails.
    const id2 = await submit(sampler('OPENQASM 3.0;\nbit[1] c;\ncz $0, $2;\nc[0] = measure $0;\n'));
    expect(((await pollJob(server, token, id2)) as { state: { reason_code: number } }).state.reason_code).toBe(1517);
    server.planNextJob({ fail: { code: 1012, reason: 'maximum number of jobs running concurrently' } });
    const id3 = await submit(sampler(BELL_ISA_QASM));
    expect(((await pollJob(server, token, id3)) as { state: { reason_code: number } }).state.reason_code).toBe(1012);
  });

  it('keeps a planned job queued, answers 204 for its results, and cancels it once (then 409)', async () => {
    server.planNextJob({ stayQueued: true });
    const id = await submit(sampler(BELL_ISA_QASM));
    for (let i = 0; i < 5; i++) {
      const body = (await (await api(server, 'GET', `/jobs/${id}`, { token })).json()) as { status: string };
      expect(body.status).toBe('Queued');
    }
    expect((await api(server, 'GET', `/jobs/${id}/results`, { token })).status).toBe(204);
    expect((await api(server, 'POST', `/jobs/${id}/cancel`, { token })).status).toBe(204);
    expect((await api(server, 'POST', `/jobs/${id}/cancel`, { token })).status).toBe(409);
    expect((await api(server, 'GET', '/jobs/dnotthere0000000000/results', { token })).status).toBe(404);
  });

  it('validates job bodies like the spec: version, options, tags, backend', async () => {
    const bad = [
      { program_id: 'sampler', backend: TEST_BACKEND, params: { pubs: [BELL_ISA_QASM], version: 1 } },
      { program_id: 'sampler', backend: TEST_BACKEND, params: { pubs: [BELL_ISA_QASM], version: 2, options: { nope: 1 } } },
      { program_id: 'sampler', backend: TEST_BACKEND, tags: Array(9).fill('t'), params: { pubs: [BELL_ISA_QASM], version: 2 } },
      'not json{',
    ];
    for (const body of bad) expect((await api(server, 'POST', '/jobs', { token, body })).status).toBe(400);
    const res = await api(server, 'POST', '/jobs', { token, body: { program_id: 'sampler', backend: 'ibm_nope', params: { pubs: [BELL_ISA_QASM], version: 2 } } });
    expect(res.status).toBe(404);
    expect(server.jobs.jobs.size).toBe(0);
  });

  it('lists jobs with filters and paging', async () => {
    await submit({ ...(sampler(BELL_ISA_QASM) as object), tags: ['a', 'b'] });
    await submit({ ...(sampler(BELL_ISA_QASM) as object), tags: ['a'] });
    const all = (await (await api(server, 'GET', '/jobs?limit=1', { token })).json()) as { jobs: unknown[]; count: number };
    expect([all.jobs.length, all.count]).toEqual([1, 2]);
    const tagged = (await (await api(server, 'GET', '/jobs?tags=a&tags=b', { token })).json()) as { count: number };
    expect(tagged.count).toBe(1);
  });

  it('encodes the Qiskit format when support_qiskit is true (BitArray as zlib .npy)', async () => {
    const id = await submit(sampler(BELL_ISA_QASM, null, 8, { support_qiskit: true }));
    await pollJob(server, token, id);
    const body = (await (await api(server, 'GET', `/jobs/${id}/results`, { token })).json()) as {
      __type__: string;
      __value__: { pub_results: { __value__: { data: { __value__: { fields: { meas: { __value__: { array: { __value__: string }; num_bits: number } } } } } } }[] };
    };
    expect(body.__type__).toBe('PrimitiveResult');
    const bit = body.__value__.pub_results[0]!.__value__.data.__value__.fields.meas.__value__;
    const npy = zlib.inflateSync(Buffer.from(bit.array.__value__, 'base64'));
    expect(npy.subarray(0, 6).toString('latin1')).toBe('\x93NUMPY');
    const headerLen = npy.readUInt16LE(8);
    expect(npy.subarray(10, 10 + headerLen).toString('latin1')).toContain("'shape': (8, 1)");
    expect((10 + headerLen) % 64).toBe(0);
    const values = [...npy.subarray(10 + headerLen)];
    expect(values).toHaveLength(8);
    expect(values.every((v) => v === 0 || v === 3)).toBe(true);
  });

  it('creates, reads and closes sessions; a closed session rejects jobs', async () => {
    const s = (await (await api(server, 'POST', '/sessions', { token, body: { mode: 'batch', backend: TEST_BACKEND } })).json()) as { id: string };
    expect(((await (await api(server, 'GET', `/sessions/${s.id}`, { token })).json()) as { state: string }).state).toBe('open');
    await submit({ ...(sampler(BELL_ISA_QASM) as object), session_id: s.id });
    expect((await api(server, 'DELETE', `/sessions/${s.id}/close`, { token })).status).toBe(204);
    const res = await api(server, 'POST', '/jobs', { token, body: { ...(sampler(BELL_ISA_QASM) as object), session_id: s.id } });
    expect(res.status).toBe(400);
  });
});

describe('faults', () => {
  it('429 with Retry-After, then normal service (FIFO per route)', async () => {
    server.faults.push('POST /jobs', { kind: 'rateLimit', retryAfter: '2' });
    const r1 = await api(server, 'POST', '/jobs', { token, body: sampler(BELL_ISA_QASM) });
    expect([r1.status, r1.headers.get('retry-after')]).toEqual([429, '2']);
    expect((await api(server, 'POST', '/jobs', { token, body: sampler(BELL_ISA_QASM) })).status).toBe(200);
    expect(server.count('POST /jobs')).toBe(2);
    expect(server.jobs.jobs.size).toBe(1);
  });

  it('connection reset before (nothing committed) and after (job created) processing', async () => {
    server.faults.push('POST /jobs', { kind: 'reset' });
    await expect(api(server, 'POST', '/jobs', { token, body: sampler(BELL_ISA_QASM) })).rejects.toThrow();
    expect(server.jobs.jobs.size).toBe(0);
    server.faults.push('POST /jobs', { kind: 'reset', after: true });
    await expect(api(server, 'POST', '/jobs', { token, body: sampler(BELL_ISA_QASM) })).rejects.toThrow();
    expect(server.jobs.jobs.size).toBe(1);
  });

  it('truncated, invalid JSON, HTML, nested, empty and huge bodies', async () => {
    server.faults.push('GET /backends', { kind: 'truncated' });
    await expect(api(server, 'GET', '/backends', { token }).then((r) => r.json())).rejects.toThrow();
    server.faults.push('GET /backends', { kind: 'invalidJson' });
    await expect(api(server, 'GET', '/backends', { token }).then((r) => r.json())).rejects.toThrow(/JSON/);
    server.faults.push('GET /backends', { kind: 'html' });
    const html = await api(server, 'GET', '/backends', { token });
    expect([html.status, html.headers.get('content-type')]).toEqual([502, 'text/html']);
    await html.text();
    server.faults.push('GET /backends', { kind: 'nested', depth: 1000 });
    expect((await (await api(server, 'GET', '/backends', { token })).text()).length).toBe(2000);
    server.faults.push('GET /backends', { kind: 'empty' });
    expect(await (await api(server, 'GET', '/backends', { token })).text()).toBe('');
    server.faults.push('GET /backends', { kind: 'huge', bytes: 3 * 1024 * 1024 });
    expect((await (await api(server, 'GET', '/backends', { token })).text()).length).toBeGreaterThan(3 * 1024 * 1024);
  });

  it('wrong types and extra fields rewrite the real body', async () => {
    server.faults.push('GET /backends/:name/status', { kind: 'wrongTypes' });
    const wrong = (await (await api(server, 'GET', `/backends/${TEST_BACKEND}/status`, { token })).json()) as Record<string, unknown>;
    expect(typeof wrong.length_queue).toBe('string');
    expect(typeof wrong.status).toBe('number');
    server.faults.push('GET /backends/:name/status', { kind: 'extraFields' });
    const text = await (await api(server, 'GET', `/backends/${TEST_BACKEND}/status`, { token })).text();
    expect(text.startsWith('{"__proto__":')).toBe(true);
    expect(JSON.parse(text)).toMatchObject({ state: true, unexpected_field_zz: { flag: true } });
  });

  it('slow before processing commits nothing when the client gave up; hang never answers', async () => {
    server.faults.push('POST /jobs', { kind: 'slow', delayMs: 300 });
    await expect(api(server, 'POST', '/jobs', { token, body: sampler(BELL_ISA_QASM), signal: AbortSignal.timeout(100) })).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 400));
    expect(server.jobs.jobs.size).toBe(0);
    server.faults.push('GET /backends', { kind: 'hang' });
    await expect(api(server, 'GET', '/backends', { token, signal: AbortSignal.timeout(100) })).rejects.toThrow();
  });

  it('expireToken revokes tokens so the request gets 401; a new token works', async () => {
    server.faults.push('GET /jobs', { kind: 'expireToken' });
    expect((await api(server, 'GET', '/jobs', { token })).status).toBe(401);
    expect((await api(server, 'GET', '/jobs', { token: await iamToken(server) })).status).toBe(200);
  });

  it('maps paths to route keys', () => {
    expect(routeKeyOf('GET', '/api/v1/jobs/abc/results')).toBe('GET /jobs/:id/results');
    expect(routeKeyOf('POST', '/identity/token')).toBe('POST /identity/token');
    expect(routeKeyOf('PUT', '/api/v1/jobs')).toBe('unknown');
  });
});
