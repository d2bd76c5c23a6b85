import { Circuit } from '../../../src/circuit';
import {
  AbortedError,
  AuthenticationError,
  ConflictError,
  InvalidResponseError,
  JobFailedError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
} from '../../../src/core/errors';
import { createIbmRuntimeBackend, createRuntimeClient } from '../../../adapters/ibm-runtime';
import { API, api, DEVICE, errorText, FAKE_CRN, FAKE_KEY, fixture, IAM, JOB_ID, mockDevice, mockIam, setupNock, testOptions } from '../../support/ibm-nock';
import nock from 'nock';

setupNock();

const bell = (): Circuit => {
  const c = new Circuit(2, { classicalRegisters: { meas: 2 } });
  return c.sx(0).cz(0, 1).measure(0, 0).measure(1, 1);
};

function client(extra = {}) {
  const o = testOptions(extra);
  return { c: createRuntimeClient(o), waits: o.waits };
}

/** No error text may contain the key, the IAM token or the CRN. */
function expectClean(e: unknown): void {
  const text = errorText(e);
  for (const secret of [FAKE_KEY, 'fake-iam-token', FAKE_CRN, 'crn:v1:bluemix']) expect(text).not.toContain(secret);
}

describe('IBM Runtime errors, retries and auth under nock', () => {
  it('maps 403 to PermissionDeniedError with IBM code 1200, message and solution', async () => {
    mockIam();
    api().get('/backends').reply(403, fixture('error-403'));
    const e = await client().c.listBackends().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PermissionDeniedError);
    expect(e).toMatchObject({ status: 403, ibmCode: 1200, solution: 'Try again or contact support.', requestId: 'd3b0f4a25f' });
    expect((e as Error).message).toMatch(/You are not authorized/);
    expectClean(e);
  });

  it('maps 404 to NotFoundError', async () => {
    mockIam();
    api().get(`/jobs/${JOB_ID}`).query(true).reply(404, fixture('error-404'));
    const e = await client().c.getJob(JOB_ID).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(NotFoundError);
    expect(e).toMatchObject({ ibmCode: 1291 });
  });

  it('maps 409 on submission to ConflictError and does not retry it', async () => {
    mockIam();
    mockDevice();
    api().post('/jobs').reply(409, fixture('error-409'));
    const b = await createIbmRuntimeBackend(DEVICE, testOptions());
    const e = await b.run({ kind: 'sampler', pubs: [{ circuit: bell() }] }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConflictError);
    expect((e as Error).message).toMatch(/Usage exceeds instance limit/);
    expectClean(e);
  });

  it('retries a 429 on POST /jobs after Retry-After (the job was not created), then succeeds', async () => {
    mockIam();
    mockDevice();
    api()
      .post('/jobs').reply(429, fixture('error-429'), { 'Retry-After': '30' })
      .post('/jobs').reply(200, fixture('job-created'));
    const o = testOptions();
    const b = await createIbmRuntimeBackend(DEVICE, o);
    const job = await b.run({ kind: 'sampler', pubs: [{ circuit: bell() }] });
    expect(job.id).toBe(JOB_ID);
    expect(o.waits).toEqual([30_000]);
  });

  it('surfaces RateLimitError with retryAfterMs when the rate-limit wait budget runs out', async () => {
    mockIam();
    api().get('/backends').times(3).reply(429, fixture('error-429'), { 'Retry-After': '2' });
    const { c, waits } = client({ rateLimitBudgetMs: 4000 });
    const e = await c.listBackends().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RateLimitError);
    expect(e).toMatchObject({ retryAfterMs: 2000, ibmCode: 1298, status: 429 });
    expect(waits).toEqual([2000, 2000]);
  });

  it('retries GETs on 5xx with exponential backoff, then succeeds', async () => {
    mockIam();
    api()
      .get('/backends').reply(503, 'Service Unavailable')
      .get('/backends').reply(502, '<html>bad gateway</html>')
      .get('/backends').reply(200, fixture('backends'));
    const { c, waits } = client({ baseDelayMs: 100 });
    const devices = await c.listBackends();
    expect(devices.map((d) => d.name)).toContain('ibm_fez');
    // random() = 0.5 → jitter factor 0.75; steps 100, 200
    expect(waits).toEqual([75, 150]);
  });

  it('does NOT resubmit POST /jobs after a 5xx when the job cannot be looked up (a duplicate costs money)', async () => {
    mockIam();
    mockDevice();
    // One POST only: a second one would find no interceptor.
    const scope = api().post('/jobs').reply(500, { errors: [{ code: 1000, message: 'internal' }] });
    api().get('/jobs').query(true).times(5).reply(503, 'Service Unavailable');
    const o = testOptions();
    const b = await createIbmRuntimeBackend(DEVICE, o);
    const e = await b.run({ kind: 'sampler', pubs: [{ circuit: bell() }] }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ServerError);
    expect((e as Error).message).toMatch(/POST \/api\/v1\/jobs failed with HTTP 500.*the job may have been created.*client tag qbridge-[0-9a-f]{16}.*looking the job up by that tag failed/);
    expect(scope.isDone()).toBe(true);
  });

  it('refreshes the token once on a 401 and retries the call', async () => {
    mockIam('iam-token');
    mockIam('iam-token-2');
    nock(`${API}/api/v1`, { reqheaders: { authorization: 'Bearer fake-iam-token-1' } }).get('/backends').reply(401, fixture('error-401'));
    nock(`${API}/api/v1`, { reqheaders: { authorization: 'Bearer fake-iam-token-2' } }).get('/backends').reply(200, fixture('backends'));
    const devices = await client().c.listBackends();
    expect(devices).toHaveLength(4);
  });

  it('gives AuthenticationError (code 1201) when the refreshed token is refused too', async () => {
    mockIam('iam-token');
    mockIam('iam-token-2');
    api().get('/backends').times(2).reply(401, fixture('error-401'));
    const e = await client().c.listBackends().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AuthenticationError);
    expect(e).toMatchObject({ ibmCode: 1201 });
    expectClean(e);
  });

  it('a failed IAM exchange is an AuthenticationError and the API is never called with the raw key', async () => {
    nock(IAM).post('/identity/token').reply(400, fixture('iam-error'));
    const e = await client().c.listBackends().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AuthenticationError);
    expect((e as Error).message).toMatch(/BXNIM0415E/);
    expectClean(e);
  });

  it('shares ONE token exchange among concurrent calls', async () => {
    mockIam('iam-token', 1);
    api().get('/backends').times(5).reply(200, fixture('backends'));
    const { c } = client();
    await Promise.all(Array.from({ length: 5 }, () => c.listBackends()));
  });

  it('refreshes the token before it expires (injected clock)', async () => {
    mockIam('iam-token');
    mockIam('iam-token-2');
    let t = 1_000_000;
    const { c } = client({ now: () => t });
    nock(`${API}/api/v1`, { reqheaders: { authorization: 'Bearer fake-iam-token-1' } }).get('/backends').reply(200, fixture('backends'));
    await c.listBackends();
    t += 3000 * 1000; // 50 min of a 60-min token: past the 80 % mark
    nock(`${API}/api/v1`, { reqheaders: { authorization: 'Bearer fake-iam-token-2' } }).get('/backends').reply(200, fixture('backends'));
    await c.listBackends();
  });

  it('turns a truncated or malformed body into InvalidResponseError', async () => {
    mockIam();
    api()
      .get('/backends').reply(200, '{"devices":[{"name":"ibm_fez","sta')
      .get(`/backends/${DEVICE}/status`).reply(200, { state: true });
    const { c } = client();
    await expect(c.listBackends()).rejects.toBeInstanceOf(InvalidResponseError);
    await expect(c.getStatus(DEVICE)).rejects.toThrow(/length_queue/);
  });

  it('reports a 1517 job failure as JobFailedError with the IBM code and reason', async () => {
    mockIam();
    mockDevice();
    api()
      .post('/jobs').reply(200, fixture('job-created'))
      .get(`/jobs/${JOB_ID}`).query(true).reply(200, fixture('job-queued'))
      .get(`/jobs/${JOB_ID}`).query(true).reply(200, fixture('job-failed-1517'));
    const b = await createIbmRuntimeBackend(DEVICE, testOptions());
    const job = await b.run({ kind: 'sampler', pubs: [{ circuit: bell() }] });
    const e = await job.result().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(JobFailedError);
    expect(e).toMatchObject({ ibmCode: 1517, jobId: JOB_ID });
    expect((e as Error).message).toMatch(/Error code 1517; The instruction h on qubits \(0,\) is not supported/);
  });

  it('cancels a job; a job that already finished (409) is left alone', async () => {
    mockIam();
    mockDevice();
    api()
      .post('/jobs').reply(200, fixture('job-created'))
      .post(`/jobs/${JOB_ID}/cancel`).reply(204)
      .post(`/jobs/${JOB_ID}/cancel`).reply(409, { errors: [{ code: 1220, message: 'Job is in non cancellable status' }] })
      .get(`/jobs/${JOB_ID}`).query(true).reply(200, fixture('job-cancelled'));
    const b = await createIbmRuntimeBackend(DEVICE, testOptions());
    const job = await b.run({ kind: 'sampler', pubs: [{ circuit: bell() }] });
    await job.cancel();
    await job.cancel();
    await expect(job.result()).rejects.toMatchObject({ code: 'JOB_CANCELLED' });
  });

  it('stops waiting (AbortedError) when the signal fires while polling; the job is not cancelled', async () => {
    mockIam();
    mockDevice();
    const ctrl = new AbortController();
    api()
      .post('/jobs').reply(200, fixture('job-created'))
      .get(`/jobs/${JOB_ID}`).query(true).reply(200, fixture('job-queued'))
      .get(`/jobs/${JOB_ID}`).query(true).reply(() => {
        ctrl.abort(new Error('user pressed ^C'));
        return [200, fixture('job-running')];
      });
    const b = await createIbmRuntimeBackend(DEVICE, testOptions());
    const job = await b.run({ kind: 'sampler', pubs: [{ circuit: bell() }] });
    const e = await job.result({ signal: ctrl.signal }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AbortedError);
    expect((e as AbortedError).cause).toEqual(new Error('user pressed ^C'));
  });

  it('times out waiting with JobTimeoutError (injected clock)', async () => {
    mockIam();
    mockDevice();
    let t = 0;
    api()
      .post('/jobs').reply(200, fixture('job-created'))
      .get(`/jobs/${JOB_ID}`).query(true).times(3).reply(200, fixture('job-queued'));
    const o = testOptions({ now: () => t, timeoutMs: 10_000, intervalMs: 5000 });
    o.sleep = async (ms) => {
      t += ms;
    };
    const b = await createIbmRuntimeBackend(DEVICE, o);
    const job = await b.run({ kind: 'sampler', pubs: [{ circuit: bell() }] });
    await expect(job.result({ timeoutMs: 8000 })).rejects.toMatchObject({ code: 'JOB_TIMEOUT', jobId: JOB_ID });
  });

  it('refuses http:// URLs that are not loopback, and non-CRN instances', () => {
    expect(() => createRuntimeClient({ token: FAKE_KEY, instance: FAKE_CRN, apiUrl: 'http://quantum.example.com/api/v1' })).toThrow(/https/);
    expect(() => createRuntimeClient({ token: FAKE_KEY, instance: FAKE_CRN, iamUrl: 'http://iam.example.com' })).toThrow(/QBRIDGE_IAM_URL/);
    expect(() => createRuntimeClient({ token: FAKE_KEY, instance: 'my-instance' })).toThrow(/CRN/);
    expect(() => createRuntimeClient({ token: FAKE_KEY, instance: FAKE_CRN, apiUrl: 'http://127.0.0.1:9/api/v1', iamUrl: 'http://localhost:9' })).not.toThrow();
  });
});
