/**
 * The adapter's per-request timeout must not bound the whole job wait: a client configured
 * with short HTTP timeouts still waits for a job that simply queues for longer than one request
 * may take. (IbmRuntimeOptions extends both TransportOptions and PollSettings, whose `timeoutMs`
 * fields mean different things but become ONE option.)
 */
import { createIbmRuntimeBackend } from '../../../adapters/ibm-runtime';
import { abortableSleep } from '../../../src/core/abort';
import { cleanupTempDirs, tempDir } from '../../support/cli';
import { bellCircuit, E2E_SHOTS, serverOptions } from '../../support/ibm-library';
import { startRuntimeServer, TEST_BACKEND } from '../../support/runtime-server';

jest.setTimeout(30_000);
afterAll(() => cleanupTempDirs());

it('a 1 s per-request timeout does not turn a ~2.5 s queue into a JobTimeoutError', async () => {
  const server = await startRuntimeServer({ defaultJobPlan: { queuedPolls: 8, runningPolls: 1 } });
  try {
    const backend = await createIbmRuntimeBackend(
      TEST_BACKEND,
      serverOptions(server, tempDir(), {
        timeoutMs: 1000,
        intervalMs: 250,
        maxIntervalMs: 250,
        sleep: (ms, signal) => abortableSleep(Math.min(ms, 250), signal),
      }),
    );
    const job = await backend.run({ kind: 'sampler', pubs: [{ circuit: bellCircuit(), shots: E2E_SHOTS }] });
    // No timeoutMs passed to result(): the job wait should use the job-wait default (24 h).
    const outcome = await job.result().then(
      () => 'result',
      (e: Error) => `${e.name}: ${e.message}`,
    );
    expect(outcome).toBe('result');
  } finally {
    await server.close();
  }
});
