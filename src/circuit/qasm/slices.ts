import type { Token } from './lexer';
import { errorAt, type TokenStream } from './stream';

/**
 * OpenQASM 3 register selectors: `q[i]`, slices `q[a:b]` and `q[a:step:b]`, index sets
 * `q[{3, 1, 4}]`. Negative indices count from the end (`q[-1]` is the last element).
 *
 * A range `a:b` includes its end `b` (the OpenQASM 3 specification: `q[0:2]` is three qubits);
 * with a step, `a:s:b` is `a, a+s, …` up to and including `b` when it is reached. A missing start
 * or end (`q[:2]`, `q[1:]`) means the first or last element (the last or first for a negative
 * step).
 */
export type Selector =
  | { readonly kind: 'index'; readonly value: number; readonly tok: Token }
  | {
      readonly kind: 'range';
      readonly start?: number;
      readonly step: number;
      readonly end?: number;
      /** Written as start:step:end (kept for messages). */
      readonly stepWritten: boolean;
      readonly tok: Token;
    }
  | { readonly kind: 'set'; readonly values: readonly number[]; readonly tok: Token };

/** Evaluates one constant integer expression at the stream's position. */
export type IntegerReader = (what: string) => { value: number; tok: Token };

/** Most elements an index set may list (a hostile `{0,0,0,…}` must not exhaust memory). */
const MAX_SET = 1_000_000;

/** Parses `[ … ]` after a register or alias name (the `[` is the current token). */
export function parseSelector(ts: TokenStream, version: 2 | 3, integer: IntegerReader): Selector {
  const open = ts.expectOp('[');
  const v2 = (what: string): void => {
    if (version === 2) throw errorAt(open, `${what} are OpenQASM 3 syntax, but this is an OpenQASM 2 program`);
  };
  if (ts.acceptOp('{')) {
    v2('index sets');
    const values: number[] = [];
    if (!ts.isOp('}')) {
      do {
        if (values.length >= MAX_SET) throw errorAt(ts.peek(), `an index set may list at most ${MAX_SET} indices`);
        values.push(integer('an index').value);
      } while (ts.acceptOp(','));
    }
    ts.expectOp('}', 'to close the index set');
    ts.expectOp(']', 'after the index set');
    if (values.length === 0) throw errorAt(open, 'an empty index set selects nothing');
    return { kind: 'set', values, tok: open };
  }
  const parts: (number | undefined)[] = [];
  let first: Token | undefined;
  let colons = 0;
  for (;;) {
    if (ts.isOp(':') || ts.isOp(']')) parts.push(undefined);
    else {
      const { value, tok } = integer('an index');
      first ??= tok;
      parts.push(value);
    }
    if (!ts.acceptOp(':')) break;
    if (++colons > 2) throw errorAt(ts.peek(), 'a slice has at most two colons (start:step:end)');
  }
  if (ts.isOp(',')) throw errorAt(ts.peek(), "several indices are written as an index set: q[{0, 3, 5}]");
  ts.expectOp(']', colons ? 'after the slice' : 'after the index');
  if (colons === 0) {
    if (parts[0] === undefined) return ts.unexpected('an index');
    return { kind: 'index', value: parts[0], tok: first ?? open };
  }
  v2('register slices');
  const [start, a, b] = parts;
  const step = colons === 2 ? a : 1;
  const end = colons === 2 ? b : a;
  if (step === undefined) throw errorAt(open, 'a slice start:step:end needs its step');
  if (step === 0) throw errorAt(open, 'a slice step cannot be zero');
  return { kind: 'range', start, step, end, stepWritten: colons === 2, tok: open };
}

/** How a selector prints in messages: `q[0:2]`, `q[{3, 1}]`. */
function describe(name: string, s: Selector): string {
  if (s.kind === 'index') return `${name}[${s.value}]`;
  if (s.kind === 'set') return `${name}[{${s.values.join(', ')}}]`;
  const st = s.start ?? '';
  const en = s.end ?? '';
  return `${name}[${s.stepWritten ? `${st}:${s.step}:${en}` : `${st}:${en}`}]`;
}

/**
 * The elements a selector picks from, without materialising them: a register of 100 000 qubits
 * indexed once per statement must not build a 100 000-entry array each time.
 */
export interface Elements {
  /** How many elements there are. */
  readonly size: number;
  /** The global qubit or bit index of element i (0 ≤ i < size). */
  at(i: number): number;
}

/** The elements of a register: `size` consecutive global indices from `offset`. */
export function registerElements(reg: { readonly size: number; readonly offset: number }): Elements {
  return { size: reg.size, at: (i) => reg.offset + i };
}

/** The elements of an alias: its listed global indices. */
export function listElements(indices: readonly number[]): Elements {
  return { size: indices.length, at: (i) => indices[i]! };
}

/**
 * Applies a selector to the elements of a register or alias (global qubit or bit
 * indices). `single` is true for a plain index: such an operand does not broadcast.
 * `negative` false (OpenQASM 2) reads negative indices as out of range.
 *
 * @throws {QasmSyntaxError} naming the selector when an index falls outside the register
 */
export function select(
  elements: Elements,
  s: Selector,
  name: string,
  kind: 'qubit' | 'bit',
  negative = true,
): { indices: number[]; single: boolean } {
  const size = elements.size;
  // OpenQASM 2 has no negative indices: there `q[-1]` is out of range.
  const norm = (k: number): number => (k < 0 && negative ? k + size : k);
  const outOfRange = (): never => {
    const what = s.kind === 'index' ? `${kind} index ${s.value}` : `${kind} ${s.kind === 'set' ? 'index set' : 'slice'} ${describe(name, s)}`;
    throw errorAt(s.tok, `${what} out of range for register '${name}' of size ${size}`);
  };
  const at = (k: number): number => {
    const i = norm(k);
    if (!Number.isInteger(i) || i < 0 || i >= size) return outOfRange();
    return elements.at(i);
  };
  if (s.kind === 'index') return { indices: [at(s.value)], single: true };
  if (s.kind === 'set') return { indices: s.values.map(at), single: false };
  const start = s.start === undefined ? (s.step > 0 ? 0 : size - 1) : norm(s.start);
  const end = s.end === undefined ? (s.step > 0 ? size - 1 : 0) : norm(s.end);
  if (start < 0 || start >= size || end < 0 || end >= size) return outOfRange();
  const out: number[] = [];
  for (let i = start; s.step > 0 ? i <= end : i >= end; i += s.step) out.push(elements.at(i));
  if (out.length === 0) throw errorAt(s.tok, `${kind} slice ${describe(name, s)} selects nothing (its step goes away from its end)`);
  return { indices: out, single: false };
}
