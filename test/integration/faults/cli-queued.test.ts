/**
 * A job that stays queued, with no wait bound set (no `--timeout`, no QBRIDGE_JOB_TIMEOUT: the CLI
 * waits up to the 24 h default, as long as IBM may queue): the user can still interrupt it.
 * Ctrl-C (SIGINT) ends the process promptly with a non-zero code, and the job id is already in
 * the ledger for `qbridge jobs`. (The bounded waits are scenarios of cli-faults.test.ts.)
 */
import { cleanupTempDirs, ibmEnv, ledgerJobIds, runCli, tempDir, writeQasm, BELL_ISA_QASM_C } from '../../support/cli';
import { startRuntimeServer, TEST_BACKEND } from '../../support/runtime-server';

jest.setTimeout(60_000);
afterAll(() => cleanupTempDirs());

it('SIGINT while polling a queued job ends the CLI promptly; the ledger has the job id', async () => {
  const server = await startRuntimeServer({ defaultJobPlan: { stayQueued: true } });
  const home = tempDir();
  try {
    let sentAt = 0;
    const run = await runCli(
      ['run', writeQasm(home, BELL_ISA_QASM_C), '--backend', TEST_BACKEND, '--json'],
      ibmEnv(server, home),
      45_000,
      (child) => {
        const timer = setInterval(() => {
          if (server.count('GET /jobs/:id') >= 2) {
            clearInterval(timer);
            sentAt = Date.now();
            child.kill('SIGINT');
          }
        }, 100);
        child.on('close', () => clearInterval(timer));
      },
    );
    expect(sentAt).toBeGreaterThan(0);
    expect(run.timedOut).toBe(false);
    expect(run.code).not.toBe(0);
    expect(server.jobs.jobs.size).toBe(1);
    expect(ledgerJobIds(home)).toEqual([...server.jobs.jobs.keys()]);
  } finally {
    await server.close();
  }
});
