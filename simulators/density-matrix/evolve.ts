/**
 * Exact density-matrix evolution of a circuit with a noise model, Aer's default order: each
 * gate, then the quantum error attached to it. Only the qubits the circuit touches are
 * simulated (an ISA circuit on 156 physical qubits that uses 3 is a 3-qubit density matrix).
 *
 * Layout: ρ is held as a 2n-qubit vector vec(ρ)[(r << n) | c] = ρ[r][c] in two typed arrays, so
 * K ρ K† is "K on the row bits (q + n), K̄ on the column bits (q)" and the statevector engine's
 * kernels and gate matrices apply unchanged. A channel is applied as its superoperator
 * (simulators/density-matrix/superoperator.ts): one pass over ρ in place.
 */
import type { Circuit } from '../../src/circuit/circuit';
import { gateDefinition, type GateMatrix } from '../../src/circuit/gates';
import { CircuitValidationError, ResourceLimitError, throwIfAborted } from '../../src/core/errors';
import type { QuantumError } from '../../src/noise/channels';
import { conjugate } from '../../src/noise/matrix';
import { delayErrorFor, quantumErrorFor, type NoiseModelSnapshot } from '../../src/noise/noise-model';
import { apply2x2, applyGate } from '../statevector/apply-gate';
import { availableMemoryBytes, BYTES_PER_AMPLITUDE, formatBytes } from '../statevector/memory-guard';
import { applyDense } from '../statevector/ops/apply-dense';
import { numericParams } from '../statevector/simulate';
import { applySuperoperator, superoperator } from './superoperator';

/** The most qubits the density-matrix simulator takes: 2^26 entries, 1 GiB per copy of ρ. */
export const MAX_DENSITY_MATRIX_QUBITS = 13;

/**
 * Copies of ρ a noisy step holds at once, for the memory check: channels and gates act in place.
 */
const WORKING_COPIES = 1;

/** A density matrix over the qubits a circuit touches. */
export interface DensityMatrix {
  /** n: how many qubits are simulated; ρ is 2^n × 2^n. */
  readonly numQubits: number;
  /** `qubits[k]` is the circuit qubit held at local index k (ascending). */
  readonly qubits: readonly number[];
  /** Real parts, row-major: ρ[r][c] at r·2^n + c; index bit k is local qubit k (little-endian). */
  readonly re: Float64Array;
  /** Imaginary parts, same layout. */
  readonly im: Float64Array;
}

/** One final measurement: local qubit index → classical bit. */
export interface FinalMeasurement {
  /** Local index of the measured qubit in the {@link DensityMatrix}. */
  readonly local: number;
  /** The circuit qubit measured. */
  readonly qubit: number;
  /** The classical bit written. */
  readonly clbit: number;
}

/** Bytes of one 2^n × 2^n complex matrix: 2^(2n)·16. */
export function densityMatrixBytes(numQubits: number): number {
  return 4 ** numQubits * BYTES_PER_AMPLITUDE;
}

/**
 * Refuses, before allocating, more than {@link MAX_DENSITY_MATRIX_QUBITS} qubits or more
 * memory than the process has.
 *
 * @throws {ResourceLimitError} naming the bytes needed and the limit
 */
export function assertDensityMatrixFits(numQubits: number, limitBytes = availableMemoryBytes()): void {
  const bytes = densityMatrixBytes(numQubits);
  if (numQubits > MAX_DENSITY_MATRIX_QUBITS) {
    throw new ResourceLimitError(
      `a ${numQubits}-qubit density matrix needs ${formatBytes(bytes)} (2^${2 * numQubits}·16 = ${bytes} bytes); ` +
        `the density-matrix simulator's limit is ${MAX_DENSITY_MATRIX_QUBITS} qubits (${densityMatrixBytes(MAX_DENSITY_MATRIX_QUBITS)} bytes)`,
    );
  }
  if (bytes * WORKING_COPIES > limitBytes) {
    throw new ResourceLimitError(
      `a ${numQubits}-qubit density matrix needs ${WORKING_COPIES} × ${formatBytes(bytes)} (${bytes * WORKING_COPIES} bytes) ` +
        `while noise is applied, more than the ${formatBytes(limitBytes)} this process can use`,
    );
  }
}

/** The circuit qubits any instruction other than a barrier acts on, ascending. */
export function touchedQubits(circuit: Circuit): number[] {
  const used = new Set<number>();
  for (const ins of circuit.instructions) if (ins.name !== 'barrier') for (const q of ins.qubits) used.add(q);
  return [...used].sort((a, b) => a - b);
}

interface Buffers {
  numQubits: number;
  re: Float64Array;
  im: Float64Array;
}

/** Applies a k-qubit matrix on the given bits of the 2n-bit vector. */
function applyMatrixAt(state: Buffers, bits: readonly number[], m: GateMatrix): void {
  if (bits.length === 1) apply2x2(state.re, state.im, bits[0]!, m.data);
  else applyDense(state.re, state.im, bits, m.data, new Float64Array(3 * m.dim));
}

function isRealMatrix(m: GateMatrix): boolean {
  for (let i = 1; i < m.data.length; i += 2) if (m.data[i] !== 0) return false;
  return true;
}

/** ρ → UρU† for a named gate on local qubits. */
function applyUnitary(state: Buffers, n: number, name: string, local: readonly number[], params: readonly number[]): void {
  const rows = local.map((q) => q + n);
  applyGate(state, name, rows, params);
  const mat = gateDefinition(name).matrix(params);
  // A real gate is its own conjugate: the engine's structured kernels serve the column side too.
  // (The circuit's global phase cancels in UρU†.)
  if (isRealMatrix(mat)) applyGate(state, name, local, params);
  else applyMatrixAt(state, local, conjugate(mat));
}

/** ρ → Σ K ρ K† on local qubits, in place (one pass of the superoperator). */
function applyChannel(state: Buffers, n: number, kraus: readonly GateMatrix[], local: readonly number[]): void {
  const bits = [...local, ...local.map((q) => q + n)];
  applySuperoperator(state.re, state.im, bits, superoperator(kraus));
}

const RESET_KRAUS: readonly GateMatrix[] = [
  { dim: 2, data: Float64Array.of(1, 0, 0, 0, 0, 0, 0, 0) }, // |0⟩⟨0|
  { dim: 2, data: Float64Array.of(0, 0, 1, 0, 0, 0, 0, 0) }, // |0⟩⟨1|
];

/**
 * Evolves |0…0⟩⟨0…0| through the circuit's gates, resets and delays, applying after each gate
 * the error `noise` attaches to it and during each delay the qubit's relaxation. Measurements must be final on their qubit; they are returned,
 * not applied (readout is classical: see `measurementProbabilities`).
 *
 * @throws {CircuitValidationError} for unbound parameters or a qubit used after its measurement
 * @throws {ResourceLimitError} past {@link MAX_DENSITY_MATRIX_QUBITS} touched qubits or available memory
 */
export function evolveDensityMatrix(
  circuit: Circuit,
  noise: NoiseModelSnapshot | null,
  signal?: AbortSignal,
): { rho: DensityMatrix; measurements: FinalMeasurement[]; errorsApplied: number } {
  const qubits = touchedQubits(circuit);
  const n = qubits.length;
  assertDensityMatrixFits(n);
  const localOf = new Map(qubits.map((q, k) => [q, k]));
  const state: Buffers = { numQubits: 2 * n, re: new Float64Array(4 ** n), im: new Float64Array(4 ** n) };
  state.re[0] = 1;
  const measurements: FinalMeasurement[] = [];
  const measured = new Set<number>();
  let errorsApplied = 0;
  circuit.instructions.forEach((ins, i) => {
    if ((i & 15) === 0) throwIfAborted(signal);
    if (ins.name === 'barrier') return;
    if (ins.name === 'delay') {
      // Waiting after the final measurement changes no outcome; before it the qubit relaxes.
      if (measured.has(ins.qubits[0]!)) return;
      const error = noise ? delayErrorFor(noise, ins.qubits[0]!, ins.params[0] as number) : null;
      if (error) {
        applyChannel(state, n, error.kraus, [localOf.get(ins.qubits[0]!)!]);
        errorsApplied++;
      }
      return;
    }
    for (const q of ins.qubits) {
      if (measured.has(q)) {
        throw new CircuitValidationError(
          `instruction ${i} (${ins.name}) acts on qubit ${q} after it was measured; the density-matrix simulator supports only final measurements`,
          i,
        );
      }
    }
    const local = ins.qubits.map((q) => localOf.get(q)!);
    if (ins.name === 'measure') {
      measured.add(ins.qubits[0]!);
      measurements.push({ local: local[0]!, qubit: ins.qubits[0]!, clbit: ins.clbits[0]! });
      return;
    }
    if (ins.name === 'reset') {
      applyChannel(state, n, RESET_KRAUS, local);
      return;
    }
    applyUnitary(state, n, ins.name, local, numericParams(ins, i));
    const error: QuantumError | null = noise ? quantumErrorFor(noise, ins.name, ins.qubits) : null;
    if (error) {
      applyChannel(state, n, error.kraus, local);
      errorsApplied++;
    }
  });
  return { rho: { numQubits: n, qubits, re: state.re, im: state.im }, measurements, errorsApplied };
}
