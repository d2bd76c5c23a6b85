/**
 * Measurement → results, in one place for every simulator backend and the public
 * {@link countsByRegister}: which qubit each classical bit reads, the classical memory of a
 * batch of shots, and its split into one {@link BitArray} per classical register.
 *
 * Classical memory: per shot `ceil(numClbits / 32)` unsigned 32-bit words (least significant
 * word first), classical bit c at bit `c % 32` of word `c >> 5`; shots of all parameter rows
 * concatenated, row-major. Basis-state indices use qubit k = bit k (little-endian, as
 * `Statevector.sampleIndices` returns them).
 */
import { isIdleInstruction } from '../circuit/gates';
import type { Circuit } from '../circuit/circuit';
import { InputValidationError } from '../core/errors';
import { BitArray } from './bit-array';

/** Which qubit finally writes each classical bit (−1: never written, reads 0). */
export function finalClbitSources(circuit: Circuit): Int32Array {
  const src = new Int32Array(circuit.numClbits).fill(-1);
  for (const ins of circuit.instructions) if (ins.name === 'measure') src[ins.clbits[0]!] = ins.qubits[0]!;
  return src;
}

/**
 * True when the circuit can be simulated once and sampled: no reset, no `if_else`/`while_loop`, and no gate
 * or second measurement on a qubit after it was measured.
 */
export function hasOnlyTerminalMeasurements(circuit: Circuit): boolean {
  const measured = new Set<number>();
  for (const ins of circuit.instructions) {
    if (isIdleInstruction(ins.name)) continue;
    // Classical control needs the measurement record of each shot: never one statevector.
    if (ins.name === 'reset' || ins.name === 'if_else' || ins.name === 'while_loop') return false;
    for (const q of ins.qubits) if (measured.has(q)) return false;
    if (ins.name === 'measure') measured.add(ins.qubits[0]!);
  }
  return true;
}

/** Words of classical memory per shot for `numClbits` classical bits (at least one). */
export function memoryWordsPerShot(numClbits: number): number {
  return Math.max(1, Math.ceil(numClbits / 32));
}

/**
 * Writes the classical memory of shots whose final state was basis state `indices[s]`: bit c
 * of shot s is bit `sources[c]` of the index (0 where `sources[c]` is −1). `out` holds
 * `indices.length · wps` words, zero on entry.
 */
export function writeMeasuredBits(indices: ArrayLike<number>, sources: Int32Array, out: Uint32Array, wps: number): void {
  for (let s = 0; s < indices.length; s++) {
    const idx = indices[s]!;
    for (let c = 0; c < sources.length; c++) {
      const q = sources[c]!;
      if (q < 0) continue;
      // Indices of up to 32 qubits take the fast integer shift; larger ones (countsByRegister) divide.
      const bit = idx <= 0xffffffff ? (idx >>> q) & 1 : Math.floor(idx / 2 ** q) % 2;
      if (bit) out[s * wps + (c >>> 5)]! |= 1 << (c & 31);
    }
  }
}

/**
 * One {@link BitArray} per classical register of `circuit`, by register name, from the
 * classical memory of `numRows × shots` shots (`wps` words per shot).
 */
export function registersFromMemory(
  circuit: Circuit,
  memory: Uint32Array,
  wps: number,
  numRows: number,
  shots: number,
): Record<string, BitArray> {
  const data: Record<string, BitArray> = {};
  const total = numRows * shots;
  for (const { name, offset, size } of circuit.classicalRegisters) {
    const regWps = Math.max(1, Math.ceil(size / 32));
    const words = new Uint32Array(total * regWps);
    for (let s = 0; s < total; s++) {
      for (let k = 0; k < size; k++) {
        const c = offset + k;
        if ((memory[s * wps + (c >>> 5)]! >>> (c & 31)) & 1) words[s * regWps + (k >>> 5)]! |= 1 << (k & 31);
      }
    }
    data[name] = new BitArray(words, size, shots, numRows);
  }
  return data;
}

/** Outcome counts of each classical register: `{ c: { '01': 512, '10': 512 } }`. */
export type RegisterCounts = Record<string, Record<string, number>>;

/**
 * Turns sampled basis-state indices (one per shot) into counts per classical register, as
 * Qiskit prints them: the leftmost character is the register's highest bit. Each classical bit
 * reads the qubit that was last measured into it; a bit that is never measured reads 0. Only
 * outcomes that occurred appear, keys in ascending order. Assumes terminal measurements (the
 * sampled state is the final one).
 *
 * @throws {InputValidationError} when an index does not fit the circuit's qubits
 */
export function countsByRegister(circuit: Circuit, sampledIndices: ArrayLike<number>): RegisterCounts {
  const dim = 2 ** circuit.numQubits;
  for (let s = 0; s < sampledIndices.length; s++) {
    const idx = sampledIndices[s]!;
    if (!Number.isInteger(idx) || idx < 0 || idx >= dim) {
      throw new InputValidationError(`sampled index ${idx} (shot ${s}) is not a basis state of ${circuit.numQubits} qubit(s)`);
    }
  }
  const wps = memoryWordsPerShot(circuit.numClbits);
  const memory = new Uint32Array(sampledIndices.length * wps);
  writeMeasuredBits(sampledIndices, finalClbitSources(circuit), memory, wps);
  const registers = registersFromMemory(circuit, memory, wps, 1, sampledIndices.length);
  const out: RegisterCounts = {};
  for (const [name, bits] of Object.entries(registers)) {
    out[name] = Object.fromEntries(Object.entries(bits.getCounts()).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  return out;
}
