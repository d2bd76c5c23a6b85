/**
 * Issue 13, "also build": sessions and batches as public API (`withSession`, `withBatch` from the
 * package index), and the Open-plan restriction reported as a typed error. Against the IBM-like
 * loopback server, whose `plan: 'open'` refuses dedicated sessions as IBM does (403, code 1352).
 */
import { Circuit, createIbmRuntimeBackend, SessionNotAllowedError, withBatch, withSession } from '../../../src';
import { cleanupTempDirs, tempDir } from '../../support/cli';
import { serverOptions } from '../../support/ibm-library';
import { startRuntimeServer, TEST_BACKEND, type RuntimeServer } from '../../support/runtime-server';

afterAll(() => cleanupTempDirs());

const FAST_JOBS = { defaultJobPlan: { queuedPolls: 0, runningPolls: 0 } };
const circuit = (): Circuit => new Circuit(1, 1).sx(0).measure(0, 0);
const posts = (server: RuntimeServer, route: string): Array<Record<string, unknown>> =>
  server.requests.filter((r) => r.route === route).map((r) => JSON.parse(r.body) as Record<string, unknown>);

describe.each(['open', 'premium'] as const)('on the %s plan', (plan) => {
  let server: RuntimeServer;
  beforeEach(async () => {
    server = await startRuntimeServer({ ...FAST_JOBS, plan });
  });
  afterEach(async () => server.close());

  it('also build (batches): withBatch opens one batch, its jobs carry its id, and it is closed after', async () => {
    const backend = await createIbmRuntimeBackend(TEST_BACKEND, serverOptions(server, tempDir()));
    const ids = await withBatch(backend, async (b, sessionId) => {
      const jobs = await Promise.all([b.run({ kind: 'sampler', pubs: [{ circuit: circuit() }] }), b.run({ kind: 'sampler', pubs: [{ circuit: circuit() }] })]);
      await Promise.all(jobs.map((j) => j.result()));
      return { sessionId, jobs: jobs.map((j) => j.id) };
    });
    expect(posts(server, 'POST /sessions')).toEqual([{ mode: 'batch', backend: TEST_BACKEND }]);
    expect(ids.jobs.map((id) => server.jobs.jobs.get(id)!.sessionId)).toEqual([ids.sessionId, ids.sessionId]);
    expect(server.sessions.get(ids.sessionId)!.accepting_jobs).toBe(false);
  });
});

it('also build (sessions): withSession opens a dedicated session on a paid plan and its jobs carry its id', async () => {
  const server = await startRuntimeServer({ ...FAST_JOBS, plan: 'premium' });
  try {
    const backend = await createIbmRuntimeBackend(TEST_BACKEND, serverOptions(server, tempDir()));
    const [jobId, sessionId] = await withSession(backend, async (s, id) => [(await s.run({ kind: 'sampler', pubs: [{ circuit: circuit() }] })).id, id]);
    expect(posts(server, 'POST /sessions')).toEqual([{ mode: 'dedicated', backend: TEST_BACKEND }]);
    expect(server.jobs.jobs.get(jobId!)!.sessionId).toBe(sessionId);
  } finally {
    await server.close();
  }
});

it('also build (sessions): on the Open plan a session is refused with SessionNotAllowedError naming the plan and suggesting a batch; nothing runs', async () => {
  const server = await startRuntimeServer({ ...FAST_JOBS, plan: 'open' });
  try {
    const backend = await createIbmRuntimeBackend(TEST_BACKEND, serverOptions(server, tempDir()));
    let bodyRan = false;
    const error = await withSession(backend, async () => {
      bodyRan = true;
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SessionNotAllowedError);
    expect(error).toMatchObject({ code: 'SESSION_NOT_ALLOWED', plan: 'open', backend: TEST_BACKEND });
    expect((error as Error).message).toMatch(/Open plan/);
    expect((error as Error).message).toMatch(/batch/);
    expect(bodyRan).toBe(false);
    expect(server.requests.filter((r) => r.route === 'POST /jobs')).toHaveLength(0);
  } finally {
    await server.close();
  }
});
