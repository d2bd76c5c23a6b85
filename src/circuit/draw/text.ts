/**
 * The text drawer: {@link drawText} lays a circuit out as Qiskit's `QuantumCircuit.draw('text')`
 * does, character for character (the tests compare with the expected strings of Qiskit's own
 * drawer tests). One wire per qubit (`q_0: `), one per classical register (`c: 2/`, or one per
 * bit with `cregbundle: false`), instructions in left-justified columns, `if_else` blocks as
 * `If-0 … Else-0 … End-0` boxes with their condition on the classical wires, a `global phase:`
 * line when the phase is not zero, and the drawing folded at `lineLength` columns with `»` / `«`.
 */
import { CircuitValidationError, InputValidationError } from '../../core/errors';
import type { CircuitBase } from '../circuit-base';
import { IF_ELSE } from '../control-flow';
import type { IfCondition, Instruction } from '../instruction';
import { placeInstruction, type ColumnCells, type WireRows } from './cells';
import { breakWire, emptyWire, inputWire, type Cell } from './elements';
import { boxOnClWire, clBullet, flowBox, type FlowSection } from './flow';
import { layerInstructions } from './layering';
import { mergeLines } from './merge';
import { piCheck, rjust } from '../py-format';

/** Options of {@link drawText}. Defaults are those of Qiskit's `QuantumCircuit.draw('text')`. */
export interface TextDrawOptions {
  /** Write `|0>` and `0` at the start of the wires (Qiskit's `initial_state`). Default false. */
  initialState?: boolean;
  /** One wire per classical register (`c: 2/`) rather than per bit (Qiskit's `cregbundle`). Default true. */
  cregbundle?: boolean;
  /** Draw the last qubit (and classical bit) at the top (Qiskit's `reverse_bits`). Default false. */
  reverseBits?: boolean;
  /**
   * Fold the drawing into pages this many characters wide (Qiskit's `fold`); -1 never folds.
   * Default 80, what Qiskit uses when it cannot ask the terminal.
   */
  lineLength?: number;
  /**
   * The quantum register's name on the wire labels (`q` → `q_0`). qbridge circuits have one
   * quantum register; Qiskit names it `q` by default. Default `'q'`.
   */
  qubitRegister?: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkOptions(o: TextDrawOptions): Required<TextDrawOptions> {
  const lineLength = o.lineLength ?? 80;
  if (!Number.isInteger(lineLength) || (lineLength < 1 && lineLength !== -1)) {
    throw new InputValidationError(`drawText: lineLength must be a positive integer or -1 (no folding), got ${String(o.lineLength)}`);
  }
  const qubitRegister = o.qubitRegister ?? 'q';
  if (typeof qubitRegister !== 'string' || !NAME.test(qubitRegister)) {
    throw new InputValidationError(`drawText: qubitRegister must be an identifier, got ${String(o.qubitRegister)}`);
  }
  return {
    initialState: Boolean(o.initialState),
    cregbundle: o.cregbundle ?? true,
    reverseBits: Boolean(o.reverseBits),
    lineLength,
    qubitRegister,
  };
}

/** The wire names (left column) and where each bit is drawn. */
function layoutWires(circuit: CircuitBase, o: Required<TextDrawOptions>, initial: boolean): { names: string[]; wires: WireRows } {
  const nq = circuit.numQubits;
  const order = (n: number): number[] => {
    const a = Array.from({ length: n }, (_, i) => i);
    return o.reverseBits ? a.reverse() : a;
  };
  const names: string[] = [];
  const qubitRow = new Array<number>(nq);
  for (const q of order(nq)) {
    qubitRow[q] = names.length;
    names.push(`${nq === 1 ? o.qubitRegister : `${o.qubitRegister}_${q}`}: ${initial ? '|0>' : ''}`);
  }
  const regOf = (bit: number) => circuit.classicalRegisters.find((r) => bit >= r.offset && bit < r.offset + r.size)!;
  const clbitRow = new Array<number>(circuit.numClbits);
  const clbitLabel = new Array<string>(circuit.numClbits).fill('');
  let previous: string | undefined;
  for (const bit of order(circuit.numClbits)) {
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
  return { names, wires: { qubit: qubitRow, clbit: clbitRow, clbitLabel } };
}

/** Draws the vertical connections of a column and the side labels of its controls. */
function connectColumn(column: ColumnCells): void {
  for (const { label, cells } of column.connections) {
    cells.forEach(({ cell }, k) => {
      if (k === 0) cell.connect('│', ['bot']);
      else if (k === cells.length - 1) cell.connect('│', ['top'], label);
      else cell.connect('│', ['bot', 'top']);
    });
    if (label) for (const { cell } of cells) cell.rightFill = label.length + cell.mid.length;
  }
}

/** A column with no cells yet. */
const emptyColumn = (numWires: number): ColumnCells => ({ rows: new Array<Cell | null>(numWires).fill(null), connections: [] });

/** The column's cells, idle wire where nothing is drawn. */
const filled = (column: ColumnCells, numQubits: number): Cell[] => column.rows.map((c, w) => c ?? emptyWire(w < numQubits ? '─' : '═'));

/**
 * The drawing's columns for `instructions`, left-justified as Qiskit does; an `if_else` expands
 * into its own columns (opening box, body, `Else`, body, `End`) followed, as in Qiskit, by the
 * now empty column it was placed in. `depth` is the nesting depth written in the box labels.
 */
function instructionLayers(
  circuit: CircuitBase,
  instructions: readonly Instruction[],
  wires: WireRows,
  numWires: number,
  cregbundle: boolean,
  depth: number,
): Cell[][] {
  const out: Cell[][] = [];
  const nq = circuit.numQubits;
  for (const column of layerInstructions(instructions, wires.qubit)) {
    const cells = emptyColumn(numWires);
    for (const { index, instruction } of column) {
      if (instruction.name !== IF_ELSE) {
        placeInstruction(cells, instruction, wires);
        continue;
      }
      if (!instruction.qubits.length) {
        throw new CircuitValidationError(`instruction ${index} (if_else): a block acting on no qubits cannot be drawn`, index);
      }
      const rows = instruction.qubits.map((q) => wires.qubit[q]!);
      const box = (section: FlowSection, label: string, conditional: boolean): Cell[] => {
        const col = emptyColumn(numWires);
        for (const [row, cell] of flowBox(section, label, rows, conditional)) col.rows[row] = cell;
        if (conditional) placeCondition(col, circuit, instruction.condition!, wires, cregbundle, index);
        return filled(col, nq);
      };
      const [trueBody, falseBody] = instruction.blocks!;
      out.push(box('left', `If-${depth}`, true));
      out.push(...instructionLayers(circuit, trueBody!, wires, numWires, cregbundle, depth + 1));
      if (falseBody) {
        out.push(box('mid', `Else-${depth}`, false));
        out.push(...instructionLayers(circuit, falseBody, wires, numWires, cregbundle, depth + 1));
      }
      out.push(box('right', `End-${depth}`, false));
    }
    connectColumn(cells);
    out.push(filled(cells, nq));
  }
  return out;
}

/**
 * The condition of an `if_else` under its opening box: with bundled registers a box on the
 * register's wire (`c_1=0x1` for one bit, `0x5` for a whole register); otherwise ■ / o on each
 * bit of the condition (LSB first), the value in hex under the lowest for a register.
 */
function placeCondition(column: ColumnCells, circuit: CircuitBase, cond: IfCondition, wires: WireRows, cregbundle: boolean, index: number): void {
  const regs = circuit.classicalRegisters;
  const whole = regs.find((r) => r.size > 1 && r.size === cond.clbits.length && cond.clbits.every((c, k) => c === r.offset + k));
  const hex = `0x${cond.value.toString(16)}`;
  if (!whole && cond.clbits.length !== 1) {
    throw new CircuitValidationError(
      `instruction ${index} (if_else): a condition on several bits that are not one whole classical register cannot be drawn`,
      index,
    );
  }
  if (cregbundle) {
    const bit = cond.clbits[0]!;
    const reg = whole ?? regs.find((r) => bit >= r.offset && bit < r.offset + r.size)!;
    const label = whole ? hex : `${reg.name}_${bit - reg.offset}=${hex}`;
    column.rows[wires.clbit[bit]!] = boxOnClWire(label, '╨');
    return;
  }
  const values = whole ? cond.value.toString(2).padStart(cond.clbits.length, '0').split('').reverse() : [String(cond.value)];
  const lowest = Math.max(...cond.clbits.map((c) => wires.clbit[c]!));
  cond.clbits.forEach((bit, k) => {
    const row = wires.clbit[bit]!;
    column.rows[row] = clBullet(values[k] as '0' | '1', row === lowest && whole ? hex : '');
  });
}

/** The three lines per wire of a run of columns, merged into rows. */
function drawWires(columns: readonly (readonly Cell[])[], numWires: number): string[] {
  const lines: string[] = [];
  for (let w = 0; w < numWires; w++) {
    const top = columns.map((c) => c[w]!.top).join('');
    if (w === 0) lines.push(top);
    else lines.push(mergeLines(lines.pop()!, top));
    lines.push(mergeLines(lines[lines.length - 1]!, columns.map((c) => c[w]!.mid).join(''), 'bot'));
    lines.push(mergeLines(lines[lines.length - 1]!, columns.map((c) => c[w]!.bot).join(''), 'bot'));
  }
  return lines;
}

/**
 * Draws `circuit` as text, as Qiskit's `circuit.draw('text')` would (same layout, same
 * characters); lines are joined with `\n`, with no trailing newline.
 *
 * @example
 * drawText(new Circuit(2).h(0).cx(0, 1));
 * //      ┌───┐
 * // q_0: ┤ H ├──■──
 * //      └───┘┌─┴─┐
 * // q_1: ─────┤ X ├
 * //           └───┘
 * @throws {@link InputValidationError} for a bad option
 * @throws {@link CircuitValidationError} for an `if_else` it cannot draw: one acting on no
 * qubits, or conditioned on several bits that are not one whole register
 */
export function drawText(circuit: CircuitBase, options: TextDrawOptions = {}): string {
  const o = checkOptions(options);
  const { names, wires } = layoutWires(circuit, o, o.initialState);
  const numWires = names.length;
  const lines: string[] = [];
  const gp = circuit.globalPhase;
  if (typeof gp !== 'number' || gp !== 0) lines.push(`global phase: ${typeof gp === 'number' ? piCheck(gp, { ndigits: 5 }) : gp.toString()}`);
  if (numWires === 0) return lines.join('\n');

  const longest = Math.max(...names.map((n) => n.length));
  const layers: Cell[][] = [names.map((n) => inputWire(rjust(n, longest)))];
  layers.push(...instructionLayers(circuit, circuit.instructions, wires, numWires, o.cregbundle, 0));
  for (const layer of layers) {
    const width = Math.max(...layer.map((c) => c.length));
    for (const c of layer) c.layerWidth = width;
  }

  // Fold: a column that does not fit ends the page with », and the next page starts with «
  // and the wire names (without initial values).
  const pages: Cell[][][] = [[]];
  let rest = o.lineLength;
  const continuation = (() => {
    const plain = layoutWires(circuit, o, false).names;
    const len = Math.max(...plain.map((n) => n.length));
    return () => plain.map((n) => inputWire(rjust(n, len)));
  })();
  const arrows = (a: string): Cell[] => Array.from({ length: numWires }, () => breakWire(a));
  for (const layer of layers) {
    const page = pages[pages.length - 1]!;
    if (o.lineLength === -1) {
      page.push(layer);
      continue;
    }
    const len = layer[0]!.length;
    if (len < rest) {
      page.push(layer);
      rest -= len;
    } else {
      page.push(arrows('»'));
      const next = [arrows('«'), continuation(), layer];
      pages.push(next);
      rest = o.lineLength - next.reduce((s, l) => s + l[0]!.length, 0);
    }
  }
  for (const page of pages) lines.push(...drawWires(page, numWires));
  return lines.join('\n');
}
