/**
 * Issue 13 point 1: qbridge asks IBM for the Qiskit-encoded result format (`support_qiskit`),
 * so a parameterised Sampler PUB comes back as BitArrays of shape (rows, shots, bytes) and the
 * rows survive even for a job retrieved by id (no submit-side knowledge). The loopback server
 * encodes that format itself (test/support/runtime-server/results.ts, `.npy` written by hand).
 */
import { Circuit, Parameter } from '../../../src/circuit';
import { createIbmRuntimeBackend } from '../../../adapters/ibm-runtime';
import type { SamplerResult } from '../../../src/primitives/types';
import { cleanupTempDirs, tempDir } from '../../support/cli';
import { serverOptions } from '../../support/ibm-library';
import { startRuntimeServer, TEST_BACKEND, type RuntimeServer } from '../../support/runtime-server';

jest.setTimeout(20_000);
afterAll(() => cleanupTempDirs());

let server: RuntimeServer;
beforeEach(async () => {
  server = await startRuntimeServer({ defaultJobPlan: { queuedPolls: 0, runningPolls: 0 } });
});
afterEach(async () => server.close());

const SHOTS = 16;

/** rx(θ) then measure: θ = 0 always reads 0, θ = π always reads 1. */
function paramCircuit(): Circuit {
  const theta = new Parameter('theta');
  return new Circuit(1, { classicalRegisters: { c: 1 } }).rx(theta, 0).measure(0, 0);
}

function checkRows(r: SamplerResult): void {
  const c = r.pubs[0]!.data.c!;
  expect(r.metadata.format).toBe('qiskit');
  expect(c.numRows).toBe(3);
  expect(c.numShots).toBe(SHOTS);
  expect(c.getCounts(0)).toEqual({ '0': SHOTS });
  expect(c.getCounts(1)).toEqual({ '1': SHOTS });
  expect(c.getCounts(2)).toEqual({ '0': SHOTS });
}

describe('IBM result format', () => {
  it('point 1: a parameterised Sampler PUB is submitted with support_qiskit and decoded with its (rows, shots) shape, also when retrieved by id', async () => {
    const home = tempDir();
    const backend = await createIbmRuntimeBackend(TEST_BACKEND, serverOptions(server, home));
    const job = await backend.run({ kind: 'sampler', pubs: [{ circuit: paramCircuit(), parameterValues: [[0], [Math.PI], [0]], shots: SHOTS }] });
    const post = server.requests.find((q) => q.route === 'POST /jobs')!;
    expect(JSON.parse(post.body).params.support_qiskit).toBe(true);
    checkRows((await job.result({ timeoutMs: 10_000 })) as SamplerResult);

    // A second client that knows nothing of the submission: the shape comes from the wire.
    const other = await createIbmRuntimeBackend(TEST_BACKEND, serverOptions(server, tempDir()));
    const again = await other.job(job.id);
    checkRows((await again.result({ timeoutMs: 10_000 })) as SamplerResult);
  });

  it('point 1: an Estimator job is also submitted asking for the Qiskit format', async () => {
    const backend = await createIbmRuntimeBackend(TEST_BACKEND, serverOptions(server, tempDir()));
    const job = await backend.run({ kind: 'estimator', pubs: [{ circuit: new Circuit(1).x(0), observables: [['Z', 1]] }] });
    const post = server.requests.find((q) => q.route === 'POST /jobs')!;
    expect(JSON.parse(post.body).params.support_qiskit).toBe(true);
    const r = await job.result({ timeoutMs: 10_000 });
    expect(r.kind === 'estimator' && r.pubs[0]!.evs).toEqual([[-1]]);
  });
});
