/**
 * A device's calibration as plain, frozen data: per qubit T1, T2, readout errors and readout
 * length, per (gate, qubits) gate error and gate length, in SI units (seconds, probabilities).
 *
 * Read from a {@link Target} (which `src/ibm/device-config.ts` fills from IBM's backend
 * `properties` JSON: the fake devices' snapshots and live IBM backends alike), so there is one
 * home for parsing IBM's units. The noise parameters of `src/noise/device-noise.ts` are
 * derived from this object.
 */
import { ConfigurationError } from '../core/errors';
import type { Target } from '../core/target';

/** The calibration of one physical qubit; a field is absent when the device did not report it. */
export interface QubitCalibration {
  /** The physical qubit index. */
  readonly qubit: number;
  /** Energy relaxation time T1, in seconds. */
  readonly t1?: number;
  /** Dephasing time T2, in seconds. */
  readonly t2?: number;
  /** The symmetric readout error (IBM `readout_error`). */
  readonly readoutError?: number;
  /** Probability of reading 0 after preparing 1 (IBM `prob_meas0_prep1`). */
  readonly probMeas0Prep1?: number;
  /** Probability of reading 1 after preparing 0 (IBM `prob_meas1_prep0`). */
  readonly probMeas1Prep0?: number;
  /** Measurement duration, in seconds (IBM `readout_length`). */
  readonly readoutLength?: number;
  /** Marked non-operational by the device. */
  readonly faulty: boolean;
}

/** The calibration of one gate on one qubit tuple. */
export interface GateCalibration {
  /** The gate name, e.g. `cz`, `sx`, `reset`. */
  readonly gate: string;
  /** The physical qubits, in argument order. */
  readonly qubits: readonly number[];
  /** The reported gate error (1 − average gate fidelity, IBM `gate_error`), when reported. */
  readonly gateError?: number;
  /** The gate duration in seconds (IBM `gate_length`), when reported. */
  readonly gateLength?: number;
}

/** A device's calibration: every qubit (by index) and every calibrated (gate, qubits). */
export interface DeviceCalibration {
  /** Number of physical qubits. */
  readonly numQubits: number;
  /** Per physical qubit, index = qubit. */
  readonly qubits: readonly QubitCalibration[];
  /** Per calibrated gate instance, in the order the device reported them. */
  readonly gates: readonly GateCalibration[];
}

/** Parses a Target gate-table key `name:q0` / `name:q0,q1`. */
function parseGateKey(key: string, numQubits: number): { gate: string; qubits: number[] } {
  const colon = key.lastIndexOf(':');
  const gate = key.slice(0, colon);
  const qubits = key
    .slice(colon + 1)
    .split(',')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : NaN));
  if (colon <= 0 || qubits.some((q) => !Number.isInteger(q) || q >= numQubits)) {
    throw new ConfigurationError(`gate calibration key "${key}" is not name:q0[,q1] with qubits below ${numQubits}`, 'gateErrors');
  }
  return { gate, qubits };
}

function checkTime(value: number | undefined, what: string, field: string): void {
  if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
    throw new ConfigurationError(`${what} must be a finite time ≥ 0 seconds, got ${value}`, field);
  }
}

function checkProbability(value: number | undefined, what: string, field: string): void {
  if (value !== undefined && !(value >= 0 && value <= 1)) {
    throw new ConfigurationError(`${what} must be a probability in [0, 1], got ${value}`, field);
  }
}

/**
 * The calibration a {@link Target} carries, as a {@link DeviceCalibration}.
 * @throws {ConfigurationError} when the target has no per-qubit calibration, a gate key is
 * malformed, a time is negative or not finite, or a probability is outside [0, 1]
 */
export function deviceCalibration(target: Target): DeviceCalibration {
  const props = target.qubitProperties;
  if (!props || props.length === 0) {
    throw new ConfigurationError('the backend reports no qubit calibration (T1, T2, readout errors)', 'qubitProperties');
  }
  const qubits = Array.from({ length: target.numQubits }, (_, q): QubitCalibration => {
    const p = props[q] ?? {};
    const where = `qubit ${q}`;
    checkTime(p.t1, `${where} T1`, 'T1');
    checkTime(p.t2, `${where} T2`, 'T2');
    checkTime(p.readoutLength, `${where} readout_length`, 'readout_length');
    checkProbability(p.readoutError, `${where} readout_error`, 'readout_error');
    checkProbability(p.probMeas0Prep1, `${where} prob_meas0_prep1`, 'prob_meas0_prep1');
    checkProbability(p.probMeas1Prep0, `${where} prob_meas1_prep0`, 'prob_meas1_prep0');
    return Object.freeze({
      qubit: q,
      ...(p.t1 === undefined ? {} : { t1: p.t1 }),
      ...(p.t2 === undefined ? {} : { t2: p.t2 }),
      ...(p.readoutError === undefined ? {} : { readoutError: p.readoutError }),
      ...(p.probMeas0Prep1 === undefined ? {} : { probMeas0Prep1: p.probMeas0Prep1 }),
      ...(p.probMeas1Prep0 === undefined ? {} : { probMeas1Prep0: p.probMeas1Prep0 }),
      ...(p.readoutLength === undefined ? {} : { readoutLength: p.readoutLength }),
      faulty: p.faulty ?? false,
    });
  });
  // Keys in first-seen order: gate errors first (the properties' order), then lengths-only gates.
  const keys = [...new Set([...(target.gateErrors?.keys() ?? []), ...(target.gateLengths?.keys() ?? [])])];
  const gates = keys.map((key): GateCalibration => {
    const { gate, qubits: qs } = parseGateKey(key, target.numQubits);
    const gateError = target.gateErrors?.get(key);
    const gateLength = target.gateLengths?.get(key);
    checkProbability(gateError, `${key} gate_error`, 'gate_error');
    checkTime(gateLength, `${key} gate_length`, 'gate_length');
    return Object.freeze({
      gate,
      qubits: Object.freeze(qs),
      ...(gateError === undefined ? {} : { gateError }),
      ...(gateLength === undefined ? {} : { gateLength }),
    });
  });
  return Object.freeze({ numQubits: target.numQubits, qubits: Object.freeze(qubits), gates: Object.freeze(gates) });
}
