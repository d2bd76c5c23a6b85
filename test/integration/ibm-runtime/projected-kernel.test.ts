/**
 * The projected kernel's estimated path on the IBM adapter, against the IBM-like test server
 * (whose Estimator returns exact expectation values): the feature map is transpiled to the
 * device, its 3n one-qubit observables follow the layout onto physical qubits, PUBs and
 * precision go over the wire, and the decoded values give the exact kernel.
 */
import { createIbmRuntimeBackend } from '../../../adapters/ibm-runtime';
import { ProjectedQuantumKernel, zzFeatureMap } from '../../../src/kernel';
import { cleanupTempDirs, tempDir } from '../../support/cli';
import { serverOptions } from '../../support/ibm-library';
import { startRuntimeServer, TEST_BACKEND } from '../../support/runtime-server';

jest.setTimeout(60_000);
afterAll(() => cleanupTempDirs());

it('on an IBM device: one Estimator PUB per point with 3n observables and the precision; the kernel equals the exact one', async () => {
  const server = await startRuntimeServer({ defaultJobPlan: { queuedPolls: 0, runningPolls: 0 } });
  try {
    const backend = await createIbmRuntimeBackend(TEST_BACKEND, serverOptions(server, tempDir()));
    const featureMap = zzFeatureMap({ featureDimension: 3, reps: 2, entanglement: 'linear' });
    const x = [[0.1, 1.2, 2.3], [0.4, -0.5, 0.6], [2.0, 1.0, 0.3]];
    const y = [[1.1, 0.2, -0.7]];
    const kernel = new ProjectedQuantumKernel({ featureMap, backend, gamma: 0.7, precision: 0.02, maxPubsPerJob: 2 });
    expect(kernel.method).toBe('estimator');
    const k = await kernel.evaluate(y, x);
    const exact = await new ProjectedQuantumKernel({ featureMap, gamma: 0.7 }).evaluate(y, x);
    Array.from(k.data).forEach((v, i) => expect(Math.abs(v - exact.data[i]!)).toBeLessThan(1e-9));
    // y's point and x's three are encoded together: 4 points, 2 per job.
    expect(kernel.stats).toMatchObject({ pubsSubmitted: 4, jobsSubmitted: 2 });
    const posts = server.requests.filter((r) => r.route === 'POST /jobs').map((r) => JSON.parse(r.body) as { program_id: string; params: { pubs: unknown[][]; precision?: number } });
    expect(posts.map((p) => [p.program_id, p.params.pubs.length, p.params.precision])).toEqual([['estimator', 2, 0.02], ['estimator', 2, 0.02]]);
    // Each PUB carries the 9 one-qubit observables (shaped (9, 1) against its one parameter row).
    const obs = (posts[0]!.params.pubs[0]![1] as Array<Array<Record<string, number>>>).flat();
    expect(obs).toHaveLength(9);
    const labels = obs.map((o) => Object.keys(o)[0]!);
    expect(labels.map((l) => l.replace(/I/g, ''))).toEqual(['X', 'Y', 'Z', 'X', 'Y', 'Z', 'X', 'Y', 'Z']);
  } finally {
    await server.close();
  }
});
