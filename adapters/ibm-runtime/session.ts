import { NotFoundError, PermissionDeniedError, SessionNotAllowedError, throwIfAborted } from '../../src/core/errors';
import type { IbmRuntimeBackend } from './backend';

/** IBM's error code for "You are not authorized to run a session when using the open plan." */
const OPEN_PLAN_SESSION_REFUSED = 1352;

/** Options of {@link withSession} and {@link withBatch}. */
export interface SessionOptions {
  /**
   * `dedicated` (a session: exclusive access; not on the Open plan) or `batch` (jobs run as
   * capacity allows; every plan). Default: `dedicated` for withSession; withBatch always uses `batch`.
   */
  mode?: 'batch' | 'dedicated';
  /** Maximum session lifetime in seconds (IBM default 28 800, capped by the plan). */
  maxTtl?: number;
  signal?: AbortSignal;
}

/** The body of a session or batch: a view of the backend whose jobs carry the session id. */
export type SessionBody<T> = (session: IbmRuntimeBackend, sessionId: string) => Promise<T>;

/**
 * Runs `fn` inside an IBM session (`dedicated` mode, as Python's `Session`) or, with
 * `{ mode: 'batch' }`, a batch: creates it (`POST /sessions`), hands `fn` a view of the backend
 * whose jobs carry the session id, and always closes it afterwards — on success and on error
 * (`PATCH accepting_jobs=false`: queued and running jobs still finish). A failure to close never
 * hides `fn`'s own error, and after success a 404 on the close is not an error: a session that
 * outlived its time to live (IBM's default is 8 hours, a long queue can pass it) is already
 * gone, which is the state the close asks for, and throwing would lose the computed result
 * (IBM's Python client ignores the 404 for the same reason).
 *
 * Open-plan instances may not open sessions: IBM answers 403 with code 1352, reported as a
 * {@link SessionNotAllowedError} (use {@link withBatch}, or no session).
 *
 * @example
 * const result = await withSession(backend, async (s) => (await s.run(request)).result());
 * @example
 * const counts = await withSession(backend, { mode: 'batch' }, async (s) => {
 *   const jobs = await Promise.all(requests.map((r) => s.run(r)));
 *   return Promise.all(jobs.map((j) => j.result()));
 * });
 * @throws {SessionNotAllowedError} on the Open plan in `dedicated` mode
 */
export async function withSession<T>(backend: IbmRuntimeBackend, fn: SessionBody<T>, options?: SessionOptions): Promise<T>;
export async function withSession<T>(backend: IbmRuntimeBackend, options: SessionOptions, fn: SessionBody<T>): Promise<T>;
export async function withSession<T>(
  backend: IbmRuntimeBackend,
  a: SessionBody<T> | SessionOptions,
  b?: SessionBody<T> | SessionOptions,
): Promise<T> {
  const [fn, options] = typeof a === 'function' ? [a, (b as SessionOptions | undefined) ?? {}] : [b as SessionBody<T>, a];
  return runInSession(backend, options.mode ?? 'dedicated', options, fn);
}

/**
 * Runs `fn` inside an IBM batch (`POST /sessions` with mode `batch`, as Python's `Batch`): the
 * jobs `fn` submits through the view it is handed are scheduled together as capacity allows.
 * Allowed on every plan, the Open plan included. Closed afterwards as {@link withSession} closes.
 *
 * @example
 * const counts = await withBatch(backend, async (b) => {
 *   const jobs = await Promise.all(requests.map((r) => b.run(r)));
 *   return Promise.all(jobs.map((j) => j.result()));
 * });
 */
export async function withBatch<T>(backend: IbmRuntimeBackend, fn: SessionBody<T>, options: Omit<SessionOptions, 'mode'> = {}): Promise<T> {
  return runInSession(backend, 'batch', options, fn);
}

async function runInSession<T>(backend: IbmRuntimeBackend, mode: 'batch' | 'dedicated', options: SessionOptions, fn: SessionBody<T>): Promise<T> {
  throwIfAborted(options.signal);
  const session = await backend.client
    .createSession({ mode, backend: backend.name, ...(options.maxTtl !== undefined ? { max_ttl: options.maxTtl } : {}) }, { signal: options.signal })
    .catch((e: unknown) => {
      if (e instanceof PermissionDeniedError && Number(e.ibmCode) === OPEN_PLAN_SESSION_REFUSED) throw new SessionNotAllowedError(backend.name, { cause: e });
      throw e;
    });
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
