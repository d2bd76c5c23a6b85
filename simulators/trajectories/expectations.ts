/**
 * Estimator expectation values by quantum trajectories: the mean over trajectories of ⟨ψ|P|ψ⟩
 * and its standard error, trajectories grouped as for counts.
 */
import type { Circuit } from '../../src/circuit/circuit';
import { InputValidationError } from '../../src/core/errors';
import type { PauliSum } from '../../src/core/observable';
import { freshSeed, Prng } from '../../src/core/random';
import type { NoiseModel } from '../../src/noise/noise-model';
import { pauliExpectation, pauliMasksOnQubits, type PauliMasks } from '../statevector/pauli';
import { compileTrajectoryProgram } from './program';
import { walkTrajectories } from './walk';

/** Options of {@link trajectoryExpectations}. */
export interface TrajectoryExpectationOptions {
  /** The noise model (its readout errors do not enter expectation values). Default: ideal. */
  noise?: NoiseModel;
  /** How many trajectories to average (integer ≥ 2: one cannot give a standard error). */
  trajectories: number;
  /** PRNG seed; omitted → a fresh one, reported in the result. */
  seed?: number;
  /** Checked between instructions. */
  signal?: AbortSignal;
}

/** Expectation values and what produced them. */
export interface TrajectoryExpectations {
  /** Per observable, the mean over trajectories of ⟨ψ|O|ψ⟩. */
  readonly values: readonly number[];
  /** Per observable, the standard error of that mean (sample standard deviation / √trajectories). */
  readonly stdErrors: readonly number[];
  /** The trajectories averaged (as asked). */
  readonly trajectories: number;
  /** How many of them were distinct statevectors (simulated once each). */
  readonly distinctTrajectories: number;
  /** The circuit qubits simulated, ascending. */
  readonly qubits: readonly number[];
  /** How many quantum errors the noise model attaches to the circuit's gates. */
  readonly errorsApplied: number;
  /** `NoiseModel.describe()` of the model used (or that none was). */
  readonly noise: string;
  /** The seed used. */
  readonly seed: number;
}

/**
 * ⟨O⟩ per observable by averaging `trajectories` noisy trajectories. Labels are over the
 * circuit's qubits (rightmost letter = qubit 0); final measurements are ignored (the
 * observables are measured instead), as the statevector Estimator does.
 *
 * @throws {InputValidationError} for fewer than 2 trajectories, or a label of the wrong length or letters
 * @throws {CircuitValidationError} for unbound parameters or a qubit used after its measurement
 */
export function trajectoryExpectations(
  circuit: Circuit,
  observables: readonly PauliSum[],
  options: TrajectoryExpectationOptions,
): TrajectoryExpectations {
  const t = options.trajectories;
  if (!Number.isInteger(t) || t < 2) {
    throw new InputValidationError(`trajectories must be an integer ≥ 2 (a standard error needs two), got ${String(t)}`);
  }
  const snap = options.noise?.snapshot() ?? null;
  const program = compileTrajectoryProgram(circuit, snap);
  const terms: { masks: PauliMasks; coeff: number }[][] = observables.map((obs) =>
    obs.flatMap(([label, coeff]) => {
      if (label.length !== circuit.numQubits) {
        throw new InputValidationError(`Pauli label '${label}' has ${label.length} letter(s) but the circuit has ${circuit.numQubits} qubit(s)`);
      }
      const masks = pauliMasksOnQubits(label, program.qubits);
      return masks ? [{ masks, coeff }] : [];
    }),
  );
  const seed = options.seed ?? freshSeed();
  const leaves: { values: number[]; count: number }[] = [];
  const stats = walkTrajectories(
    program,
    t,
    new Prng(seed),
    (state, count) => {
      const values = terms.map((ts) => ts.reduce((s, { masks, coeff }) => s + coeff * pauliExpectation(state.re, state.im, masks), 0));
      leaves.push({ values, count });
    },
    { signal: options.signal },
  );
  const values: number[] = [];
  const stdErrors: number[] = [];
  observables.forEach((_, o) => {
    let mean = 0;
    for (const l of leaves) mean += l.count * l.values[o]!;
    mean /= t;
    let ss = 0;
    for (const l of leaves) ss += l.count * (l.values[o]! - mean) ** 2;
    values.push(mean);
    stdErrors.push(Math.sqrt(ss / (t - 1) / t));
  });
  return {
    values,
    stdErrors,
    trajectories: t,
    distinctTrajectories: stats.trajectories,
    qubits: program.qubits,
    errorsApplied: program.errorLocations,
    noise: options.noise ? options.noise.describe() : 'no noise model (ideal)',
    seed,
  };
}
