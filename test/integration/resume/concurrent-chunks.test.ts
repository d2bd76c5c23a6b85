/**
 * Issue 13, "also build": a sampled kernel on hardware submits its chunks concurrently (bounded
 * by `jobsInFlight`), each chunk in the ledger before its answer is awaited; a resume after a
 * crash submits only the missing chunks; two concurrent runs of the same run never submit a
 * chunk twice (the run lock). Through the library against the IBM-like loopback server.
 */
import { createIbmRuntimeBackend } from '../../../adapters/ibm-runtime';
import { AbortedError, RunInProgressError } from '../../../src/core/errors';
import { QuantumKernel, zzFeatureMap, type KernelMatrix } from '../../../src/kernel';
import { cleanupTempDirs, tempDir } from '../../support/cli';
import { serverOptions } from '../../support/ibm-library';
import { startRuntimeServer, TEST_BACKEND, type RuntimeServer } from '../../support/runtime-server';
import { jobsPerTag, ledgerLines, POINTS, waitFor } from '../../support/kernel-resume';

jest.setTimeout(60_000);
afterAll(() => cleanupTempDirs());

const fm = zzFeatureMap({ featureDimension: 2, reps: 2, entanglement: 'linear' });
const FAST_JOBS = { defaultJobPlan: { queuedPolls: 0, runningPolls: 0 } };
const CHUNKS = 6;

/** One "process": a fresh backend and kernel over `home`'s ledger. */
async function kernelOn(server: RuntimeServer, home: string, jobsInFlight?: number): Promise<QuantumKernel> {
  const backend = await createIbmRuntimeBackend(TEST_BACKEND, serverOptions(server, home));
  return new QuantumKernel({ featureMap: fm, backend, shots: 256, seed: 3, maxCircuitsPerJob: 1, enforcePsd: false, ...(jobsInFlight ? { jobsInFlight } : {}) });
}

const submits = (home: string): number => ledgerLines(home).filter((l) => l.event === 'submit').length;
const values = (k: KernelMatrix): number[] => Array.from(k.data);
const unfinished = (server: RuntimeServer): number => [...server.jobs.jobs.values()].filter((j) => !server.jobs.isTerminal(j)).length;

/** Lets every job created so far finish (they were planned to stay queued). */
function releaseAll(server: RuntimeServer): void {
  for (const j of server.jobs.jobs.values()) j.stayQueued = false;
}

async function sequentialReference(): Promise<number[]> {
  const server = await startRuntimeServer(FAST_JOBS);
  try {
    return values(await (await kernelOn(server, tempDir())).evaluate(POINTS));
  } finally {
    await server.close();
  }
}

it('also build (concurrent chunks): up to jobsInFlight chunks are queued at once, each in the ledger before its answer is awaited, values equal a one-at-a-time run', async () => {
  const reference = await sequentialReference();
  let mostUnfinishedAtPost = 0;
  const server: RuntimeServer = await startRuntimeServer({
    ...FAST_JOBS,
    onRequest: (r) => {
      if (r.route === 'POST /jobs') mostUnfinishedAtPost = Math.max(mostUnfinishedAtPost, unfinished(server));
    },
  });
  const home = tempDir();
  try {
    for (let i = 0; i < 3; i++) server.planNextJob({ stayQueued: true });
    const kernel = await kernelOn(server, home, 3);
    const run = kernel.evaluate(POINTS);
    // Three jobs queued at the same time: a one-at-a-time run never creates the second before
    // the first finished, and these three cannot finish until released.
    await waitFor(() => server.jobs.jobs.size === 3 && submits(home) === 3, 20_000, 'three queued chunk jobs');
    expect(unfinished(server)).toBe(3);
    releaseAll(server);
    const k = await run;
    expect(values(k)).toEqual(reference);
    expect(kernel.stats).toMatchObject({ jobsSubmitted: CHUNKS });
    // Bounded: no POST while three jobs were still unfinished.
    expect(mostUnfinishedAtPost).toBe(2);
    expect([...jobsPerTag(server).values()]).toEqual(Array(CHUNKS).fill(1));
  } finally {
    await server.close();
  }
});

it('also build (concurrent chunks): a run aborted with chunks in flight, resumed, submits only the chunks it lacks', async () => {
  const reference = await sequentialReference();
  const server = await startRuntimeServer(FAST_JOBS);
  const home = tempDir();
  try {
    server.planNextJob({});
    server.planNextJob({ stayQueued: true });
    server.planNextJob({ stayQueued: true });
    server.planNextJob({ stayQueued: true });
    const controller = new AbortController();
    const first = await kernelOn(server, home, 3);
    const crashed = first.evaluate(POINTS, undefined, { signal: controller.signal });
    // Chunk 0 done, chunks 1 and 2 queued, chunk 3 submitted after chunk 0 finished and queued
    // too: three in flight, so the run holds at four jobs however slow the machine is.
    await waitFor(() => server.jobs.jobs.size === 4 && submits(home) === 4, 20_000, 'four chunk jobs');
    controller.abort();
    await expect(crashed).rejects.toBeInstanceOf(AbortedError);
    const created = server.jobs.jobs.size;
    releaseAll(server);

    const second = await kernelOn(server, home, 3);
    const k = await second.evaluate(POINTS, undefined, { resume: true });
    expect(values(k)).toEqual(reference);
    expect(second.stats).toMatchObject({ jobsResumed: created, jobsSubmitted: CHUNKS - created });
    expect([...jobsPerTag(server).values()]).toEqual(Array(CHUNKS).fill(1));
  } finally {
    await server.close();
  }
});

it('also build (run lock): two resumes of the same run at once submit each chunk exactly once; the second is refused naming the run and pid', async () => {
  const reference = await sequentialReference();
  const server = await startRuntimeServer(FAST_JOBS);
  const home = tempDir();
  try {
    server.planNextJob({ stayQueued: true });
    const a = await kernelOn(server, home, 2);
    const b = await kernelOn(server, home, 2);
    const runA = a.evaluate(POINTS, undefined, { resume: true });
    await waitFor(() => server.jobs.jobs.size >= 1, 20_000, 'the first run to submit');
    const refusal = await b.evaluate(POINTS, undefined, { resume: true }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(RunInProgressError);
    expect((refusal as RunInProgressError).message).toMatch(new RegExp(`^run [0-9a-f]{32} is in progress in another process \\(pid ${process.pid}\\)`));
    releaseAll(server);
    expect(values(await runA)).toEqual(reference);
    // The lock is released with the run: resuming now reuses every chunk and submits none.
    const c = await kernelOn(server, home, 2);
    expect(values(await c.evaluate(POINTS, undefined, { resume: true }))).toEqual(reference);
    expect(c.stats).toMatchObject({ jobsSubmitted: 0, jobsResumed: CHUNKS });
    expect([...jobsPerTag(server).values()]).toEqual(Array(CHUNKS).fill(1));
  } finally {
    await server.close();
  }
});
