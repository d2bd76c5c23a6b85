/**
 * `qbridge kernel --resume` end to end: the CLI runs a 4-point kernel on the IBM-like test server
 * as 6 one-circuit jobs, is SIGKILLed part way, and a second `--resume` run finishes it. The
 * killed runs are real processes (spawnCli: nothing of the CLI runs after SIGKILL); every other
 * run calls the CLI in-process (runCli).
 *
 * Exactness: the server samples each PUB row with the next value of ONE seed counter, in job
 * creation order. A resumed run therefore reproduces an uninterrupted run's matrix bit for bit
 * only if every chunk was created exactly once and in the same order; a duplicated chunk shifts
 * every later seed. The tests also count jobs and `POST /jobs` per chunk tag directly.
 */
import type { ChildProcess } from 'node:child_process';
import { cleanupTempDirs, ibmEnv, runCli, spawnCli, tempDir, type CliRun } from '../../support/cli';
import { startRuntimeServer, TEST_BACKEND, type RuntimeServer } from '../../support/runtime-server';
import { createdChunkTags, jobsPerTag, ledgerLines, postsPerTag, TAG_PREFIX, waitFor, writePointsCsv } from '../../support/kernel-resume';

jest.setTimeout(180_000);
afterAll(() => cleanupTempDirs());

const CHUNKS = 6;
/** Jobs complete at creation unless a plan says otherwise. */
const FAST_JOBS = { defaultJobPlan: { queuedPolls: 0, runningPolls: 0 } };

function kernelArgs(csv: string, resume: boolean): string[] {
  return ['kernel', '--train', csv, '--backend', TEST_BACKEND, '--shots', '128', '--seed', '7', '--max-circuits-per-job', '1', '--json', ...(resume ? ['--resume'] : [])];
}

function matrixOf(run: CliRun): number[][] {
  if (run.code !== 0) throw new Error(`CLI exit ${run.code}: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { matrix: number[][] }).matrix;
}

/** SIGKILLs the child once `ready()` holds; records whether it did. */
function killWhen(ready: () => boolean): { control: (c: ChildProcess) => void; killed: () => boolean } {
  let killed = false;
  return {
    killed: () => killed,
    control: (child) => {
      const timer = setInterval(() => {
        if (!ready()) return;
        clearInterval(timer);
        killed = true;
        child.kill('SIGKILL');
      }, 20);
      child.on('close', () => clearInterval(timer));
    },
  };
}

const submitLines = (home: string): Array<Record<string, unknown>> => ledgerLines(home).filter((l) => l.event === 'submit');

let reference: number[][];

beforeAll(async () => {
  const server = await startRuntimeServer(FAST_JOBS);
  const home = tempDir();
  try {
    reference = matrixOf(await runCli(kernelArgs(writePointsCsv(home), false), ibmEnv(server, home), { timeoutMs: 90_000 }));
    // The uninterrupted run: 6 chunk jobs with 6 distinct tags, each recorded in the ledger.
    const tags = createdChunkTags(server);
    expect(tags).toHaveLength(CHUNKS);
    expect(new Set(tags).size).toBe(CHUNKS);
    for (const t of tags) expect(t).toMatch(new RegExp(`^${TAG_PREFIX}[0-9a-f]{32}:\\d/${CHUNKS}$`));
    expect(submitLines(home).map((l) => l.tag)).toEqual(tags);
  } finally {
    await server.close();
  }
  expect(reference).toHaveLength(4);
  for (let i = 0; i < 4; i++) expect(reference[i]![i]).toBe(1);
}, 120_000);

/** Every chunk created exactly once; `posts` POST /jobs requests per tag at most. */
function expectEachChunkOnce(server: RuntimeServer): void {
  const perTag = jobsPerTag(server);
  expect(perTag.size).toBe(CHUNKS);
  expect([...perTag.values()]).toEqual(new Array(CHUNKS).fill(1));
}

it('SIGKILL while chunk 2 is queued; --resume reuses chunks 0-1, awaits chunk 2, submits 3-5 once each', async () => {
  const server = await startRuntimeServer(FAST_JOBS);
  const home = tempDir();
  const csv = writePointsCsv(home);
  try {
    server.planNextJob({});
    server.planNextJob({});
    server.planNextJob({ stayQueued: true, queuedPolls: 0, runningPolls: 0 });
    const kill = killWhen(() => server.jobs.jobs.size === 3 && submitLines(home).length === 3);
    const first = await spawnCli(kernelArgs(csv, false), ibmEnv(server, home), 90_000, kill.control);
    expect(kill.killed()).toBe(true);
    expect(first.code).not.toBe(0);
    expect(server.count('POST /jobs')).toBe(3);
    // The crashed laptop's queued job finishes while nobody watches... or later: it is still
    // queued when the resume starts, and moves on at the resume's polls.
    const queued = [...server.jobs.jobs.values()][2]!;
    expect(queued.state).toBe('Queued');
    queued.stayQueued = false;

    const second = await runCli(kernelArgs(csv, true), ibmEnv(server, home), { timeoutMs: 90_000 });
    expect(matrixOf(second)).toEqual(reference);
    expect(server.count('POST /jobs')).toBe(CHUNKS);
    expectEachChunkOnce(server);
    expect([...postsPerTag(server).values()]).toEqual(new Array(CHUNKS).fill(1));
    expect(submitLines(home)).toHaveLength(CHUNKS);
  } finally {
    await server.close();
  }
});

it('SIGKILL after the job was created but before its answer arrived: --resume finds it by client tag, no duplicate', async () => {
  const server = await startRuntimeServer(FAST_JOBS);
  const home = tempDir();
  const csv = writePointsCsv(home);
  try {
    // Chunk 1 stays queued until the fault for chunk 2's POST is in place.
    server.planNextJob({});
    server.planNextJob({ stayQueued: true, queuedPolls: 0, runningPolls: 0 });
    const kill = killWhen(() => server.jobs.jobs.size === 3);
    const first = await spawnCli(kernelArgs(csv, false), ibmEnv(server, home), 90_000, (child) => {
      kill.control(child);
      void waitFor(() => server.jobs.jobs.size === 2 && submitLines(home).length === 2, 60_000, 'chunk 1').then(
        () => {
          // Chunk 2's POST creates the job, then the answer is held back for 60 s: the CLI is
          // killed in between, with only the intent line in the ledger.
          server.faults.push('POST /jobs', { kind: 'slow', delayMs: 60_000, after: true });
          [...server.jobs.jobs.values()][1]!.stayQueued = false;
        },
        () => undefined,
      );
    });
    expect(kill.killed()).toBe(true);
    expect(first.code).not.toBe(0);
    expect(server.jobs.jobs.size).toBe(3);
    const intents = ledgerLines(home).filter((l) => l.event === 'intent');
    expect(intents).toHaveLength(3);
    expect(submitLines(home)).toHaveLength(2);
    const lost = intents[2]!;
    expect(String(lost.tag)).toMatch(/:2\/6$/);

    const second = await runCli(kernelArgs(csv, true), ibmEnv(server, home), { timeoutMs: 90_000 });
    expect(matrixOf(second)).toEqual(reference);
    // The unconfirmed submission was looked up by its unique client tag...
    const lookups = server.requests.filter((r) => r.route === 'GET /jobs' && r.query.getAll('tags').includes(String(lost.client_tag)));
    expect(lookups.length).toBeGreaterThanOrEqual(1);
    // ...and reused: 6 POSTs in all, one job per chunk.
    expect(server.count('POST /jobs')).toBe(CHUNKS);
    expectEachChunkOnce(server);
    // The ledger now confirms it: a submit line with the found job's id and the lost client tag.
    const confirmed = submitLines(home).filter((l) => l.client_tag === lost.client_tag);
    expect(confirmed.map((l) => l.job_id)).toEqual([[...server.jobs.jobs.keys()][2]]);
  } finally {
    await server.close();
  }
});

it('a submission that never reached the server (reset before processing): --resume looks it up, finds nothing, submits it once', async () => {
  const server = await startRuntimeServer(FAST_JOBS);
  const home = tempDir();
  const csv = writePointsCsv(home);
  try {
    server.planNextJob({});
    server.planNextJob({ stayQueued: true, queuedPolls: 0, runningPolls: 0 });
    void waitFor(() => server.jobs.jobs.size === 2 && submitLines(home).length === 2, 60_000, 'chunk 1').then(
      () => {
        server.faults.push('POST /jobs', { kind: 'reset' });
        // The run's own lookup by client tag fails (400, not retried), so the run stops there.
        server.faults.push('GET /jobs', { kind: 'status', status: 400 });
        [...server.jobs.jobs.values()][1]!.stayQueued = false;
      },
      () => undefined,
    );
    const first = await runCli(kernelArgs(csv, false), ibmEnv(server, home), { timeoutMs: 90_000 });
    // A reset POST whose lookup fails is never resubmitted (it may have created a job): the CLI stops with one error line.
    expect(first.code).toBe(1);
    // Besides the spend estimate printed before submitting, one error line.
    expect(first.stderr.trim().split('\n').filter((l) => !l.startsWith('about to submit'))).toHaveLength(1);
    expect(server.count('POST /jobs')).toBe(3);
    expect(server.jobs.jobs.size).toBe(2);

    const second = await runCli(kernelArgs(csv, true), ibmEnv(server, home), { timeoutMs: 90_000 });
    expect(matrixOf(second)).toEqual(reference);
    expect(server.requests.some((r) => r.route === 'GET /jobs')).toBe(true);
    expect(server.count('POST /jobs')).toBe(CHUNKS + 1); // the reset request + one per chunk
    expectEachChunkOnce(server);
  } finally {
    await server.close();
  }
});

it('--resume refuses least_busy (the run is keyed by its device), before any request', async () => {
  const server = await startRuntimeServer(FAST_JOBS);
  const home = tempDir();
  try {
    const args = kernelArgs(writePointsCsv(home), true).map((a) => (a === TEST_BACKEND ? 'least_busy' : a));
    const run = await runCli(args, ibmEnv(server, home), { timeoutMs: 90_000 });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--resume needs the device/);
    expect(server.requests).toHaveLength(0);
  } finally {
    await server.close();
  }
});

it('--resume of a run that already finished submits nothing and prints the same matrix', async () => {
  const server = await startRuntimeServer(FAST_JOBS);
  const home = tempDir();
  const csv = writePointsCsv(home);
  try {
    const first = matrixOf(await runCli(kernelArgs(csv, false), ibmEnv(server, home), { timeoutMs: 90_000 }));
    const second = await runCli(kernelArgs(csv, true).filter((a) => a !== '--json'), ibmEnv(server, home), { timeoutMs: 90_000 });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`resumed: ${CHUNKS} job(s) reused from the ledger, 0 submitted`);
    expect(first).toEqual(reference);
    expect(server.count('POST /jobs')).toBe(CHUNKS);
  } finally {
    await server.close();
  }
});
