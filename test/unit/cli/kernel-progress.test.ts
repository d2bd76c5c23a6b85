/**
 * The progress of a sampled kernel moves chunk by chunk: the kernel reports each finished job
 * (once per chunk, increasing pair counts), and the CLI splits a sampled kernel into about ten
 * chunks by default on backends where a job costs nothing (local, fake) and draws the bar as each
 * finishes; on IBM (a backend that journals paid jobs) it does not multiply jobs unasked.
 */
import * as fs from 'node:fs';
import { defaultCircuitsPerJob, DEFAULT_SAMPLED_CHUNKS } from '../../../src/cli/commands/kernel';
import { QuantumKernel, zzFeatureMap, type KernelProgress } from '../../../src/kernel';
import { getDefaultRegistry } from '../../../src/index';
import { cleanupTempDirs, ibmEnv, runCli, tempDir } from '../../support/cli';
import { startRuntimeServer, TEST_BACKEND } from '../../support/runtime-server';

afterAll(cleanupTempDirs);

const POINTS = [[0.1, 0.2], [0.5, 0.3], [1.1, 0.9], [2.0, 0.1], [0.7, 1.7], [1.3, 2.2]];

function pointsCsv(): string {
  const f = `${tempDir()}/points.csv`;
  fs.writeFileSync(f, ['a,b', ...POINTS.map((p) => p.join(','))].join('\n') + '\n');
  return f;
}

/** The `done/total` counts a captured (non-TTY stream, TTY mode) bar printed, in order, repeats dropped. */
function barCounts(stderr: string): string[] {
  const counts = [...stderr.matchAll(/sampling \[[=-]+\] +\d+% \| (\d+\/\d+)/g)].map((m) => m[1]!);
  return counts.filter((c, i) => c !== counts[i - 1]);
}

describe('sampled kernel progress', () => {
  it('the kernel reports once per chunk (job) with increasing pair counts, ending at the total', async () => {
    const backend = await getDefaultRegistry().get('fake_line5');
    const kernel = new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2, reps: 1 }), backend, method: 'sampler', shots: 32, seed: 3, maxCircuitsPerJob: 4 });
    const seen: KernelProgress[] = [];
    await kernel.evaluate(POINTS, undefined, { onProgress: (p) => seen.push(p) });
    // 15 off-diagonal pairs in jobs of at most 4: 4, 8, 12, 15 after the initial 0.
    expect(seen).toEqual([0, 4, 8, 12, 15].map((done) => ({ done, total: 15, phase: 'sampling' })));
    expect(kernel.stats.jobsSubmitted).toBe(4);
  });

  it('the CLI chunks a sampled kernel into about ten jobs by default and the bar shows each', async () => {
    expect(DEFAULT_SAMPLED_CHUNKS).toBe(10);
    expect(defaultCircuitsPerJob(6)).toBe(2); // 15 pairs / 10, rounded up
    expect(defaultCircuitsPerJob(3, 200)).toBe(60);
    const r = await runCli(['kernel', '--train', pointsCsv(), '--backend', 'fake_line5', '--method', 'sampler', '--shots', '32', '--seed', '1'], {}, { isTTY: true });
    expect(r.code).toBe(0);
    expect(barCounts(r.stderr)).toEqual(['0/15', '2/15', '4/15', '6/15', '8/15', '10/15', '12/15', '14/15', '15/15']);
  });

  it('--max-circuits-per-job still decides the chunks when given', async () => {
    const r = await runCli(['kernel', '--train', pointsCsv(), '--backend', 'fake_line5', '--method', 'sampler', '--shots', '32', '--max-circuits-per-job', '5'], {}, { isTTY: true });
    expect(r.code).toBe(0);
    expect(barCounts(r.stderr)).toEqual(['0/15', '5/15', '10/15', '15/15']);
  });

  it('on IBM the default does not split a kernel into extra paid jobs (one job here, as the device allows)', async () => {
    const server = await startRuntimeServer({ defaultJobPlan: { queuedPolls: 0, runningPolls: 0 } });
    const home = tempDir();
    try {
      const r = await runCli(['kernel', '--train', pointsCsv(), '--backend', TEST_BACKEND, '--shots', '32', '--seed', '1', '--json'], ibmEnv(server, home), { timeoutMs: 60_000 });
      expect(r.code).toBe(0);
      expect(server.count('POST /jobs')).toBe(1);
      expect((JSON.parse(r.stdout) as { shape: number[] }).shape).toEqual([6, 6]);
    } finally {
      await server.close();
    }
  });
});
