/**
 * End-to-end fault injection through the CLI against the IBM-like test server, judged as exit 0
 * with the correct result, or exit 1 with ONE stderr line naming a typed error:
 * - `qbridge run FILE --backend ibm_test5q --json` for the catalogue's scenarios; "slow > timeout"
 *   and "stays queued" are bounded by QBRIDGE_REQUEST_TIMEOUT and `--timeout` / QBRIDGE_JOB_TIMEOUT;
 * - `qbridge kernel --train CSV --backend ibm_test5q --shots N --json` (two chunk jobs) under a
 *   representative subset: its matrix must equal the same seeded run without faults.
 * Runs call the CLI's `main` in-process (test/support/cli.ts). Never a hang, never a duplicate
 * submission (jobs and POST /jobs per chunk tag), never a lost job id (every created job is in the
 * ledger, by id or by the client tag written before sending).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanupTempDirs, ibmEnv, ledgerJobIds, runCli, tempDir, writeQasm, BELL_ISA_QASM_C, BELL_QASM, type CliRun } from '../../support/cli';
import { FaultSummary, judgeCli, judgeKernelCli, type Judged } from '../../support/fault-outcomes';
import { FAULT_SCENARIOS, type FaultScenario } from '../../support/fault-scenarios';
import { startRuntimeServer, TEST_BACKEND, type RuntimeServer } from '../../support/runtime-server';
import { POINTS, writePointsCsv } from '../../support/kernel-resume';
import { QuantumKernel, zzFeatureMap } from '../../../src/kernel';

const SHOTS = 256;
/**
 * By default the CLI walks a representative subset (every fault kind, the duplicate-submission
 * cases included; the library suite walks the whole catalogue); QBRIDGE_FAULTS_FULL=1 runs them all.
 */
const CLI_SUBSET = new Set([
  'slow POST /jobs after creating the job', 'job stays queued',
  '429 on POST /jobs once (Retry-After 0)', '429 on POST /jobs, persistent',
  '500 burst on GET /jobs/:id', '503 on POST /jobs before the job is created (looked up, resubmitted)',
  '503 on POST /jobs after the job was created (found by its tag)',
  'reset after POST /jobs created the job', 'resets on GET /jobs/:id',
  'truncated results', 'invalid JSON results',
  'token revoked while polling', 'IAM rejects the key',
  'job fails with 1517', 'huge body from GET /jobs/:id', 'deeply nested arrays from GET /jobs/:id',
  'wrong types in POST /jobs answer', 'unexpected fields everywhere',
  'HTML 502 page once on GET /jobs/:id', 'HTML 502 page persistent on results', 'empty 200 body from GET /jobs/:id',
]);
const full = process.env.QBRIDGE_FAULTS_FULL === '1';
/** Scenarios that need a library option the CLI does not offer (a small maxResponseBytes). */
const cliCapable = (s: FaultScenario): boolean => !s.clientOptions || !!s.cliEnv || !!s.cliArgs;
const scenarios = FAULT_SCENARIOS.filter((s) => cliCapable(s) && (full || CLI_SUBSET.has(s.id)));

/** The `qbridge kernel` runs: one scenario per fault kind (rate limit, 5xx, reset, revoked token, failed job, bad bodies), plus both timeouts. */
const KERNEL_SUBSET = [
  '429 on POST /jobs once (Retry-After 0)', '500 burst on GET /jobs/:id', 'reset after POST /jobs created the job',
  'token revoked while polling', 'job fails with 1517', 'truncated results', 'invalid JSON results',
  'slow POST /jobs after creating the job', 'job stays queued past QBRIDGE_JOB_TIMEOUT',
];
const kernelScenarios = KERNEL_SUBSET.map((id) => FAULT_SCENARIOS.find((s) => s.id === id)!);

jest.setTimeout(90_000);

const summary = new FaultSummary();

it('the CLI subsets name existing scenarios the CLI can set up', () => {
  expect([...CLI_SUBSET, ...KERNEL_SUBSET].filter((id) => !FAULT_SCENARIOS.some((s) => s.id === id && cliCapable(s)))).toEqual([]);
});

afterAll(() => {
  summary.print('cli', `Fault summary, CLI (qbridge run FILE / qbridge kernel --train CSV, --backend ${TEST_BACKEND} --json)`);
  cleanupTempDirs();
  expect(summary.totalOther()).toBe(0);
});

/** Jobs complete at creation (the CLI polls with fixed 1 s+ intervals). */
const FAST_JOBS = { defaultJobPlan: { queuedPolls: 0, runningPolls: 0 } };

it('a clean run of an ISA circuit prints the Bell counts and records the job in the ledger', async () => {
  const server = await startRuntimeServer(FAST_JOBS);
  const home = tempDir();
  try {
    const run = await runCli(['run', writeQasm(home, BELL_ISA_QASM_C), '--backend', TEST_BACKEND, '--shots', String(SHOTS), '--json'], ibmEnv(server, home));
    const judged = judgeCli(run, SHOTS);
    expect(judged).toMatchObject({ outcome: 'correct' });
    expect(server.count('POST /jobs')).toBe(1);
    const [id] = [...server.jobs.jobs.keys()];
    expect(JSON.parse(run.stdout)).toMatchObject({ backend: TEST_BACKEND, job_id: id });
    expect(ledgerJobIds(home)).toEqual([id]);
  } finally {
    await server.close();
  }
});

it('a logical (non-ISA) circuit is transpiled for the device and runs, as it does through the library', async () => {
  const server = await startRuntimeServer(FAST_JOBS);
  const home = tempDir();
  try {
    const run = await runCli(['run', writeQasm(home, BELL_QASM), '--backend', TEST_BACKEND, '--shots', String(SHOTS), '--json'], ibmEnv(server, home));
    expect(judgeCli(run, SHOTS)).toMatchObject({ outcome: 'correct' });
  } finally {
    await server.close();
  }
});

/**
 * POST /jobs per chunk tag that had an effect: the server's handler ran. A request refused before
 * that (429, 401, a 503 or reset before processing) may be resubmitted once its absence is proven.
 */
function effectivePostsPerTag(server: RuntimeServer): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of server.requests) {
    if (r.route !== 'POST /jobs' || !r.handled || r.status === 429 || r.status === 401) continue;
    const tag = ((JSON.parse(r.body) as { tags?: string[] }).tags ?? []).find((t) => t.startsWith('qbridge-kernel:')) ?? '<untagged>';
    m.set(tag, (m.get(tag) ?? 0) + 1);
  }
  return m;
}

/** The job's client tag (`qbridge-<16 hex>`), written to the ledger before the job is sent. */
const clientTagOf = (tags: readonly string[]): string | undefined => tags.find((t) => /^qbridge-[0-9a-f]{16}$/.test(t));

/**
 * The checks every CLI fault run shares: the outcome is allowed, and each job the server created
 * can be found from the ledger (by id; by client tag when the submission's answer was lost).
 */
function checkRun(server: RuntimeServer, home: string, scenario: FaultScenario, judged: Judged): void {
  const ledgerText = fs.existsSync(path.join(home, 'jobs.jsonl')) ? fs.readFileSync(path.join(home, 'jobs.jsonl'), 'utf8') : '';
  const ids = ledgerJobIds(home);
  for (const job of server.jobs.jobs.values()) {
    const byTag = scenario.submitAnswerLost && judged.outcome !== 'correct';
    const traceable = ids.includes(job.id) || (byTag && ledgerText.includes(clientTagOf(job.tags) ?? '<no client tag>'));
    expect({ job: job.id, tags: job.tags, traceable }).toMatchObject({ traceable: true });
  }
  expect(judged.outcome).not.toBe('other');
  if (scenario.expect === 'correct') expect(judged).toMatchObject({ outcome: 'correct' });
  if (scenario.expect === 'typed') expect(judged.outcome).toBe('typed');
  const errors = scenario.cliErrors ?? scenario.errors;
  if (judged.outcome === 'typed' && errors) expect(errors).toContain(judged.errorName);
  if (judged.outcome === 'typed' && scenario.errorNamesJob) {
    const [first] = [...server.jobs.jobs.keys()];
    expect(judged.detail).toContain(first);
  }
}

describe.each(scenarios.map((s) => [s.id, s] as const))('%s', (_id, scenario) => {
  it('exits 0 with correct counts or 1 with one typed-error line; no duplicate, no lost id', async () => {
    const server = await startRuntimeServer(FAST_JOBS);
    const home = tempDir();
    try {
      scenario.setup(server);
      const run = await runCli(
        ['run', writeQasm(home, BELL_ISA_QASM_C), '--backend', TEST_BACKEND, '--shots', String(SHOTS), '--json', ...(scenario.cliArgs ?? [])],
        ibmEnv(server, home, scenario.cliEnv),
        { timeoutMs: 80_000 },
      );
      const judged = judgeCli(run, SHOTS);
      summary.record(scenario.kind, 'cli run', judged, scenario.id);
      // Never a duplicate submission: one job at most, and one POST /jobs that could have had an effect.
      expect(server.jobs.jobs.size).toBeLessThanOrEqual(1);
      expect(Math.max(0, ...effectivePostsPerTag(server).values())).toBeLessThanOrEqual(1);
      checkRun(server, home, scenario, judged);
    } finally {
      await server.close();
    }
  });
});

describe('qbridge kernel --backend ibm_test5q --shots N under faults', () => {
  /** Three points, at most two pairs per job: two chunk jobs (pairs 0-1, pair 2). */
  const TRAIN = POINTS.slice(0, 3);
  const kernelArgs = (csv: string, extra: string[] = []): string[] =>
    ['kernel', '--train', csv, '--backend', TEST_BACKEND, '--shots', '512', '--seed', '11', '--max-circuits-per-job', '2', '--json', ...extra];
  const matrixOf = (run: CliRun): number[][] => {
    if (run.code !== 0) throw new Error(`kernel CLI exit ${run.code}: ${run.stderr}`);
    return (JSON.parse(run.stdout) as { matrix: number[][] }).matrix;
  };
  const jobsPerTag = (server: RuntimeServer): number[] => {
    const m = new Map<string, number>();
    for (const j of server.jobs.jobs.values()) {
      const tag = j.tags.find((t) => t.startsWith('qbridge-kernel:')) ?? '<untagged>';
      m.set(tag, (m.get(tag) ?? 0) + 1);
    }
    return [...m.values()];
  };

  let reference: number[][];

  beforeAll(async () => {
    // The fault-free run: the matrix every fault run must reproduce.
    const server = await startRuntimeServer(FAST_JOBS);
    const home = tempDir();
    try {
      reference = matrixOf(await runCli(kernelArgs(writePointsCsv(home, TRAIN)), ibmEnv(server, home), { timeoutMs: 80_000 }));
      expect(server.jobs.jobs.size).toBe(2);
      expect(ledgerJobIds(home).sort()).toEqual([...server.jobs.jobs.keys()].sort());
    } finally {
      await server.close();
    }
    // A sampled estimate of the exact kernel (512 shots: σ ≤ 0.023 per entry), diagonal exactly 1.
    const exact = (await new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2 }) }).evaluate(TRAIN)).toArray();
    expect(reference).toHaveLength(3);
    for (let i = 0; i < 3; i++) {
      expect(reference[i]![i]).toBe(1);
      for (let j = 0; j < 3; j++) {
        expect(reference[i]![j]).toBe(reference[j]![i]);
        expect(Math.abs(reference[i]![j]! - exact[i]![j]!)).toBeLessThan(0.12);
      }
    }
  }, 90_000);

  it('a second fault-free run gives the same matrix (the seeded reference is reproducible)', async () => {
    const server = await startRuntimeServer(FAST_JOBS);
    const home = tempDir();
    try {
      expect(matrixOf(await runCli(kernelArgs(writePointsCsv(home, TRAIN)), ibmEnv(server, home), { timeoutMs: 40_000 }))).toEqual(reference);
    } finally {
      await server.close();
    }
  });

  it.each(kernelScenarios.map((s) => [s.id, s] as const))('%s', async (_id, scenario) => {
    const server = await startRuntimeServer(FAST_JOBS);
    const home = tempDir();
    try {
      scenario.setup(server);
      const run = await runCli(kernelArgs(writePointsCsv(home, TRAIN), scenario.cliArgs), ibmEnv(server, home, scenario.cliEnv), { timeoutMs: 40_000 });
      const judged = judgeKernelCli(run, reference);
      summary.record(scenario.kind, 'cli kernel', judged, scenario.id);
      // Never a duplicate submission: one job per chunk tag, one POST /jobs per chunk tag that
      // could have had an effect.
      expect(jobsPerTag(server).every((n) => n === 1)).toBe(true);
      expect([...effectivePostsPerTag(server).values()].every((n) => n === 1)).toBe(true);
      if (judged.outcome === 'correct') expect(server.jobs.jobs.size).toBe(2);
      checkRun(server, home, scenario, judged);
    } finally {
      await server.close();
    }
  });
});
