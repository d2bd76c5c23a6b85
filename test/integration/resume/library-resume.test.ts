/**
 * Resumable kernel runs through the library (no spawning): `QuantumKernel.evaluate(x, undefined,
 * { resume })` on the IBM adapter against the IBM-like test server, each "process" being a new
 * backend object and a new kernel (no shared memo) over the same `QBRIDGE_HOME` ledger.
 */
import { createIbmRuntimeBackend, type IbmRuntimeBackend } from '../../../adapters/ibm-runtime';
import { createLocalBackend } from '../../../simulators/local';
import type { Backend } from '../../../src/backend';
import { AbortedError, ConfigurationError, ConnectionError, JobFailedError } from '../../../src/core/errors';
import { QuantumKernel, zzFeatureMap, type KernelMatrix } from '../../../src/kernel';
import { chunkTag, kernelRunKey, parseChunkTag } from '../../../src/kernel/resume';
import { cleanupTempDirs, tempDir } from '../../support/cli';
import { serverOptions } from '../../support/ibm-library';
import { startRuntimeServer, TEST_BACKEND, type RuntimeServer } from '../../support/runtime-server';
import { jobsPerTag, ledgerLines, POINTS, postsPerTag, waitFor } from '../../support/kernel-resume';

jest.setTimeout(60_000);
afterAll(() => cleanupTempDirs());

const fm = zzFeatureMap({ featureDimension: 2, reps: 2, entanglement: 'linear' });
const FAST_JOBS = { defaultJobPlan: { queuedPolls: 0, runningPolls: 0 } };
const CHUNKS = 6;

/** One "process": a fresh backend and kernel over `home`'s ledger. */
async function session(server: RuntimeServer, home: string, shots = 256): Promise<{ backend: IbmRuntimeBackend; kernel: QuantumKernel }> {
  const backend = await createIbmRuntimeBackend(TEST_BACKEND, serverOptions(server, home));
  return { backend, kernel: new QuantumKernel({ featureMap: fm, backend, shots, seed: 3, maxCircuitsPerJob: 1, enforcePsd: false }) };
}

/** Submit lines in the ledger: the job's answer arrived and `run` is returning. */
const submits = (home: string): number => ledgerLines(home).filter((l) => l.event === 'submit').length;

const values = (k: KernelMatrix): number[] => Array.from(k.data);

async function exactKernel(): Promise<KernelMatrix> {
  return new QuantumKernel({ featureMap: fm }).evaluate(POINTS);
}

it('an aborted run resumed by a new kernel equals an uninterrupted run exactly, each chunk created once', async () => {
  const clean = await startRuntimeServer(FAST_JOBS);
  let reference: number[];
  try {
    const { kernel } = await session(clean, tempDir());
    reference = values(await kernel.evaluate(POINTS));
    expect(kernel.stats).toMatchObject({ jobsSubmitted: CHUNKS, jobsResumed: 0 });
  } finally {
    await clean.close();
  }
  // Sanity of the reference itself: an estimate of the exact kernel (256 shots, 5σ).
  const exact = values(await exactKernel());
  reference.forEach((v, i) => expect(Math.abs(v - exact[i]!)).toBeLessThan(5 * Math.sqrt(0.25 / 256)));

  const server = await startRuntimeServer(FAST_JOBS);
  const home = tempDir();
  try {
    server.planNextJob({});
    server.planNextJob({});
    server.planNextJob({ stayQueued: true, queuedPolls: 0, runningPolls: 0 });
    const controller = new AbortController();
    const a = await session(server, home);
    const aborted = a.kernel.evaluate(POINTS, undefined, { signal: controller.signal });
    await waitFor(() => server.jobs.jobs.size === 3 && submits(home) === 3, 20_000, 'chunk 2');
    controller.abort();
    await expect(aborted).rejects.toBeInstanceOf(AbortedError);
    [...server.jobs.jobs.values()][2]!.stayQueued = false;

    const b = await session(server, home);
    const resumed = await b.kernel.evaluate(POINTS, undefined, { resume: true });
    expect(values(resumed)).toEqual(reference);
    expect(b.kernel.stats).toMatchObject({ jobsResumed: 3, jobsSubmitted: 3 });
    expect([...jobsPerTag(server).values()]).toEqual(new Array(CHUNKS).fill(1));
    expect(server.count('POST /jobs')).toBe(CHUNKS);
  } finally {
    await server.close();
  }
});

it('failed, cancelled and deleted jobs are submitted again; a job recorded as failed is not even fetched', async () => {
  const server = await startRuntimeServer(FAST_JOBS);
  const home = tempDir();
  try {
    // Run A: chunk 2 fails.
    server.planNextJob({});
    server.planNextJob({});
    server.planNextJob({ fail: { code: 1500, reason: 'injected' } });
    const a = await session(server, home, 2048);
    await expect(a.kernel.evaluate(POINTS)).rejects.toBeInstanceOf(JobFailedError);
    const [job0, , failed] = [...server.jobs.jobs.keys()];

    // Run B (resume): chunks 0-1 reused, chunk 2 resubmitted and left queued; aborted there.
    server.planNextJob({ stayQueued: true });
    const controller = new AbortController();
    const b = await session(server, home, 2048);
    const aborted = b.kernel.evaluate(POINTS, undefined, { signal: controller.signal, resume: true });
    await waitFor(() => server.jobs.jobs.size === 4 && submits(home) === 4, 20_000, 'chunk 2 again');
    controller.abort();
    await expect(aborted).rejects.toBeInstanceOf(AbortedError);
    expect(b.kernel.stats).toMatchObject({ jobsResumed: 2, jobsSubmitted: 1 });
    const fetchesOfFailed = (): number => server.requests.filter((r) => r.path.endsWith(`/jobs/${failed}`)).length;
    const before = fetchesOfFailed();

    // Meanwhile: the queued retry of chunk 2 is cancelled (dashboard) and chunk 0's job deleted.
    const retry = [...server.jobs.jobs.values()][3]!;
    retry.state = 'Cancelled';
    server.jobs.jobs.delete(job0!);

    // Run C (resume): chunk 0 → 404 → again; chunk 1 reused; chunk 2 → cancelled / failed → again.
    const c = await session(server, home, 2048);
    const k = await c.kernel.evaluate(POINTS, undefined, { resume: true });
    expect(c.kernel.stats).toMatchObject({ jobsResumed: 1, jobsSubmitted: 5 });
    expect(fetchesOfFailed()).toBe(before);
    const exact = values(await exactKernel());
    values(k).forEach((v, i) => expect(Math.abs(v - exact[i]!)).toBeLessThan(5 * Math.sqrt(0.25 / 2048)));
    const posts = [...postsPerTag(server).values()];
    expect(posts.sort()).toEqual([1, 1, 1, 1, 2, 3]);
  } finally {
    await server.close();
  }
});

/** The IBM backend without its tag lookup: the core must not guess about unconfirmed submissions. */
function withoutLookup(b: IbmRuntimeBackend): Backend {
  return {
    contractVersion: 1,
    name: b.name,
    target: b.target,
    run: ((req: never, o?: never) => b.run(req, o)) as unknown as Backend['run'],
    journalEntries: (p, o) => b.journalEntries(p, o),
    retrieveJob: (id, o) => b.retrieveJob(id, o),
  };
}

it('an unconfirmed submission: looked up by client tag (no duplicate); without a lookup, an error unless resubmitUnconfirmed', async () => {
  for (const mode of ['lookup', 'resubmit'] as const) {
    const server = await startRuntimeServer(FAST_JOBS);
    const home = tempDir();
    try {
      // Chunk 0's job is created, then the connection resets: its answer is lost.
      server.faults.push('POST /jobs', { kind: 'reset', after: true });
      // ... and the run's own lookup by client tag fails too (400, not retried): the intent stays unconfirmed.
      server.faults.push('GET /jobs', { kind: 'status', status: 400 });
      const a = await session(server, home);
      await expect(a.kernel.evaluate(POINTS)).rejects.toBeInstanceOf(ConnectionError);
      expect(server.jobs.jobs.size).toBe(1);
      const intent = ledgerLines(home).find((l) => l.event === 'intent')!;
      expect(ledgerLines(home).some((l) => l.event === 'submit')).toBe(false);

      const b = await session(server, home);
      const blind = new QuantumKernel({ featureMap: fm, backend: withoutLookup(b.backend), shots: 256, seed: 3, maxCircuitsPerJob: 1, enforcePsd: false });
      const err = await blind.evaluate(POINTS, undefined, { resume: true }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigurationError);
      expect((err as Error).message).toContain(String(intent.client_tag));
      expect(server.count('POST /jobs')).toBe(1);

      if (mode === 'lookup') {
        await b.kernel.evaluate(POINTS, undefined, { resume: true });
        expect(b.kernel.stats).toMatchObject({ jobsResumed: 1, jobsSubmitted: CHUNKS - 1 });
        expect([...jobsPerTag(server).values()]).toEqual(new Array(CHUNKS).fill(1));
        // The adapter confirmed the lost submission in the ledger: every chunk has a job id now.
        const entries = await b.backend.journalEntries('qbridge-kernel:');
        expect(entries).toHaveLength(CHUNKS);
        expect(entries.map((e) => e.jobId).sort()).toEqual([...server.jobs.jobs.keys()].sort());
      } else {
        await blind.evaluate(POINTS, undefined, { resume: { resubmitUnconfirmed: true } });
        expect(blind.stats).toMatchObject({ jobsResumed: 0, jobsSubmitted: CHUNKS });
        // The documented price of resubmitting blindly: chunk 0 now has two jobs.
        expect([...jobsPerTag(server).values()].sort()).toEqual([1, 1, 1, 1, 1, 2]);
      }
    } finally {
      await server.close();
    }
  }
});

it('different settings make a different run: nothing of another run is reused', async () => {
  const server = await startRuntimeServer(FAST_JOBS);
  const home = tempDir();
  try {
    await (await session(server, home, 256)).kernel.evaluate(POINTS);
    const other = await session(server, home, 512);
    await other.kernel.evaluate(POINTS, undefined, { resume: true });
    expect(other.kernel.stats).toMatchObject({ jobsResumed: 0, jobsSubmitted: CHUNKS });
    const sub = await session(server, home, 256);
    await sub.kernel.evaluate(POINTS.slice(0, 3), undefined, { resume: true });
    expect(sub.kernel.stats).toMatchObject({ jobsResumed: 0, jobsSubmitted: 3 });
    expect(server.count('POST /jobs')).toBe(2 * CHUNKS + 3);
  } finally {
    await server.close();
  }
});

it('an IBM backend without a ledger refuses to resume; a backend without any journal simply runs', async () => {
  const server = await startRuntimeServer(FAST_JOBS);
  try {
    const backend = await createIbmRuntimeBackend(TEST_BACKEND, serverOptions(server, tempDir(), { ledger: false }));
    const kernel = new QuantumKernel({ featureMap: fm, backend, shots: 64, seed: 1, maxCircuitsPerJob: 2 });
    await expect(kernel.evaluate(POINTS, undefined, { resume: true })).rejects.toBeInstanceOf(ConfigurationError);
    expect(server.count('POST /jobs')).toBe(0);
  } finally {
    await server.close();
  }
  const local = createLocalBackend();
  const plain = await new QuantumKernel({ featureMap: fm, backend: local, method: 'sampler', shots: 512, seed: 5, maxCircuitsPerJob: 2 }).evaluate(POINTS);
  const resumed = new QuantumKernel({ featureMap: fm, backend: local, method: 'sampler', shots: 512, seed: 5, maxCircuitsPerJob: 2 });
  expect(values(await resumed.evaluate(POINTS, undefined, { resume: true }))).toEqual(values(plain));
  expect(resumed.stats).toMatchObject({ jobsResumed: 0, jobsSubmitted: 3 });
});

describe('run keys and chunk tags', () => {
  const base = () => ({
    featureMapId: fm.id,
    backendName: TEST_BACKEND,
    shots: 256,
    seed: 3,
    maxCircuitsPerJob: 1,
    maxPubsPerJob: 20,
    maxExecutionsPerJob: 5_000_000,
    x: { rows: 2, cols: 2, data: Float64Array.from([0.5, 1.25, 2, 0.75]) },
    y: { rows: 2, cols: 2, data: Float64Array.from([0.5, 1.25, 2, 0.75]) },
    pairs: Int32Array.from([0, 1]),
  });

  it('the key is stable and changes with every input that decides a chunk', () => {
    const key = kernelRunKey(base());
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(kernelRunKey(base())).toBe(key);
    const variants = [
      { ...base(), featureMapId: zzFeatureMap({ featureDimension: 2, reps: 1 }).id },
      { ...base(), backendName: 'ibm_other' },
      { ...base(), shots: 257 },
      { ...base(), seed: 4 },
      { ...base(), seed: undefined },
      { ...base(), maxCircuitsPerJob: 2 },
      { ...base(), maxRowsPerPub: 1 },
      { ...base(), maxPubsPerJob: 21 },
      { ...base(), maxExecutionsPerJob: 4_999_999 },
      { ...base(), x: { rows: 2, cols: 2, data: Float64Array.from([0.5, 1.25, 2, 0.7500000000000001]) } },
      { ...base(), pairs: Int32Array.from([1, 0]) },
    ];
    const keys = new Set([key, ...variants.map(kernelRunKey)]);
    expect(keys.size).toBe(variants.length + 1);
  });

  it('chunk tags fit IBM tags and parse back only for their own run', () => {
    const key = kernelRunKey(base());
    const tag = chunkTag(key, 12345, 99999);
    expect(tag.length).toBeLessThanOrEqual(86);
    expect(parseChunkTag(tag, key)).toEqual({ index: 12345, count: 99999 });
    expect(parseChunkTag(tag, key.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')))).toBeUndefined();
    expect(parseChunkTag(`${tag}x`, key)).toBeUndefined();
    expect(parseChunkTag(chunkTag(key, 3, 3), key)).toBeUndefined();
  });
});
