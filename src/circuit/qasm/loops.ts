import type { Token } from './lexer';
import { errorAt, type TokenStream } from './stream';

/**
 * OpenQASM 3 `for` loops over gate statements: `for uint i in [0:3] { … }`, `for int i in
 * [0:2:6] …;`, `for i in {1, 5} { … }`. They are unrolled when the program is read: the body
 * runs once per value with the loop variable bound as a constant, usable in gate arguments,
 * indices, slices and `ctrl(n) @`. A range includes its end (`[0:3]` is 0, 1, 2, 3), as the
 * specification says for ranges; a negative step counts down.
 */

/** Most loop iterations a program may unroll in total (nested loops multiply). */
export const MAX_LOOP_ITERATIONS = 100_000;

/** The types a loop variable may be declared with. */
const LOOP_TYPES = new Set(['int', 'uint', 'float', 'angle']);

/** A parsed loop header: the variable and the values it takes. */
export interface LoopHeader {
  varTok: Token;
  values: number[];
  tok: Token;
}

/** Evaluates one constant numeric expression at the stream's position. */
export type NumberReader = (what: string) => { value: number; tok: Token };

/**
 * Parses `for [TYPE] NAME in RANGE-OR-SET` (the current token is `for`), leaving the stream at
 * the body.
 *
 * @param remaining - iterations still allowed (the program-wide bound minus those already run)
 * @throws {QasmSyntaxError} for a bad header, a zero step, non-integer values of an integer
 *   variable, or more iterations than allowed
 */
export function parseLoopHeader(ts: TokenStream, integer: NumberReader, real: NumberReader, remaining: number): LoopHeader {
  const tok = ts.next();
  let type = 'int';
  if (ts.peek().kind === 'ident' && LOOP_TYPES.has(ts.peek().text) && !ts.isWord('in', 1)) {
    type = ts.next().text;
    if (ts.acceptOp('[')) {
      integer('the type width');
      ts.expectOp(']', 'after the type width');
    }
  } else if (ts.peek().kind === 'ident' && !ts.isWord('in', 1)) {
    throw errorAt(ts.peek(), `'for ${ts.peek().text} …': a loop variable is an int, uint, float or angle`);
  }
  const varTok = ts.expectIdent('a loop variable', "after 'for'");
  if (!ts.isWord('in')) ts.unexpected("'in'", `after the loop variable '${varTok.text}'`);
  ts.next();
  const read = type === 'int' || type === 'uint' ? integer : real;
  const tooMany = (n: number): never => {
    throw errorAt(tok, `'for' loops unroll to more than ${MAX_LOOP_ITERATIONS} iterations (this one has ${n})`);
  };
  let values: number[];
  if (ts.acceptOp('{')) {
    values = [];
    if (!ts.isOp('}')) {
      do {
        if (values.length >= remaining) tooMany(values.length + 1);
        values.push(read('a loop value').value);
      } while (ts.acceptOp(','));
    }
    ts.expectOp('}', 'to close the set of loop values');
  } else if (ts.acceptOp('[')) {
    const start = integer('a range start').value;
    ts.expectOp(':', 'in the range (start:end or start:step:end)');
    let step = 1;
    let end = integer('a range end').value;
    if (ts.acceptOp(':')) {
      step = end;
      end = integer('a range end').value;
    }
    ts.expectOp(']', 'to close the range');
    if (step === 0) throw errorAt(tok, 'a loop range step cannot be zero');
    const n = Math.max(0, Math.floor((end - start) / step) + 1);
    if (n > remaining) tooMany(n);
    values = Array.from({ length: n }, (_, k) => start + k * step);
  } else {
    return ts.unexpected('a range [start:end] or a set {a, b, …}', `after 'for … in'`);
  }
  if (type === 'uint') {
    const neg = values.find((v) => v < 0);
    if (neg !== undefined) throw errorAt(varTok, `loop variable 'uint ${varTok.text}' cannot take the negative value ${neg}`);
  }
  return { varTok, values, tok };
}

/**
 * Moves the stream past a loop body without running it (a loop of zero iterations): a braced
 * block up to its matching `}`, or one statement up to its `;`.
 */
export function skipBody(ts: TokenStream): void {
  let depth = 0;
  for (;;) {
    const t = ts.peek();
    if (t.kind === 'eof') ts.unexpected(depth ? "'}'" : "';'", 'to end the loop body');
    ts.next();
    if (t.kind !== 'op') continue;
    if (t.text === '{') depth++;
    else if (t.text === '}' && --depth === 0) return;
    else if (t.text === ';' && depth === 0) return;
  }
}
