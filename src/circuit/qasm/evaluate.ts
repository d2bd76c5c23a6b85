import { ParameterExpression, type Angle } from '../parameter';
import { FUNCTIONS, FUNCTIONS2, type BinOp, type Expr } from './expr';
import type { Token } from './lexer';
import { errorAt } from './stream';

/**
 * Evaluation of the expression trees expr.ts parses: numbers fold, parameters stay symbolic in
 * arithmetic; the classical operators (comparison, logic, bitwise, shifts, casts, bit indexing)
 * take numbers only, with the specification's integer semantics.
 */

/** popcount counts the set bits of a non-negative integer (of any width up to 2^53). */
function popcount(x: number, tok: Token): number {
  if (!Number.isInteger(x) || x < 0) throw errorAt(tok, `popcount needs a non-negative integer, got ${x}`);
  let n = 0;
  for (let v = x; v > 0; v = Math.floor(v / 2)) n += v % 2;
  return n;
}

/**
 * Resolves identifiers during evaluation; returns undefined for an unknown name. `tok` is where
 * the name is read (a scope may throw its own error there, e.g. for a value known only at run time).
 */
export type Scope = (name: string, tok: Token) => Angle | undefined;

const constNode = (v: number): ParameterExpression => new ParameterExpression({ op: 'const', value: v });

function combine(op: '+' | '-' | '*' | '/', a: Angle, b: Angle): Angle {
  if (typeof a === 'number' && typeof b === 'number') {
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        return a / b;
    }
  }
  const ea = typeof a === 'number' ? constNode(a) : a;
  switch (op) {
    case '+':
      return ea.add(b);
    case '-':
      return ea.sub(b);
    case '*':
      return ea.mul(b);
    case '/':
      return ea.div(b);
  }
}

/**
 * Evaluates `e`: numbers fold, parameters stay symbolic.
 *
 * @throws {QasmSyntaxError} for an undeclared identifier, a function or power of a parameter,
 *   or a non-finite result (division by zero)
 */
export function evalExpr(e: Expr, scope: Scope): Angle {
  const r = evalNode(e, scope);
  if (typeof r === 'number' && !Number.isFinite(r)) {
    throw errorAt(e.tok, 'expression does not evaluate to a finite number');
  }
  return r;
}

function evalNode(e: Expr, scope: Scope): Angle {
  switch (e.k) {
    case 'num':
      return e.v;
    case 'id': {
      const v = scope(e.name, e.tok);
      if (v === undefined) throw errorAt(e.tok, `undeclared identifier '${e.name}'`);
      return v;
    }
    case 'neg': {
      const a = evalNode(e.a, scope);
      return typeof a === 'number' ? -a : a.neg();
    }
    case 'not':
      return numeric(e.a, scope, "'!'") === 0 ? 1 : 0;
    case 'bnot': {
      // On an integer, ~ flips every bit (two's complement, as on a signed value); on a bool it negates.
      const a = integral(e.a, scope, "'~'");
      return -a - 1;
    }
    case 'bin': {
      if (e.op === '&&' || e.op === '||') {
        const a = numeric(e.a, scope, `'${e.op}'`) !== 0;
        // Short-circuit, as the specification's logical operators.
        if (e.op === '&&' ? !a : a) return a ? 1 : 0;
        return numeric(e.b, scope, `'${e.op}'`) !== 0 ? 1 : 0;
      }
      if (e.op === '+' || e.op === '-' || e.op === '*' || e.op === '/') return combine(e.op, evalNode(e.a, scope), evalNode(e.b, scope));
      if (e.op === '**') {
        const a = evalNode(e.a, scope);
        const b = evalNode(e.b, scope);
        if (typeof a !== 'number' || typeof b !== 'number') throw errorAt(e.tok, 'powers of parameters are not supported');
        return a ** b;
      }
      return classicalBinary(e.op, e, scope);
    }
    case 'call': {
      const xs = e.args.map((a) => evalNode(a, scope));
      if (xs.some((x) => typeof x !== 'number')) throw errorAt(e.tok, `function '${e.fn}' of a parameter is not supported`);
      const [x, y] = xs as number[];
      if (e.fn === 'popcount') return popcount(x!, e.tok);
      if (e.fn in FUNCTIONS2) return FUNCTIONS2[e.fn]!(x!, y!);
      return FUNCTIONS[e.fn]!(x!);
    }
    case 'index': {
      if (e.a.k !== 'id') throw errorAt(e.tok, 'indexing an indexed value (multi-dimensional arrays) is not supported');
      const v = integral(e.a, scope, 'bit indexing');
      const i = integral(e.index, scope, 'an index');
      if (i < 0 || i > 52) throw errorAt(e.index.tok, `bit index ${i} out of range (0 to 52 for an integer)`);
      return bitOf(v, i);
    }
    case 'cast':
      return castTo(e, scope);
  }
}

/** The value of `e` as a number; a parameter is named as unsupported by `what`. */
function numeric(e: Expr, scope: Scope, what: string): number {
  const v = evalNode(e, scope);
  if (typeof v !== 'number') throw errorAt(e.tok, `${what} of a parameter is not supported`);
  return v;
}

function integral(e: Expr, scope: Scope, what: string): number {
  const v = numeric(e, scope, what);
  if (!Number.isInteger(v)) throw errorAt(e.tok, `${what} needs an integer, got ${v}`);
  return v;
}

/** Bit `i` of the two's-complement integer `v`. */
function bitOf(v: number, i: number): number {
  return Number((BigInt(v) >> BigInt(i)) & 1n);
}

/** The comparison, `%` and bitwise operators (numbers only; integers for the bitwise ones). */
function classicalBinary(op: BinOp, e: Expr & { k: 'bin' }, scope: Scope): number {
  if (op === '%' || op === '==' || op === '!=' || op === '<' || op === '<=' || op === '>' || op === '>=') {
    const a = numeric(e.a, scope, `'${op}'`);
    const b = numeric(e.b, scope, `'${op}'`);
    switch (op) {
      case '%':
        if (b === 0) throw errorAt(e.tok, 'remainder of a division by zero');
        return a % b;
      case '==':
        return a === b ? 1 : 0;
      case '!=':
        return a !== b ? 1 : 0;
      case '<':
        return a < b ? 1 : 0;
      case '<=':
        return a <= b ? 1 : 0;
      case '>':
        return a > b ? 1 : 0;
      default:
        return a >= b ? 1 : 0;
    }
  }
  const a = BigInt(integral(e.a, scope, `'${op}'`));
  const b = BigInt(integral(e.b, scope, `'${op}'`));
  if ((op === '<<' || op === '>>') && (b < 0n || b > 1024n)) throw errorAt(e.tok, `shift by ${b} is out of range (0 to 1024)`);
  const r = op === '&' ? a & b : op === '|' ? a | b : op === '^' ? a ^ b : op === '<<' ? a << b : a >> b;
  return Number(r);
}

/** `int[w](x)`, `uint[w](x)`, `bool(x)`, `bit[w](x)`, `float(x)`, `angle(x)`. */
function castTo(e: Expr & { k: 'cast' }, scope: Scope): Angle {
  const a = evalNode(e.a, scope);
  if (e.type === 'float' || e.type === 'angle') {
    if (typeof a !== 'number') return a;
    if (e.type === 'float') return a;
    const tau = 2 * Math.PI;
    return ((a % tau) + tau) % tau;
  }
  if (typeof a !== 'number') throw errorAt(e.tok, `a cast to '${e.type}' of a parameter is not supported`);
  if (e.type === 'bool' || (e.type === 'bit' && !e.width)) return a !== 0 ? 1 : 0;
  const width = e.width ? integral(e.width, scope, 'a type width') : undefined;
  if (width !== undefined && (width < 1 || width > 64)) throw errorAt(e.width!.tok, `type width ${width} out of range (1 to 64)`);
  return wrapInteger(Math.trunc(a), e.type === 'int' ? 'int' : 'uint', width);
}

/**
 * An integer wrapped into `width` bits: unsigned (`uint`, `bit`) modulo 2^width, signed (`int`)
 * in two's complement, as the specification's integer types overflow. No width: unchanged.
 */
export function wrapInteger(v: number, type: 'int' | 'uint', width: number | undefined): number {
  if (width === undefined) return v;
  const m = 1n << BigInt(width);
  let r = ((BigInt(v) % m) + m) % m;
  if (type === 'int' && r >= m >> 1n) r -= m;
  return Number(r);
}

