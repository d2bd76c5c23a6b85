import type { Token } from './lexer';
import { skipBody } from './loops';
import { errorAt, type TokenStream } from './stream';

/**
 * OpenQASM 3 subroutines (`def`), expanded inline at each call: the body is read again for every
 * call with its parameters bound — qubit parameters as aliases of the argument's qubits,
 * classical parameters as variables holding the argument's value, bit parameters as the
 * argument's bits. The body sees the program's gates, subroutines and constants, and nothing
 * else of the caller (OpenQASM subroutines take everything else as arguments).
 *
 * Return values: `return measure q;` measures into the caller's target (`c = f(…);`); a `bit`
 * variable declared in the body and returned (`bit[2] b; … return b;`) is the caller's target
 * itself, so measurements into it land there; a classical value (`return x + 1;`) is assigned to
 * the target when the call returns. A subroutine's body is checked when it is called, not
 * where it is defined (a subroutine never called is only read for its braces).
 */

/** One parameter of a subroutine. */
export type SubroutineParam =
  | { readonly kind: 'qubit'; readonly size: number | undefined; readonly nameTok: Token }
  | { readonly kind: 'bit'; readonly size: number | undefined; readonly nameTok: Token }
  | { readonly kind: 'value'; readonly type: string; readonly width: number | undefined; readonly nameTok: Token };

/** A parsed `def`: its signature and where its body's tokens are. */
export interface Subroutine {
  readonly nameTok: Token;
  readonly params: readonly SubroutineParam[];
  /** The return type (`bit`, `bit[2]`, `int[32]`, …), or undefined for none. */
  readonly returns: { readonly type: string; readonly size: number | undefined } | undefined;
  /** Token position of the body's `{`. */
  readonly body: number;
  /** The name of the bit variable the body returns (`return b;`), if it returns one. */
  readonly returnedLocal: string | undefined;
}

/** Most nested subroutine calls (a recursive subroutine would never end when expanded inline). */
export const MAX_CALL_DEPTH = 64;

/** Most subroutine calls a program may expand in all (calls of calls multiply). */
export const MAX_CALLS = 100_000;

const VALUE_TYPES = new Set(['int', 'uint', 'float', 'angle', 'bool']);

/**
 * Parses `def NAME(PARAMS) [-> TYPE] { … }` (the current token is `def`); the body is skipped.
 *
 * @param size - reads a constant size inside `[…]`
 * @throws {QasmSyntaxError} for a malformed signature or an array parameter (not supported)
 */
export function parseSubroutine(ts: TokenStream, size: (what: string) => number): Subroutine {
  ts.next();
  const nameTok = ts.expectIdent('a subroutine name', "after 'def'");
  const params: SubroutineParam[] = [];
  ts.expectOp('(', `after the subroutine name '${nameTok.text}'`);
  if (!ts.isOp(')')) {
    do params.push(parameter(ts, size));
    while (ts.acceptOp(','));
  }
  ts.expectOp(')', 'to close the parameter list');
  let returns: Subroutine['returns'];
  if (ts.acceptOp('->')) {
    const t = ts.expectIdent('a return type', "after '->'");
    if (t.text !== 'bit' && !VALUE_TYPES.has(t.text)) throw errorAt(t, `a subroutine returning '${t.text}' is not supported (bit, int, uint, float, angle, bool)`);
    let n: number | undefined;
    if (ts.acceptOp('[')) {
      n = size('the return type width');
      ts.expectOp(']', 'after the width');
    }
    returns = { type: t.text, size: n };
  }
  if (!ts.isOp('{')) ts.unexpected("'{'", `to open the body of subroutine '${nameTok.text}'`);
  const body = ts.mark();
  let returnedLocal: string | undefined;
  const start = ts.mark();
  skipBody(ts);
  for (const [k, t] of ts.since(start).entries()) {
    if (t.kind === 'ident' && t.text === 'return') {
      const next = ts.since(start)[k + 1];
      const after = ts.since(start)[k + 2];
      if (next?.kind === 'ident' && next.text !== 'measure' && after?.kind === 'op' && after.text === ';') returnedLocal = next.text;
    }
  }
  return { nameTok, params, returns, body, returnedLocal };
}

function parameter(ts: TokenStream, size: (what: string) => number): SubroutineParam {
  const t = ts.peek();
  if (ts.isWord('readonly') || ts.isWord('mutable') || ts.isWord('array')) {
    throw errorAt(t, 'array parameters of subroutines are not supported');
  }
  const type = ts.expectIdent('a parameter type', 'in the parameter list');
  if (type.text === 'qubit' || type.text === 'bit' || type.text === 'creg' || type.text === 'qreg') {
    let n: number | undefined;
    if (ts.acceptOp('[')) {
      n = size('a register size');
      ts.expectOp(']', 'after the register size');
    }
    const nameTok = ts.expectIdent('a parameter name', `after '${type.text}'`);
    // `creg c[n]` / `qreg q[n]`: the OpenQASM 2 spellings some programs use in signatures.
    if ((type.text === 'creg' || type.text === 'qreg') && ts.acceptOp('[')) {
      n = size('a register size');
      ts.expectOp(']', 'after the register size');
    }
    return { kind: type.text === 'qubit' || type.text === 'qreg' ? 'qubit' : 'bit', size: n, nameTok };
  }
  if (!VALUE_TYPES.has(type.text)) throw errorAt(type, `a subroutine parameter of type '${type.text}' is not supported`);
  let width: number | undefined;
  if (ts.acceptOp('[')) {
    width = size('a type width');
    ts.expectOp(']', 'after the type width');
  }
  const nameTok = ts.expectIdent('a parameter name', `after '${type.text}'`);
  return { kind: 'value', type: type.text, width, nameTok };
}

/**
 * True when the call's parenthesised arguments are followed by qubit operands
 * (`f(1) q, r;`, the gate-like call form): the parentheses then hold the classical arguments only.
 */
export function isGateStyleCall(ts: TokenStream): boolean {
  if (!ts.isOp('(')) return true;
  let depth = 0;
  for (let k = 0; ; k++) {
    const t = ts.peek(k);
    if (t.kind === 'eof') return false;
    if (t.kind !== 'op') continue;
    if (t.text === '(') depth++;
    else if (t.text === ')' && --depth === 0) {
      const after = ts.peek(k + 1);
      return after.kind === 'ident' || after.kind === 'hwqubit';
    }
  }
}
