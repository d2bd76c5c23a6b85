/**
 * Runs one Bell-pair Sampler job through the IBM adapter's Backend against the test server and
 * judges the outcome. Short per-request timeouts and a fast sleep keep every run bounded.
 */
import { abortableSleep } from '../../src/core/abort';
import { Circuit } from '../../src/circuit';
import type { SamplerResult } from '../../src/primitives/types';
import { createIbmRuntimeBackend, type IbmRuntimeOptions } from '../../adapters/ibm-runtime';
import { bellCountsOk, judgeError, type Judged } from './fault-outcomes';
import { FAKE_API_KEY, FAKE_CRN, TEST_BACKEND, type RuntimeServer } from './runtime-server';

/** Shots of every end-to-end run. */
export const E2E_SHOTS = 256;

/** A sleep that never waits more than 5 ms (backoff and polling stay fast but real). */
export const fastSleep = (ms: number, signal?: AbortSignal): Promise<void> => abortableSleep(Math.min(ms, 5), signal);

/** Adapter options for the test server. */
export function serverOptions(server: RuntimeServer, home: string, extra: Partial<IbmRuntimeOptions> = {}): IbmRuntimeOptions {
  return {
    token: FAKE_API_KEY,
    instance: FAKE_CRN,
    apiUrl: server.apiUrl,
    iamUrl: server.iamUrl,
    home,
    timeoutMs: 1000,
    maxRetries: 3,
    baseDelayMs: 1,
    maxDelayMs: 5,
    intervalMs: 1,
    maxIntervalMs: 5,
    sleep: fastSleep,
    // IBM's 5 per minute would stall multi-job runs; the pacing tests set their own.
    pacing: { rate: 1000, windowMs: 1000 },
    ...extra,
  };
}

/** The logical Bell pair, measured into register `c`. */
export function bellCircuit(): Circuit {
  return new Circuit(2, { classicalRegisters: { c: 2 } }).h(0).cx(0, 1).measure(0, 0).measure(1, 1);
}

/** Counts of register `c` of the first PUB. */
export function bellCounts(result: SamplerResult): Record<string, number> | undefined {
  return result.pubs[0]?.data.c?.getCounts();
}

/**
 * Creates the backend, runs the Bell pair and waits for the result, all under `deadlineMs`
 * (a hang becomes an "other" outcome instead of blocking the suite).
 */
export async function runBellOnServer(
  server: RuntimeServer,
  home: string,
  opts: { resultTimeoutMs?: number; deadlineMs?: number; extra?: Partial<IbmRuntimeOptions> } = {},
): Promise<Judged & { error?: unknown }> {
  const deadline = opts.deadlineMs ?? 12_000;
  const work = (async (): Promise<Judged & { error?: unknown }> => {
    try {
      const backend = await createIbmRuntimeBackend(TEST_BACKEND, serverOptions(server, home, opts.extra));
      const job = await backend.run({ kind: 'sampler', pubs: [{ circuit: bellCircuit(), shots: E2E_SHOTS }] });
      // An explicit wait bound, unless the scenario tests the backend's own default (jobTimeoutMs).
      const timeoutMs = opts.resultTimeoutMs ?? (opts.extra?.jobTimeoutMs === undefined ? 20_000 : undefined);
      const result = await job.result(timeoutMs === undefined ? {} : { timeoutMs });
      const bad = bellCountsOk(bellCounts(result), E2E_SHOTS);
      return bad ? { outcome: 'other', detail: `wrong result: ${bad}` } : { outcome: 'correct', detail: 'Bell counts' };
    } catch (e) {
      return { ...judgeError(e), error: e };
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<Judged>((resolve) => {
    timer = setTimeout(() => resolve({ outcome: 'other', detail: `no outcome within ${deadline} ms (hang)` }), deadline);
  });
  try {
    return await Promise.race([work, guard]);
  } finally {
    clearTimeout(timer);
  }
}
