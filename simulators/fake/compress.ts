import { mapInstruction } from '../../src/circuit/control-flow';
import { Circuit } from '../../src/circuit/circuit';

/**
 * A physical-qubit circuit squeezed onto the qubits it touches: physical qubit `physical[k]`
 * becomes dense qubit k (ascending order, so bit order is kept). A 156-qubit ISA circuit that
 * uses 6 qubits simulates as a 6-qubit circuit.
 */
export interface Compressed {
  readonly circuit: Circuit;
  /** Dense index → physical qubit, ascending. */
  readonly physical: readonly number[];
}

/** Physical qubits an instruction other than a barrier acts on, plus `extra`, ascending. */
export function touchedQubits(circuit: Circuit, extra: readonly number[] = []): number[] {
  const s = new Set<number>(extra);
  for (const ins of circuit.instructions) if (ins.name !== 'barrier') for (const q of ins.qubits) s.add(q);
  return [...s].sort((a, b) => a - b);
}

/** Compresses `circuit` onto its touched qubits (plus `extra`); barriers keep their touched qubits only. */
export function compressCircuit(circuit: Circuit, extra: readonly number[] = []): Compressed {
  const physical = touchedQubits(circuit, extra);
  const index = new Map(physical.map((p, k) => [p, k]));
  const out = new Circuit(physical.length, {
    name: circuit.name,
    classicalRegisters: circuit.classicalRegisters.map((r) => [r.name, r.size] as const),
  });
  out.globalPhase = circuit.globalPhase;
  for (const ins of circuit.instructions) {
    if (ins.name === 'barrier') {
      const qs = ins.qubits.filter((q) => index.has(q)).map((q) => index.get(q)!);
      if (qs.length) out.append('barrier', qs);
      continue;
    }
    // mapInstruction renumbers if_else bodies too (their qubits are among the block's, so touched).
    out.appendInstruction(mapInstruction(ins, (q) => index.get(q)!, (c) => c, (p) => p));
  }
  return { circuit: out, physical };
}
