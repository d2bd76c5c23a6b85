import { ConnectionError, InvalidResponseError, RequestTimeoutError, ServerError } from '../../src/core/errors';
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
 * - provably absent: the same body (same tag) is sent again, at most {@link MAX_RESUBMITS} times;
 * - the lookup itself fails: the error says the job may exist and names the tag.
 * So one submission never becomes two jobs.
 */

/** Resubmissions after a lookup proved the job absent. */
export const MAX_RESUBMITS = 2;

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
  opts: { pacer?: SubmissionPacer; signal?: AbortSignal; hasLedger: boolean },
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
    let found: S['JobResponse'] | undefined;
    try {
      const r = await client.listJobs({ tags: [clientTag], limit: 10 }, { signal: opts.signal });
      // Only jobs that really carry the tag count: a server that ignored the filter proves nothing.
      const matches = r.jobs.filter((j) => j.tags?.includes(clientTag));
      found = matches[matches.length - 1]; // newest first: the oldest is the original submission
    } catch (lookupError) {
      throw explainAmbiguousSubmission(failure, clientTag, opts.hasLedger, lookupError);
    }
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

/**
 * The error of a submission whose outcome stays unknown: same class as the failure (a
 * ConnectionError, RequestTimeoutError, ServerError...), with a message that says the job may
 * exist and names the client tag to look for.
 */
export function explainAmbiguousSubmission(e: unknown, clientTag: string, hasLedger: boolean, lookupError?: unknown): unknown {
  if (!isAmbiguousSubmission(e)) return e;
  const where = hasLedger
    ? `it is in the ledger as unconfirmed with client tag ${clientTag} (qbridge jobs list)`
    : `look for the job tag ${clientTag}`;
  const lookup = lookupError === undefined ? '' : `; looking the job up by that tag failed too (${lookupError instanceof Error ? lookupError.message : String(lookupError)})`;
  const message = `${(e as Error).message}; the job may have been created: ${where}${lookup}`;
  if (e instanceof ServerError) {
    return new ServerError(message, { status: e.status, requestId: e.requestId, ibmCode: e.ibmCode, solution: e.solution, retryable: e.retryable }, { cause: e });
  }
  if (e instanceof InvalidResponseError) return new InvalidResponseError(message, { cause: e });
  const Kind = e instanceof RequestTimeoutError ? RequestTimeoutError : ConnectionError;
  return new Kind(message, { cause: e });
}
