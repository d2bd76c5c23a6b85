/**
 * Cells for classical control, as Qiskit's text drawer draws an `if_else`: an open box
 * `┌────── / ┤ If-0 / └──╥───` before the body, `Else-0` between the bodies, and
 * ` ───────┐ /   End-0 ├ /  ───────┘` after, over the block's qubits; the condition hangs below
 * the opening box on the classical wires, as a box `╡ c_1=0x1 ╞` (or `╡ 0x2 ╞` for a register)
 * when registers are bundled, or as ■ (bit 1) / o (bit 0) on each bit otherwise.
 */
import { CircuitValidationError } from '../../core/errors';
import type { CircuitBase } from '../circuit-base';
import type { IfCondition } from '../instruction';
import type { ColumnCells, WireRows } from './cells';
import { boxOnQuWire, Cell } from './elements';
import { center } from '../py-format';

/** Which part of the block a flow box is: the opening (If), a middle (Else) or the end. */
export type FlowSection = 'left' | 'mid' | 'right';

/** A flow box on one qubit. */
function flowOne(section: FlowSection, label: string, conditional: boolean): Cell {
  const c = boxOnQuWire(label);
  if (section === 'right') {
    c.topFormat = ' ─%s─┐';
    c.midFormat = '  %s ├';
    c.botFormat = ' ─%s─┘';
  } else {
    c.topFormat = '┌─%s─ ';
    c.midFormat = '┤ %s  ';
    c.botFormat = '└─%s─ ';
  }
  c.botConnect = conditional ? '╥' : '─';
  return c;
}

/** The top part of a flow box over several qubits. */
function flowTop(section: FlowSection, label: string): Cell {
  const c = boxOnQuWire(label);
  c.multi = true;
  c.botConnect = c.botPad = ' ';
  c.midContent = '';
  const dashes = center('s', 2, '─').replace('s', '%s');
  if (section === 'right') {
    c.topFormat = `${dashes}─┐`;
    c.midFormat = '  %s ├';
    c.botFormat = '  %s │';
  } else {
    c.topFormat = `┌─${dashes} `;
    c.midFormat = '┤ %s  ';
    c.botFormat = '│ %s  ';
  }
  c.topConnect = '─';
  return c;
}

/** A middle part of a flow box: the label on the box's centre row. */
function flowMid(section: FlowSection, label: string, height: number, order: number): Cell {
  const c = boxOnQuWire(label);
  c.multi = true;
  c.topPad = c.botPad = ' ';
  if (section === 'right') {
    c.topFormat = c.botFormat = '  %s │';
    c.midFormat = '  %s ├';
  } else {
    c.topFormat = c.botFormat = '│ %s  ';
    c.midFormat = '┤ %s  ';
  }
  c.topConnect = c.botConnect = c.midContent = '';
  const location = center('*', height * 2 - 1).indexOf('*') + 1;
  const topLimit = order * 2 + 2;
  if (location === topLimit) c.topConnect = label;
  else if (location === topLimit + 1) c.midContent = label;
  return c;
}

/** The bottom part of a flow box; `conditional` puts the ╥ that leads down to the condition. */
function flowBot(section: FlowSection, label: string, height: number, conditional: boolean): Cell {
  const c = boxOnQuWire(label);
  c.multi = true;
  c.topPad = ' ';
  const dashes = center('s', 2, '─').replace('s', '%s');
  if (section === 'right') {
    c.topFormat = '  %s │';
    c.midFormat = '  %s ├';
    c.botFormat = ` ${dashes}─┘`;
  } else {
    c.topFormat = '│ %s  ';
    c.midFormat = '┤ %s  ';
    c.botFormat = `└─${dashes} `;
  }
  c.botConnect = conditional ? '╥' : '─';
  c.midContent = c.topConnect = '';
  if (height <= 2) c.topConnect = label;
  return c;
}

/** The flow-box cells by row for a block on rows `rows` (any order). */
export function flowBox(section: FlowSection, label: string, rows: readonly number[], conditional: boolean): Map<number, Cell> {
  const out = new Map<number, Cell>();
  if (rows.length === 1) {
    out.set(rows[0]!, flowOne(section, label, conditional));
    return out;
  }
  const lo = Math.min(...rows);
  const hi = Math.max(...rows);
  const height = hi - lo + 1;
  out.set(lo, flowTop(section, label));
  for (let r = lo + 1; r < hi; r++) out.set(r, flowMid(section, label, height, r - lo - 1));
  out.set(hi, flowBot(section, label, height, conditional));
  return out;
}

/** A box on a classical wire: `┌────╨─────┐ / ╡ cr_1=0x1 ╞ / └──────────┘`. */
export function boxOnClWire(label: string, topConnect: string): Cell {
  const c = new Cell(label);
  c.topFormat = '┌─%s─┐';
  c.midFormat = '╡ %s ╞';
  c.botFormat = '└─%s─┘';
  c.topPad = c.botPad = '─';
  c.midBck = '═';
  c.topConnect = topConnect;
  c.botConnect = '─';
  return c;
}

/** A condition bit on its classical wire: ■ for 1, o for 0, with `label` (the value in hex) below the lowest. */
export function clBullet(value: '0' | '1', label: string): Cell {
  const c = new Cell(value === '1' ? '■' : 'o');
  c.topFormat = ' %s ';
  c.midFormat = '═%s═';
  c.botFormat = ' %s ';
  c.midPad = c.midBck = '═';
  c.topConnect = '║';
  c.botConnect = label;
  return c;
}

/**
 * The condition of an `if_else` under its opening box: with bundled registers a box on the
 * register's wire (`c_1=0x1` for one bit, `0x5` for a whole register); otherwise ■ / o on each
 * bit of the condition (LSB first), the value in hex under the lowest for a register.
 */
export function placeCondition(column: ColumnCells, circuit: CircuitBase, cond: IfCondition, wires: WireRows, cregbundle: boolean, index: number): void {
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
