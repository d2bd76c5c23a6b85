/**
 * End-to-end fault injection through the CLI: `node bin/qbridge.js run FILE --backend
 * ibm_test5q --json` against the test server, for the catalogue's scenarios that the CLI's
 * fixed defaults keep bounded (it has no option for per-request timeouts or the job wait, so
 * "slow > timeout" and "stays queued" run at library level only). Outcome: exit 0 with correct
 * JSON counts, or exit 1 with ONE stderr line naming a typed error.
 */
import { cleanupTempDirs, ibmEnv, ledgerJobIds, runCli, tempDir, writeQasm, BELL_ISA_QASM_C, BELL_QASM } from '../../support/cli';
import { FaultSummary, judgeCli } from '../../support/fault-outcomes';
import { FAULT_SCENARIOS } from '../../support/fault-scenarios';
import { startRuntimeServer, TEST_BACKEND } from '../../support/runtime-server';

const SHOTS = 256;
const CLI_KINDS_EXCLUDED = new Set(['slow > timeout', 'job stays queued']);
/**
 * Each CLI run spawns ts-node (~8 s), so by default the CLI walks a representative subset (every
 * fault kind, the duplicate-submission cases included); QBRIDGE_FAULTS_FULL=1 runs them all.
 */
const CLI_SUBSET = new Set([
  '429 on POST /jobs once (Retry-After 0)', '429 on POST /jobs, persistent',
  '500 burst on GET /jobs/:id', '503 on POST /jobs (not retried: may have been created)',
  'reset after POST /jobs created the job', 'resets on GET /jobs/:id',
  'truncated results', 'invalid JSON results',
  'token revoked while polling', 'IAM rejects the key',
  'job fails with 1517', 'huge body from GET /jobs/:id', 'deeply nested arrays from GET /jobs/:id',
  'wrong types in POST /jobs answer', 'unexpected fields everywhere',
  'HTML 502 page once on GET /jobs/:id', 'HTML 502 page persistent on results', 'empty 200 body from GET /jobs/:id',
]);
const full = process.env.QBRIDGE_FAULTS_FULL === '1';
const scenarios = FAULT_SCENARIOS.filter((s) => !CLI_KINDS_EXCLUDED.has(s.kind) && (full || CLI_SUBSET.has(s.id)));

jest.setTimeout(90_000);

const summary = new FaultSummary();

it('the CLI subset names existing scenarios', () => {
  expect([...CLI_SUBSET].filter((id) => !FAULT_SCENARIOS.some((s) => s.id === id))).toEqual([]);
});

afterAll(() => {
  summary.print('cli', `Fault summary, CLI (qbridge run FILE --backend ${TEST_BACKEND} --json)`);
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

describe.each(scenarios.map((s) => [s.id, s] as const))('%s', (_id, scenario) => {
  it('exits 0 with correct counts or 1 with one typed-error line; no duplicate, no lost id', async () => {
    const server = await startRuntimeServer(FAST_JOBS);
    const home = tempDir();
    try {
      scenario.setup(server);
      const run = await runCli(
        ['run', writeQasm(home, BELL_ISA_QASM_C), '--backend', TEST_BACKEND, '--shots', String(SHOTS), '--json'],
        ibmEnv(server, home),
        80_000,
      );
      const judged = judgeCli(run, SHOTS);
      summary.record(scenario.kind, 'cli', judged, scenario.id);
      expect(server.jobs.jobs.size).toBeLessThanOrEqual(1);
      const created = [...server.jobs.jobs.keys()];
      if (created.length && (!scenario.submitAnswerLost || judged.outcome === 'correct')) {
        expect(ledgerJobIds(home)).toEqual(expect.arrayContaining(created));
      }
      expect(judged.outcome).not.toBe('other');
      if (scenario.expect === 'correct') expect(judged).toMatchObject({ outcome: 'correct' });
      if (scenario.expect === 'typed') expect(judged.outcome).toBe('typed');
      if (judged.outcome === 'typed' && scenario.errors) expect(scenario.errors).toContain(judged.errorName);
    } finally {
      await server.close();
    }
  });
});
