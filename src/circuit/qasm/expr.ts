import type { Token } from './lexer';
import { errorAt, type TokenStream } from './stream';

/**
 * Classical expressions: numbers, `pi`/`π` (and `tau`, `euler` in OpenQASM 3), identifiers,
 * `+ - * /`, unary minus, powers (`^` in OpenQASM 2, `**` in 3), parentheses and the built-in
 * functions. OpenQASM 3 adds, with the specification's precedence (lowest first): `||`, `&&`,
 * `|`, `^`, `&`, `== !=`, `< <= > >=`, `<< >>`, `+ -`, `* / %`, unary `- ! ~`, `**`; casts
 * `int[8](x)`, `bool(x)`, `bit[4](x)`; bit indexing of an integer `x[3]`; bitstring literals
 * `"0110"`; `true`/`false`.
 * Parsing builds a small tree (here); evaluation (evaluate.ts) yields a number, or a
 * parameter expression when a free parameter is involved (only arithmetic may involve one).
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
export const FUNCTIONS: Record<string, (x: number) => number> = Object.assign(Object.create(null) as Record<string, (x: number) => number>, {
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
export const FUNCTIONS2: Record<string, (x: number, y: number) => number> = Object.assign(Object.create(null) as Record<string, (x: number, y: number) => number>, {
  // The specification's mod is the remainder with the sign of the divisor, as Python's %.
  mod: (x: number, y: number) => x - y * Math.floor(x / y),
  pow: (x: number, y: number) => x ** y,
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
