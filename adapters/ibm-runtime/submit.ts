import { abortableSleep } from '../../src/core/abort';
import { AbortedError, ConfigurationError, ConnectionError, InvalidResponseError, RequestTimeoutError, ServerError } from '../../src/core/errors';
import type { RuntimeClient } from './client';
import type { SubmissionPacer } from './pacer';
import type { components } from './schema';
import { wasNeverSent } from './transport';

type S = components['schemas'];

/**
 * One submission, exactly once: `POST /jobs` with the submission's unique client tag among the
 * job tags, paced, and recovered when its answer is lost.
 *
 * A 5xx, a timeout, a reset connection or an unreadable answer on `POST /jobs` is AMBIGUOUS:
 * IBM may have created the job (and will bill it). Before sending again, the job is looked up
 * by its client tag (`GET /jobs?tags=<tag>`, a job must carry every tag given):
 * - found: that job is adopted (the caller records it in the ledger as usual);
 * - not found at once: looked up once more after a settle delay ({@link DEFAULT_SUBMIT_SETTLE_MS}),
 *   because IBM's job list is eventually consistent: a job created a moment ago may not be listed
 *   yet, and one empty answer is no proof of absence;
 * - absent in both lookups: the same body (same tag) is sent again, at most {@link MAX_RESUBMITS} times;
 * - a lookup fails, or the signal fires while confirming: the error says the job may exist and
 *   names the tag.
 * So one submission does not become two jobs unless IBM's listing lags behind its job creation
 * by more than the settle delay.
 */

/** Resubmissions after a lookup proved the job absent. */
export const MAX_RESUBMITS = 2;

/**
 * Wait between the immediate lookup by tag that found nothing and the second one, before a
 * resubmission: 5 s. IBM publishes no figure for how soon a created job shows up in
 * `GET /jobs`, so the figure is a judgment of the two costs: the wait is paid only by a
 * submission whose answer was already lost (after a 5xx, a reset, or up to 900 s of `POST /jobs`
 * timeout), while a wrong "absent" pays for the same QPU work twice. 5 s allows a listing that
 * trails job creation by a few seconds and adds little to a path that is already slow. Adapter
 * option `submitSettleMs`.
 */
export const DEFAULT_SUBMIT_SETTLE_MS = 5_000;

/** How {@link submitOnce} sends and recovers. */
export interface SubmitOptions {
  pacer?: SubmissionPacer;
  signal?: AbortSignal;
  /** A ledger holds the submission's intent (the error then points there). */
  hasLedger: boolean;
  /** Wait before the second lookup by tag. @defaultValue {@link DEFAULT_SUBMIT_SETTLE_MS} */
  settleMs?: number;
  /** The settle wait (injected by tests); it must reject when `signal` fires. @defaultValue abortableSleep */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Checks the `submitSettleMs` adapter option: a whole number of ms from 0 (no second lookup
 * wait) to 2147483647 (the longest timer Node keeps).
 * @throws {ConfigurationError} naming `submitSettleMs`
 */
export function checkSettleMs(ms: number | undefined): void {
  if (ms === undefined) return;
  if (!Number.isSafeInteger(ms) || ms < 0 || ms > 2_147_483_647) {
    throw new ConfigurationError(`submitSettleMs must be a whole number of ms from 0 to 2147483647, got ${String(ms)}`, 'submitSettleMs');
  }
}

/** What the submission produced. */
export interface Submitted {
  created: S['JobCreateResponse'];
  /** True when the job was found by its tag after the answer was lost. */
  adopted: boolean;
  /** POST /jobs requests sent (1 without faults). */
  attempts: number;
}

/** True when a failed `POST /jobs` may still have created the job. */
export function isAmbiguousSubmission(e: unknown): boolean {
  if (e instanceof ServerError) return true;
  if (e instanceof InvalidResponseError) return true;
  return e instanceof ConnectionError && !wasNeverSent(e);
}

/**
 * Sends `body` (which must already carry `clientTag` in its tags) and returns the created or
 * adopted job.
 * @throws the submission's error, explained, when the job may exist but cannot be confirmed
 */
export async function submitOnce(
  client: RuntimeClient,
  body: S['JobCreateRequest'],
  clientTag: string,
  opts: SubmitOptions,
): Promise<Submitted> {
  for (let attempt = 1; ; attempt++) {
    await opts.pacer?.acquire(opts.signal);
    let failure: unknown;
    try {
      return { created: await client.createJob(body, { signal: opts.signal }), adopted: false, attempts: attempt };
    } catch (e) {
      if (!isAmbiguousSubmission(e)) throw e;
      failure = e;
    }
    const found = await findByTag(client, clientTag, failure, opts);
    if (found) {
      return {
        created: { id: found.id, backend: found.backend ?? body.backend, ...(found.session_id ? { session_id: found.session_id } : {}) } as S['JobCreateResponse'],
        adopted: true,
        attempts: attempt,
      };
    }
    if (attempt > MAX_RESUBMITS) throw explainAmbiguousSubmission(failure, clientTag, opts.hasLedger);
  }
}

/** The job carrying `clientTag`: looked up at once and, if not listed yet, once more after the settle delay. */
async function findByTag(client: RuntimeClient, clientTag: string, failure: unknown, opts: SubmitOptions): Promise<S['JobResponse'] | undefined> {
  const lookup = async (): Promise<S['JobResponse'] | undefined> => {
    try {
      const r = await client.listJobs({ tags: [clientTag], limit: 10 }, { signal: opts.signal });
      // Only jobs that really carry the tag count: a server that ignored the filter proves nothing.
      const matches = r.jobs.filter((j) => j.tags?.includes(clientTag));
      return matches[matches.length - 1]; // newest first: the oldest is the original submission
    } catch (lookupError) {
      throw explainAmbiguousSubmission(failure, clientTag, opts.hasLedger, lookupError);
    }
  };
  const first = await lookup();
  if (first) return first;
  try {
    await (opts.sleep ?? abortableSleep)(opts.settleMs ?? DEFAULT_SUBMIT_SETTLE_MS, opts.signal);
  } catch (waitError) {
    throw explainAmbiguousSubmission(failure, clientTag, opts.hasLedger, waitError);
  }
  return lookup();
}

/**
 * The error of a submission whose outcome stays unknown: same class as the failure (a
 * ConnectionError, RequestTimeoutError, ServerError...), or an AbortedError when the signal fired
 * while the job was being looked up, with a message that says the job may exist and names the
 * client tag to look for.
 */
export function explainAmbiguousSubmission(e: unknown, clientTag: string, hasLedger: boolean, lookupError?: unknown): unknown {
  if (!isAmbiguousSubmission(e)) return e;
  const where = hasLedger
    ? `it is in the ledger as unconfirmed with client tag ${clientTag} (qbridge jobs list)`
    : `look for the job tag ${clientTag}`;
  if (lookupError instanceof AbortedError) {
    // The caller stopped the run: it must stay an abort (the CLI reports it as one), but still say what is unknown.
    return new AbortedError(`aborted while confirming a submission whose answer was lost (${(e as Error).message}); the job may have been created: ${where}`, { cause: lookupError });
  }
  const lookup = lookupError === undefined ? '' : `; looking the job up by that tag failed too (${lookupError instanceof Error ? lookupError.message : String(lookupError)})`;
  const message = `${(e as Error).message}; the job may have been created: ${where}${lookup}`;
  if (e instanceof ServerError) {
    return new ServerError(message, { status: e.status, requestId: e.requestId, ibmCode: e.ibmCode, solution: e.solution, retryable: e.retryable }, { cause: e });
  }
  if (e instanceof InvalidResponseError) return new InvalidResponseError(message, { cause: e });
  const Kind = e instanceof RequestTimeoutError ? RequestTimeoutError : ConnectionError;
  return new Kind(message, { cause: e });
}
