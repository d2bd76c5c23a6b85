import type { Circuit } from '../../src/circuit/circuit';

/** Which qubit finally writes each classical bit (−1: never written, reads 0). */
export function finalClbitSources(circuit: Circuit): Int32Array {
  const src = new Int32Array(circuit.numClbits).fill(-1);
  for (const ins of circuit.instructions) if (ins.name === 'measure') src[ins.clbits[0]!] = ins.qubits[0]!;
  return src;
}

/**
 * True when the circuit can be simulated once and sampled: no reset, and no gate or second
 * measurement on a qubit after it was measured.
 */
export function hasOnlyTerminalMeasurements(circuit: Circuit): boolean {
  const measured = new Set<number>();
  for (const ins of circuit.instructions) {
    if (ins.name === 'barrier') continue;
    if (ins.name === 'reset') return false;
    for (const q of ins.qubits) if (measured.has(q)) return false;
    if (ins.name === 'measure') measured.add(ins.qubits[0]!);
  }
  return true;
}
