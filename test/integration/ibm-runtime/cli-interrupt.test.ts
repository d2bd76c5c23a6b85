/**
 * Ctrl-C while the CLI waits for an IBM job (in-process against the IBM Runtime test server; the
 * SIGINT is emitted on an emitter given to the run, never sent to the test process): the job id,
 * that it keeps running and the command that fetches it are printed, and the job is cancelled
 * only with --cancel-on-interrupt.
 */
import { EventEmitter } from 'node:events';
import { BELL_ISA_QASM_C, cleanupTempDirs, withoutSpendLine, ibmEnv, ledgerJobIds, runCli, tempDir, writeQasm } from '../../support/cli';
import { writePointsCsv } from '../../support/kernel-resume';
import { startRuntimeServer, TEST_BACKEND, type RuntimeServer } from '../../support/runtime-server';

afterAll(cleanupTempDirs);

/** Runs `qbridge run` on a job that stays queued and presses Ctrl-C once the CLI has polled it. */
async function interruptedRun(server: RuntimeServer, extra: string[], kernel = false): Promise<{ code: number | null; stdout: string; stderr: string; home: string }> {
  const home = tempDir();
  const args = kernel
    ? ['kernel', '--train', writePointsCsv(home), '--backend', TEST_BACKEND, '--shots', '128', '--seed', '7', '--max-circuits-per-job', '1', '--json', ...extra]
    : ['run', writeQasm(home, BELL_ISA_QASM_C), '--backend', TEST_BACKEND, '--json', ...extra];
  const signals = new EventEmitter();
  const timer = setInterval(() => {
    if (server.count('GET /jobs/:id') >= 1) {
      clearInterval(timer);
      signals.emit('SIGINT');
    }
  }, 20);
  try {
    const r = await runCli(args, ibmEnv(server, home), { signals, timeoutMs: 30_000 });
    return { ...r, home };
  } finally {
    clearInterval(timer);
  }
}

describe('Ctrl-C while waiting for an IBM job', () => {
  let server: RuntimeServer;
  beforeEach(async () => {
    server = await startRuntimeServer({ defaultJobPlan: { stayQueued: true } });
  });
  afterEach(() => server.close());

  it('prints the job id, that it keeps running, and `qbridge jobs result ID`; sends no cancel request', async () => {
    const r = await interruptedRun(server, []);
    expect(r.code).toBe(130);
    expect(r.stdout).toBe('');
    const [id] = [...server.jobs.jobs.keys()];
    expect(server.jobs.jobs.size).toBe(1);
    expect(ledgerJobIds(r.home)).toEqual([id]);
    expect(r.stderr).toMatch(/^about to submit 1 circuit\(s\) × 1024 shots in 1 job\(s\)/);
    expect(withoutSpendLine(r.stderr)).toBe(
      '\nqbridge: interrupted (Ctrl-C again to quit at once)\n' +
        `job ${id} keeps running on ${TEST_BACKEND} (not cancelled; --cancel-on-interrupt cancels it on Ctrl-C)\n` +
        `fetch its result later with: qbridge jobs result ${id}\n`,
    );
    expect(server.count('POST /jobs/:id/cancel')).toBe(0);
  });

  it('with --cancel-on-interrupt cancels that job through the adapter (one cancel request, for its id)', async () => {
    const r = await interruptedRun(server, ['--cancel-on-interrupt']);
    expect(r.code).toBe(130);
    const [id] = [...server.jobs.jobs.keys()];
    expect(server.count('POST /jobs/:id/cancel')).toBe(1);
    expect(server.requests.filter((q) => q.route === 'POST /jobs/:id/cancel').map((q) => q.path)).toEqual([expect.stringContaining(`/jobs/${id}/cancel`)]);
    expect(r.stderr).toContain(`job ${id} on ${TEST_BACKEND}: cancellation requested (--cancel-on-interrupt)\n`);
    expect(r.stderr).not.toContain('keeps running');
  });

  it('kernel: prints the running chunk job and how to resume; cancels it only with --cancel-on-interrupt', async () => {
    const kept = await interruptedRun(server, [], true);
    expect(kept.code).toBe(130);
    const [id] = [...server.jobs.jobs.keys()];
    expect(server.jobs.jobs.size).toBe(1);
    expect(kept.stderr).toContain(`job ${id} keeps running on ${TEST_BACKEND} (not cancelled; --cancel-on-interrupt cancels it on Ctrl-C)\nfetch its result later with: qbridge jobs result ${id}\n`);
    expect(kept.stderr).toMatch(/resume where it stopped: run the same qbridge kernel command again with --resume/);
    expect(server.count('POST /jobs/:id/cancel')).toBe(0);
  });

  it('kernel --cancel-on-interrupt cancels the running chunk job', async () => {
    const r = await interruptedRun(server, ['--cancel-on-interrupt'], true);
    expect(r.code).toBe(130);
    const [id] = [...server.jobs.jobs.keys()];
    expect(server.count('POST /jobs/:id/cancel')).toBe(1);
    expect(r.stderr).toContain(`job ${id} on ${TEST_BACKEND}: cancellation requested (--cancel-on-interrupt)\n`);
  });
});
