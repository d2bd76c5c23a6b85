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
import type { Instruction } from '../instruction';
import { placeInstruction, type ColumnCells, type WireRows } from './cells';
import { breakWire, emptyWire, inputWire, type Cell } from './elements';
import { flowBox, placeCondition, type FlowSection } from './flow';
import { layerInstructions, type Justify } from './layering';
import { layoutWires } from './wires';
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
  /**
   * Push instructions left into the earliest column they fit (`'left'`), right into the latest
   * (`'right'`), or give each its own column in circuit order (`'none'`) (Qiskit's `justify`).
   * Default `'left'`.
   */
  justify?: 'left' | 'right' | 'none';
  /** Draw wires that nothing but barriers touch (Qiskit's `idle_wires`). Default true. */
  idleWires?: boolean;
  /**
   * How closely wires are stacked (Qiskit's `vertical_compression`): `'high'` shares the line
   * between two wires, `'low'` never does, `'medium'` does unless that would cut a vertical
   * connection or overprint text. Default `'high'`.
   */
  verticalCompression?: 'high' | 'medium' | 'low';
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
  const justify = o.justify ?? 'left';
  if (!['left', 'right', 'none'].includes(justify)) {
    throw new InputValidationError(`drawText: justify must be 'left', 'right' or 'none', got ${String(o.justify)}`);
  }
  const verticalCompression = o.verticalCompression ?? 'high';
  if (!['high', 'medium', 'low'].includes(verticalCompression)) {
    throw new InputValidationError(`drawText: verticalCompression must be 'high', 'medium' or 'low', got ${String(o.verticalCompression)}`);
  }
  return {
    initialState: Boolean(o.initialState),
    cregbundle: o.cregbundle ?? true,
    reverseBits: Boolean(o.reverseBits),
    lineLength,
    qubitRegister,
    justify,
    idleWires: o.idleWires ?? true,
    verticalCompression,
  };
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

/** What every column of one drawing shares. */
interface DrawContext {
  readonly circuit: CircuitBase;
  readonly wires: WireRows;
  /** Rows the layering compares (all qubits, hidden or not). */
  readonly layerRows: readonly number[];
  readonly numWires: number;
  /** How many of the rows are qubit wires (the rest are classical). */
  readonly numQubitRows: number;
  readonly cregbundle: boolean;
  readonly justify: Justify;
}

/** A column with no cells yet. */
const emptyColumn = (numWires: number): ColumnCells => ({ rows: new Array<Cell | null>(numWires).fill(null), connections: [] });

/** The column's cells, idle wire where nothing is drawn. */
const filled = (column: ColumnCells, numQubits: number): Cell[] => column.rows.map((c, w) => c ?? emptyWire(w < numQubits ? '─' : '═'));

/**
 * The drawing's columns for `instructions`, justified as Qiskit does; an `if_else` expands
 * into its own columns (opening box, body, `Else`, body, `End`) followed, as in Qiskit, by the
 * now empty column it was placed in. `depth` is the nesting depth written in the box labels.
 */
function instructionLayers(ctx: DrawContext, instructions: readonly Instruction[], depth: number): Cell[][] {
  const { circuit, wires, numWires, cregbundle } = ctx;
  const out: Cell[][] = [];
  const nq = ctx.numQubitRows;
  // Qiskit justifies only the top level as asked; the bodies of blocks are always left-justified.
  for (const column of layerInstructions(instructions, ctx.layerRows, depth === 0 ? ctx.justify : 'left')) {
    const cells = emptyColumn(numWires);
    for (const { index, instruction } of column) {
      // With idle wires hidden, what only touches hidden wires (a barrier) is not drawn.
      if (instruction.qubits.length && instruction.qubits.every((q) => wires.qubit[q] === undefined)) continue;
      if (instruction.name !== IF_ELSE) {
        placeInstruction(cells, instruction, wires);
        continue;
      }
      if (!instruction.qubits.length) {
        throw new CircuitValidationError(`instruction ${index} (if_else): a block acting on no qubits cannot be drawn`, index);
      }
      const rows = instruction.qubits.map((q) => wires.qubit[q]).filter((r): r is number => r !== undefined);
      const box = (section: FlowSection, label: string, conditional: boolean): Cell[] => {
        const col = emptyColumn(numWires);
        for (const [row, cell] of flowBox(section, label, rows, conditional)) col.rows[row] = cell;
        if (conditional) placeCondition(col, circuit, instruction.condition!, wires, cregbundle, index);
        return filled(col, nq);
      };
      const [trueBody, falseBody] = instruction.blocks!;
      out.push(box('left', `If-${depth}`, true));
      out.push(...instructionLayers(ctx, trueBody!, depth + 1));
      if (falseBody) {
        out.push(box('mid', `Else-${depth}`, false));
        out.push(...instructionLayers(ctx, falseBody, depth + 1));
      }
      out.push(box('right', `End-${depth}`, false));
    }
    connectColumn(cells);
    out.push(filled(cells, nq));
  }
  return out;
}

/**
 * Qiskit's `should_compress` for `'medium'`: fold a wire's top line into the previous wire's
 * bottom line unless a connection would be cut (`┴` over `┬`) or a letter or digit would land
 * on something.
 */
function compresses(mode: 'high' | 'medium' | 'low', top: string, bot: string): boolean {
  if (mode !== 'medium') return mode === 'high';
  const alnum = (ch: string): boolean => /^[\p{L}\p{N}]$/u.test(ch);
  for (let i = 0; i < Math.min(top.length, bot.length); i++) {
    const t = top[i]!;
    const b = bot[i]!;
    if ('┴╨'.includes(t) && '┬╥'.includes(b)) return false;
    if ((alnum(t) && b !== ' ') || (alnum(b) && t !== ' ')) return false;
  }
  return true;
}

/** The three lines per wire of a run of columns, merged into rows. */
function drawWires(columns: readonly (readonly Cell[])[], numWires: number, mode: 'high' | 'medium' | 'low'): string[] {
  const lines: string[] = [];
  let previousBot: string | undefined;
  for (let w = 0; w < numWires; w++) {
    const top = columns.map((c) => c[w]!.top).join('');
    if (previousBot === undefined) lines.push(top);
    else if (compresses(mode, top, previousBot)) lines.push(mergeLines(lines.pop()!, top));
    else lines.push(mergeLines(lines[lines.length - 1]!, top, 'bot'));
    lines.push(mergeLines(lines[lines.length - 1]!, columns.map((c) => c[w]!.mid).join(''), 'bot'));
    previousBot = columns.map((c) => c[w]!.bot).join('');
    lines.push(mergeLines(lines[lines.length - 1]!, previousBot, 'bot'));
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
  if (typeof circuit !== 'object' || circuit === null || !Array.isArray(circuit.instructions)) {
    throw new InputValidationError(`drawText: expected a Circuit, got ${circuit === null ? 'null' : typeof circuit}`);
  }
  const o = checkOptions(options ?? {});
  const { names, wires, layerRows } = layoutWires(circuit, o, o.initialState);
  const numWires = names.length;
  const lines: string[] = [];
  const gp = circuit.globalPhase;
  if (typeof gp !== 'number' || gp !== 0) lines.push(`global phase: ${typeof gp === 'number' ? piCheck(gp, { ndigits: 5 }) : gp.toString()}`);
  if (numWires === 0) return lines.join('\n');

  const longest = Math.max(...names.map((n) => n.length));
  const layers: Cell[][] = [names.map((n) => inputWire(rjust(n, longest)))];
  const numQubitRows = wires.qubit.filter((r) => r !== undefined).length;
  const ctx: DrawContext = { circuit, wires, layerRows, numWires, numQubitRows, cregbundle: o.cregbundle, justify: o.justify };
  layers.push(...instructionLayers(ctx, circuit.instructions, 0));
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
  for (const page of pages) lines.push(...drawWires(page, numWires, o.verticalCompression));
  return lines.join('\n');
}
