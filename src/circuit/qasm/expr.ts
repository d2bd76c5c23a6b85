import { ParameterExpression, type Angle } from '../parameter';
import type { Token } from './lexer';
import { errorAt, type TokenStream } from './stream';

/**
 * Classical expressions: numbers, `pi`/`π` (and `tau`, `euler` in OpenQASM 3), identifiers,
 * `+ - * /`, unary minus, powers (`^` in OpenQASM 2, `**` in 3), parentheses and the built-in
 * functions. OpenQASM 3 adds, with the specification's precedence (lowest first): `||`, `&&`,
 * `|`, `^`, `&`, `== !=`, `< <= > >=`, `<< >>`, `+ -`, `* / %`, unary `- ! ~`, `**`; casts
 * `int[8](x)`, `bool(x)`, `bit[4](x)`; bit indexing of an integer `x[3]`; bitstring literals
 * `"0110"`; `true`/`false`.
 * Parsing builds a small tree; evaluation yields a number, or a {@link ParameterExpression}
 * when a free parameter is involved (only arithmetic may involve one).
 */
export type BinOp = '+' | '-' | '*' | '/' | '**' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||' | '&' | '|' | '^' | '<<' | '>>';
export type Expr =
  | { readonly k: 'num'; readonly v: number; readonly tok: Token }
  | { readonly k: 'id'; readonly name: string; readonly tok: Token }
  | { readonly k: 'neg'; readonly a: Expr; readonly tok: Token }
  | { readonly k: 'not' | 'bnot'; readonly a: Expr; readonly tok: Token }
  | { readonly k: 'bin'; readonly op: BinOp; readonly a: Expr; readonly b: Expr; readonly tok: Token }
  | { readonly k: 'call'; readonly fn: string; readonly args: readonly Expr[]; readonly tok: Token }
  | { readonly k: 'index'; readonly a: Expr; readonly index: Expr; readonly tok: Token }
  | { readonly k: 'cast'; readonly type: string; readonly width: Expr | undefined; readonly a: Expr; readonly tok: Token };

/** The scalar types a cast may name. */
export const CAST_TYPES: ReadonlySet<string> = new Set(['int', 'uint', 'float', 'angle', 'bool', 'bit']);

const MAX_DEPTH = 200;
const MAX_HEIGHT = 1000;

// Null-prototype tables: a program naming `constructor` or `toString` must not reach Object's.
const FUNCTIONS: Record<string, (x: number) => number> = Object.assign(Object.create(null) as Record<string, (x: number) => number>, {
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  exp: Math.exp,
  ln: Math.log,
  log: Math.log,
  sqrt: Math.sqrt,
  arcsin: Math.asin,
  arccos: Math.acos,
  arctan: Math.atan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  floor: Math.floor,
  ceiling: Math.ceil,
});

/** The OpenQASM 3 built-ins of two arguments. */
const FUNCTIONS2: Record<string, (x: number, y: number) => number> = Object.assign(Object.create(null) as Record<string, (x: number, y: number) => number>, {
  // The specification's mod is the remainder with the sign of the divisor, as Python's %.
  mod: (x: number, y: number) => x - y * Math.floor(x / y),
  pow: (x: number, y: number) => x ** y,
});

/** popcount counts the set bits of a non-negative integer (of any width up to 2^53). */
function popcount(x: number, tok: Token): number {
  if (!Number.isInteger(x) || x < 0) throw errorAt(tok, `popcount needs a non-negative integer, got ${x}`);
  let n = 0;
  for (let v = x; v > 0; v = Math.floor(v / 2)) n += v % 2;
  return n;
}

/** Names of the constants of each version. */
export function constantsFor(version: 2 | 3): Record<string, number> {
  const table = Object.create(null) as Record<string, number>;
  table.pi = Math.PI;
  if (version === 3) {
    table.tau = 2 * Math.PI;
    table.euler = Math.E;
  }
  return table;
}

/** Parses one expression (lowest precedence: `||` in OpenQASM 3, `+`/`-` in OpenQASM 2). */
export function parseExpr(ts: TokenStream, version: 2 | 3): Expr {
  // Bounded nesting: a deep `((((…` or `----x` must be a syntax error, not a stack overflow.
  let depth = 0;
  const enter = (): void => {
    if (++depth > MAX_DEPTH) throw errorAt(ts.peek(), `expression nested more than ${MAX_DEPTH} levels deep`);
  };
  // Evaluation recurses over the tree, so long operator chains are bounded too.
  const heights = new WeakMap<Expr, number>();
  const height = (e: Expr): number => heights.get(e) ?? 1;
  const bin = (op: BinOp, a: Expr, b: Expr, tok: Token): Expr => {
    const e: Expr = { k: 'bin', op, a, b, tok };
    const h = 1 + Math.max(height(a), height(b));
    if (h > MAX_HEIGHT) throw errorAt(tok, `expression longer than ${MAX_HEIGHT} operations`);
    heights.set(e, h);
    return e;
  };
  /** One left-associative level of binary operators over the next level. */
  const level = (ops: readonly string[], next: () => Expr): (() => Expr) => () => {
    let a = next();
    for (;;) {
      const t = ts.peek();
      if (t.kind !== 'op' || !ops.includes(t.text)) return a;
      ts.next();
      a = bin(t.text as BinOp, a, next(), t);
    }
  };
  const v3 = version === 3;
  const unary = (): Expr => {
    enter();
    let e: Expr;
    if (ts.isOp('-') || (v3 && (ts.isOp('!') || ts.isOp('~')))) {
      const tok = ts.next();
      const a = unary();
      e = { k: tok.text === '-' ? 'neg' : tok.text === '!' ? 'not' : 'bnot', a, tok };
      heights.set(e, height(a) + 1);
    } else if (ts.isOp('+')) {
      ts.next();
      e = unary();
    } else e = power();
    depth--;
    return e;
  };
  const multiplicative = level(v3 ? ['*', '/', '%'] : ['*', '/'], unary);
  const additive = level(['+', '-'], multiplicative);
  const shift = level(['<<', '>>'], additive);
  const comparison = level(['<', '<=', '>', '>='], shift);
  const equality = level(['==', '!='], comparison);
  const bitAnd = level(['&'], equality);
  const bitXor = level(['^'], bitAnd);
  const bitOr = level(['|'], bitXor);
  const logicalAnd = level(['&&'], bitOr);
  const logicalOr = level(['||'], logicalAnd);
  const top = v3 ? logicalOr : additive;
  const power = (): Expr => {
    const a = postfix();
    if (ts.isOp('**') || (!v3 && ts.isOp('^'))) {
      const tok = ts.next();
      return { k: 'bin', op: '**', a, b: unary(), tok };
    }
    return a;
  };
  const postfix = (): Expr => {
    let a = primary();
    while (v3 && ts.isOp('[') && (a.k === 'id' || a.k === 'index')) {
      const tok = ts.next();
      const index = top();
      ts.expectOp(']', 'to close the index');
      a = { k: 'index', a, index, tok };
    }
    return a;
  };
  const primary = (): Expr => {
    const tok = ts.peek();
    if (tok.kind === 'int' || tok.kind === 'float') {
      ts.next();
      return { k: 'num', v: Number(tok.text), tok };
    }
    if (v3 && tok.kind === 'string') {
      // A bitstring literal "0110": its integer value, the leftmost character most significant.
      ts.next();
      if (!/^[01](?:_?[01])*$/.test(tok.text)) throw errorAt(tok, `"${tok.text}" is not a bitstring literal (only 0, 1 and _)`);
      return { k: 'num', v: parseInt(tok.text.replace(/_/g, ''), 2), tok };
    }
    if (tok.kind === 'ident') {
      ts.next();
      if (v3 && CAST_TYPES.has(tok.text) && (ts.isOp('(') || ts.isOp('['))) return cast(tok);
      if (ts.isOp('(')) {
        const known = tok.text in FUNCTIONS || (v3 && (tok.text in FUNCTIONS2 || tok.text === 'popcount'));
        if (!known) throw errorAt(tok, `unknown function '${tok.text}'`);
        ts.next();
        const args = [top()];
        while (v3 && ts.acceptOp(',')) args.push(top());
        ts.expectOp(')', `to close the call of '${tok.text}'`);
        const want = tok.text in FUNCTIONS2 ? 2 : 1;
        if (args.length !== want) throw errorAt(tok, `'${tok.text}' takes ${want} argument${want > 1 ? 's' : ''}, got ${args.length}`);
        return { k: 'call', fn: tok.text, args, tok };
      }
      return { k: 'id', name: tok.text, tok };
    }
    if (ts.isOp('(')) {
      ts.next();
      const e = top();
      ts.expectOp(')', 'to close the parenthesis');
      return e;
    }
    return ts.unexpected('an expression');
  };
  const cast = (tok: Token): Expr => {
    let width: Expr | undefined;
    if (ts.acceptOp('[')) {
      if (tok.text === 'bool') throw errorAt(tok, "'bool' has no width");
      width = top();
      ts.expectOp(']', 'after the type width');
    }
    ts.expectOp('(', `after the cast type '${tok.text}'`);
    const a = top();
    ts.expectOp(')', `to close the cast to '${tok.text}'`);
    return { k: 'cast', type: tok.text, width, a, tok };
  };
  return top();
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

/** Every identifier an expression refers to (for checking gate bodies at definition time). */
export function identifiersOf(e: Expr, out: Token[] = []): Token[] {
  switch (e.k) {
    case 'id':
      out.push(e.tok);
      break;
    case 'neg':
    case 'not':
    case 'bnot':
    case 'cast':
      identifiersOf(e.a, out);
      break;
    case 'index':
      identifiersOf(e.a, out);
      identifiersOf(e.index, out);
      break;
    case 'bin':
      identifiersOf(e.a, out);
      identifiersOf(e.b, out);
      break;
    case 'call':
      for (const a of e.args) identifiersOf(a, out);
      break;
  }
  return out;
}
