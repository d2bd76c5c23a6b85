import { createLocalBackend } from '../../../simulators/local';
import type { Backend } from '../../../src/backend';
import { AbortedError } from '../../../src/core/errors';
import { createTarget } from '../../../src/core/target';
import { QuantumKernel, planJobs, zzFeatureMap } from '../../../src/kernel';
import { countingBackend, samplerOnly } from '../../support/kernel-cases';

const fm = zzFeatureMap({ featureDimension: 2, reps: 2, entanglement: 'linear' });
const X = [
  [0.3, 1.2],
  [2.5, 0.4],
  [4.1, 5.0],
  [1.0, 3.3],
  [5.5, 2.2],
  [0.9, 0.1],
];

const L = (maxPubsPerJob: number, maxExecutionsPerJob = Infinity) => ({ maxPubsPerJob, maxExecutionsPerJob });

describe('planJobs', () => {
  it('point 6: plans chunks by executions (circuits × shots ≤ the limit), not by a PUB cap', () => {
    // 5 000 000 executions at 4096 shots: 1220 circuits per job (1220 × 4096 = 4 997 120).
    const plan = planJobs(2500, L(5_000_000, 5_000_000), 4096);
    expect(plan.map((j) => j.reduce((a, b) => a + b, 0))).toEqual([1220, 1220, 60]);
    expect(plan.every((j) => j.reduce((a, b) => a + b, 0) * 4096 <= 5_000_000)).toBe(true);
    // 301 circuits at 1024 shots fit one job: no 300-PUB split.
    expect(planJobs(301, L(5_000_000, 5_000_000), 1024, Infinity, 1)).toHaveLength(1);
    expect(() => planJobs(1, L(5_000_000, 5_000_000), 5_000_001)).toThrow(/5000001.*5000000 executions/);
  });

  it('splits rows by maxCircuitsPerJob, maxPubsPerJob and rows per PUB', () => {
    expect(planJobs(15, L(10_000), 1)).toEqual([[15]]);
    expect(planJobs(15, L(10_000), 1, 4)).toEqual([[4], [4], [4], [3]]);
    expect(planJobs(15, L(2), 1, Infinity, 3)).toEqual([[3, 3], [3, 3], [3]]);
    expect(planJobs(0, L(5), 1)).toEqual([]);
  });
});

describe('QuantumKernel: sampled compute-uncompute path', () => {
  it('agrees with the exact path within shot noise (seeded), on the local backend', async () => {
    const { backend, counts } = countingBackend(createLocalBackend());
    const sampled = new QuantumKernel({ featureMap: fm, backend, method: 'sampler', shots: 8192, seed: 11, enforcePsd: false });
    const exact = await new QuantumKernel({ featureMap: fm }).evaluate(X);
    const k = await sampled.evaluate(X);
    const sigma = Math.sqrt(0.25 / 8192);
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < 6; j++) {
        expect(Math.abs(k.get(i, j) - exact.get(i, j))).toBeLessThan(5 * sigma);
        expect(k.get(i, j)).toBe(k.get(j, i));
      }
    }
    // 6 points, off_diagonal: 15 pairs as parameter rows of ONE PUB in ONE job, one template circuit.
    expect([counts.jobs, counts.pubs, counts.rows]).toEqual([1, 1, 15]);
    expect(counts.circuits.size).toBe(1);
    expect(sampled.stats.circuitsExecuted).toBe(15);
    const again = await new QuantumKernel({ featureMap: fm, backend, method: 'sampler', shots: 8192, seed: 11, enforcePsd: false }).evaluate(X);
    expect(Array.from(again.data)).toEqual(Array.from(k.data));
  });

  it('respects maxCircuitsPerJob and the target maxPubsPerJob (rows per PUB)', async () => {
    const { backend, counts } = countingBackend(createLocalBackend({ maxPubsPerJob: 2 }));
    await new QuantumKernel({ featureMap: fm, backend, method: 'sampler', seed: 1, maxCircuitsPerJob: 4 }).evaluate(X);
    expect(counts.jobs).toBe(4);
    expect(counts.rowsPerPub).toEqual([4, 4, 4, 3]);
    const second = countingBackend(createLocalBackend({ maxPubsPerJob: 2 }));
    await new QuantumKernel({ featureMap: fm, backend: second.backend, method: 'sampler', seed: 1, maxRowsPerPub: 3 }).evaluate(X);
    expect(second.counts.pubsPerJob).toEqual([2, 2, 1]);
    expect(second.counts.rowsPerPub).toEqual([3, 3, 3, 3, 3]);
  });

  it('picks sampling automatically on a backend without statevectors; x×y matrices have every pair', async () => {
    const { backend, counts } = countingBackend(samplerOnly(createLocalBackend()));
    const kernel = new QuantumKernel({ featureMap: fm, backend, seed: 3 });
    expect(kernel.method).toBe('sampler');
    const k = await kernel.evaluate(X.slice(0, 3), X.slice(3));
    expect([k.rows, k.cols]).toEqual([3, 3]);
    expect(counts.rows).toBe(9);
    for (const v of k.data) expect(v >= 0 && v <= 1).toBe(true);
  });

  it.each([
    ['no duplicates', [[1, 2], [2, 3], [3, 4]], 'all', 6],
    ['no duplicates', [[1, 2], [2, 3], [3, 4]], 'off_diagonal', 3],
    ['no duplicates', [[1, 2], [2, 3], [3, 4]], 'none', 3],
    // Repeated points are one distinct entry each (memo): Qiskit would run 6 / 3 / 2 here.
    ['duplicates', [[1, 2], [1, 2], [3, 4]], 'all', 3],
    ['duplicates', [[1, 2], [1, 2], [3, 4]], 'off_diagonal', 2],
    ['duplicates', [[1, 2], [1, 2], [3, 4]], 'none', 1],
  ] as const)('symmetric %s %j, evaluateDuplicates %s → %i circuits', async (_n, x, mode, expected) => {
    const { backend, counts } = countingBackend(samplerOnly(createLocalBackend()));
    await new QuantumKernel({ featureMap: fm, backend, seed: 5, evaluateDuplicates: mode }).evaluate(x.map((r) => [...r]));
    expect(counts.rows).toBe(expected);
  });

  it.each([
    ['all', 6],
    ['off_diagonal', 6],
    ['none', 5],
  ] as const)('asymmetric, evaluateDuplicates %s → %i circuits', async (mode, expected) => {
    const { backend, counts } = countingBackend(samplerOnly(createLocalBackend()));
    await new QuantumKernel({ featureMap: fm, backend, seed: 5, evaluateDuplicates: mode }).evaluate([[1, 2], [2, 3], [3, 4]], [[1, 2], [5, 6]]);
    expect(counts.rows).toBe(expected);
  });

  it('memo: a repeated or transposed evaluation runs no job; concurrent ones share the jobs', async () => {
    const { backend, counts } = countingBackend(samplerOnly(createLocalBackend()));
    const kernel = new QuantumKernel({ featureMap: fm, backend, seed: 9 });
    const [a, b] = await Promise.all([kernel.evaluate(X), kernel.evaluate(X)]);
    expect(counts.jobs).toBe(1);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    await kernel.evaluate(X);
    const xy = await kernel.evaluate(X.slice(0, 2), X.slice(2, 4));
    expect(counts.jobs).toBe(1); // every (x, y) pair is already an entry of the symmetric matrix
    const yx = await kernel.evaluate(X.slice(2, 4), X.slice(0, 2));
    expect(counts.jobs).toBe(1);
    expect(yx.get(1, 0)).toBe(xy.get(0, 1));
    expect(kernel.stats.entryHits).toBe(4); // x×y from the entries; y×x from the transposed block
    expect(kernel.stats.matrixHits).toBe(2);
  });

  it('concurrent overlapping evaluations share the entries in flight', async () => {
    const { backend, counts } = countingBackend(samplerOnly(createLocalBackend()));
    const kernel = new QuantumKernel({ featureMap: fm, backend, seed: 4 });
    const [a, b] = await Promise.all([kernel.evaluate(X.slice(0, 4)), kernel.evaluate(X.slice(2, 6))]);
    expect(counts.rows).toBe(11); // 6 + 6 pairs, the pair (x2, x3) estimated once
    expect(b.get(0, 1)).toBe(a.get(2, 3));
  });

  it('unseeded estimates are not memoized', async () => {
    const { backend, counts } = countingBackend(samplerOnly(createLocalBackend()));
    const kernel = new QuantumKernel({ featureMap: fm, backend });
    await kernel.evaluate(X.slice(0, 3));
    await kernel.evaluate(X.slice(0, 3));
    expect(counts.jobs).toBe(2);
  });

  it('transpiles the template ONCE for an ISA-only target and still estimates the kernel', async () => {
    const isaTarget = createTarget({
      numQubits: 3,
      basisGates: ['rz', 'sx', 'x', 'cx'],
      couplingMap: [[0, 1], [1, 0], [1, 2], [2, 1]],
      requiresIsa: true,
    });
    const { backend, counts } = countingBackend(samplerOnly(createLocalBackend()), isaTarget);
    const kernel = new QuantumKernel({ featureMap: fm, backend, shots: 8192, seed: 2, maxCircuitsPerJob: 5 });
    const k = await kernel.evaluate(X.slice(0, 4));
    const exact = await new QuantumKernel({ featureMap: fm }).evaluate(X.slice(0, 4));
    expect(counts.circuits.size).toBe(1);
    expect(counts.jobs).toBe(2);
    const [circuit] = [...counts.circuits] as Array<{ instructions: Array<{ name: string }> }>;
    for (const ins of circuit!.instructions) expect(['rz', 'sx', 'x', 'cx', 'measure', 'barrier']).toContain(ins.name);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(Math.abs(k.get(i, j) - exact.get(i, j))).toBeLessThan(0.05);
  });
});

describe('QuantumKernel: cancellation of shared work', () => {
  /** A sampler backend whose jobs take `ms` to be submitted (and that counts submissions). */
  function slowBackend(ms: number): { backend: Backend; runs: () => number } {
    const inner = createLocalBackend();
    let runs = 0;
    const backend = {
      contractVersion: 1,
      name: 'slow',
      target: inner.target,
      run: (async (req: never, opts?: { signal?: AbortSignal }) => {
        runs++;
        await new Promise((r) => setTimeout(r, ms));
        return inner.run(req, opts);
      }) as Backend['run'],
    } as Backend;
    return { backend, runs: () => runs };
  }

  it("one caller's abort stops only its own wait; the other still gets the matrix", async () => {
    const { backend, runs } = slowBackend(50);
    const kernel = new QuantumKernel({ featureMap: fm, backend, seed: 1 });
    const ac = new AbortController();
    const a = kernel.evaluate(X, undefined, { signal: ac.signal });
    const b = kernel.evaluate(X);
    ac.abort(new Error('user'));
    await expect(a).rejects.toThrow(AbortedError);
    const k = await b;
    expect(k.rows).toBe(6);
    expect(runs()).toBe(1);
  });

  it('when every waiter aborts, the shared computation stops before the next job', async () => {
    const { backend, runs } = slowBackend(30);
    const kernel = new QuantumKernel({ featureMap: fm, backend, seed: 1, maxCircuitsPerJob: 3 });
    const ac = new AbortController();
    const a = kernel.evaluate(X, undefined, { signal: ac.signal });
    setTimeout(() => ac.abort(), 10);
    await expect(a).rejects.toThrow(AbortedError);
    await new Promise((r) => setTimeout(r, 120));
    expect(runs()).toBe(1); // 5 jobs were planned; only the first was submitted
  });
});
