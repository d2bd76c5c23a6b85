/**
 * `--batch`: run a command's IBM jobs inside one IBM batch (`POST /sessions` mode `batch`,
 * allowed on every plan), so the chunks of a sampled kernel are scheduled together and can be
 * in flight at once.
 */
import type { Backend } from '../backend';
import { InputValidationError } from '../core/errors';

/**
 * Chunks of a sampled kernel submitted and awaited at a time inside a batch. Small on purpose:
 * IBM admits about 5 new jobs per minute per user, so more in flight only queues submissions
 * client-side, and each job in flight is one more to wait for when interrupted.
 */
export const BATCH_JOBS_IN_FLIGHT = 3;

/**
 * Without `--batch`, runs `fn()` (it acquires its own backend); with it, runs `fn` with the view of
 * an IBM batch opened on `acquire()`'s backend (closed afterwards, on success and on error).
 * @throws {InputValidationError} for `--batch` on a backend that is not an IBM Quantum device
 */
export async function inBatchIf<T>(
  batch: boolean | undefined,
  acquire: () => Promise<Backend>,
  fn: (backend?: Backend, sessionId?: string) => Promise<T>,
): Promise<T> {
  if (!batch) return fn();
  const backend = await acquire();
  // Loaded only for --batch: programs that simulate never load the IBM adapter.
  const adapter = await import('../../adapters/ibm-runtime');
  if (!(backend instanceof adapter.IbmRuntimeBackend)) {
    throw new InputValidationError(`--batch needs an IBM Quantum backend (--backend ibm_<name>), got '${backend.name}'`);
  }
  return adapter.withBatch(backend, (view, sessionId) => fn(view, sessionId));
}
