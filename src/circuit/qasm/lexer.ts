import { QasmSyntaxError } from '../../core/errors';

/**
 * The OpenQASM 2/3 tokenizer. One lexer serves both versions: the differences (which keywords
 * exist, which gates are built in) are the parser's business. Positions are 1-based.
 */

/** Token kinds. `hwqubit` is a physical qubit `$3` (value = the index). */
export type TokenKind = 'ident' | 'int' | 'float' | 'string' | 'hwqubit' | 'op' | 'eof';

/** One token with its source position (1-based line and column). */
export interface Token {
  readonly kind: TokenKind;
  /** The source text (for `ident`, `π` is normalised to `pi`; strings without quotes). */
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

// Longest first, so `->` wins over `-` and `**` over `*`.
const OPERATORS = ['->', '**', '==', '!=', '<=', '>=', '&&', '||', '<<', '>>', '++',
  ';', ',', '(', ')', '[', ']', '{', '}', '+', '-', '*', '/', '^', '=', '@', ':', '<', '>', '!', '~', '&', '|', '%', '.'];

const NUMBER = /(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)(?:[eE][+-]?[0-9]+)?/y;

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isIdentStart = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isIdentPart = (c: string): boolean => isIdentStart(c) || isDigit(c);

/**
 * Splits `source` into tokens, skipping whitespace, `//` and `/* … *\/` comments.
 *
 * @throws {QasmSyntaxError} for an unexpected character, an unterminated comment or string
 */
export function tokenize(source: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  let col = 1;
  const n = source.length;
  const advance = (k: number): void => {
    for (let j = 0; j < k; j++) {
      if (source[i] === '\n') {
        line++;
        col = 1;
      } else col++;
      i++;
    }
  };
  while (i < n) {
    const c = source[i]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\f' || c === '\v' || c === '\uFEFF') {
      advance(1);
      continue;
    }
    if (c === '/' && source[i + 1] === '/') {
      while (i < n && source[i] !== '\n') advance(1);
      continue;
    }
    if (c === '/' && source[i + 1] === '*') {
      const l0 = line;
      const c0 = col;
      const end = source.indexOf('*/', i + 2);
      if (end < 0) throw new QasmSyntaxError('unterminated block comment', l0, c0);
      advance(end + 2 - i);
      continue;
    }
    const l0 = line;
    const c0 = col;
    const push = (kind: TokenKind, text: string, len: number): void => {
      out.push({ kind, text, line: l0, column: c0 });
      advance(len);
    };
    if (c === 'π') {
      push('ident', 'pi', 1);
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentPart(source[j]!)) j++;
      push('ident', source.slice(i, j), j - i);
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(source[i + 1] ?? ''))) {
      NUMBER.lastIndex = i;
      const text = NUMBER.exec(source)![0];
      if (isIdentStart(source[i + text.length] ?? '')) {
        throw new QasmSyntaxError(`malformed number '${text}${source[i + text.length]}'`, l0, c0);
      }
      push(/^[0-9]+$/.test(text) ? 'int' : 'float', text, text.length);
      continue;
    }
    if (c === '$') {
      let j = i + 1;
      while (j < n && isDigit(source[j]!)) j++;
      if (j === i + 1) throw new QasmSyntaxError("expected a physical qubit index after '$'", l0, c0);
      push('hwqubit', source.slice(i + 1, j), j - i);
      continue;
    }
    if (c === '"' || c === "'") {
      const end = source.indexOf(c, i + 1);
      const nl = source.indexOf('\n', i + 1);
      if (end < 0 || (nl >= 0 && nl < end)) throw new QasmSyntaxError('unterminated string', l0, c0);
      push('string', source.slice(i + 1, end), end + 1 - i);
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (op) {
      push('op', op, op.length);
      continue;
    }
    const cp = source.codePointAt(i)!;
    const shown = cp < 0x20 || cp === 0x7f ? `U+${cp.toString(16).padStart(4, '0').toUpperCase()}` : String.fromCodePoint(cp);
    throw new QasmSyntaxError(`unexpected character '${shown}'`, l0, c0);
  }
  out.push({ kind: 'eof', text: '', line, column: col });
  return out;
}

/** How a token reads in an error message. */
export function describeToken(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return 'end of file';
    case 'string':
      return `"${t.text}"`;
    case 'hwqubit':
      return `'$${t.text}'`;
    default:
      return `'${t.text}'`;
  }
}
