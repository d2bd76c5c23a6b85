/**
 * The reliability limits as a user sets them, at library level against the IBM-like test server:
 * `QBRIDGE_REQUEST_TIMEOUT` / `QBRIDGE_JOB_TIMEOUT` through `loadConfig` → `ibmOptionsFromConfig`
 * (what the `ibm_*` registry factory does), an explicit `result({ timeoutMs })` beating them, and
 * the response-size limit cutting a hostile body off with an error naming the limit.
 */
import * as path from 'node:path';
import { createIbmRuntimeBackend, ibmOptionsFromConfig, type IbmRuntimeOptions } from '../../../adapters/ibm-runtime';
import { loadConfig } from '../../../src/config';
import { InvalidResponseError, JobTimeoutError } from '../../../src/core/errors';
import { cleanupTempDirs, ibmEnv, ledgerJobIds, tempDir } from '../../support/cli';
import { bellCircuit, bellCounts, E2E_SHOTS, fastSleep } from '../../support/ibm-library';
import { startRuntimeServer, TEST_BACKEND, type RuntimeServer } from '../../support/runtime-server';

jest.setTimeout(30_000);
afterAll(() => cleanupTempDirs());

/** Fast retries and polls; no timeouts here: those come from the configuration under test. */
const FAST: Partial<IbmRuntimeOptions> = { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5, intervalMs: 1, maxIntervalMs: 5, sleep: fastSleep };

/** A backend built the way the registry builds one: from the configuration of `vars`. */
async function backendFromEnv(server: RuntimeServer, home: string, vars: Record<string, string>, extra: Partial<IbmRuntimeOptions> = {}) {
  const config = loadConfig({}, { ...ibmEnv(server, home), HOME: path.join(home, 'user-home'), ...vars });
  return createIbmRuntimeBackend(TEST_BACKEND, ibmOptionsFromConfig(config, { ...FAST, ...extra }));
}

async function submitBell(server: RuntimeServer, home: string, vars: Record<string, string>, extra: Partial<IbmRuntimeOptions> = {}) {
  const backend = await backendFromEnv(server, home, vars, extra);
  return backend.run({ kind: 'sampler', pubs: [{ circuit: bellCircuit(), shots: E2E_SHOTS }] });
}

describe('QBRIDGE_JOB_TIMEOUT bounds the job wait; an explicit timeoutMs beats it', () => {
  let server: RuntimeServer;
  beforeEach(async () => (server = await startRuntimeServer({ defaultJobPlan: { stayQueued: true } })));
  afterEach(() => server.close());

  it('the variable: JobTimeoutError naming the job and the configured bound; the id is in the ledger', async () => {
    const home = tempDir();
    const job = await submitBell(server, home, { QBRIDGE_JOB_TIMEOUT: '0.4' });
    const e = await job.result().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(JobTimeoutError);
    expect((e as JobTimeoutError).message).toBe(`gave up waiting for job ${job.id} after 400 ms (status queued; it may still run)`);
    expect(ledgerJobIds(home)).toEqual([job.id]);
    expect(server.count('POST /jobs')).toBe(1);
  });

  it('result({ timeoutMs }) (what --timeout passes) wins over the variable', async () => {
    const job = await submitBell(server, tempDir(), { QBRIDGE_JOB_TIMEOUT: '600' });
    const e = await job.result({ timeoutMs: 250 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(JobTimeoutError);
    expect((e as Error).message).toMatch(/after 250 ms/);
  });
});

describe('QBRIDGE_REQUEST_TIMEOUT bounds each request', () => {
  it('a slow idempotent GET times out and is retried: the run completes', async () => {
    const server = await startRuntimeServer({ defaultJobPlan: { queuedPolls: 0, runningPolls: 0 } });
    try {
      server.faults.push('GET /backends/:name/configuration', { kind: 'slow', delayMs: 3000 });
      const job = await submitBell(server, tempDir(), { QBRIDGE_REQUEST_TIMEOUT: '0.5' });
      const counts = bellCounts(await job.result());
      expect(Object.keys(counts ?? {}).sort()).toEqual(['00', '11']);
      expect(server.count('GET /backends/:name/configuration')).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('point 4: POST /jobs is not bound by it (its own 900 s timeout, as qiskit-ibm-runtime): a slow creation answer is awaited, sent once', async () => {
    const server = await startRuntimeServer();
    try {
      server.faults.push('POST /jobs', { kind: 'slow', delayMs: 1500, after: true });
      const job = await submitBell(server, tempDir(), { QBRIDGE_REQUEST_TIMEOUT: '0.5' });
      expect([...server.jobs.jobs.keys()]).toEqual([job.id]);
      expect(server.count('POST /jobs')).toBe(1);
      expect(server.count('GET /jobs')).toBe(0); // the answer came: no lookup by tag was needed
    } finally {
      await server.close();
    }
  });
});

describe('maxResponseBytes', () => {
  it('point 2: a 64 MiB result body for a 256-shot Bell job is cut off at the limit the job can produce: InvalidResponseError, the request not repeated', async () => {
    const server = await startRuntimeServer({ defaultJobPlan: { queuedPolls: 0, runningPolls: 0 } });
    const home = tempDir();
    try {
      server.faults.push('GET /jobs/:id/results', { kind: 'huge', bytes: 64 * 1024 * 1024 });
      const job = await submitBell(server, home, {}, { maxResponseBytes: 1024 * 1024 });
      const e = await job.result().catch((x: unknown) => x);
      expect(e).toBeInstanceOf(InvalidResponseError);
      expect((e as Error).message).toContain(job.id);
      // Results are sized from the job (256 shots × 2 bits, + 1 MiB of structure), not from maxResponseBytes.
      expect((e as Error).message).toMatch(/^job \w+ result body exceeds 10\d{5} bytes, more than the job can legally produce; the response was discarded$/);
      expect(server.count('GET /jobs/:id/results')).toBe(1);
      expect(ledgerJobIds(home)).toEqual([job.id]);
      // The client stays usable: the next read of the (unspoilt) result succeeds.
      expect(Object.keys(bellCounts(await job.result()) ?? {}).sort()).toEqual(['00', '11']);
    } finally {
      await server.close();
    }
  });
});
