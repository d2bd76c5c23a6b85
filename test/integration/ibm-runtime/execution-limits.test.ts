/**
 * Issue 13 point 6: an IBM target's only per-job size limit is IBM's 5 000 000 executions
 * (parameter rows × shots summed over PUBs). The device configuration's legacy `max_experiments`
 * (300) and `max_shots` (100 000) must not refuse work locally.
 */
import * as path from 'node:path';
import { createIbmRuntimeBackend, ibmOptionsFromConfig } from '../../../adapters/ibm-runtime';
import { Circuit, Parameter } from '../../../src/circuit';
import { loadConfig } from '../../../src/config';
import { ResourceLimitError } from '../../../src/core/errors';
import { validateSamplerRequest } from '../../../src/primitives/validate';
import { cleanupTempDirs, ibmEnv, tempDir } from '../../support/cli';
import { bellCircuit, fastSleep } from '../../support/ibm-library';
import { startRuntimeServer, TEST_BACKEND, type RuntimeServer } from '../../support/runtime-server';

jest.setTimeout(30_000);

/** A Bell pair already in the device's ISA (H = rz·sx·rz, CNOT = H·CZ·H): local validation checks ISA. */
function isaBell(): Circuit {
  const c = new Circuit(2, { classicalRegisters: { meas: 2 } });
  const h = (q: number) => c.rz(Math.PI / 2, q).sx(q).rz(Math.PI / 2, q);
  h(0);
  h(1);
  c.cz(0, 1);
  h(1);
  return c.measure(0, 0).measure(1, 1);
}

describe('point 6: IBM limits executions per job, not PUBs or shots', () => {
  let server: RuntimeServer;
  beforeAll(async () => (server = await startRuntimeServer({ defaultJobPlan: { queuedPolls: 0, runningPolls: 0 } })));
  afterAll(() => {
    server.close();
    cleanupTempDirs();
  });
  async function backend() {
    const home = tempDir();
    const config = loadConfig({}, { ...ibmEnv(server, home), HOME: path.join(home, 'user-home') });
    return createIbmRuntimeBackend(TEST_BACKEND, ibmOptionsFromConfig(config, { intervalMs: 1, maxIntervalMs: 5, sleep: fastSleep }));
  }

  it('point 6: the target carries the 5 000 000 executions limit', async () => {
    expect((await backend()).target.maxExecutionsPerJob).toBe(5_000_000);
  });

  it('point 6: 301 PUBs in one job are submitted (no 300-PUB cap) and all come back', async () => {
    const b = await backend();
    const before = server.count('POST /jobs');
    const pubs = Array.from({ length: 301 }, () => ({ circuit: bellCircuit() }));
    const job = await b.run({ kind: 'sampler', pubs, shots: 4 });
    const result = await job.result();
    expect(result.pubs).toHaveLength(301);
    expect(server.count('POST /jobs')).toBe(before + 1);
  });

  it('point 6: 200 000 shots on one PUB pass local validation (no 100 000-shot cap)', async () => {
    const b = await backend();
    const pubs = validateSamplerRequest({ kind: 'sampler', pubs: [{ circuit: isaBell() }], shots: 200_000 }, b.target);
    expect(pubs[0]!.shots).toBe(200_000);
  });

  it('point 6: exactly 5 000 000 executions pass; 5 000 001 are refused naming both numbers, nothing submitted', async () => {
    const b = await backend();
    const pub = (shots: number) => ({ circuit: isaBell(), shots });
    expect(() => validateSamplerRequest({ kind: 'sampler', pubs: [pub(2_500_000), pub(2_500_000)] }, b.target)).not.toThrow();
    const before = server.count('POST /jobs');
    const e = await b.run({ kind: 'sampler', pubs: [pub(2_500_000), pub(2_500_001)] }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ResourceLimitError);
    expect((e as Error).message).toMatch(/5000001 executions .*limit of 5000000 per job/);
    expect(server.count('POST /jobs')).toBe(before);
  });

  /** An ISA Estimator circuit with one parameter, and `n` parameter rows. */
  function estimatorPub(n: number, precision?: number) {
    const c = new Circuit(2).rz(new Parameter('theta'), 0).sx(0).cz(0, 1);
    const rows = Array.from({ length: n }, (_, i) => [i / n]);
    // ZZ and XX need two measurement bases; ZI shares ZZ's.
    return { circuit: c, observables: [[['ZZ', 1]], [['XX', 1]], [['ZI', 1]]] as [string, number][][], parameterValues: rows, ...(precision ? { precision } : {}) };
  }

  it('point 6: an Estimator job counts rows × measurement bases × shots: 250 rows × 2 bases × 10 000 shots pass, 251 are refused naming the figure, nothing submitted', async () => {
    const b = await backend();
    const before = server.count('POST /jobs');
    // precision 0.01 → 10 000 shots; 251 × 2 × 10 000 = 5 020 000 > 5 000 000 (rows × shots alone would be 2 510 000).
    const e = await b.run({ kind: 'estimator', pubs: [estimatorPub(251, 0.01)] }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ResourceLimitError);
    expect((e as Error).message).toContain('the Estimator job asks for 5020000 executions (parameter rows × measurement bases × shots, summed over 1 PUB(s)), above the backend\'s limit of 5000000 per job: raise --precision');
    // Without a precision IBM's default 0.015625 gives 4096 shots: 611 × 2 × 4096 = 5 005 312.
    const d = await b.run({ kind: 'estimator', pubs: [estimatorPub(611)] }).catch((x: unknown) => x);
    expect((d as Error).message).toContain('asks for 5005312 executions');
    expect(server.count('POST /jobs')).toBe(before);
  });

  it('point 6: an Estimator job of exactly 5 000 000 executions is built for submission (250 rows × 2 bases × 10 000)', async () => {
    const { buildEstimatorJob } = await import('../../../adapters/ibm-runtime/payload');
    const b = await backend();
    expect(() => buildEstimatorJob({ kind: 'estimator', pubs: [estimatorPub(250, 0.01)] }, TEST_BACKEND, b.target)).not.toThrow();
  });
});
