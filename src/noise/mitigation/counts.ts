/**
 * Readout mitigation of measured counts: which physical qubit each bit of a register read, its
 * assignment matrix, and the M3 solve (`m3-solve.ts`) that turns the counts into
 * quasi-probabilities.
 */
import type { Circuit } from '../../circuit/circuit';
import { InputValidationError } from '../../core/errors';
import { finalClbitSources } from '../../primitives/measurement';
import { assignmentOf, type TensoredAssignment } from './assignment';
import { nearestProbabilities, solveM3, type M3SolveOptions, type QuasiDistribution } from './m3-solve';

/** Options of {@link mitigateCounts}. */
export interface MitigateCountsOptions extends M3SolveOptions {
  /** The assignment matrices (they must cover every measured qubit). */
  readonly assignment: TensoredAssignment;
  /** The physical qubit each bit read: `qubits[k]` for bit k (the k-th character from the right). */
  readonly qubits: readonly number[];
  /** Also return the nearest probability distribution (Smolin et al.). @defaultValue false */
  readonly nearest?: boolean;
}

/** Mitigated counts and what mitigated them. */
export interface MitigatedCounts {
  /** The quasi-probabilities over the observed bit strings (they sum to 1, may be negative). */
  readonly quasi: QuasiDistribution;
  /** The nearest probability distribution, when asked for. */
  readonly nearest?: ReadonlyMap<string, number>;
  /** The physical qubit of each bit (bit k = `qubits[k]`). */
  readonly qubits: readonly number[];
  /** The assignment matrices used, bit by bit (`matrices[k]` is qubit `qubits[k]`'s). */
  readonly assignment: TensoredAssignment;
}

/**
 * Mitigates one register's counts with tensored assignment matrices (M3's subspace solve).
 *
 * @example
 * const a = assignmentFromCalibration(backend.target, [3, 7]);
 * const m = mitigateCounts({ '00': 480, '11': 470, '01': 30, '10': 20 }, { assignment: a, qubits: [3, 7] });
 * m.quasi.values.get('11');
 * @throws {InputValidationError} when a bit string's length differs from `qubits`, a measured
 *   qubit has no matrix, or the counts or options are malformed (see {@link solveM3})
 */
export function mitigateCounts(counts: Readonly<Record<string, number>>, options: MitigateCountsOptions): MitigatedCounts {
  const { assignment, qubits } = options;
  if (!Array.isArray(qubits) || qubits.length === 0) throw new InputValidationError('readout mitigation needs the measured qubit of each bit: none were given');
  const matrices = qubits.map((q) => assignmentOf(assignment, q));
  const quasi = solveM3(counts, matrices, options);
  const nearest = options.nearest ? nearestProbabilities(quasi.values) : undefined;
  return Object.freeze({ quasi, ...(nearest ? { nearest } : {}), qubits: Object.freeze([...qubits]), assignment });
}

/**
 * The physical qubit each bit of classical register `register` reads at the end of `circuit`
 * (bit k of the register = entry k), through `physical` when the circuit's qubits are not the
 * physical ones (identity by default: an ISA circuit's qubits are physical).
 * @throws {InputValidationError} for an unknown register or a bit no measurement writes (its
 *   value is a constant 0, not a readout: it cannot be mitigated)
 */
export function measuredQubits(circuit: Circuit, register: string, physical?: readonly number[]): number[] {
  const reg = circuit.classicalRegister(register);
  if (!reg) {
    throw new InputValidationError(`readout mitigation: no classical register '${register}' (registers: ${circuit.classicalRegisters.map((r) => r.name).join(', ')})`);
  }
  const src = finalClbitSources(circuit);
  return Array.from({ length: reg.size }, (_, k) => {
    const q = src[reg.offset + k]!;
    if (q < 0) throw new InputValidationError(`readout mitigation: bit ${k} of register '${register}' is never measured, so it has no readout to mitigate`);
    return physical ? physical[q]! : q;
  });
}
