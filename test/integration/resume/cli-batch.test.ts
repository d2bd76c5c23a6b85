/**
 * Issue 13, "also build": `qbridge kernel --batch` runs the sampled kernel's chunks inside one IBM
 * batch (mode `batch`, allowed on the Open plan), several in flight at once, every job carrying
 * the batch's session id; the batch is closed afterwards. In-process CLI against the loopback server.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanupTempDirs, ibmEnv, runCli, tempDir } from '../../support/cli';
import { startRuntimeServer, TEST_BACKEND, type RuntimeServer } from '../../support/runtime-server';
import { createdChunkTags, jobsPerTag, writePointsCsv } from '../../support/kernel-resume';

jest.setTimeout(120_000);
afterAll(() => cleanupTempDirs());

const CHUNKS = 6;
const FAST_JOBS = { defaultJobPlan: { queuedPolls: 0, runningPolls: 0 } };

const kernelArgs = (csv: string, extra: string[] = []): string[] => [
  'kernel', '--train', csv, '--backend', TEST_BACKEND, '--shots', '128', '--seed', '7', '--max-circuits-per-job', '1', '--json', ...extra,
];

async function matrix(server: RuntimeServer, extra: string[]): Promise<{ out: Record<string, unknown>; home: string }> {
  const home = tempDir();
  const run = await runCli(kernelArgs(writePointsCsv(home), extra), ibmEnv(server, home), { timeoutMs: 90_000 });
  if (run.code !== 0) throw new Error(`CLI exit ${run.code}: ${run.stderr}`);
  return { out: JSON.parse(run.stdout) as Record<string, unknown>, home };
}

it('also build (kernel --batch): one batch session is created, every chunk job carries its id, chunks are in flight together, values equal a run without --batch', async () => {
  const plain = await startRuntimeServer(FAST_JOBS);
  let reference: unknown;
  try {
    reference = (await matrix(plain, [])).out.matrix;
    expect(plain.requests.filter((r) => r.route === 'POST /sessions')).toHaveLength(0);
  } finally {
    await plain.close();
  }

  let mostUnfinishedAtPost = 0;
  const server: RuntimeServer = await startRuntimeServer({
    ...FAST_JOBS,
    plan: 'open',
    onRequest: (r) => {
      if (r.route !== 'POST /jobs') return;
      const unfinished = [...server.jobs.jobs.values()].filter((j) => !server.jobs.isTerminal(j)).length;
      mostUnfinishedAtPost = Math.max(mostUnfinishedAtPost, unfinished);
    },
  });
  try {
    // The first two chunks stay queued until the third is created: only concurrent chunks get there.
    server.planNextJob({ stayQueued: true });
    server.planNextJob({ stayQueued: true });
    const release = setInterval(() => {
      if (server.jobs.jobs.size >= 3) for (const j of server.jobs.jobs.values()) j.stayQueued = false;
    }, 10);
    let out: Record<string, unknown>;
    try {
      out = (await matrix(server, ['--batch'])).out;
    } finally {
      clearInterval(release);
    }
    expect(out.matrix).toEqual(reference);
    const sessions = server.requests.filter((r) => r.route === 'POST /sessions').map((r) => JSON.parse(r.body) as Record<string, unknown>);
    expect(sessions).toEqual([{ mode: 'batch', backend: TEST_BACKEND }]);
    const [sessionId] = [...server.sessions.keys()];
    expect(out.batch).toBe(sessionId);
    const jobs = [...server.jobs.jobs.values()];
    expect(jobs).toHaveLength(CHUNKS);
    expect(jobs.map((j) => j.sessionId)).toEqual(Array(CHUNKS).fill(sessionId));
    expect(new Set(createdChunkTags(server)).size).toBe(CHUNKS);
    expect([...jobsPerTag(server).values()]).toEqual(Array(CHUNKS).fill(1));
    expect(mostUnfinishedAtPost).toBeGreaterThanOrEqual(2);
    expect(server.sessions.get(sessionId!)!.accepting_jobs).toBe(false);
  } finally {
    await server.close();
  }
});

it('also build (kernel --batch): on a simulator backend --batch is refused naming the flag', async () => {
  const home = tempDir();
  const run = await runCli(['kernel', '--train', writePointsCsv(home), '--backend', 'local', '--shots', '64', '--batch'], { QBRIDGE_HOME: home });
  expect(run.code).not.toBe(0);
  expect(run.stderr).toMatch(/--batch needs an IBM Quantum backend/);
  expect(run.stderr).toMatch(/'local'/);
});

it('also build (qsvc --batch): every kernel job of the fit and the scoring carries the one batch id', async () => {
  const server = await startRuntimeServer({ ...FAST_JOBS, plan: 'open' });
  const home = tempDir();
  try {
    const rows = ['f0,f1,label', '0.5,1.25,0', '2.0,0.75,1', '1.5,3.0,0', '0.25,2.5,1'];
    const train = path.join(home, 'train-labels.csv');
    fs.writeFileSync(train, rows.join('\n') + '\n');
    const run = await runCli(
      ['qsvc', '--train', train, '--test', train, '--backend', TEST_BACKEND, '--shots', '64', '--seed', '7', '--max-circuits-per-job', '2', '--json', '--batch'],
      ibmEnv(server, home),
      { timeoutMs: 90_000 },
    );
    if (run.code !== 0) throw new Error(`CLI exit ${run.code}: ${run.stderr}`);
    expect(server.requests.filter((r) => r.route === 'POST /sessions').map((r) => JSON.parse(r.body) as unknown)).toEqual([{ mode: 'batch', backend: TEST_BACKEND }]);
    const [sessionId] = [...server.sessions.keys()];
    const jobs = [...server.jobs.jobs.values()];
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.every((j) => j.sessionId === sessionId)).toBe(true);
    expect(server.sessions.get(sessionId!)!.accepting_jobs).toBe(false);
  } finally {
    await server.close();
  }
});
