/**
 * What each instruction draws in its column: the cells it puts on its wires and which of them a
 * vertical line joins (controls to their target, the two ends of a swap). Gate names and labels
 * follow Qiskit's text drawer: the name capitalised (`Rz`, `Sdg`, `U3`), `I`, `√X`, `√Xdg` for
 * id, sx and sxdg, a controlled gate drawn as ■ controls on the box of its base gate, cz as two
 * ■, cp and rzz as ■ joined by a side label (`P(π/2)`, `ZZ(π/2)`), and a gate on several
 * qubits without controls as one box with each qubit's argument index.
 */
import type { Instruction } from '../instruction';
import type { Angle, ExprNode } from '../parameter';
import {
  barrier,
  boxBot,
  boxMid,
  boxOnQuWire,
  boxTop,
  bullet,
  ex,
  measureFrom,
  measureTo,
  resetDisplay,
  type Cell,
} from './elements';
import { piCheck } from '../py-format';

/** Controlled gates: how many of the leading arguments are controls, and the base gate's name. */
const CONTROLLED: Readonly<Record<string, readonly [number, string]>> = {
  cx: [1, 'x'], cy: [1, 'y'], cz: [1, 'z'], ch: [1, 'h'], cp: [1, 'p'], crx: [1, 'rx'], cry: [1, 'ry'],
  crz: [1, 'rz'], cu: [1, 'u'], csx: [1, 'sx'], cswap: [1, 'swap'], ccx: [2, 'x'], c3x: [3, 'x'],
  c3sqrtx: [3, 'sx'], c4x: [4, 'x'],
};

/** Qiskit's instruction names where they differ from qbridge's (RC3XGate is `rcccx`). */
const QISKIT_NAMES: Readonly<Record<string, string>> = { rc3x: 'rcccx', c3sqrtx: 'c3sx' };

/** Gates Qiskit labels specially rather than by their capitalised name. */
const SPECIAL_LABELS: Readonly<Record<string, string>> = { id: 'I', sx: '√X', sxdg: '√Xdg' };

/** Python's `str.capitalize()`. */
const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();

/** A number as Qiskit's drawer writes it: a fraction of π when close to one, else 5 digits. */
const numberText = (v: number): string => piCheck(v, { ndigits: 5 });

/**
 * An expression with its numbers written as {@link numberText} (Qiskit's drawer runs pi_check
 * over the numbers of a parameter expression: `(π - x)*(π - y)`), parenthesised by precedence:
 * 1 add/sub, 2 mul/div, 3 unary minus.
 */
function exprText(n: ExprNode, parent = 0): string {
  const wrap = (s: string, prec: number): string => (prec < parent ? `(${s})` : s);
  switch (n.op) {
    case 'const': {
      const s = numberText(n.value);
      return s.startsWith('-') && parent > 0 ? `(${s})` : s;
    }
    case 'param':
      return n.name;
    case 'neg':
      return wrap(`-${exprText(n.a, 3)}`, 3);
    case 'add':
      return wrap(`${exprText(n.a, 1)} + ${exprText(n.b, 2)}`, 1);
    case 'sub':
      return wrap(`${exprText(n.a, 1)} - ${exprText(n.b, 2)}`, 1);
    case 'mul':
      return wrap(`${exprText(n.a, 2)}*${exprText(n.b, 3)}`, 2);
    case 'div':
      return wrap(`${exprText(n.a, 2)}/${exprText(n.b, 3)}`, 2);
  }
}

/** One parameter as Qiskit's drawer writes it (`π/2`, `-5π/8`, `1e-07`, `θ`, `2*θ`). */
function paramText(a: Angle): string {
  return typeof a === 'number' ? numberText(a) : exprText(a.node);
}

/**
 * A delay's duration (stored in seconds) in the largest of s, ms, us, ns that keeps it ≥ 1,
 * rounded to 12 significant digits: `100[ns]`, `2.5[us]`.
 */
function delayText(seconds: number): string {
  const units: [string, number][] = [['s', 1], ['ms', 1e-3], ['us', 1e-6], ['ns', 1e-9]];
  const [unit, scale] = units.find(([, f]) => seconds >= f) ?? units[units.length - 1]!;
  return `${Number((seconds / scale).toPrecision(12))}[${unit}]`;
}

/** `(p1,p2,…)`, or nothing for a gate without parameters. */
export function paramsText(params: readonly Angle[]): string {
  return params.length ? `(${params.map(paramText).join(',')})` : '';
}

/** The wires of one column and the cells put on them; unset wires are drawn idle. */
export interface ColumnCells {
  /** Cells by row: qubit rows first, then classical rows. */
  readonly rows: (Cell | null)[];
  /** Groups of cells a vertical line joins, each with an optional side label. */
  readonly connections: { label: string | undefined; cells: { row: number; cell: Cell }[] }[];
}

/** Where each bit is drawn. */
export interface WireRows {
  /** Row of each qubit (undefined when the qubit's idle wire is hidden). */
  readonly qubit: readonly (number | undefined)[];
  /** Row of each classical bit (its register's row when registers are bundled; undefined when hidden). */
  readonly clbit: readonly (number | undefined)[];
  /** Under a bundled register, the bit's index in it (written under the ╩); otherwise ''. */
  readonly clbitLabel: readonly string[];
}

/**
 * Puts the cells of `ins` (the `index`-th instruction, not an `if_else`: those get columns of
 * their own, see `text.ts`) into `column`.
 */
export function placeInstruction(column: ColumnCells, ins: Instruction, wires: WireRows): void {
  const set = (q: number, cell: Cell): void => {
    // A hidden idle wire (only barriers touch those) gets no cell.
    const row = wires.qubit[q];
    if (row !== undefined) column.rows[row] = cell;
  };
  /** Sets cells on qubits and joins them with a vertical line (sorted top to bottom). */
  const connected = (qubits: readonly number[], cells: readonly Cell[], label?: string): void => {
    const group: { row: number; cell: Cell }[] = [];
    qubits.forEach((q, k) => {
      set(q, cells[k]!);
      group.push({ row: wires.qubit[q]!, cell: cells[k]! });
    });
    group.sort((a, b) => a.row - b.row);
    column.connections.push({ label, cells: group });
  };
  const params = paramsText(ins.params);
  switch (ins.name) {
    case 'measure':
      set(ins.qubits[0]!, measureFrom());
      column.rows[wires.clbit[ins.clbits[0]!]!] = measureTo(wires.clbitLabel[ins.clbits[0]!]);
      return;
    case 'barrier':
      for (const q of ins.qubits) set(q, barrier());
      return;
    case 'reset':
      set(ins.qubits[0]!, resetDisplay());
      return;
    case 'delay':
      // Qiskit writes the duration with its unit: `Delay(100[ns])`.
      set(ins.qubits[0]!, boxOnQuWire(`Delay(${delayText(ins.params[0] as number)})`));
      return;
    case 'swap':
      connected(ins.qubits, [ex(), ex()]);
      return;
    case 'rzz':
      connected(ins.qubits, [bullet(), bullet()], `ZZ${params}`);
      return;
    default:
      break;
  }
  const controlled = CONTROLLED[ins.name];
  if (controlled) {
    const [numCtrl, base] = controlled;
    const controls = Array.from({ length: numCtrl }, () => bullet());
    const targets = ins.qubits.slice(numCtrl);
    let label: string | undefined;
    let targetCells: Cell[];
    if (base === 'z') targetCells = [bullet()];
    else if (base === 'p') {
      label = `P${params}`;
      targetCells = [bullet()];
    } else if (base === 'swap') targetCells = [ex(), ex()];
    else targetCells = [boxOnQuWire(capitalize(base) + params)];
    connected([...ins.qubits.slice(0, numCtrl), ...targets], [...controls, ...targetCells], label);
    return;
  }
  const text = (SPECIAL_LABELS[ins.name] ?? capitalize(QISKIT_NAMES[ins.name] ?? ins.name)) + params;
  if (ins.qubits.length === 1) set(ins.qubits[0]!, boxOnQuWire(text));
  else multiBox(column, ins.qubits, text, wires);
}

/** A box over the rows from the first to the last of `qubits`, each qubit marked with its argument index. */
function multiBox(column: ColumnCells, qubits: readonly number[], label: string, wires: WireRows): void {
  const rows = qubits.map((q) => wires.qubit[q]!);
  const lo = Math.min(...rows);
  const hi = Math.max(...rows);
  const height = hi - lo + 1;
  const width = String(qubits.length - 1).length;
  const argAt = new Map(rows.map((r, k) => [r, String(k).padEnd(width, ' ')]));
  column.rows[lo] = boxTop(label, undefined, argAt.get(lo)!);
  for (let r = lo + 1; r < hi; r++) column.rows[r] = boxMid(label, height, r - lo - 1, argAt.get(r) ?? ' '.repeat(width));
  column.rows[hi] = boxBot(label, height, undefined, argAt.get(hi)!);
}
