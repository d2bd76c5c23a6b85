import { parseExpr, type Expr } from './expr';
import { evalExpr } from './evaluate';
import type { Token } from './lexer';
import { errorAt, type TokenStream } from './stream';

/**
 * OpenQASM 3 gate modifiers (`ctrl @`, `ctrl(n) @`, `negctrl @`, `inv @`, `pow(k) @`, in any
 * chain) in front of a gate call or `gphase(θ)`. Parsing only: the meaning lives in
 * `src/circuit/modifiers.ts` (and `expand.ts` joins the two).
 * - `ctrl(n)` / `negctrl(n)`: n must be a constant positive integer (known when parsed, so the
 *   call's qubit count is known); the control qubits are the call's first operands, in the
 *   order the modifiers are written.
 * - `pow(k)`: k is any expression of constants and the enclosing gate's parameters, evaluated
 *   when the gate is applied; it must come out as a number.
 */

/** The modifier keywords. */
export const MODIFIER_WORDS: ReadonlySet<string> = new Set(['ctrl', 'negctrl', 'inv', 'pow']);

/** One written modifier. */
export type ParsedModifier =
  | { readonly kind: 'ctrl'; readonly count: number; readonly negated: boolean; readonly tok: Token }
  | { readonly kind: 'inv'; readonly tok: Token }
  | { readonly kind: 'pow'; readonly exponent: Expr; readonly tok: Token };

/** A modified call up to its operands: the modifiers (outermost first), the gate and its arguments. */
export interface ModifiedCall<G> {
  readonly modifiers: readonly ParsedModifier[];
  readonly nameTok: Token;
  /** The gate, or 'gphase' for `gphase(θ)`. */
  readonly gate: G | 'gphase';
  readonly args: readonly Expr[];
  /** Operands the call takes: the gate's qubits (none for gphase) plus one per control. */
  readonly numQubits: number;
}

/** The most controls one call may add (the circuit layer's own limit applies as well). */
const MAX_CTRL = 64;

/**
 * Parses `modifier @ … name(args)` (the current token is the first modifier), stopping before
 * the operands.
 *
 * @param lookup - the gate a name refers to, with its parameter and qubit counts
 * @param constants - the constants of the program's version, for `ctrl(n)`
 */
export function parseModifiedHead<G extends { readonly numParams: number; readonly numQubits: number }>(
  ts: TokenStream,
  version: 2 | 3,
  lookup: (name: string) => G | undefined,
  constants: Record<string, number>,
): ModifiedCall<G> {
  const modifiers: ParsedModifier[] = [];
  let controls = 0;
  while (ts.peek().kind === 'ident' && MODIFIER_WORDS.has(ts.peek().text)) {
    const tok = ts.next();
    if (version !== 3) throw errorAt(tok, `gate modifiers ('${tok.text} @') are OpenQASM 3 syntax, but this is an OpenQASM 2 program`);
    if (tok.text === 'inv') {
      if (ts.isOp('(')) throw errorAt(ts.peek(), "'inv' takes no argument");
      modifiers.push({ kind: 'inv', tok });
    } else if (tok.text === 'pow') {
      ts.expectOp('(', "after 'pow' (pow(k) @ gate)");
      const exponent = parseExpr(ts, version);
      ts.expectOp(')', 'to close the exponent of pow');
      modifiers.push({ kind: 'pow', exponent, tok });
    } else {
      let count = 1;
      if (ts.acceptOp('(')) {
        const e = parseExpr(ts, version);
        ts.expectOp(')', `to close the control count of '${tok.text}'`);
        let v: unknown;
        try {
          v = evalExpr(e, (n) => constants[n]);
        } catch {
          v = undefined; // names a variable or parameter: not a compile-time constant
        }
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_CTRL) {
          throw errorAt(e.tok, `the control count of '${tok.text}' must be a constant integer from 1 to ${MAX_CTRL}`);
        }
        count = v;
      }
      controls += count;
      modifiers.push({ kind: 'ctrl', count, negated: tok.text === 'negctrl', tok });
    }
    if (!ts.isOp('@')) ts.unexpected("'@'", `after the '${tok.text}' modifier`);
    ts.next();
  }
  const nameTok = ts.expectIdent('a gate name', 'after the gate modifiers');
  const gate = nameTok.text === 'gphase' ? 'gphase' : lookup(nameTok.text);
  if (!gate) throw errorAt(nameTok, `unknown gate '${nameTok.text}'`);
  const args: Expr[] = [];
  if (ts.acceptOp('(')) {
    if (!ts.isOp(')')) {
      do args.push(parseExpr(ts, version));
      while (ts.acceptOp(','));
    }
    ts.expectOp(')', 'to close the parameter list');
  }
  const numParams = gate === 'gphase' ? 1 : gate.numParams;
  if (args.length !== numParams) {
    throw errorAt(nameTok, `wrong number of parameters: gate '${nameTok.text}' expects ${numParams}, got ${args.length}`);
  }
  return { modifiers, nameTok, gate, args, numQubits: controls + (gate === 'gphase' ? 0 : gate.numQubits) };
}

/** The expressions a modified call reads (its arguments and pow exponents), for identifier checks. */
export function modifiedCallExprs(call: ModifiedCall<unknown>): Expr[] {
  return [...call.args, ...call.modifiers.flatMap((m) => (m.kind === 'pow' ? [m.exponent] : []))];
}
