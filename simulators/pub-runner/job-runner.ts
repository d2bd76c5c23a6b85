/**
 * What every simulator backend (local, fake devices) does around its PUBs: refuse a request of
 * an unknown kind, refuse estimator PUBs it cannot run, and run the PUBs in order into a settled
 * job. One copy, so the two backends cannot drift apart.
 */
import type { Circuit } from '../../src/circuit/circuit';
import { CircuitValidationError, InputValidationError, isQbridgeError, throwIfAborted } from '../../src/core/errors';
import { SettledJob, type Job } from '../../src/core/job';
import type { PrimitiveRequest } from '../../src/primitives/types';
import { shotsForPrecision } from '../../src/primitives/validate';
import type { Target } from '../../src/core/target';
import { hasOnlyTerminalMeasurements } from '../../src/primitives/measurement';
import { yieldToEventLoop } from '../../src/core/abort';

/** @throws {InputValidationError} unless `request` is a sampler or an estimator request */
export function assertPrimitiveRequest(request: PrimitiveRequest): void {
  if (!request || (request.kind !== 'sampler' && request.kind !== 'estimator')) {
    throw new InputValidationError("request.kind must be 'sampler' or 'estimator'");
  }
}

/**
 * An estimator PUB a simulator can run: no mid-circuit measurement or reset, and a precision
 * whose shot count is within the backend's limit.
 *
 * @throws {CircuitValidationError} for mid-circuit measurement or reset
 * @throws {InputValidationError} when the precision needs more shots than `target.maxShots`
 */
export function assertEstimatorPubRunnable(pub: { circuit: Circuit; precision: number }, index: number, target: Target): void {
  if (!hasOnlyTerminalMeasurements(pub.circuit)) {
    throw new CircuitValidationError(
      `PUB ${index}: the estimator needs a circuit without mid-circuit measurement or reset (final measurements are ignored)`,
    );
  }
  if (pub.precision > 0 && shotsForPrecision(pub.precision) > target.maxShots) {
    throw new InputValidationError(
      `PUB ${index}: precision ${pub.precision} needs ${shotsForPrecision(pub.precision)} shots, more than the backend's limit of ${target.maxShots}`,
    );
  }
}

/**
 * Runs `count` PUBs in order (yielding to the event loop between them, checking `signal`) and
 * returns a settled job. Typed qbridge errors (abort, validation, resource limits) reject
 * instead; an unexpected failure becomes a failed job.
 */
export async function settlePubs<R, P>(
  id: string,
  backendName: string,
  signal: AbortSignal | undefined,
  count: number,
  runPub: (index: number) => Promise<P>,
  build: (results: readonly P[]) => R,
): Promise<Job<R>> {
  const results: P[] = [];
  try {
    for (let i = 0; i < count; i++) {
      if (i > 0) await yieldToEventLoop();
      throwIfAborted(signal);
      results.push(await runPub(i));
    }
  } catch (e) {
    if (isQbridgeError(e)) throw e;
    return new SettledJob<R>(id, backendName, { error: e });
  }
  return new SettledJob<R>(id, backendName, { result: Object.freeze(build(Object.freeze(results))) });
}
