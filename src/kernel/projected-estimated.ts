/**
 * The projected kernel's estimated path: each point's one-qubit Pauli expectation values
 * ⟨X_k⟩, ⟨Y_k⟩, ⟨Z_k⟩ from the Estimator primitive, so it runs on any backend (local, fake
 * devices, IBM). One PUB per point: the feature map's parameterised circuit (the same object in
 * every PUB, so ISA targets transpile it once per job and move the observables with the
 * layout), that point's parameter row, and the 3n one-qubit observables.
 */
import type { Backend } from '../backend';
import { ConfigurationError, InvalidResponseError, throwIfAborted } from '../core/errors';
import { Estimator } from '../primitives/estimator';
import { shotsForPrecision } from '../primitives/validate';
import type { EstimatorPub, PauliSum } from '../primitives/types';
import type { PauliFeatureMap } from './feature-map';
import type { FeatureMatrix } from './inputs';

/** Options of {@link estimateProjectedFeatures}. */
export interface ProjectedEstimateOptions {
  /** The Estimator precision (undefined: the backend's default). */
  precision?: number;
  /** Job `i` is seeded `seed + i`. */
  seed?: number;
  /** Most PUBs per job (default and cap: the backend's `maxPubsPerJob`). */
  maxPubsPerJob?: number;
  signal?: AbortSignal;
  /** Bound of each job wait in ms. */
  jobTimeoutMs?: number;
  /** Called after each job with the number of points done. */
  onJob?: (done: number) => void;
  /** Updated as jobs are submitted. */
  counters: { jobsSubmitted: number; pubsSubmitted: number };
}

/**
 * The one-qubit observables of an n-qubit circuit in the order the projected features use:
 * X_0, Y_0, Z_0, X_1, … (a label's rightmost letter is qubit 0).
 */
export function oneQubitObservables(numQubits: number): PauliSum[] {
  const out: PauliSum[] = [];
  for (let k = 0; k < numQubits; k++) {
    for (const p of ['X', 'Y', 'Z']) {
      const label = 'I'.repeat(numQubits - 1 - k) + p + 'I'.repeat(k);
      out.push([[label, 1]]);
    }
  }
  return out;
}

/**
 * The points `rows` of `m` as PUBs of at most `maxPubsPerJob` per job, run one job after
 * another; returns each point's 3n expectation values in `rows` order. Values are used as the
 * backend returns them (not clipped to [−1, 1]: the Gaussian kernel stays PSD on any vectors).
 * @throws {InvalidResponseError} when a job's result does not have one row of 3n values per PUB
 */
export async function estimateProjectedFeatures(
  backend: Backend,
  fm: PauliFeatureMap,
  m: FeatureMatrix,
  rows: readonly number[],
  opts: ProjectedEstimateOptions,
): Promise<Float64Array[]> {
  const circuit = fm.circuit('x');
  const columns = circuit.parameters.map((name) => {
    const match = /^x\[(\d+)\]$/.exec(name);
    if (!match) throw new ConfigurationError(`unexpected parameter '${name}' in the feature map circuit`);
    return Number(match[1]);
  });
  if (opts.precision !== undefined && opts.precision > 0 && shotsForPrecision(opts.precision) > backend.target.maxShots) {
    throw new ConfigurationError(
      `precision ${opts.precision} needs ${shotsForPrecision(opts.precision)} shots per basis, more than the backend's limit of ${backend.target.maxShots}`,
      'precision',
    );
  }
  const observables = oneQubitObservables(fm.numQubits);
  const perJob = Math.min(opts.maxPubsPerJob ?? Infinity, backend.target.maxPubsPerJob);
  const out: Float64Array[] = [];
  for (let first = 0, job = 0; first < rows.length; first += perJob, job++) {
    throwIfAborted(opts.signal);
    const chunk = rows.slice(first, first + perJob);
    const pubs: EstimatorPub[] = chunk.map((r) => ({
      circuit,
      observables,
      parameterValues: [columns.map((c) => m.data[r * m.cols + c]!)],
    }));
    const seed = opts.seed === undefined ? undefined : opts.seed + job;
    const estimator = new Estimator(backend, {
      ...(opts.precision === undefined ? {} : { precision: opts.precision }),
      ...(seed === undefined ? {} : { seed }),
    });
    const handle = await estimator.run(pubs, { signal: opts.signal });
    opts.counters.jobsSubmitted++;
    opts.counters.pubsSubmitted += pubs.length;
    const result = await handle.result({ signal: opts.signal, ...(opts.jobTimeoutMs === undefined ? {} : { timeoutMs: opts.jobTimeoutMs }) });
    if (result.pubs.length !== pubs.length) {
      throw new InvalidResponseError(`job ${handle.id} returned ${result.pubs.length} PUB results, expected ${pubs.length}`);
    }
    result.pubs.forEach((pub, p) => {
      const evs = pub.evs[0];
      if (pub.evs.length !== 1 || !evs || evs.length !== observables.length || evs.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
        throw new InvalidResponseError(`job ${handle.id}: PUB ${p} does not hold one row of ${observables.length} finite expectation values`);
      }
      out.push(Float64Array.from(evs));
    });
    opts.onJob?.(out.length);
  }
  return out;
}
