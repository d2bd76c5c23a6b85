/**
 * Executions of an IBM Estimator job, as IBM counts them against its 5 000 000 per-job limit
 * (the same limit as the Sampler's, `IBM_MAX_EXECUTIONS_PER_JOB` in device-config.ts): IBM's job-limits page
 * counts "the number of circuits times the number of shots, where the circuits are those
 * generated after PUB elements are broadcasted", and an Estimator generates one circuit per
 * parameter-binding row and measurement basis, qubit-wise commuting observable terms sharing a
 * basis. qiskit-ibm-runtime's client-side Estimator builds exactly these circuits: per parameter
 * row, the distinct Pauli terms of the observables, grouped with
 * `PauliList.group_commuting(qubit_wise=True)` (a greedy colouring, largest degree first, of the
 * graph joining terms that do not commute qubit-wise), one circuit per group; each run at the
 * shots of its precision, ⌈1/precision²⌉, or `default_shots`, or IBM's default precision
 * 0.015625 (4096 shots), in that order.
 */
import { ResourceLimitError } from '../core/errors';
import type { Target } from '../core/target';
import type { PauliSum } from './types';
import { shotsForPrecision } from './validate';

/** IBM's Estimator precision when neither the PUB, the request nor `default_shots`/`default_precision` set one: 1/√4096. */
export const IBM_DEFAULT_PRECISION = 0.015625;

/** True when Pauli labels `a` and `b` commute qubit-wise: on every qubit the letters are equal or one is I. */
function qubitWiseCommute(a: string, b: string): boolean {
  for (let k = 0; k < a.length; k++) {
    const x = a[k]!;
    const y = b[k]!;
    if (x !== 'I' && y !== 'I' && x !== y) return false;
  }
  return true;
}

/**
 * How many measurement bases (circuits per parameter row) IBM needs for these observables: the
 * distinct Pauli terms in qubit-wise commuting groups, coloured greedily with the terms of most
 * conflicts first (ties in first-seen order), as Qiskit's `group_commuting(qubit_wise=True)`.
 * Terms are upper-case labels of one width (validated observables).
 */
export function measurementBases(observables: readonly PauliSum[]): number {
  const terms = [...new Set(observables.flatMap((sum) => sum.map(([label]) => label.toUpperCase())))];
  if (!terms.length) return 0;
  const conflicts = terms.map((a, i) => terms.flatMap((b, j) => (i !== j && !qubitWiseCommute(a, b) ? [j] : [])));
  const order = terms.map((_, i) => i).sort((i, j) => conflicts[j]!.length - conflicts[i]!.length || i - j);
  const colour = new Array<number>(terms.length).fill(-1);
  let colours = 0;
  for (const i of order) {
    const taken = new Set(conflicts[i]!.map((j) => colour[j]!));
    let c = 0;
    while (taken.has(c)) c++;
    colour[i] = c;
    colours = Math.max(colours, c + 1);
  }
  return colours;
}

/** What decides an IBM Estimator PUB's shots, most specific first. */
export interface EstimatorShotsSources {
  /** The PUB's own precision. */
  readonly pubPrecision?: number;
  /** The request's precision (qbridge's 0 = "not given" on IBM). */
  readonly precision?: number;
  /** The `default_shots` IBM option. */
  readonly defaultShots?: number;
  /** The `default_precision` IBM option. */
  readonly defaultPrecision?: number;
}

/** Shots per circuit of an IBM Estimator PUB: ⌈1/precision²⌉ of the first precision given, else `default_shots`, else IBM's default precision. */
export function ibmEstimatorShots(s: EstimatorShotsSources): number {
  const given = [s.pubPrecision, s.precision].find((p) => p !== undefined && p > 0);
  if (given !== undefined) return shotsForPrecision(given);
  if (s.defaultShots !== undefined) return s.defaultShots;
  return shotsForPrecision(s.defaultPrecision ?? IBM_DEFAULT_PRECISION);
}

/** One Estimator PUB as IBM counts it. */
export interface EstimatorPubCount {
  /** Parameter-binding rows (1 for a circuit without parameters). */
  readonly rows: number;
  /** The PUB's observables. */
  readonly observables: readonly PauliSum[];
  /** Shots per circuit ({@link ibmEstimatorShots}). */
  readonly shots: number;
}

/** Executions of an Estimator job: Σ over PUBs of rows × {@link measurementBases} × shots. */
export function estimatorExecutions(pubs: readonly EstimatorPubCount[]): number {
  return pubs.reduce((sum, p) => sum + Math.max(1, p.rows) * measurementBases(p.observables) * p.shots, 0);
}

/**
 * Refuses an Estimator job over the target's executions limit, before any request.
 * @throws {ResourceLimitError} naming the executions, the limit and `--precision`
 */
export function refuseOverEstimatorExecutions(pubs: readonly EstimatorPubCount[], target: Target): void {
  const executions = estimatorExecutions(pubs);
  if (executions > target.maxExecutionsPerJob) {
    throw new ResourceLimitError(
      `the Estimator job asks for ${executions} executions (parameter rows × measurement bases × shots, summed over ${pubs.length} PUB(s)), ` +
        `above the backend's limit of ${target.maxExecutionsPerJob} per job: raise --precision (fewer shots) or split the input`,
    );
  }
}
