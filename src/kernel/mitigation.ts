/**
 * Readout mitigation of sampled kernel entries. A compute-uncompute entry is P(0…0) of one
 * circuit; mitigated, it is the all-zeros quasi-probability of that circuit's counts after M3's
 * subspace solve (src/noise/mitigation), clipped to [0, 1] like the raw estimate.
 *
 * The assignment matrices of the template's measured physical qubits are obtained once per
 * backend and cached (a device's calibration is read once; calibration circuits run once per
 * backend, qubits, shots and seed), so every kernel on the same backend shares them.
 */
import type { Backend } from '../backend';
import type { Circuit } from '../circuit/circuit';
import { InputValidationError } from '../core/errors';
import type { BitArray } from '../primitives/bit-array';
import { assignmentFromCalibration, type TensoredAssignment } from '../noise/mitigation/assignment';
import { measuredQubits, mitigateCounts } from '../noise/mitigation/counts';
import { measureAssignment } from '../noise/mitigation/measure-assignment';

/** Default shots of each readout calibration circuit when the matrices are measured. */
export const DEFAULT_CALIBRATION_SHOTS = 4096;

/** Readout mitigation of a sampled kernel (`QuantumKernelOptions.mitigation`). */
export interface KernelMitigation {
  /**
   * Where the assignment matrices come from: `calibration` (the backend's reported readout
   * errors, the default), `measured` (calibration circuits run on the backend), or matrices given.
   */
  readonly matrices?: 'calibration' | 'measured' | TensoredAssignment;
  /** `measured`: shots of each of the two calibration circuits. @defaultValue {@link DEFAULT_CALIBRATION_SHOTS} */
  readonly calibrationShots?: number;
  /** `measured`: seed of the calibration run (simulators). */
  readonly calibrationSeed?: number;
  /** M3's Hamming-distance truncation. Default: none (the number of measured qubits). */
  readonly distance?: number;
}

/** What a mitigated kernel used, for its output. */
export interface KernelMitigationReport {
  /** `calibration`, `measured` or `given`. */
  readonly source: TensoredAssignment['source'];
  /** The measured physical qubits, bit k of the compute-uncompute register first. */
  readonly qubits: readonly number[];
  /** The assignment matrices used. */
  readonly assignment: TensoredAssignment;
  /** The Hamming-distance truncation (the number of qubits when none). */
  readonly distance: number;
  /** Sampled entries mitigated so far by this kernel. */
  readonly entriesMitigated: number;
}

/**
 * Validates a kernel's mitigation option.
 * @throws {InputValidationError} for mitigation on the exact path, unknown matrices, or bad shots/distance
 */
export function checkKernelMitigation(m: KernelMitigation | undefined, method: 'statevector' | 'sampler'): void {
  if (m === undefined) return;
  if (method !== 'sampler') {
    throw new InputValidationError('readout mitigation applies to sampled kernels (P(0…0) from counts); this kernel is exact: use method \'sampler\'');
  }
  const src = m.matrices ?? 'calibration';
  if (src !== 'calibration' && src !== 'measured' && (typeof src !== 'object' || !Array.isArray(src.qubits))) {
    throw new InputValidationError(`mitigation matrices must be 'calibration', 'measured' or assignment matrices, got ${String(src)}`);
  }
  if (m.calibrationShots !== undefined && (!Number.isInteger(m.calibrationShots) || m.calibrationShots < 1)) {
    throw new InputValidationError(`mitigation calibrationShots must be an integer ≥ 1, got ${String(m.calibrationShots)}`);
  }
  if (m.distance !== undefined && (!Number.isInteger(m.distance) || m.distance < 0)) {
    throw new InputValidationError(`mitigation distance must be an integer ≥ 0, got ${String(m.distance)}`);
  }
}

/** The part of a kernel's memo key that mitigation changes. */
export function mitigationKey(m: KernelMitigation | undefined): string {
  if (m === undefined) return 'raw';
  const src = m.matrices ?? 'calibration';
  const what =
    typeof src === 'object'
      ? `given:${src.qubits.map((q) => `${q.qubit}=${q.matrix.flat().join(',')}`).join(';')}`
      : src === 'measured'
        ? `measured:${m.calibrationShots ?? DEFAULT_CALIBRATION_SHOTS}:${m.calibrationSeed ?? '-'}`
        : 'calibration';
  return `mit(${what}|d${m.distance ?? 'all'})`;
}

/** Per backend: assignment matrices by source and qubits (promises, so concurrent kernels share one calibration). */
const assignmentCache = new WeakMap<Backend, Map<string, Promise<TensoredAssignment>>>();

/**
 * The assignment matrices of `qubits` on `backend` for option `m`, calibrated once per backend
 * and cached.
 */
export function kernelAssignment(backend: Backend, qubits: readonly number[], m: KernelMitigation, signal?: AbortSignal): Promise<TensoredAssignment> {
  const src = m.matrices ?? 'calibration';
  if (typeof src === 'object') return Promise.resolve(src);
  const shots = m.calibrationShots ?? DEFAULT_CALIBRATION_SHOTS;
  const key = src === 'measured' ? `measured|${shots}|${m.calibrationSeed ?? '-'}|${qubits.join(',')}` : `calibration|${qubits.join(',')}`;
  let perBackend = assignmentCache.get(backend);
  if (!perBackend) assignmentCache.set(backend, (perBackend = new Map()));
  let p = perBackend.get(key);
  if (!p) {
    p =
      src === 'measured'
        ? measureAssignment(backend, qubits, { shots, ...(m.calibrationSeed === undefined ? {} : { seed: m.calibrationSeed }), ...(signal ? { signal } : {}) })
        : Promise.resolve().then(() => assignmentFromCalibration(backend.target, qubits, backend.name));
    // A failed calibration is not cached: the next kernel tries again.
    p.catch(() => perBackend!.delete(key));
    perBackend.set(key, p);
  }
  return p;
}

/** The measured physical qubits of a compute-uncompute template (its `meas` register). */
export function templateQubits(circuit: Circuit): number[] {
  const reg = circuit.classicalRegister('meas') ?? circuit.classicalRegisters[0];
  if (!reg) throw new InputValidationError('readout mitigation: the kernel circuit measures nothing');
  return measuredQubits(circuit, reg.name);
}

/**
 * The mitigated all-zeros probability of parameter row `row` of `bits`, clipped to [0, 1]: the
 * quasi-probability of 0…0 after the M3 solve (0 when 0…0 was never observed: M3 solves only
 * over observed strings).
 */
export function mitigatedZeroProbability(bits: BitArray, row: number, qubits: readonly number[], assignment: TensoredAssignment, distance?: number): number {
  if (bits.numShots === 0) return 0;
  if (bits.numBits !== qubits.length) {
    throw new InputValidationError(`readout mitigation: the result has ${bits.numBits} bits per shot but the kernel circuit measures ${qubits.length} qubits`);
  }
  const counts = bits.getCounts(row);
  const out = mitigateCounts(counts, { assignment, qubits, ...(distance === undefined ? {} : { distance }) });
  const v = out.quasi.values.get('0'.repeat(qubits.length)) ?? 0;
  return v < 0 ? 0 : v > 1 ? 1 : v;
}
