/**
 * The wires of the text drawing: their names at the left (`q_0: `, `c: 2/`, `c_1: `, with
 * `|0>` / `0 ` initial values), the row each qubit and classical bit is drawn on (reversed with
 * `reverseBits`; a bundled register is one row), and which wires are left out when idle wires
 * are hidden (Qiskit's `idle_wires=False`: wires nothing but barriers touch).
 */
import type { CircuitBase } from '../circuit-base';
import { walkInstructions } from '../control-flow';
import type { WireRows } from './cells';

/** What decides the wires' names and rows. */
export interface WireOptions {
  readonly cregbundle: boolean;
  readonly reverseBits: boolean;
  readonly idleWires: boolean;
  readonly qubitRegister: string;
}

/** The wires: names top to bottom, drawing rows, and the rows the layering compares. */
export interface WireLayout {
  /** The wire names, top to bottom. */
  readonly names: string[];
  /** Where each bit is drawn (undefined for a hidden idle wire). */
  readonly wires: WireRows;
  /**
   * The position of each qubit in the drawing order before idle wires are hidden: Qiskit lays
   * instructions into columns first and hides wires afterwards.
   */
  readonly layerRows: readonly number[];
}

/** Bits that some instruction other than a barrier touches (at any depth). */
function usedBits(circuit: CircuitBase): { qubits: Set<number>; clbits: Set<number> } {
  const qubits = new Set<number>();
  const clbits = new Set<number>();
  for (const ins of walkInstructions(circuit.instructions)) {
    if (ins.name === 'barrier') continue;
    for (const q of ins.qubits) qubits.add(q);
    for (const c of ins.clbits) clbits.add(c);
    for (const c of ins.condition?.clbits ?? []) clbits.add(c);
  }
  return { qubits, clbits };
}

/** The names and rows of the wires; `initial` adds the `|0>` / `0` initial values. */
export function layoutWires(circuit: CircuitBase, o: WireOptions, initial: boolean): WireLayout {
  const nq = circuit.numQubits;
  const order = (n: number): number[] => {
    const a = Array.from({ length: n }, (_, i) => i);
    return o.reverseBits ? a.reverse() : a;
  };
  const used = o.idleWires ? null : usedBits(circuit);
  const names: string[] = [];
  const qubitRow = new Array<number>(nq);
  const layerRows = new Array<number>(nq);
  order(nq).forEach((q, k) => {
    layerRows[q] = k;
    if (used && !used.qubits.has(q)) return;
    qubitRow[q] = names.length;
    names.push(`${nq === 1 ? o.qubitRegister : `${o.qubitRegister}_${q}`}: ${initial ? '|0>' : ''}`);
  });
  const regOf = (bit: number) => circuit.classicalRegisters.find((r) => bit >= r.offset && bit < r.offset + r.size)!;
  const clbitRow = new Array<number>(circuit.numClbits);
  const clbitLabel = new Array<string>(circuit.numClbits).fill('');
  let previous: string | undefined;
  for (const bit of order(circuit.numClbits)) {
    if (used && !used.clbits.has(bit)) continue;
    const reg = regOf(bit);
    if (o.cregbundle) {
      clbitLabel[bit] = String(bit - reg.offset);
      if (reg.name !== previous) {
        previous = reg.name;
        names.push(`${reg.name}: ${initial ? '0 ' : ''}${reg.size}/`);
      }
      clbitRow[bit] = names.length - 1;
    } else {
      clbitRow[bit] = names.length;
      names.push(`${reg.size === 1 ? reg.name : `${reg.name}_${bit - reg.offset}`}: ${initial ? '0 ' : ''}`);
    }
  }
  return { names, wires: { qubit: qubitRow, clbit: clbitRow, clbitLabel }, layerRows };
}
