/**
 * The text drawer: {@link drawText} lays a circuit out as Qiskit's `QuantumCircuit.draw('text')`
 * does, character for character (the tests compare with the expected strings of Qiskit's own
 * drawer tests). One wire per qubit (`q_0: `), one per classical register (`c: 2/`, or one per
 * bit with `cregbundle: false`), instructions in left-justified columns, a `global phase:` line
 * when the phase is not zero, and the drawing folded at `lineLength` columns with `»` / `«`.
 */
import { InputValidationError } from '../../core/errors';
import type { CircuitBase } from '../circuit-base';
import { placeInstruction, type ColumnCells, type WireRows } from './cells';
import { breakWire, emptyWire, inputWire, type Cell } from './elements';
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
 * @throws {@link CircuitValidationError} for an instruction the drawer cannot draw (`if_else`)
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
  for (const column of layerInstructions(circuit.instructions, wires.qubit)) {
    const cells: ColumnCells = { rows: new Array<Cell | null>(numWires).fill(null), connections: [] };
    for (const { index, instruction } of column) placeInstruction(cells, instruction, index, wires);
    connectColumn(cells);
    layers.push(cells.rows.map((c, w) => c ?? emptyWire(w < circuit.numQubits ? '─' : '═')));
  }
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
