/**
 * Issue 13 point 4, the fault run of the acceptance: the loopback IBM server enforces `RATE` job
 * creations per window per user (429 + Retry-After above it); qbridge submits `JOBS` sampler
 * jobs at once through one backend, paced at the same figure. Prints the jobs the server
 * created, the 429s it answered, the errors the caller saw, and the wall time against the
 * limit's minimum (the first `RATE` go at once, then `RATE` per window:
 * ceil(JOBS / RATE) - 1 windows) as a ratio.
 *
 * Usage: npx ts-node --transpile-only scripts/fault-pacing.ts [windowSeconds=60] [jobs=40] [rate=5]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { abortableSleep } from '../src/core/abort';
import { Circuit } from '../src/circuit';
import { createIbmRuntimeBackend } from '../adapters/ibm-runtime';
import { FAKE_API_KEY, FAKE_CRN, startRuntimeServer, TEST_BACKEND } from '../test/support/runtime-server';

async function main(): Promise<void> {
  const windowMs = Math.round(Number(process.argv[2] ?? 60) * 1000);
  const jobs = Number(process.argv[3] ?? 40);
  const rate = Number(process.argv[4] ?? 5);
  const server = await startRuntimeServer({ jobRateLimit: { jobs: rate, windowMs }, defaultJobPlan: { queuedPolls: 0, runningPolls: 0 } });
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'qbridge-pacing-'));
  try {
    const backend = await createIbmRuntimeBackend(TEST_BACKEND, {
      token: FAKE_API_KEY,
      instance: FAKE_CRN,
      apiUrl: server.apiUrl,
      iamUrl: server.iamUrl,
      home,
      sleep: abortableSleep,
      intervalMs: 10,
      pacing: { rate, windowMs },
    });
    const bell = new Circuit(2, { classicalRegisters: { c: 2 } }).h(0).cx(0, 1).measure(0, 0).measure(1, 1);
    const start = Date.now();
    const outcomes = await Promise.allSettled(
      Array.from({ length: jobs }, () => backend.run({ kind: 'sampler', pubs: [{ circuit: bell, shots: 16 }] })),
    );
    const wallMs = Date.now() - start;
    const minimumMs = (Math.ceil(jobs / rate) - 1) * windowMs;
    const errors = outcomes.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason));
    console.log(`window ${windowMs} ms, limit ${rate} per window, ${jobs} submissions`);
    console.log(`server jobs created: ${server.jobs.jobs.size}; 429s answered: ${server.rateLimiter!.refused}; errors seen by the caller: ${errors.length}`);
    for (const e of errors.slice(0, 3)) console.log(`  ${e}`);
    console.log(`wall ${wallMs} ms vs the limit's minimum ${minimumMs} ms: ratio ${(wallMs / minimumMs).toFixed(3)}`);
  } finally {
    await server.close();
    fs.rmSync(home, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
