/**
 * The cells of the text drawing: what one instruction draws on one wire in one column, as three
 * lines (top, middle, bottom). The shapes and the centring rules are those of Qiskit's text
 * drawer (`qiskit/visualization/circuit/text.py`), so that a drawing matches Qiskit's character
 * for character: a box `┌───┐ / ┤ X ├ / └───┘`, a control `─■─`, a swap end `─X─`, a measurement
 * `┌─┐ / ┤M├ / └╥┘` with its `═╩═` on the classical wire, a barrier `░`, a reset `|0>`.
 */
import { center, ljust, rjust } from '../py-format';

/** Replaces the `%s` of a Python format string (each format here has exactly one). */
const fill = (format: string, value: string): string => {
  const at = format.indexOf('%s');
  return at < 0 ? format : format.slice(0, at) + value + format.slice(at + 2);
};

/**
 * One cell. Its three lines are built from a format per line (`┌─%s─┐`), the content put in
 * the `%s` (centred to {@link Cell.width} with a pad character), optional left/right fills (a
 * control's side label such as `ZZ(π/2)`), and finally centred to the column's width with the
 * line's background character (`─` on a quantum wire, `═` on a classical one, space above and
 * below).
 */
export class Cell {
  label: string;
  midContent: string;
  topFormat = '%s';
  midFormat = '%s';
  botFormat = '%s';
  topConnect = ' ';
  botConnect = ' ';
  topPad = ' ';
  midPad = ' ';
  botPad = ' ';
  topBck = ' ';
  midBck = ' ';
  botBck = ' ';
  /** What the top/bottom connector becomes when a vertical `│` joins it (none: unchanged). */
  topConnector: Readonly<Record<string, string>> = {};
  botConnector: Readonly<Record<string, string>> = {};
  rightFill = 0;
  leftFill = 0;
  /** The column's width, set once every cell of the column is known. */
  layerWidth = 0;
  /** A part of a box over several wires: its width is that of the label, drawn on one row. */
  multi = false;

  constructor(label = '') {
    this.label = label;
    this.midContent = label;
  }

  /** The width of the content between the box edges. */
  get width(): number {
    return this.multi ? this.label.length : this.midContent.length;
  }

  private edge(format: string, connect: string, pad: string, bck: string, topRule: boolean): string {
    // Qiskit pads an even-width content on the left when the format is odd-length, so that a
    // one-character connector sits one to the right of the centre (`┌──┴─┐` under `√X`).
    const even = this.width % 2 === 0 && this.topFormat.length % 2 === 1 && (!topRule || connect.length === 1);
    let ret = fill(format, center(even ? pad + connect : connect, this.width, pad));
    if (this.rightFill) ret = ljust(ret, this.rightFill, pad);
    if (this.leftFill) ret = rjust(ret, this.leftFill, pad);
    return center(ret, this.layerWidth, bck);
  }

  /** The line above the wire. */
  get top(): string {
    return this.edge(this.topFormat, this.topConnect, this.topPad, this.topBck, true);
  }

  /** The line on the wire. */
  get mid(): string {
    let ret = fill(this.midFormat, center(this.midContent, this.width, this.midPad));
    if (this.rightFill) ret = ljust(ret, this.rightFill, this.midPad);
    if (this.leftFill) ret = rjust(ret, this.leftFill, this.midPad);
    return center(ret, this.layerWidth, this.midBck);
  }

  /** The line below the wire. */
  get bot(): string {
    return this.edge(this.botFormat, this.botConnect, this.botPad, this.botBck, false);
  }

  /** The cell's width including its box. */
  get length(): number {
    return Math.max(this.top.length, this.mid.length, this.bot.length);
  }

  /**
   * Joins a vertical line `wireChar` at the top and/or the bottom; `label` (a control's side
   * label) replaces the last character of the top format.
   */
  connect(wireChar: string, where: readonly ('top' | 'bot')[], label?: string): void {
    if (where.includes('top') && Object.keys(this.topConnector).length) this.topConnect = this.topConnector[wireChar] ?? this.topConnect;
    if (where.includes('bot') && Object.keys(this.botConnector).length) this.botConnect = this.botConnector[wireChar] ?? this.botConnect;
    if (label) this.topFormat = this.topFormat.slice(0, -1) + label;
  }
}

/** A box on a quantum wire: `┌───┐ / ┤ X ├ / └───┘`. */
export function boxOnQuWire(label: string, topConnect = '─'): Cell {
  const c = new Cell(label);
  c.topFormat = '┌─%s─┐';
  c.midFormat = '┤ %s ├';
  c.botFormat = '└─%s─┘';
  c.topPad = c.botPad = c.midBck = '─';
  c.topConnect = topConnect;
  c.botConnect = '─';
  c.topConnector = { '│': '┴' };
  c.botConnector = { '│': '┬' };
  return c;
}

/** The measurement box on the measured qubit: `┌─┐ / ┤M├ / └╥┘`. */
export function measureFrom(): Cell {
  const c = boxOnQuWire('');
  c.topFormat = c.midFormat = c.botFormat = '%s';
  c.topConnect = '┌─┐';
  c.midContent = '┤M├';
  c.botConnect = '└╥┘';
  c.topPad = c.botPad = ' ';
  c.midPad = '─';
  return c;
}

/** Where a measurement lands on the classical wire: ` ║ / ═╩═ / ` with the bit's index below when bundled. */
export function measureTo(label = ''): Cell {
  const c = new Cell();
  c.topConnect = ' ║ ';
  c.midContent = '═╩═';
  c.botConnect = label;
  c.midBck = '═';
  return c;
}

/**
 * The top part of a box over several wires, `wireLabel` being the argument index written
 * inside the box on this wire (`┤0      ├`).
 */
export function boxTop(label: string, topConnect: string | undefined, wireLabel: string): Cell {
  const c = boxOnQuWire(label);
  c.multi = true;
  c.botConnect = c.botPad = ' ';
  c.midContent = '';
  c.leftFill = wireLabel.length;
  c.topFormat = `┌─${center('s', c.leftFill + 1, '─')}─┐`.replace('s', '%s');
  c.midFormat = `┤${wireLabel} %s ├`;
  c.botFormat = `│${c.botPad.repeat(c.leftFill)} %s │`;
  c.topConnect = topConnect || '─';
  return c;
}

/**
 * A middle part of a box over several wires; the label is written on the row at the box's
 * vertical centre (`order` is the part's position below the top one, `height` the box's wires).
 */
export function boxMid(label: string, height: number, order: number, wireLabel: string): Cell {
  const c = boxOnQuWire(label);
  c.multi = true;
  c.topPad = c.botPad = ' ';
  c.leftFill = wireLabel.length;
  c.topFormat = `│${' '.repeat(c.leftFill)} %s │`;
  c.botFormat = `│${' '.repeat(c.leftFill)} %s │`;
  c.topConnect = c.botConnect = c.midContent = '';
  centerLabel(c, height, order);
  c.midFormat = `┤${wireLabel} %s ├`;
  return c;
}

/** The bottom part of a box over several wires. */
export function boxBot(label: string, height: number, botConnect: string | undefined, wireLabel: string): Cell {
  const c = boxOnQuWire(label);
  c.multi = true;
  c.topPad = ' ';
  c.leftFill = wireLabel.length;
  c.topFormat = `│${' '.repeat(c.leftFill)} %s │`;
  c.midFormat = `┤${wireLabel} %s ├`;
  c.botFormat = `└─${center('s', c.leftFill + 1, '─')}─┘`.replace('s', '%s');
  c.botConnect = botConnect || '─';
  c.midContent = c.topConnect = '';
  // A two-wire box has no middle part: its label goes between the two wires.
  if (height <= 2) c.topConnect = label;
  return c;
}

/** Puts the label of a box over `height` wires on this middle part's row if that is the centre row. */
function centerLabel(c: Cell, height: number, order: number): void {
  if (height === 0 && order === 0) {
    c.topConnect = c.label;
    return;
  }
  // Rows of the box: 2 per wire minus one; the label goes on the middle one (1-based).
  const location = center('*', height * 2 - 1).indexOf('*') + 1;
  const topLimit = order * 2 + 2;
  if (location === topLimit) c.topConnect = c.label;
  else if (location === topLimit + 1) c.midContent = c.label;
}

/** A symbol straight on a quantum wire (no box): `─■─`, `─X─`, `─░─`, `─|0>─`. */
function directOnQuWire(label: string): Cell {
  const c = new Cell(label);
  c.topFormat = ' %s ';
  c.midFormat = '─%s─';
  c.botFormat = ' %s ';
  c.midPad = c.midBck = '─';
  c.topConnector = { '│': '│', '║': '║' };
  c.botConnector = { '│': '│', '║': '║' };
  return c;
}

/** A barrier segment `░` (Qiskit draws it on each qubit, unconnected). */
export function barrier(label = ''): Cell {
  const c = directOnQuWire('░');
  c.topConnect = label || '░';
  c.botConnect = '░';
  c.topConnector = {};
  c.botConnector = {};
  return c;
}

/** One end of a swap: `─X─`. */
export function ex(): Cell {
  return directOnQuWire('X');
}

/** A reset: `─|0>─`. */
export function resetDisplay(): Cell {
  return directOnQuWire('|0>');
}

/** A closed control: `─■─`. */
export function bullet(): Cell {
  const c = directOnQuWire('■');
  c.topConnect = c.botConnect = '';
  return c;
}

/** An idle stretch of wire (`─` quantum, `═` classical). */
export function emptyWire(wire: string): Cell {
  const c = new Cell(wire);
  c.midPad = c.midBck = wire;
  return c;
}

/** The `»` / `«` column where a folded drawing is cut and continued. */
export function breakWire(arrow: string): Cell {
  const c = new Cell();
  c.topConnect = c.midContent = c.botConnect = arrow;
  return c;
}

/** The wire's name at the left (right-aligned to the longest name by the caller). */
export function inputWire(name: string): Cell {
  return new Cell(name);
}
