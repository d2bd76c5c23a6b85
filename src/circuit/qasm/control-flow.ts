/**
 * Parsing of classical control: OpenQASM 2 `if(creg==int) op;` (Qiskit's qasm2 reading: the
 * register's integer value, bit 0 least significant) and OpenQASM 3
 * `if (cond) { … } else { … }` with the condition forms the circuit model holds: a bit
 * (`c[0]`, `!c[0]`, `c[0] == 1`, `c[0] != 0`), a whole register (`c == 5`, `c != 5`, a
 * `!=` swaps the bodies). Other conditions (`<`, `&&`, arithmetic, variables) are refused by
 * name. Bodies are parsed by the program's own statement parser into their own op lists.
 */
import type { IfCondition } from '../control-flow';
import type { Angle } from '../parameter';
import type { Operand } from './declarations';
import type { Token } from './lexer';
import { errorAt, type TokenStream } from './stream';

/** One interpreted operation of a program (a gate, directive or `if` block) before it becomes an instruction. */
export interface Op {
  name: string;
  /** null: a barrier on every qubit. */
  qubits: number[] | null;
  params: Angle[];
  clbits: number[];
  tok: Token;
  /** Only `if_else` / `while_loop`: the condition and the true then (optional) false body / the loop body. */
  cond?: IfCondition;
  blocks?: Op[][];
}

/** What {@link parseIf} needs from the program that parses it. */
export interface IfHost {
  readonly ts: TokenStream;
  readonly version: 2 | 3;
  /** `c` or `c[i]`, resolved to global clbits. */
  bitOperand(): Operand;
  /** True when the register of `name` was declared without a size (`bit c;`). */
  isScalarBit(name: string): boolean;
  /** A constant integer expression. */
  integer(what: string): { value: number; tok: Token };
  /** Parses one statement into the current op list. */
  statement(): void;
  /** Runs `fn` with a fresh op list and returns what it collected. */
  collect(fn: () => void): Op[];
  /** Appends an op to the current list. */
  push(op: Op): void;
  /** Checks that the condition's bits hold at run time what the program says (no constant 1s). */
  readable(clbits: readonly number[], tok: Token): void;
}

/** Statements a body may not hold (declarations are global in qbridge's subset). */
const NOT_IN_BODY = new Set(['qubit', 'qreg', 'creg', 'bit', 'gate', 'include', 'input', 'OPENQASM']);

/** Parses an `if` statement (the `if` token is next) and pushes its `if_else` op. */
export function parseIf(host: IfHost): void {
  const ts = host.ts;
  const tok = ts.next();
  ts.expectOp('(', "after 'if'");
  const { cond, negated } = host.version === 2 ? condition2(host) : runtimeCondition(host);
  ts.expectOp(')', 'to close the condition');
  let trueBody = body(host);
  let falseBody: Op[] | undefined;
  if (ts.isWord('else')) {
    if (host.version === 2) throw errorAt(ts.peek(), "'else' is OpenQASM 3 syntax, but this is an OpenQASM 2 program");
    ts.next();
    falseBody = body(host);
  }
  if (negated) [trueBody, falseBody] = [falseBody ?? [], trueBody];
  const blocks = falseBody && falseBody.length ? [trueBody, falseBody] : [trueBody];
  host.push({ name: 'if_else', qubits: [], params: [], clbits: [], tok, cond, blocks });
}

/** OpenQASM 2: `creg == int`, nothing else (the language has no other condition). */
function condition2(host: IfHost): { cond: IfCondition; negated: boolean } {
  const ts = host.ts;
  const regTok = ts.peek();
  const operand = host.bitOperand();
  if (!operand.register && !host.isScalarBit(regTok.text)) {
    throw errorAt(regTok, "OpenQASM 2 'if' compares a whole classical register with an integer (if(c==n)), not one bit");
  }
  if (!ts.isOp('==')) throw errorAt(ts.peek(), "OpenQASM 2 'if' conditions have the form if(creg==int)");
  ts.next();
  return { cond: value(host, operand), negated: false };
}

/** The casts a run-time condition may wrap around its bits: `int[4](c) == 1`, `bool(c[0])`. */
const CONDITION_CASTS = new Set(['int', 'uint', 'bool', 'bit']);

/**
 * An OpenQASM 3 condition on measured bits (the `(` is read, the `)` is not), as the circuit
 * model holds it: the bits, the value, and whether the comparison is `!=` (negated).
 */
export function runtimeCondition(host: IfHost): { cond: IfCondition; negated: boolean } {
  const first = host.ts.peek();
  const r = condition3(host);
  host.readable(r.cond.clbits, first);
  return r;
}

/**
 * The measured bits a run-time `switch` reads: a bit register, maybe in a cast (`int[2](c)`);
 * the `(` is read, the `)` is not.
 */
export function switchBits(host: IfHost): Operand {
  const ts = host.ts;
  const castTok = ts.peek();
  const cast = castTok.kind === 'ident' && CONDITION_CASTS.has(castTok.text) && (ts.isOp('(', 1) || ts.isOp('[', 1));
  if (cast) {
    ts.next();
    if (ts.acceptOp('[')) {
      host.integer('the cast width');
      ts.expectOp(']', 'after the cast width');
    }
    ts.expectOp('(', `after the cast type '${castTok.text}'`);
  }
  const operand = host.bitOperand();
  if (cast) ts.expectOp(')', `to close the cast to '${castTok.text}'`);
  host.readable(operand.indices, operand.tok);
  return operand;
}

function condition3(host: IfHost): { cond: IfCondition; negated: boolean } {
  const ts = host.ts;
  const castTok = ts.peek();
  if (castTok.kind === 'ident' && CONDITION_CASTS.has(castTok.text) && (ts.isOp('(', 1) || ts.isOp('[', 1))) {
    // `int[4](c)` reads the register's integer value, `bool(c[0])` the bit: the cast changes nothing.
    ts.next();
    if (ts.acceptOp('[')) {
      host.integer('the cast width');
      ts.expectOp(']', 'after the cast width');
    }
    ts.expectOp('(', `after the cast type '${castTok.text}'`);
    const t = ts.peek();
    const operand = host.bitOperand();
    ts.expectOp(')', `to close the cast to '${castTok.text}'`);
    return afterOperand(host, t, operand);
  }
  if (ts.acceptOp('!')) {
    const t = ts.peek();
    const operand = host.bitOperand();
    if (operand.indices.length !== 1) throw errorAt(t, "'!' applies to one bit; compare a register with an integer instead (c == 0)");
    refuseOther(host);
    return { cond: { clbits: operand.indices, value: 0 }, negated: false };
  }
  if (ts.peek().kind !== 'ident') {
    throw errorAt(ts.peek(), "unsupported 'if' condition: expected a classical bit or register (c[0], !c[0], c == 5)");
  }
  const t = ts.peek();
  return afterOperand(host, t, host.bitOperand());
}

function afterOperand(host: IfHost, t: Token, operand: Operand): { cond: IfCondition; negated: boolean } {
  const ts = host.ts;
  if (ts.isOp('==') || ts.isOp('!=')) {
    const negated = ts.next().text === '!=';
    return { cond: value(host, operand), negated };
  }
  refuseOther(host);
  if (operand.indices.length !== 1) {
    throw errorAt(t, `a register in an 'if' condition needs a comparison with an integer ('${t.text} == 1')`);
  }
  return { cond: { clbits: operand.indices, value: 1 }, negated: false };
}

/** After the operand only `)` may follow: name any other operator as unsupported. */
function refuseOther(host: IfHost): void {
  const t = host.ts.peek();
  if (!host.ts.isOp(')')) {
    throw errorAt(
      t,
      `unsupported 'if' condition: '${t.text}' (supported: c[0], !c[0], c[0] == 1, c == 5, c != 5)`,
    );
  }
}

function value(host: IfHost, operand: Operand): IfCondition {
  const { value: v, tok } = host.integer('the condition value');
  const max = 2 ** operand.indices.length;
  if (v < 0 || v >= max) {
    throw errorAt(tok, `condition value ${v} cannot be read from ${operand.indices.length} bit(s) of '${operand.tok.text}' (0 to ${max - 1})`);
  }
  refuseOther(host);
  return { clbits: operand.indices, value: v };
}

/** A `{ … }` block (OpenQASM 3) or one statement. */
function body(host: IfHost): Op[] {
  const ts = host.ts;
  return host.collect(() => {
    if (host.version === 3 && ts.acceptOp('{')) {
      while (!ts.isOp('}')) {
        if (ts.peek().kind === 'eof') ts.unexpected("'}'", "to close the 'if' body");
        if (ts.acceptOp(';')) continue;
        one(host);
      }
      ts.next();
      return;
    }
    if (host.version === 2 && ts.isOp('{')) throw errorAt(ts.peek(), "OpenQASM 2 'if' applies to one operation, not a block");
    one(host);
  });
}

function one(host: IfHost): void {
  const t = host.ts.peek();
  if (t.kind === 'ident' && NOT_IN_BODY.has(t.text)) {
    throw errorAt(t, `'${t.text}' declarations inside an 'if' body are not supported (declare at the top level)`);
  }
  if (host.version === 2 && t.kind === 'ident' && t.text === 'if') throw errorAt(t, "OpenQASM 2 'if' bodies cannot hold another 'if'");
  host.statement();
}
