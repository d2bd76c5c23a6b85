/**
 * How the text drawer groups instructions into columns, as Qiskit's drawer does with
 * `justify="left"` (`_LayerSpooler` in `qiskit/visualization/circuit/_utils.py`): the circuit's
 * DAG layers (an instruction comes one layer after the last instruction on any of its qubits or
 * classical bits) are taken in order, and each instruction slides left into the earliest column
 * it fits in without overlapping what is drawn there — a vertical span of wires, which for a
 * measurement reaches down to the classical wires.
 */
import { IF_ELSE } from '../control-flow';
import type { Instruction } from '../instruction';

/** One instruction and its position in the circuit (the order Qiskit sorts a DAG layer by). */
export interface PlacedInstruction {
  readonly index: number;
  readonly instruction: Instruction;
}

/** The DAG layers: each instruction one after the latest earlier instruction sharing a wire with it. */
function dagLayers(instructions: readonly Instruction[], numQubits: number): PlacedInstruction[][] {
  const lastOnQubit = new Array<number>(numQubits).fill(-1);
  const lastOnClbit = new Map<number, number>();
  const layers: PlacedInstruction[][] = [];
  instructions.forEach((instruction, index) => {
    let layer = 0;
    for (const q of instruction.qubits) layer = Math.max(layer, lastOnQubit[q]! + 1);
    for (const c of instruction.clbits) layer = Math.max(layer, (lastOnClbit.get(c) ?? -1) + 1);
    for (const q of instruction.qubits) lastOnQubit[q] = layer;
    for (const c of instruction.clbits) lastOnClbit.set(c, layer);
    (layers[layer] ??= []).push({ index, instruction });
  });
  return layers;
}

/**
 * The columns of the drawing, left-justified. `rowOfQubit[q]` is the row qubit q is drawn on
 * (0 at the top), which decides what overlaps what.
 */
export function layerInstructions(instructions: readonly Instruction[], rowOfQubit: readonly number[]): PlacedInstruction[][] {
  const numRows = rowOfQubit.length;
  /**
   * The rows an instruction covers: its qubits' range, down to the bottom for a measurement;
   * every row for a classical-control block, which Qiskit draws in columns of its own.
   */
  const span = (ins: Instruction): [number, number] => {
    if (ins.name === IF_ELSE) return [0, numRows - 1];
    const rows = ins.qubits.map((q) => rowOfQubit[q]!);
    if (!rows.length) return [0, -1];
    const lo = Math.min(...rows);
    return [lo, ins.clbits.length ? numRows - 1 : Math.max(...rows)];
  };
  const columns: PlacedInstruction[][] = [];
  const spans: boolean[][] = [];
  const fits = (col: number, ins: Instruction): boolean => {
    const [lo, hi] = span(ins);
    for (let r = lo; r <= hi; r++) if (spans[col]![r]) return false;
    return true;
  };
  const sharesQubit = (col: number, ins: Instruction): boolean =>
    columns[col]!.some((p) => p.instruction.qubits.some((q) => ins.qubits.includes(q)));
  const put = (col: number, p: PlacedInstruction): void => {
    if (col === columns.length) {
      columns.push([]);
      spans.push(new Array<boolean>(numRows).fill(false));
    }
    columns[col]!.push(p);
    const [lo, hi] = span(p.instruction);
    for (let r = lo; r <= hi; r++) spans[col]![r] = true;
  };
  // The latest column holding a measurement into each classical bit: later users of the bit
  // must stay to its right.
  const measureColumn = new Map<number, number>();

  for (const layer of dagLayers(instructions, numRows)) {
    const start = columns.length - 1;
    for (const p of layer) {
      const ins = p.instruction;
      // Where the instruction went, in Qiskit's terms: null when it opened a new column, and
      // -1 when it went to "the last column" through Python's negative index (see below).
      let where: number | null = null;
      if (columns.length) {
        let stop = -1;
        for (const c of ins.clbits) stop = Math.max(stop, measureColumn.get(c) ?? -1);
        let best = -1;
        for (let col = start; col > stop; col--) {
          if (sharesQubit(col, ins)) break;
          if (fits(col, ins)) best = col;
        }
        if (best >= 0) {
          put(best, p);
          where = best;
        } else {
          // Searching right from the layer's start column; in the first DAG layer that start
          // is -1, which Qiskit's list indexing reads as the last column before column 0.
          for (let at = start; at < columns.length; at++) {
            const col = at < 0 ? columns.length + at : at;
            if (fits(col, ins)) {
              put(col, p);
              where = at;
              break;
            }
          }
        }
      }
      if (where === null) put(columns.length, p);
      if (ins.name === 'measure') {
        // Qiskit remembers the column of a measurement as the last column when it is 0 or
        // unknown (a falsy index); kept, since it moves later users of the bit as Qiskit does.
        const col = where ? where : columns.length - 1;
        const bit = ins.clbits[0]!;
        measureColumn.set(bit, Math.max(measureColumn.get(bit) ?? -1, col));
      }
    }
  }
  return columns;
}
