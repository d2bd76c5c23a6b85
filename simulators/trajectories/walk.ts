/**
 * Grouped trajectories, depth first: a branch carries (state, shots). At each channel its shots
 * are split multinomially over the Kraus branches; the branch with the most shots continues in
 * place and every other branch that got a shot is run to the end first, on a copy. A branch run
 * on a copy has at most half its parent's shots, so at most log2(shots) + 1 states are alive at
 * once, and a noiseless circuit is one trajectory whatever the shot count.
 */
import { throwIfAborted } from '../../src/core/errors';
import type { Prng } from '../../src/core/random';
import { applyGate } from '../statevector/apply-gate';
import { assertStateFits } from '../statevector/memory-guard';
import { allocateZero, type StateBuffers } from '../statevector/state';
import { applyBranch, branchProbabilities, multinomial } from './branches';
import type { TrajectoryProgram } from './program';

/** What a walk did. */
export interface WalkStats {
  /** Distinct statevectors run to the end (leaves). */
  trajectories: number;
  /** The most statevectors alive at once. */
  peakStates: number;
}

/**
 * Runs `shots` trajectories of the program, grouped, calling `leaf` once per distinct final
 * state with the number of shots that ended in it.
 *
 * @param extraStates state-sized buffers the caller holds besides the walk's (memory check)
 * @throws {ResourceLimitError} when one more state would not fit in memory (checked before each copy)
 */
export function walkTrajectories(
  program: TrajectoryProgram,
  shots: number,
  rng: Prng,
  leaf: (state: StateBuffers, shots: number) => void,
  options: { signal?: AbortSignal; extraStates?: number } = {},
): WalkStats {
  const n = program.qubits.length;
  const extra = options.extraStates ?? 0;
  const stats: WalkStats = { trajectories: 0, peakStates: 1 };
  let live = 1;
  assertStateFits(n, live + extra);
  const steps = program.steps;
  const run = (state: StateBuffers, count: number, from: number): void => {
    for (let i = from; i < steps.length; i++) {
      if ((i & 15) === 0) throwIfAborted(options.signal);
      const step = steps[i]!;
      if (step.kind === 'gate') {
        applyGate(state, step.name, step.bits, step.params);
        continue;
      }
      const p = branchProbabilities(step.channel, state, step.bits);
      const split = count === 1 ? null : multinomial(rng, count, p);
      let major: number;
      if (split) {
        major = 0;
        for (let k = 1; k < split.length; k++) if (split[k]! > split[major]!) major = k;
        for (let k = 0; k < split.length; k++) {
          if (k === major || split[k] === 0) continue;
          assertStateFits(n, live + 1 + extra);
          live++;
          stats.peakStates = Math.max(stats.peakStates, live);
          const copy: StateBuffers = { numQubits: n, re: state.re.slice(), im: state.im.slice() };
          applyBranch(step.channel, k, p[k]!, copy, step.bits);
          run(copy, split[k]!, i + 1);
          live--;
        }
        count = split[major]!;
      } else {
        major = pick(rng, p);
      }
      applyBranch(step.channel, major, p[major]!, state, step.bits);
    }
    stats.trajectories++;
    leaf(state, count);
  };
  run(allocateZero(n), shots, 0);
  return stats;
}

/** One outcome drawn from probabilities summing to 1 (the last possible one absorbs rounding). */
function pick(rng: Prng, p: ArrayLike<number>): number {
  let u = rng.next();
  let last = 0;
  for (let k = 0; k < p.length; k++) {
    if (!(p[k]! > 0)) continue;
    last = k;
    if (u < p[k]!) return k;
    u -= p[k]!;
  }
  return last;
}
