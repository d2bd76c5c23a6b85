/**
 * Which readout errors a run applies, and on which simulated qubits: the one rule both noisy
 * simulators (density matrix and trajectories) follow. Local readout errors (on given qubits)
 * come first, in the order the noise model lists them; then the all-qubit readout error on
 * every measured qubit that no local error covers, in measurement order.
 */
import { InputValidationError } from '../../src/core/errors';
import type { NoiseModelSnapshot } from '../../src/noise/noise-model';
import type { ReadoutError } from '../../src/noise/readout';
import type { FinalMeasurement } from './evolve';

/** One readout error of a run: its k-th qubit is bit `bits[k]` of the simulated basis index. */
export interface ReadoutStep {
  /** Local (simulated) qubit indices, in the order of the error's outcome bits. */
  readonly bits: readonly number[];
  /** The assignment matrix. */
  readonly error: ReadoutError;
}

/** The readout errors to apply and the circuit qubits they cover. */
export interface ReadoutPlan {
  /** In application order (they act on disjoint qubits, so the order changes no probability). */
  readonly steps: readonly ReadoutStep[];
  /** The circuit qubits whose readout has an assignment error, ascending. */
  readonly qubits: readonly number[];
}

/**
 * The readout errors `noise` applies to a circuit's final measurements.
 *
 * @throws {InputValidationError} when a multi-qubit readout error covers a qubit the circuit does not measure
 */
export function readoutPlan(noise: NoiseModelSnapshot | null, measurements: readonly FinalMeasurement[]): ReadoutPlan {
  if (!noise) return { steps: [], qubits: [] };
  const localOf = new Map(measurements.map((m) => [m.qubit, m.local]));
  const covered = new Set<number>();
  const steps: ReadoutStep[] = [];
  for (const r of noise.localReadout) {
    const hit = r.qubits.filter((q) => localOf.has(q));
    if (!hit.length) continue;
    if (hit.length !== r.qubits.length) {
      const missing = r.qubits.filter((q) => !localOf.has(q));
      throw new InputValidationError(
        `the readout error on qubits [${r.qubits.join(', ')}] needs all of them measured; qubit(s) ${missing.join(', ')} are not`,
      );
    }
    steps.push({ bits: r.qubits.map((q) => localOf.get(q)!), error: r.error });
    for (const q of r.qubits) covered.add(q);
  }
  if (noise.allQubitReadout) {
    for (const m of measurements) {
      if (covered.has(m.qubit)) continue;
      steps.push({ bits: [m.local], error: noise.allQubitReadout });
      covered.add(m.qubit);
    }
  }
  return { steps, qubits: [...covered].sort((a, b) => a - b) };
}
