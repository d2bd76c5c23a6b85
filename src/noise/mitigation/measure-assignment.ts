/**
 * Measured assignment matrices: two calibration circuits run on the backend through the
 * {@link Sampler}, as M3's "independent" calibration does: all measured qubits prepared in |0⟩
 * (measure only) and all in |1⟩ (X, then measure). Qubit q's matrix is then
 * [[1 − f₀(q), f₀(q)], [f₁(q), 1 − f₁(q)]] with f₀(q) the fraction of the all-|0⟩ shots that
 * read q as 1 and f₁(q) the fraction of the all-|1⟩ shots that read it as 0. Preparing all
 * qubits at once measures each qubit's readout with its neighbours in the same state, which is
 * the tensored model's assumption.
 *
 * The circuits are ISA circuits on the physical qubits themselves (X as `x`, or as two `sx`
 * when the device has no `x`), so the Sampler sends them as they are: no layout can move a
 * calibrated qubit.
 */
import type { Backend } from '../../backend';
import { Circuit } from '../../circuit/circuit';
import { ConfigurationError, InputValidationError } from '../../core/errors';
import { Sampler } from '../../primitives/sampler';
import { tensoredAssignment, type TensoredAssignment } from './assignment';

/** Options of {@link measureAssignment}. */
export interface MeasureAssignmentOptions {
  /** Shots of each of the two calibration circuits (integer ≥ 1). */
  readonly shots: number;
  /** Sampler seed (simulators), for reproducible calibrations. */
  readonly seed?: number;
  /** Aborts the calibration run. */
  readonly signal?: AbortSignal;
}

/** The calibration circuit preparing every qubit of `qubits` in |`bit`⟩, measured into clbit k = qubits[k]. */
export function calibrationCircuit(backend: Backend, qubits: readonly number[], bit: 0 | 1): Circuit {
  const t = backend.target;
  // An ISA circuit spans the device; a simulator needs only as many qubits as are used.
  const width = t.requiresIsa ? t.numQubits : Math.max(...qubits) + 1;
  const c = new Circuit(width, { classicalRegisters: { meas: qubits.length } });
  if (bit === 1) {
    for (const q of qubits) {
      if (t.operations.has('x') || !t.requiresIsa) c.x(q);
      else if (t.operations.has('sx')) c.sx(q).sx(q);
      else throw new ConfigurationError(`backend '${backend.name}' has neither x nor sx to prepare |1⟩ for readout calibration`);
    }
  }
  qubits.forEach((q, k) => c.measure(q, k));
  return c;
}

/**
 * Runs the two calibration circuits on `qubits` and estimates each qubit's assignment matrix
 * (this module's comment gives the estimator).
 * @throws {InputValidationError} for no qubits, a repeated or out-of-range qubit, or shots that are not a positive integer
 * @throws {ConfigurationError} when a qubit reads the wrong value at least as often as the
 *   right one (M3 calls such a qubit faulty: its matrix cannot be inverted meaningfully)
 */
export async function measureAssignment(backend: Backend, qubits: readonly number[], options: MeasureAssignmentOptions): Promise<TensoredAssignment> {
  const { shots } = options;
  if (!Number.isInteger(shots) || shots < 1) throw new InputValidationError(`readout calibration shots must be a positive integer, got ${String(shots)}`);
  if (qubits.length === 0) throw new InputValidationError('readout calibration needs at least one qubit');
  const n = backend.target.numQubits;
  if (new Set(qubits).size !== qubits.length || qubits.some((q) => !Number.isInteger(q) || q < 0 || q >= n)) {
    throw new InputValidationError(`readout calibration qubits must be distinct indices below ${n}, got ${qubits.join(', ')}`);
  }
  const circuits = [calibrationCircuit(backend, qubits, 0), calibrationCircuit(backend, qubits, 1)];
  const sampler = new Sampler(backend, { shots, ...(options.seed === undefined ? {} : { seed: options.seed }) });
  const job = await sampler.run(circuits, options.signal ? { signal: options.signal } : {});
  const result = await job.result(options.signal ? { signal: options.signal } : {});
  // wrong[b][k]: shots of the all-|b⟩ circuit that read bit k as 1 − b.
  const wrong = [new Float64Array(qubits.length), new Float64Array(qubits.length)];
  const used = [0, 0];
  for (const b of [0, 1] as const) {
    const bits = result.pubs[b]?.data['meas'];
    if (!bits) throw new ConfigurationError(`readout calibration on '${backend.name}': the result has no 'meas' register`);
    used[b] = bits.numShots;
    for (const [key, count] of Object.entries(bits.getCounts())) {
      for (let k = 0; k < qubits.length; k++) {
        const read = key.charCodeAt(qubits.length - 1 - k) === 49 ? 1 : 0;
        if (read !== b) wrong[b]![k] = wrong[b]![k]! + count;
      }
    }
  }
  const entries = qubits.map((qubit, k) => {
    const f0 = wrong[0]![k]! / used[0]!;
    const f1 = wrong[1]![k]! / used[1]!;
    if (1 - f0 <= f1) {
      throw new ConfigurationError(
        `readout calibration on '${backend.name}': qubit ${qubit} reads |1⟩ as 0 (${f1}) at least as often as |0⟩ as 0 (${1 - f0}): it is faulty and cannot be mitigated`,
      );
    }
    return { qubit, matrix: [[1 - f0, f0], [f1, 1 - f1]] };
  });
  return tensoredAssignment(entries, 'measured', { backend: backend.name, shotsPerCircuit: shots, shotsUsed: used[0]! + used[1]! });
}
