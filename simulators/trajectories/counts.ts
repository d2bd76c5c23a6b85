/**
 * Counts of a noisy circuit by quantum trajectories on the statevector engine, in the result
 * shape of the density-matrix simulator (`DensityMatrixCounts`) so callers can switch methods.
 */
import type { Circuit } from '../../src/circuit/circuit';
import { InputValidationError } from '../../src/core/errors';
import { freshSeed, Prng } from '../../src/core/random';
import type { NoiseModel } from '../../src/noise/noise-model';
import type { DensityMatrixCounts } from '../density-matrix/measure';
import { splitByRegister, toBitStrings } from '../density-matrix/measure';
import { readoutPlan, type ReadoutStep } from '../density-matrix/readout-plan';
import type { StateBuffers } from '../statevector/state';
import { multinomial } from './branches';
import { compileTrajectoryProgram } from './program';
import { walkTrajectories } from './walk';

/** Options of {@link sampleTrajectoryCounts}. */
export interface TrajectoryCountsOptions {
  /** The noise model (read once, at the start). Default: ideal. */
  noise?: NoiseModel;
  /** Number of shots (integer ≥ 1). */
  shots: number;
  /** PRNG seed; omitted → a fresh one, reported in the result. */
  seed?: number;
  /** Checked between instructions. */
  signal?: AbortSignal;
}

/** Counts sampled by trajectories: the density-matrix result shape plus the trajectory count. */
export interface TrajectoryCounts extends DensityMatrixCounts {
  /**
   * Distinct statevectors simulated to the end: shots that took the same Kraus branch at every
   * channel share one (1 for a noiseless circuit).
   */
  readonly trajectories: number;
}

/** Shots of one final state over its basis indices: sorted uniforms against the cumulative |ψ|². */
function sampleLeaf(state: StateBuffers, shots: number, rng: Prng): Map<number, number> {
  const { re, im } = state;
  let total = 0;
  for (let i = 0; i < re.length; i++) total += re[i]! * re[i]! + im[i]! * im[i]!;
  const u = new Float64Array(shots);
  for (let s = 0; s < shots; s++) u[s] = rng.next() * total;
  u.sort();
  const out = new Map<number, number>();
  let cum = 0;
  let s = 0;
  let lastNonZero = 0;
  for (let i = 0; i < re.length && s < shots; i++) {
    const p = re[i]! * re[i]! + im[i]! * im[i]!;
    if (p === 0) continue;
    lastNonZero = i;
    cum += p;
    let c = 0;
    while (s < shots && u[s]! < cum) {
      s++;
      c++;
    }
    if (c) out.set(i, c);
  }
  // Rounding in the running sum can leave the largest uniforms past the end.
  if (s < shots) out.set(lastNonZero, (out.get(lastNonZero) ?? 0) + shots - s);
  return out;
}

/** Readout errors on a group of shots: each error splits a group's count over its row. */
function applyReadoutToGroups(groups: Map<number, number>, steps: readonly ReadoutStep[], rng: Prng): Map<number, number> {
  let cur = groups;
  for (const { bits, error } of steps) {
    let mask = 0;
    for (const b of bits) mask |= 1 << b;
    const next = new Map<number, number>();
    for (const [idx, c] of cur) {
      let prepared = 0;
      bits.forEach((b, k) => (prepared |= ((idx >> b) & 1) << k));
      const split = multinomial(rng, c, error.probabilities[prepared]!);
      split.forEach((m, j) => {
        if (!m) return;
        let out = idx & ~mask;
        bits.forEach((b, k) => (out |= ((j >> k) & 1) << b));
        next.set(out, (next.get(out) ?? 0) + m);
      });
    }
    cur = next;
  }
  return cur;
}

/**
 * Samples a noisy circuit by grouped quantum trajectories (see simulators/trajectories/walk.ts):
 * only the touched qubits are simulated; each shot group's final state is sampled from |ψ|²,
 * then readout errors act per group as in the density-matrix simulator (local readout errors on
 * their qubits, the all-qubit one on every other measured qubit). Reproducible for a seed.
 *
 * @example sampleTrajectoryCounts(bell, { noise, shots: 1000, seed: 1 }).counts
 * @throws {InputValidationError} for a shot count that is not a positive integer, or a
 *   multi-qubit readout error on a qubit the circuit does not measure
 * @throws {CircuitValidationError} for unbound parameters or a qubit used after its measurement
 * @throws {ResourceLimitError} when the states the walk needs do not fit in memory
 */
export function sampleTrajectoryCounts(circuit: Circuit, options: TrajectoryCountsOptions): TrajectoryCounts {
  const { shots } = options;
  if (!Number.isInteger(shots) || shots < 1) throw new InputValidationError(`shots must be a positive integer, got ${String(shots)}`);
  const seed = options.seed ?? freshSeed();
  const snap = options.noise?.snapshot() ?? null;
  const program = compileTrajectoryProgram(circuit, snap);
  const readout = readoutPlan(snap, program.measurements);
  const rng = new Prng(seed);
  // Outcome counts by basis index: half a state's bytes, counted as one state for the memory check.
  const byIndex = new Float64Array(2 ** program.qubits.length);
  const stats = walkTrajectories(
    program,
    shots,
    rng,
    (state, count) => {
      const groups = applyReadoutToGroups(sampleLeaf(state, count, rng), readout.steps, rng);
      for (const [i, c] of groups) byIndex[i] = byIndex[i]! + c;
    },
    { signal: options.signal, extraStates: 1 },
  );
  const counts: Record<string, number> = Object.fromEntries(toBitStrings(byIndex, program.measurements, circuit.numClbits));
  return {
    qubits: program.qubits,
    errorsApplied: program.errorLocations,
    readoutQubits: readout.qubits,
    noise: options.noise ? options.noise.describe() : 'no noise model (ideal)',
    counts,
    registerCounts: splitByRegister(circuit, counts),
    seed,
    shots,
    trajectories: stats.trajectories,
  };
}
