import { InputValidationError } from '../core/errors';
import type { Circuit } from './circuit';

/** Outcome counts of each classical register: `{ c: { '01': 512, '10': 512 } }`. */
export type RegisterCounts = Record<string, Record<string, number>>;

/**
 * Turns sampled basis-state indices (one per shot, qubit k = bit k, as
 * `Statevector.sampleIndices` returns them) into counts per classical register, as Qiskit
 * prints them: the leftmost character is the register's highest bit. Each classical bit reads
 * the qubit that was last measured into it; a bit that is never measured reads 0. Only
 * outcomes that occurred appear. Assumes terminal measurements (the sampled state is the
 * final one).
 *
 * @throws {InputValidationError} when an index does not fit the circuit's qubits
 */
export function countsByRegister(circuit: Circuit, sampledIndices: ArrayLike<number>): RegisterCounts {
  const source = new Int32Array(circuit.numClbits).fill(-1);
  for (const ins of circuit.instructions) if (ins.name === 'measure') source[ins.clbits[0]!] = ins.qubits[0]!;
  const dim = 2 ** circuit.numQubits;
  for (let s = 0; s < sampledIndices.length; s++) {
    const idx = sampledIndices[s]!;
    if (!Number.isInteger(idx) || idx < 0 || idx >= dim) {
      throw new InputValidationError(`sampled index ${idx} (shot ${s}) is not a basis state of ${circuit.numQubits} qubit(s)`);
    }
  }
  const bit = (idx: number, q: number): number => (q < 0 ? 0 : Math.floor(idx / 2 ** q) % 2);
  const out: RegisterCounts = {};
  for (const reg of circuit.classicalRegisters) {
    const qubits = Array.from({ length: reg.size }, (_, j) => source[reg.offset + j]!);
    const counts = new Map<string, number>();
    const chars = new Array<string>(reg.size);
    for (let s = 0; s < sampledIndices.length; s++) {
      const idx = sampledIndices[s]!;
      for (let j = 0; j < reg.size; j++) chars[reg.size - 1 - j] = bit(idx, qubits[j]!) ? '1' : '0';
      const key = chars.join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    out[reg.name] = Object.fromEntries([...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  return out;
}
