import { identifiersOf, parseExpr } from './expr';
import { evalExpr } from './evaluate';
import type { Token } from './lexer';
import { errorAt, type TokenStream } from './stream';

/**
 * OpenQASM 3 `const` declarations: `const int n = 3;`, `const uint[8] m = n + 1;`,
 * `const float x = pi / 4;`, `const angle[20] a = 3 * pi;`, `const bool b = true;`.
 *
 * The value is computed when the program is read, from literals, built-in constants and earlier
 * consts (never from `input` parameters, whose values come later), and then behaves as a
 * built-in constant: in gate arguments, register sizes, indices, `ctrl(n) @` and gate bodies.
 */

/** The scalar types a const may have. */
export const CONST_TYPES: ReadonlySet<string> = new Set(['int', 'uint', 'float', 'angle', 'bool']);

/** A parsed `const` declaration with its value. */
export interface ConstDeclaration {
  nameTok: Token;
  type: string;
  value: number;
}

/**
 * Parses `const TYPE[width]? NAME = EXPR;` (the current token is `const`).
 *
 * @param constants - the built-in constants and the consts declared so far
 * @param isInput - true for the names of `input` parameters (named in the error)
 * @throws {QasmSyntaxError} for an unsupported type, a value that is not constant, a
 *   non-integer value of an integer type or a negative `uint`
 */
export function parseConstDeclaration(
  ts: TokenStream,
  version: 2 | 3,
  constants: Record<string, number>,
  isInput: (name: string) => boolean,
): ConstDeclaration {
  ts.next();
  const type = ts.expectIdent('a type', "after 'const'");
  if (!CONST_TYPES.has(type.text)) {
    throw errorAt(type, `'const ${type.text}' is not supported: a const is an int, uint, float, angle or bool`);
  }
  if (ts.acceptOp('[')) {
    if (type.text === 'bool') throw errorAt(type, "'bool' has no width");
    const wTok = ts.peek();
    const w = evalExpr(parseExpr(ts, version), (n) => constants[n]);
    if (typeof w !== 'number' || !Number.isInteger(w) || w < 1 || w > 1024) {
      throw errorAt(wTok, 'the type width must be an integer between 1 and 1024');
    }
    ts.expectOp(']', 'after the type width');
  }
  const nameTok = ts.expectIdent('a name', `after 'const ${type.text}'`);
  ts.expectOp('=', `after 'const ${type.text} ${nameTok.text}' (a const needs a value)`);
  const valueTok = ts.peek();
  const expr = parseExpr(ts, version);
  ts.expectOp(';', 'after the const declaration');
  for (const id of identifiersOf(expr)) {
    if (isInput(id.text)) {
      throw errorAt(id, `const '${nameTok.text}' cannot depend on the input '${id.text}': a const's value is fixed when the program is read`);
    }
  }
  // `true`/`false` exist only as values of a bool const here (the expression grammar has no booleans).
  const scope = (n: string): number | undefined =>
    type.text === 'bool' && (n === 'true' || n === 'false') ? Number(n === 'true') : constants[n];
  const v = evalExpr(expr, scope);
  if (typeof v !== 'number') throw errorAt(valueTok, `const '${nameTok.text}' must have a constant value`);
  let value = v;
  if (type.text === 'int' || type.text === 'uint') {
    if (!Number.isInteger(v)) throw errorAt(valueTok, `const ${type.text} '${nameTok.text}' must have an integer value, got ${v}`);
    if (type.text === 'uint' && v < 0) throw errorAt(valueTok, `const uint '${nameTok.text}' cannot be negative, got ${v}`);
  } else if (type.text === 'bool') {
    value = v !== 0 ? 1 : 0;
  } else if (type.text === 'angle') {
    // An angle is a value on the circle, in [0, 2π).
    const tau = 2 * Math.PI;
    value = ((v % tau) + tau) % tau;
  }
  return { nameTok, type: type.text, value };
}
