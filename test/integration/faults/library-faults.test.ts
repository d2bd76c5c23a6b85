/**
 * End-to-end fault injection through the IBM adapter's Backend (library level): for every
 * scenario of the catalogue, one Bell-pair job against the test server must end in a correct
 * result or a clear typed error — never a hang, never a duplicate submission, never a job id
 * missing from the ledger when the client saw it.
 */
import { cleanupTempDirs, ledgerJobIds, tempDir } from '../../support/cli';
import { FaultSummary } from '../../support/fault-outcomes';
import { FAULT_SCENARIOS } from '../../support/fault-scenarios';
import { abortableSleep } from '../../../src/core/abort';
import { runBellOnServer } from '../../support/ibm-library';
import { startRuntimeServer } from '../../support/runtime-server';

jest.setTimeout(40_000);

const summary = new FaultSummary();

afterAll(() => {
  summary.print('library', 'Fault summary, library (createIbmRuntimeBackend → run → result)');
  cleanupTempDirs();
  expect(summary.totalOther()).toBe(0);
});

describe.each(FAULT_SCENARIOS.map((s) => [s.id, s] as const))('%s', (_id, scenario) => {
  it('ends in a correct result or a typed error, with no duplicate and no lost job id', async () => {
    const server = await startRuntimeServer();
    const home = tempDir();
    try {
      scenario.setup(server);
      const judged = await runBellOnServer(server, home, { resultTimeoutMs: scenario.resultTimeoutMs, extra: scenario.clientOptions });
      summary.record(scenario.kind, 'library', judged, scenario.id);

      // Never a duplicate submission.
      expect(server.jobs.jobs.size).toBeLessThanOrEqual(1);
      // Never a lost job id: whenever the client could know the id, the ledger has it.
      const created = [...server.jobs.jobs.keys()];
      if (created.length && (!scenario.submitAnswerLost || judged.outcome === 'correct')) {
        expect(ledgerJobIds(home)).toEqual(expect.arrayContaining(created));
      }
      // Hostile bodies must not pollute prototypes.
      expect(({} as Record<string, unknown>).polluted_by_test_server).toBeUndefined();

      expect(judged.outcome).not.toBe('other');
      if (scenario.expect === 'correct') expect(judged).toMatchObject({ outcome: 'correct' });
      if (scenario.expect === 'typed') expect(judged.outcome).toBe('typed');
      if (judged.outcome === 'typed' && scenario.errors) expect(scenario.errors).toContain(judged.errorName);
      if (judged.outcome === 'typed' && scenario.errorNamesJob) expect(judged.detail).toContain(created[0]);
    } finally {
      await server.close();
    }
  });
});

describe('tokens that expire by their real (short) lifetime during a run', () => {
  it('the client refreshes the token and the job completes; IAM is asked again', async () => {
    const server = await startRuntimeServer({ tokenTtlMs: 1200, defaultJobPlan: { queuedPolls: 8, runningPolls: 2 } });
    const home = tempDir();
    try {
      // Real 250 ms polls: the run outlives the 1.2 s token.
      const judged = await runBellOnServer(server, home, {
        deadlineMs: 20_000,
        extra: { sleep: (ms: number, signal?: AbortSignal) => abortableSleep(Math.min(ms, 250), signal), intervalMs: 250, maxIntervalMs: 250 },
      });
      summary.record('token expiry', 'library', judged, 'short-lived IAM tokens (1.2 s) during a 2.5 s run');
      expect(judged).toMatchObject({ outcome: 'correct' });
      expect(server.count('POST /identity/token')).toBeGreaterThanOrEqual(2);
      expect(server.jobs.jobs.size).toBe(1);
    } finally {
      await server.close();
    }
  });
});

describe('an ambiguous submission (the job was created but the answer was lost)', () => {
  it.each([
    ['reset after commit', { kind: 'reset', after: true } as const, {}],
    ['timeout after commit', { kind: 'slow', delayMs: 3000, after: true } as const, { submitTimeoutMs: 1000 }],
  ])('%s: the created job is found by its client tag, adopted and in the ledger, never submitted twice', async (_name, fault, extra) => {
    const server = await startRuntimeServer();
    const home = tempDir();
    try {
      server.faults.push('POST /jobs', fault);
      const judged = await runBellOnServer(server, home, { extra });
      expect(judged.outcome).toBe('correct');
      const [job, ...more] = [...server.jobs.jobs.values()];
      expect(more).toEqual([]);
      expect(server.count('POST /jobs')).toBe(1);
      expect(ledgerJobIds(home)).toEqual([job!.id]);
      const clientTag = job!.tags.find((t) => /^qbridge-[0-9a-f]{16}$/.test(t));
      expect(server.requests.filter((r) => r.route === 'GET /jobs').map((r) => r.query.getAll('tags'))).toEqual([[clientTag]]);
    } finally {
      await server.close();
    }
  });
});
