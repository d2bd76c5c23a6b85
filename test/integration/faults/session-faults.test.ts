/**
 * Sessions (batch mode) under faults, through `withSession`: jobs carry the session id, the
 * session is closed on success and on error, create/close failures end typed, and a lost
 * answer to POST /sessions never creates a second session.
 */
import { createIbmRuntimeBackend, withSession } from '../../../adapters/ibm-runtime';
import { cleanupTempDirs, tempDir } from '../../support/cli';
import { bellCircuit, bellCounts, E2E_SHOTS, serverOptions } from '../../support/ibm-library';
import { bellCountsOk, judgeError } from '../../support/fault-outcomes';
import { startRuntimeServer, TEST_BACKEND, type RuntimeServer } from '../../support/runtime-server';

jest.setTimeout(30_000);
afterAll(() => cleanupTempDirs());

async function threeJobsInBatch(server: RuntimeServer): Promise<unknown> {
  const backend = await createIbmRuntimeBackend(TEST_BACKEND, serverOptions(server, tempDir()));
  return withSession(backend, { mode: 'batch' }, async (s) => {
    const jobs = await Promise.all([0, 1, 2].map(() => s.run({ kind: 'sampler', pubs: [{ circuit: bellCircuit(), shots: E2E_SHOTS }] })));
    return Promise.all(jobs.map((j) => j.result({ timeoutMs: 20_000 })));
  });
}

it('runs three jobs in one batch session and closes it, despite a 503 on the close', async () => {
  const server = await startRuntimeServer();
  try {
    server.faults.push('PATCH /sessions/:id', { kind: 'status', status: 503 });
    const results = (await threeJobsInBatch(server)) as Parameters<typeof bellCounts>[0][];
    for (const r of results) expect(bellCountsOk(bellCounts(r), E2E_SHOTS)).toBeUndefined();
    expect(server.sessions.size).toBe(1);
    const [session] = [...server.sessions.values()];
    expect(session).toMatchObject({ mode: 'batch', accepting_jobs: false, state: 'closed' });
    expect([...server.jobs.jobs.values()].every((j) => j.sessionId === session!.id)).toBe(true);
    expect(server.jobs.jobs.size).toBe(3);
  } finally {
    await server.close();
  }
});

it('point 3: returns the results when the session expired before the close (404 on PATCH /sessions)', async () => {
  const server = await startRuntimeServer();
  try {
    server.faults.push('PATCH /sessions/:id', { kind: 'status', status: 404, body: '{"errors":[{"code":"1216","message":"Session not found"}]}' }, 50);
    const results = (await threeJobsInBatch(server)) as Parameters<typeof bellCounts>[0][];
    expect(results).toHaveLength(3);
    for (const r of results) expect(bellCountsOk(bellCounts(r), E2E_SHOTS)).toBeUndefined();
    expect(server.count('PATCH /sessions/:id')).toBeGreaterThanOrEqual(1);
  } finally {
    await server.close();
  }
});

it('point 3: still reports a close failure that is not a 404 after success (403: not allowed to close)', async () => {
  const server = await startRuntimeServer();
  try {
    server.faults.push('PATCH /sessions/:id', { kind: 'status', status: 403 }, 50);
    const err = await threeJobsInBatch(server).catch((e: unknown) => e);
    expect(judgeError(err)).toMatchObject({ outcome: 'typed', errorName: 'PermissionDeniedError' });
  } finally {
    await server.close();
  }
});

it('closes the session when the work fails (job 1517), and the error is typed', async () => {
  const server = await startRuntimeServer();
  try {
    server.planNextJob({ fail: { code: 1517 } });
    const err = await threeJobsInBatch(server).catch((e: unknown) => e);
    expect(judgeError(err)).toMatchObject({ outcome: 'typed', errorName: 'JobFailedError' });
    expect([...server.sessions.values()][0]).toMatchObject({ accepting_jobs: false });
  } finally {
    await server.close();
  }
});

it.each([
  ['503 on POST /sessions', { kind: 'status', status: 503 } as const],
  ['reset after POST /sessions created it', { kind: 'reset', after: true } as const],
  ['timeout after POST /sessions created it', { kind: 'slow', delayMs: 3000, after: true } as const],
])('%s: typed error, at most one session, no job', async (_name, fault) => {
  const server = await startRuntimeServer();
  try {
    server.faults.push('POST /sessions', fault);
    const err = await threeJobsInBatch(server).catch((e: unknown) => e);
    expect(judgeError(err).outcome).toBe('typed');
    expect(server.sessions.size).toBeLessThanOrEqual(1);
    expect(server.count('POST /sessions')).toBe(1);
    expect(server.jobs.jobs.size).toBe(0);
  } finally {
    await server.close();
  }
});
