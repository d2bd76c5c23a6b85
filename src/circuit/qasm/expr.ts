import { ParameterExpression, type Angle } from '../parameter';
import type { Token } from './lexer';
import { errorAt, type TokenStream } from './stream';

/**
 * Classical expressions in gate arguments: numbers, `pi`/`π` (and `tau`, `euler` in
 * OpenQASM 3), identifiers, `+ - * /`, unary minus, powers (`^` in OpenQASM 2, `**` in 3),
 * parentheses and the usual functions (sin, cos, …) of constant arguments.
 * Parsing builds a small tree; evaluation yields a number, or a {@link ParameterExpression}
 * when a free parameter is involved.
 */
export type Expr =
  | { readonly k: 'num'; readonly v: number; readonly tok: Token }
  | { readonly k: 'id'; readonly name: string; readonly tok: Token }
  | { readonly k: 'neg'; readonly a: Expr; readonly tok: Token }
  | { readonly k: 'bin'; readonly op: '+' | '-' | '*' | '/' | '**'; readonly a: Expr; readonly b: Expr; readonly tok: Token }
  | { readonly k: 'call'; readonly fn: string; readonly args: readonly Expr[]; readonly tok: Token };

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
});

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

/** Parses one expression (lowest precedence: `+`/`-`). */
export function parseExpr(ts: TokenStream, version: 2 | 3): Expr {
  // Bounded nesting: a deep `((((…` or `----x` must be a syntax error, not a stack overflow.
  let depth = 0;
  const enter = (): void => {
    if (++depth > MAX_DEPTH) throw errorAt(ts.peek(), `expression nested more than ${MAX_DEPTH} levels deep`);
  };
  // Evaluation recurses over the tree, so long operator chains are bounded too.
  const heights = new WeakMap<Expr, number>();
  const height = (e: Expr): number => heights.get(e) ?? 1;
  const bin = (op: '+' | '-' | '*' | '/', a: Expr, b: Expr, tok: Token): Expr => {
    const e: Expr = { k: 'bin', op, a, b, tok };
    const h = 1 + Math.max(height(a), height(b));
    if (h > MAX_HEIGHT) throw errorAt(tok, `expression longer than ${MAX_HEIGHT} operations`);
    heights.set(e, h);
    return e;
  };
  const additive = (): Expr => {
    let a = multiplicative();
    while (ts.isOp('+') || ts.isOp('-')) {
      const tok = ts.next();
      a = bin(tok.text as '+' | '-', a, multiplicative(), tok);
    }
    return a;
  };
  const multiplicative = (): Expr => {
    let a = unary();
    while (ts.isOp('*') || ts.isOp('/')) {
      const tok = ts.next();
      a = bin(tok.text as '*' | '/', a, unary(), tok);
    }
    return a;
  };
  const unary = (): Expr => {
    enter();
    let e: Expr;
    if (ts.isOp('-')) {
      const tok = ts.next();
      const a = unary();
      e = { k: 'neg', a, tok };
      heights.set(e, height(a) + 1);
    } else if (ts.isOp('+')) {
      ts.next();
      e = unary();
    } else e = power();
    depth--;
    return e;
  };
  const power = (): Expr => {
    const a = primary();
    if (ts.isOp('**') || ts.isOp('^')) {
      const tok = ts.next();
      if (tok.text === '^' && version === 3) {
        throw errorAt(tok, "'^' is bitwise xor in OpenQASM 3 and is not supported; use '**' for powers");
      }
      return { k: 'bin', op: '**', a, b: unary(), tok };
    }
    return a;
  };
  const primary = (): Expr => {
    const tok = ts.peek();
    if (tok.kind === 'int' || tok.kind === 'float') {
      ts.next();
      return { k: 'num', v: Number(tok.text), tok };
    }
    if (tok.kind === 'ident') {
      ts.next();
      if (ts.isOp('(')) {
        if (!(tok.text in FUNCTIONS)) throw errorAt(tok, `unknown function '${tok.text}'`);
        ts.next();
        const arg = additive();
        ts.expectOp(')', `to close the call of '${tok.text}'`);
        return { k: 'call', fn: tok.text, args: [arg], tok };
      }
      return { k: 'id', name: tok.text, tok };
    }
    if (ts.isOp('(')) {
      ts.next();
      const e = additive();
      ts.expectOp(')', 'to close the parenthesis');
      return e;
    }
    return ts.unexpected('an expression');
  };
  return additive();
}

/** Resolves identifiers during evaluation; returns undefined for an unknown name. */
export type Scope = (name: string) => Angle | undefined;

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
      const v = scope(e.name);
      if (v === undefined) throw errorAt(e.tok, `undeclared identifier '${e.name}'`);
      return v;
    }
    case 'neg': {
      const a = evalNode(e.a, scope);
      return typeof a === 'number' ? -a : a.neg();
    }
    case 'bin': {
      const a = evalNode(e.a, scope);
      const b = evalNode(e.b, scope);
      if (e.op === '**') {
        if (typeof a !== 'number' || typeof b !== 'number') {
          throw errorAt(e.tok, 'powers of parameters are not supported');
        }
        return a ** b;
      }
      return combine(e.op, a, b);
    }
    case 'call': {
      const x = evalNode(e.args[0]!, scope);
      if (typeof x !== 'number') throw errorAt(e.tok, `function '${e.fn}' of a parameter is not supported`);
      return FUNCTIONS[e.fn]!(x);
    }
  }
}

/** Every identifier an expression refers to (for checking gate bodies at definition time). */
export function identifiersOf(e: Expr, out: Token[] = []): Token[] {
  switch (e.k) {
    case 'id':
      out.push(e.tok);
      break;
    case 'neg':
      identifiersOf(e.a, out);
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
