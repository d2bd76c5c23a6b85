/**
 * How the text drawer groups instructions into columns, as Qiskit's drawer does
 * (`_LayerSpooler` in `qiskit/visualization/circuit/_utils.py`): the circuit's DAG layers (an
 * instruction comes one layer after the last instruction on any of its qubits or classical
 * bits) are taken in order, and each instruction slides left (or, right-justified, right) into
 * the furthest column it fits in without overlapping what is drawn there — a vertical span of
 * wires, which for a measurement reaches down to the classical wires.
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

/** How instructions are pushed into columns (Qiskit's `justify`). */
export type Justify = 'left' | 'right' | 'none';

/** The columns being filled, with the rows each column already covers. */
class Columns {
  readonly list: PlacedInstruction[][] = [];
  private readonly covered: boolean[][] = [];

  constructor(private readonly rowOfQubit: readonly number[]) {}

  get length(): number {
    return this.list.length;
  }

  /**
   * The rows an instruction covers: its qubits' range, down to the bottom for a measurement;
   * every row for a classical-control block, which Qiskit draws in columns of its own.
   */
  private span(ins: Instruction): [number, number] {
    const numRows = this.rowOfQubit.length;
    if (ins.name === IF_ELSE) return [0, numRows - 1];
    const rows = ins.qubits.map((q) => this.rowOfQubit[q]!);
    if (!rows.length) return [0, -1];
    const lo = Math.min(...rows);
    return [lo, ins.clbits.length ? numRows - 1 : Math.max(...rows)];
  }

  /** No overlap with what column `col` draws. */
  fits(col: number, ins: Instruction): boolean {
    const [lo, hi] = this.span(ins);
    for (let r = lo; r <= hi; r++) if (this.covered[col]![r]) return false;
    return true;
  }

  /** Column `col` holds an instruction on one of the same qubits. */
  sharesQubit(col: number, ins: Instruction): boolean {
    return this.list[col]!.some((p) => p.instruction.qubits.some((q) => ins.qubits.includes(q)));
  }

  /** Adds `p` to column `col`; `col` = length opens a new column at the end, -1 one at the front. */
  put(col: number, p: PlacedInstruction): void {
    if (col === -1 || col === this.list.length) {
      const fresh = new Array<boolean>(this.rowOfQubit.length).fill(false);
      if (col === -1) {
        this.list.unshift([]);
        this.covered.unshift(fresh);
        col = 0;
      } else {
        this.list.push([]);
        this.covered.push(fresh);
      }
    }
    this.list[col]!.push(p);
    const [lo, hi] = this.span(p.instruction);
    for (let r = lo; r <= hi; r++) this.covered[col]![r] = true;
  }
}

/**
 * The columns of the drawing. `rowOfQubit[q]` is the row qubit q is drawn on (0 at the top),
 * which decides what overlaps what. `'left'` (the default) slides each instruction into the
 * earliest column it fits, `'right'` into the latest (DAG layers taken from the last), `'none'`
 * gives every instruction a column of its own, in circuit order.
 */
export function layerInstructions(
  instructions: readonly Instruction[],
  rowOfQubit: readonly number[],
  justify: Justify = 'left',
): PlacedInstruction[][] {
  if (justify === 'none') return instructions.map((instruction, index) => [{ index, instruction }]);
  return justify === 'right' ? rightJustified(instructions, rowOfQubit) : leftJustified(instructions, rowOfQubit);
}

/** Qiskit's `slide_from_right`: each DAG layer from the last, each instruction as far right as it goes. */
function rightJustified(instructions: readonly Instruction[], rowOfQubit: readonly number[]): PlacedInstruction[][] {
  const columns = new Columns(rowOfQubit);
  for (const layer of dagLayers(instructions, rowOfQubit.length).reverse()) {
    for (const p of layer) {
      const ins = p.instruction;
      if (!columns.length) {
        columns.put(-1, p);
        continue;
      }
      let best = -1;
      for (let col = 0; col < columns.length; col++) {
        if (columns.sharesQubit(col, ins)) break;
        if (columns.fits(col, ins)) best = col;
      }
      // Qiskit tests the found column for truth, so column 0 goes through the search below,
      // which finds it again: the same column either way.
      if (best < 0 && columns.fits(0, ins)) best = 0;
      columns.put(best, p);
    }
  }
  return columns.list;
}

/** Qiskit's `slide_from_left`: each DAG layer in order, each instruction as far left as it goes. */
function leftJustified(instructions: readonly Instruction[], rowOfQubit: readonly number[]): PlacedInstruction[][] {
  const columns = new Columns(rowOfQubit);
  // The latest column holding a measurement into each classical bit: later users of the bit
  // must stay to its right.
  const measureColumn = new Map<number, number>();

  for (const layer of dagLayers(instructions, rowOfQubit.length)) {
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
          if (columns.sharesQubit(col, ins)) break;
          if (columns.fits(col, ins)) best = col;
        }
        if (best >= 0) {
          columns.put(best, p);
          where = best;
        } else {
          // Searching right from the layer's start column; in the first DAG layer that start
          // is -1, which Qiskit's list indexing reads as the last column before column 0.
          for (let at = start; at < columns.length; at++) {
            const col = at < 0 ? columns.length + at : at;
            if (columns.fits(col, ins)) {
              columns.put(col, p);
              where = at;
              break;
            }
          }
        }
      }
      if (where === null) columns.put(columns.length, p);
      if (ins.name === 'measure') {
        // Qiskit remembers the column of a measurement as the last column when it is 0 or
        // unknown (a falsy index); kept, since it moves later users of the bit as Qiskit does.
        const col = where ? where : columns.length - 1;
        const bit = ins.clbits[0]!;
        measureColumn.set(bit, Math.max(measureColumn.get(bit) ?? -1, col));
      }
    }
  }
  return columns.list;
}
