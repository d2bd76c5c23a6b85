import { NotFoundError, throwIfAborted } from '../../src/core/errors';
import type { IbmRuntimeBackend } from './backend';

/** Options of {@link withSession}. */
export interface SessionOptions {
  /** `batch` (jobs run as capacity allows) or `dedicated` (exclusive access; not on the Open plan). */
  mode: 'batch' | 'dedicated';
  /** Maximum session lifetime in seconds (IBM default 28 800, capped by the plan). */
  maxTtl?: number;
  signal?: AbortSignal;
}

/**
 * Runs `fn` inside an IBM session or batch: creates it (`POST /sessions`), hands `fn` a view of
 * the backend whose jobs carry the session id, and always closes it afterwards — on success and
 * on error (`PATCH accepting_jobs=false`: queued and running jobs still finish). A failure to
 * close never hides `fn`'s own error, and after success a 404 on the close is not an error: a
 * session that outlived its time to live (IBM's default is 8 hours, a long queue can pass it) is
 * already gone, which is the state the close asks for, and throwing would lose the computed result
 * (IBM's Python client ignores the 404 for the same reason).
 *
 * @example
 * const counts = await withSession(backend, { mode: 'batch' }, async (s) => {
 *   const jobs = await Promise.all(requests.map((r) => s.run(r)));
 *   return Promise.all(jobs.map((j) => j.result()));
 * });
 */
export async function withSession<T>(
  backend: IbmRuntimeBackend,
  options: SessionOptions,
  fn: (session: IbmRuntimeBackend, sessionId: string) => Promise<T>,
): Promise<T> {
  throwIfAborted(options.signal);
  const session = await backend.client.createSession(
    { mode: options.mode, backend: backend.name, ...(options.maxTtl !== undefined ? { max_ttl: options.maxTtl } : {}) },
    { signal: options.signal },
  );
  let result: T;
  try {
    result = await fn(backend.inSession(session.id), session.id);
  } catch (e) {
    // Close without the caller's signal: an aborted caller must not leave the session open.
    await backend.client.closeSession(session.id).catch(() => undefined);
    throw e;
  }
  await backend.client.closeSession(session.id).catch((e: unknown) => {
    if (!(e instanceof NotFoundError)) throw e;
  });
  return result;
}
