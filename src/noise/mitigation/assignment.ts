/**
 * Tensored (per-qubit) readout assignment matrices: what readout mitigation inverts.
 *
 * Each measured physical qubit q has a 2×2 row-stochastic matrix in the convention of
 * {@link ReadoutError}: `matrix[prepared][measured]` = P(read `measured` | prepared `prepared`).
 * The n-qubit assignment is taken to be their tensor product (readout errors independent per
 * qubit), which is what M3 and the calibration data of IBM devices assume.
 *
 * Two sources: a device's calibration (`prob_meas1_prep0` / `prob_meas0_prep1`, or the
 * symmetric `readout_error`, read through {@link deviceNoiseParameters}: one home for that rule),
 * or matrices given by hand. Measured matrices come from `measure-assignment.ts`.
 */
import { ConfigurationError, InputValidationError } from '../../core/errors';
import type { Target } from '../../core/target';
import { deviceNoiseParameters } from '../device-noise';

/** One qubit's assignment matrix, `[prepared][measured]`, rows summing to 1. */
export type QubitAssignmentMatrix = readonly [readonly [number, number], readonly [number, number]];

/** The assignment matrix of one physical qubit. */
export interface QubitAssignment {
  /** The physical qubit. */
  readonly qubit: number;
  /** `matrix[prepared][measured]`: P(read `measured` | prepared `prepared`). */
  readonly matrix: QubitAssignmentMatrix;
}

/** Where a set of assignment matrices came from. */
export type AssignmentSource = 'calibration' | 'measured' | 'given';

/** Per-qubit assignment matrices and where they came from. */
export interface TensoredAssignment {
  /** One entry per qubit, ascending by qubit. */
  readonly qubits: readonly QubitAssignment[];
  /** `calibration` (the device's reported readout data), `measured` (calibration circuits run) or `given`. */
  readonly source: AssignmentSource;
  /** The backend whose calibration or runs produced them, when known. */
  readonly backend?: string;
  /** Measured: shots of each calibration circuit (all-|0⟩ and all-|1⟩). */
  readonly shotsPerCircuit?: number;
  /** Measured: shots spent in total on the calibration circuits. */
  readonly shotsUsed?: number;
}

/** How far a row may sum from 1. */
const ROW_ATOL = 1e-9;

/** Checks one qubit's matrix and returns a frozen copy. */
function checkMatrix(qubit: number, m: ReadonlyArray<ReadonlyArray<number>>, what: string): QubitAssignmentMatrix {
  if (!Array.isArray(m) || m.length !== 2 || m.some((r) => !Array.isArray(r) || r.length !== 2)) {
    throw new InputValidationError(`${what}: the assignment matrix of qubit ${qubit} must be 2×2`);
  }
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 2; j++) {
      const p = m[i]![j]!;
      if (typeof p !== 'number' || !Number.isFinite(p) || p < 0 || p > 1) {
        throw new InputValidationError(`${what}: qubit ${qubit} entry [${i}][${j}] must be a probability in [0, 1], got ${String(p)}`);
      }
    }
    const sum = m[i]![0]! + m[i]![1]!;
    if (Math.abs(sum - 1) > ROW_ATOL) {
      throw new InputValidationError(`${what}: qubit ${qubit} row ${i} (prepared ${i}) sums to ${sum}, not 1`);
    }
  }
  // A singular matrix (both rows equal) carries no information about the prepared state.
  if (Math.abs(m[0]![0]! - m[1]![0]!) < 1e-12) {
    throw new InputValidationError(`${what}: the assignment matrix of qubit ${qubit} is singular (readout independent of the state)`);
  }
  return Object.freeze([Object.freeze([m[0]![0]!, m[0]![1]!] as const), Object.freeze([m[1]![0]!, m[1]![1]!] as const)] as const);
}

/**
 * Builds validated, frozen per-qubit assignment matrices.
 * @param entries - per qubit its `[prepared][measured]` matrix
 * @param source - where they come from
 * @throws {InputValidationError} for a repeated or negative qubit, a matrix that is not 2×2 with
 *   rows of probabilities summing to 1, or a singular matrix
 */
export function tensoredAssignment(
  entries: ReadonlyArray<{ qubit: number; matrix: ReadonlyArray<ReadonlyArray<number>> }>,
  source: AssignmentSource = 'given',
  extra: Pick<TensoredAssignment, 'backend' | 'shotsPerCircuit' | 'shotsUsed'> = {},
): TensoredAssignment {
  const seen = new Set<number>();
  const qubits = entries.map(({ qubit, matrix }) => {
    if (!Number.isInteger(qubit) || qubit < 0) throw new InputValidationError(`assignment matrices: qubit ${String(qubit)} is not an index ≥ 0`);
    if (seen.has(qubit)) throw new InputValidationError(`assignment matrices: qubit ${qubit} is given twice`);
    seen.add(qubit);
    return Object.freeze({ qubit, matrix: checkMatrix(qubit, matrix, 'assignment matrices') });
  });
  qubits.sort((a, b) => a.qubit - b.qubit);
  return Object.freeze({ qubits: Object.freeze(qubits), source, ...extra });
}

/**
 * The assignment matrices of `qubits` from a device's reported readout calibration (the
 * readout part of the device noise model: `prob_meas1_prep0`/`prob_meas0_prep1`, else the
 * symmetric `readout_error`).
 * @param qubits - the physical qubits wanted (default: every qubit with readout data)
 * @throws {ConfigurationError} when the target has no calibration, or a wanted qubit has no
 *   readout data or is marked non-operational
 */
export function assignmentFromCalibration(target: Target, qubits?: readonly number[], backend?: string): TensoredAssignment {
  const { readout, skipped } = deviceNoiseParameters(target, { gateError: false, thermalRelaxation: false });
  const byQubit = new Map(readout.map((r) => [r.qubit, r.matrix]));
  const wanted = qubits ?? readout.map((r) => r.qubit);
  const entries = wanted.map((q) => {
    const m = byQubit.get(q);
    if (!m) {
      const why = skipped.find((s) => s.what === 'readout' && s.qubits.includes(q))?.reason ?? `not a qubit of the device (it has ${target.numQubits})`;
      throw new ConfigurationError(`no readout calibration for qubit ${q} to mitigate with: ${why}`, 'readout_error');
    }
    return { qubit: q, matrix: m };
  });
  return tensoredAssignment(entries, 'calibration', backend === undefined ? {} : { backend });
}

/** The matrix of physical qubit `qubit`, or an error naming it. */
export function assignmentOf(assignment: TensoredAssignment, qubit: number): QubitAssignmentMatrix {
  const e = assignment.qubits.find((a) => a.qubit === qubit);
  if (!e) {
    throw new InputValidationError(
      `no assignment matrix for measured qubit ${qubit} (matrices cover qubits ${assignment.qubits.map((a) => a.qubit).join(', ') || 'none'})`,
    );
  }
  return e.matrix;
}
