/**
 * Issue 13 point 4, the eventually consistent job list: after a POST /jobs whose answer was lost,
 * one lookup by client tag that finds nothing is no proof that the job is absent (IBM may not
 * list a job created a moment ago). The adapter looks again after a settle delay before it sends
 * the job a second time. The loopback server's `listingLagMs` keeps a new job out of
 * `GET /jobs` listings for that long.
 */
import { abortableSleep } from '../../../src/core/abort';
import { AbortedError, ConfigurationError } from '../../../src/core/errors';
import { createIbmRuntimeBackend, DEFAULT_SUBMIT_SETTLE_MS, type IbmRuntimeOptions } from '../../../adapters/ibm-runtime';
import { cleanupTempDirs, ledgerJobIds, tempDir } from '../../support/cli';
import { bellCircuit, bellCounts, E2E_SHOTS, fastSleep, serverOptions } from '../../support/ibm-library';
import { startRuntimeServer, TEST_BACKEND, type RuntimeServer } from '../../support/runtime-server';

jest.setTimeout(30_000);

let server: RuntimeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(() => cleanupTempDirs());

const CLIENT_TAG = /^qbridge-[0-9a-f]{16}$/;

/** The client tag of each POST /jobs the server received, in order. */
function postedTags(s: RuntimeServer): (string | undefined)[] {
  return s.requests
    .filter((r) => r.route === 'POST /jobs')
    .map((r) => (JSON.parse(r.body) as { tags: string[] }).tags.find((t) => CLIENT_TAG.test(t)));
}

async function runBell(s: RuntimeServer, home: string, extra: Partial<IbmRuntimeOptions>, signal?: AbortSignal) {
  const backend = await createIbmRuntimeBackend(TEST_BACKEND, serverOptions(s, home, { pacing: false, ...extra }));
  return backend.run({ kind: 'sampler', pubs: [{ circuit: bellCircuit(), shots: E2E_SHOTS }] }, { signal });
}

describe('point 4: an empty lookup by tag is confirmed after a settle delay before any resubmission', () => {
  it('point 4: a job the listing shows only after a lag shorter than the settle delay is adopted: one job, one POST', async () => {
    // Real waits: the listing hides the job for 600 ms, the second lookup comes 2 s after the first.
    server = await startRuntimeServer({ listingLagMs: 600, defaultJobPlan: { queuedPolls: 0, runningPolls: 0 } });
    const home = tempDir();
    server.faults.push('POST /jobs', { kind: 'status', status: 502, after: true }); // created, then the answer is lost
    const job = await runBell(server, home, { sleep: abortableSleep, submitSettleMs: 2000 });
    expect(server.jobs.jobs.size).toBe(1);
    expect(server.count('POST /jobs')).toBe(1);
    const [stored] = [...server.jobs.jobs.values()];
    expect(job.id).toBe(stored!.id);
    // Two lookups by the job's own tag; the first one really missed the job.
    const tag = stored!.tags.find((t) => CLIENT_TAG.test(t));
    expect(server.requests.filter((r) => r.route === 'GET /jobs').map((r) => r.query.getAll('tags'))).toEqual([[tag], [tag]]);
    expect(server.jobs.listingMisses).toBe(1);
    expect(ledgerJobIds(home)).toEqual([stored!.id]);
    const counts = bellCounts(await job.result({ timeoutMs: 20_000 }))!;
    expect((counts['00'] ?? 0) + (counts['11'] ?? 0)).toBe(E2E_SHOTS);
  });

  it('point 4: the same lag without a settle delay (submitSettleMs 0) pays twice: the second, delayed lookup is what prevents it', async () => {
    server = await startRuntimeServer({ listingLagMs: 5_000, defaultJobPlan: { queuedPolls: 0, runningPolls: 0 } });
    const home = tempDir();
    server.faults.push('POST /jobs', { kind: 'status', status: 502, after: true });
    await runBell(server, home, { sleep: abortableSleep, submitSettleMs: 0 });
    expect(server.count('POST /jobs')).toBe(2);
    expect(server.jobs.jobs.size).toBe(2); // the duplicate the settle delay exists to avoid
    expect(server.jobs.listingMisses).toBe(2);
  });

  it('point 4: a lookup that always finds nothing (the job was never created): looked up twice, 5 s apart by default, then resubmitted once with the same tag', async () => {
    server = await startRuntimeServer({ defaultJobPlan: { queuedPolls: 0, runningPolls: 0 } });
    const home = tempDir();
    server.faults.push('POST /jobs', { kind: 'status', status: 503 }); // answered before creating anything
    const waits: { ms: number; lookupsSoFar: number; postsSoFar: number }[] = [];
    const s = server;
    const recording = (ms: number, signal?: AbortSignal): Promise<void> => {
      waits.push({ ms, lookupsSoFar: s.count('GET /jobs'), postsSoFar: s.count('POST /jobs') });
      return fastSleep(ms, signal); // the backend's clock: the 5 s are asked for, not spent
    };
    const job = await runBell(server, home, { sleep: recording });
    expect(DEFAULT_SUBMIT_SETTLE_MS).toBe(5_000);
    // The settle wait sits between the two lookups, before the second POST.
    expect(waits.filter((w) => w.ms === 5_000)).toEqual([{ ms: 5_000, lookupsSoFar: 1, postsSoFar: 1 }]);
    expect(server.requests.map((r) => r.route).filter((r) => r === 'POST /jobs' || r === 'GET /jobs')).toEqual([
      'POST /jobs', 'GET /jobs', 'GET /jobs', 'POST /jobs',
    ]);
    const tags = postedTags(server);
    expect(tags[0]).toBeDefined();
    expect(tags[1]).toBe(tags[0]);
    expect(server.jobs.jobs.size).toBe(1);
    expect(ledgerJobIds(home)).toEqual([job.id]);
  });

  it('point 4: the settle delay is abortable: the run stops with an AbortedError naming the client tag, nothing is resubmitted', async () => {
    server = await startRuntimeServer({ defaultJobPlan: { queuedPolls: 0, runningPolls: 0 } });
    const home = tempDir();
    server.faults.push('POST /jobs', { kind: 'status', status: 503 });
    const ctrl = new AbortController();
    // A settle delay past the test's own timeout: only an abort can end it in time.
    const sleep = (ms: number, signal?: AbortSignal): Promise<void> => {
      if (ms === 60_000) setTimeout(() => ctrl.abort(), 30);
      return abortableSleep(ms, signal);
    };
    const e = await runBell(server, home, { sleep, submitSettleMs: 60_000 }, ctrl.signal).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AbortedError);
    const tag = postedTags(server)[0]!;
    expect((e as Error).message).toContain(`the job may have been created: it is in the ledger as unconfirmed with client tag ${tag}`);
    expect(server.count('POST /jobs')).toBe(1);
    expect(server.count('GET /jobs')).toBe(1);
    expect(server.jobs.jobs.size).toBe(0);
  });

  it.each([-1, 1.5, Number.NaN, 2 ** 31])('point 4: submitSettleMs %p is refused with a ConfigurationError naming the option', async (bad) => {
    server = await startRuntimeServer();
    const e = await createIbmRuntimeBackend(TEST_BACKEND, serverOptions(server, tempDir(), { submitSettleMs: bad })).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConfigurationError);
    expect(e).toMatchObject({ key: 'submitSettleMs' });
    expect((e as Error).message).toContain('submitSettleMs must be a whole number of ms');
    expect(server.count('GET /backends/:name/configuration')).toBe(0); // refused before any request
  });
});
