/**
 * Issue 13 point 4: submissions to IBM. An ambiguous POST /jobs (5xx, timeout after the job was
 * created) is resolved by looking the job up by its client tag, never by a blind resubmission;
 * submissions are paced at IBM's per-user rate (shared across pacers over one home); a 429's
 * Retry-After is waited out instead of reaching the user.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { abortableSleep } from '../../../src/core/abort';
import { ServerError } from '../../../src/core/errors';
import { createIbmRuntimeBackend } from '../../../adapters/ibm-runtime';
import { pacerFor, SubmissionPacer } from '../../../adapters/ibm-runtime/pacer';
import { QuantumKernel, zzFeatureMap } from '../../../src/kernel';
import { cleanupTempDirs, ledgerJobIds, tempDir } from '../../support/cli';
import { jobsPerTag } from '../../support/kernel-resume';
import { bellCircuit, bellCounts, E2E_SHOTS, serverOptions } from '../../support/ibm-library';
import { startRuntimeServer, TEST_BACKEND, type RuntimeServer } from '../../support/runtime-server';

jest.setTimeout(30_000);

let server: RuntimeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(() => cleanupTempDirs());

const CLIENT_TAG = /^qbridge-[0-9a-f]{16}$/;

async function runBell(s: RuntimeServer, home: string, extra = {}) {
  const backend = await createIbmRuntimeBackend(TEST_BACKEND, serverOptions(s, home, { pacing: false, ...extra }));
  const job = await backend.run({ kind: 'sampler', pubs: [{ circuit: bellCircuit(), shots: E2E_SHOTS }] });
  const result = await job.result({ timeoutMs: 20_000 });
  return { job, result };
}

function submitLines(home: string): { job_id: string; client_tag: string }[] {
  return fs
    .readFileSync(path.join(home, 'jobs.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { event: string; job_id: string; client_tag: string })
    .filter((e) => e.event === 'submit');
}

describe('point 4: an ambiguous POST /jobs is resolved by the client tag', () => {
  it.each([
    ['a 5xx after the job was created', { kind: 'status', status: 502, after: true } as const, {}],
    ['a timeout after the job was created', { kind: 'hang', after: true } as const, { submitTimeoutMs: 300 }],
  ])('point 4: %s: the job is found by its tag and adopted, exactly one job, in the ledger', async (_n, fault, extra) => {
    server = await startRuntimeServer();
    const home = tempDir();
    server.faults.push('POST /jobs', fault);
    const { job, result } = await runBell(server, home, extra);
    expect(server.jobs.jobs.size).toBe(1);
    expect(server.count('POST /jobs')).toBe(1);
    const [stored] = [...server.jobs.jobs.values()];
    expect(job.id).toBe(stored!.id);
    const tag = stored!.tags.find((t) => CLIENT_TAG.test(t));
    // The lookup filtered on the submission's own tag.
    const lookups = server.requests.filter((r) => r.route === 'GET /jobs');
    expect(lookups.map((r) => r.query.getAll('tags'))).toEqual([[tag]]);
    expect(submitLines(home)).toEqual([expect.objectContaining({ job_id: stored!.id, client_tag: tag })]);
    expect(ledgerJobIds(home)).toEqual([stored!.id]);
    const counts = bellCounts(result)!;
    expect((counts['00'] ?? 0) + (counts['11'] ?? 0)).toBe(E2E_SHOTS);
  });

  it('point 4: when the lookup proves the job absent, it is resubmitted once (same tag) and lands once', async () => {
    server = await startRuntimeServer();
    const home = tempDir();
    server.faults.push('POST /jobs', { kind: 'status', status: 503 }); // answered before creating anything
    const { job } = await runBell(server, home);
    expect(server.count('POST /jobs')).toBe(2);
    expect(server.count('GET /jobs')).toBe(2); // looked up at once and again after the settle delay (submission-settle.test.ts)
    expect(server.jobs.jobs.size).toBe(1);
    const posts = server.requests.filter((r) => r.route === 'POST /jobs').map((r) => (JSON.parse(r.body) as { tags: string[] }).tags.find((t) => CLIENT_TAG.test(t)));
    expect(posts[0]).toBeDefined();
    expect(posts[1]).toBe(posts[0]);
    expect(ledgerJobIds(home)).toEqual([job.id]);
  });

  it('point 4: when the lookup fails too, a typed error says the job may exist and names the tag; nothing is resubmitted', async () => {
    server = await startRuntimeServer();
    const home = tempDir();
    server.faults.push('POST /jobs', { kind: 'status', status: 500, after: true });
    server.faults.push('GET /jobs', { kind: 'status', status: 503 }, 20);
    const e = await runBell(server, home).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ServerError);
    const [stored] = [...server.jobs.jobs.values()];
    const tag = stored!.tags.find((t) => CLIENT_TAG.test(t))!;
    expect((e as Error).message).toContain(`the job may have been created: it is in the ledger as unconfirmed with client tag ${tag}`);
    expect((e as Error).message).toContain('looking the job up by that tag failed');
    expect(server.count('POST /jobs')).toBe(1);
    expect(server.jobs.jobs.size).toBe(1);
  });
});

describe('point 4: rate limit', () => {
  it('point 4: a 429 with Retry-After is waited out (not counted as a retry) and never reaches the user', async () => {
    // Unpaced client, server limit 2 per 400 ms: 8 concurrent submissions each meet several 429s.
    server = await startRuntimeServer({ jobRateLimit: { jobs: 2, windowMs: 400 }, defaultJobPlan: { queuedPolls: 0, runningPolls: 0 } });
    const home = tempDir();
    const backend = await createIbmRuntimeBackend(TEST_BACKEND, serverOptions(server, home, { pacing: false, sleep: abortableSleep, maxRetries: 1 }));
    const jobs = await Promise.all(
      Array.from({ length: 8 }, () => backend.run({ kind: 'sampler', pubs: [{ circuit: bellCircuit(), shots: 16 }] })),
    );
    expect(server.rateLimiter!.refused).toBeGreaterThan(3); // the server really refused
    expect(server.jobs.jobs.size).toBe(8);
    expect(new Set(jobs.map((j) => j.id)).size).toBe(8);
    expect(ledgerJobIds(home).sort()).toEqual(jobs.map((j) => j.id).sort());
  });

  it('point 4: paced at 5 per window, 40 submissions all land exactly once and no 429 reaches the user', async () => {
    const windowMs = 300;
    server = await startRuntimeServer({ jobRateLimit: { jobs: 5, windowMs }, defaultJobPlan: { queuedPolls: 0, runningPolls: 0 } });
    const home = tempDir();
    const backend = await createIbmRuntimeBackend(
      TEST_BACKEND,
      serverOptions(server, home, { pacing: { rate: 5, windowMs, marginMs: 20 }, sleep: abortableSleep }),
    );
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, () => backend.run({ kind: 'sampler', pubs: [{ circuit: bellCircuit(), shots: 8 }] })),
    );
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    expect(server.jobs.jobs.size).toBe(40);
    expect(server.count('POST /jobs') - server.rateLimiter!.refused).toBe(40);
    expect(ledgerJobIds(home)).toHaveLength(40);
  });

  it('point 4: two pacers over one home (separate state objects) never exceed the rate together', async () => {
    const home = tempDir();
    const file = path.join(home, 'submit-pacing-test.json');
    let clock = 1_000_000;
    const deps = {
      now: () => clock,
      sleep: async (ms: number) => {
        clock += Math.min(ms, 37); // time passes while a pacer waits (in small steps, so the two interleave)
        await new Promise((r) => setImmediate(r));
      },
    };
    const opts = { rate: 3, windowMs: 1000, marginMs: 0 };
    const a = new SubmissionPacer(file, opts, deps);
    const b = new SubmissionPacer(file, opts, deps);
    const taken: number[] = [];
    const take = async (p: SubmissionPacer) => {
      await p.acquire();
      taken.push(clock);
    };
    await Promise.all([...Array.from({ length: 6 }, () => take(a)), ...Array.from({ length: 6 }, () => take(b))]);
    taken.sort((x, y) => x - y);
    expect(taken).toHaveLength(12);
    // Any 4 consecutive submissions span at least one full window: at most 3 per window.
    for (let i = 0; i + 3 < taken.length; i++) expect(taken[i + 3]! - taken[i]!).toBeGreaterThanOrEqual(1000);
    // Without the shared file, each pacer alone would have let its first 3 through at once: 6 in the first window.
    expect(taken.filter((t) => t < taken[0]! + 1000)).toHaveLength(3);
  });

  it('point 4: one pacer per account in a process: backends of the same home, host and key share it', () => {
    const home = tempDir();
    const account = { home, apiUrl: 'https://quantum.cloud.ibm.com/api/v1', token: 'fake-key-1' };
    const p = pacerFor(account);
    expect(pacerFor({ ...account })).toBe(p);
    expect(pacerFor({ ...account, token: 'fake-key-2' })).not.toBe(p);
    expect(pacerFor({ ...account, home: tempDir() })).not.toBe(p);
    expect(p).toMatchObject({ rate: 5, windowMs: 60_000 }); // IBM's documented 5 per minute per user
    expect(path.dirname(p.stateFile!)).toBe(home);
    expect(path.basename(p.stateFile!)).not.toContain('fake-key-1');
  });

  it('point 4: a sampled kernel of 40 chunks against a server enforcing 5 per window: each chunk lands once, no 429 reaches the user', async () => {
    const windowMs = 200;
    server = await startRuntimeServer({ jobRateLimit: { jobs: 5, windowMs }, defaultJobPlan: { queuedPolls: 0, runningPolls: 0 } });
    const home = tempDir();
    const backend = await createIbmRuntimeBackend(TEST_BACKEND, serverOptions(server, home, { pacing: { rate: 5, windowMs, marginMs: 20 }, sleep: abortableSleep }));
    const fm = zzFeatureMap({ featureDimension: 2, reps: 1, entanglement: 'linear' });
    const kernel = new QuantumKernel({ featureMap: fm, backend, shots: 32, seed: 5, maxCircuitsPerJob: 1, enforcePsd: false });
    const x = Array.from({ length: 5 }, (_, i) => [0.1 * i, 0.3 - 0.05 * i]);
    const y = Array.from({ length: 8 }, (_, i) => [0.2 + 0.07 * i, 0.1 * i]);
    const k = await kernel.evaluate(x, y);
    expect([k.rows, k.cols]).toEqual([5, 8]);
    expect(kernel.stats).toMatchObject({ jobsSubmitted: 40 });
    expect(server.jobs.jobs.size).toBe(40);
    expect([...jobsPerTag(server).values()]).toEqual(new Array(40).fill(1));
  });
});
