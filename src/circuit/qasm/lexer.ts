import { DELAY_UNITS } from '../delay';
import { QasmSyntaxError } from '../../core/errors';

/**
 * The OpenQASM 2/3 tokenizer. One lexer serves both versions: the differences (which keywords
 * exist, which gates are built in) are the parser's business. Positions are 1-based.
 */

/**
 * Token kinds. `hwqubit` is a physical qubit `$3` (value = the index); `duration` is an
 * OpenQASM 3 duration literal such as `100ns` (text as written, see {@link durationOf}).
 */
export type TokenKind = 'ident' | 'int' | 'float' | 'duration' | 'string' | 'hwqubit' | 'op' | 'eof';

/** One token with its source position (1-based line and column). */
export interface Token {
  readonly kind: TokenKind;
  /**
   * The source text: for `ident`, the constants `π`, `τ`, `ℇ` are normalised to `pi`, `tau`,
   * `euler`; integer literals in hex, octal or binary or with `_` separators are given in
   * decimal; strings without quotes.
   */
  readonly text: string;
  readonly line: number;
  readonly column: number;
  /** The included file the token comes from (absent for the main program). */
  readonly file?: string;
}

// Longest first, so `->` wins over `-` and `**` over `*`.
// The compound assignments (`+=`, `<<=`, …) are OpenQASM 3 classical statements; `#` only
// appears in `#dim` of array parameters (refused by the parser, by name).
const OPERATORS = ['<<=', '>>=', '**=', '->', '**', '==', '!=', '<=', '>=', '&&', '||', '<<', '>>', '++',
  '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=',
  ';', ',', '(', ')', '[', ']', '{', '}', '+', '-', '*', '/', '^', '=', '@', ':', '<', '>', '!', '~', '&', '|', '%', '.', '#'];

// Decimal digits may be separated by single underscores (OpenQASM 3: `1_000`).
const NUMBER = /(?:[0-9](?:_?[0-9])*\.(?:[0-9](?:_?[0-9])*)?|\.[0-9](?:_?[0-9])*|[0-9](?:_?[0-9])*)(?:[eE][+-]?[0-9]+)?/y;
// OpenQASM 3 integer literals in other bases: 0x1F, 0o17, 0b101 (prefix letter in either case).
const BASED = /0([xXoObB])([0-9a-zA-Z_]*)/y;
const BASE_DIGITS: Record<string, RegExp> = {
  x: /^[0-9a-fA-F](?:_?[0-9a-fA-F])*$/, o: /^[0-7](?:_?[0-7])*$/, b: /^[01](?:_?[01])*$/,
};
const BASE_NAMES: Record<string, string> = { x: 'hex', o: 'octal', b: 'binary' };

/**
 * The duration units of OpenQASM 3, in seconds: the circuit's delay units (src/circuit/delay.ts),
 * `μs` also spelled with the Greek mu, and `dt` (the backend's sample time: null).
 */
export const DURATION_UNITS: Readonly<Record<string, number | null>> = { ...DELAY_UNITS, 'μs': DELAY_UNITS.us, dt: null };

/** A duration literal's value and unit, e.g. `2.5ms` → { value: 2.5, unit: 'ms' }. */
export function durationOf(text: string): { value: number; unit: string } {
  const m = /^(.*?)(ns|us|µs|μs|ms|s|dt)$/.exec(text)!;
  return { value: Number(m[1]), unit: m[2]! };
}

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
// OpenQASM 3 identifiers: a Unicode letter (classes Lu, Ll, Lt, Lm, Lo, Nl) or `_`, then also digits.
const isIdentStart = (c: string): boolean =>
  (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || (c > '\x7f' && /^[\p{L}\p{Nl}]$/u.test(c));
const isIdentPart = (c: string): boolean => isIdentStart(c) || isDigit(c);
/** The constants spelled as single characters, with their ASCII names. */
const CONSTANT_CHARS = new Map([['π', 'pi'], ['τ', 'tau'], ['ℇ', 'euler']]);
/** The (possibly astral) character at `i`. */
const charAt = (source: string, i: number): string => (i < source.length ? String.fromCodePoint(source.codePointAt(i)!) : '');

/**
 * Splits `source` into tokens, skipping whitespace, `//` and `/* … *\/` comments.
 *
 * @throws {QasmSyntaxError} for an unexpected character, an unterminated comment or string
 */
export function tokenize(source: string, file?: string): Token[] {
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
      out.push(file === undefined ? { kind, text, line: l0, column: c0 } : { kind, text, line: l0, column: c0, file });
      advance(len);
    };
    const atLineStart = (): boolean => /^[ \t]*$/.test(source.slice(source.lastIndexOf('\n', i - 1) + 1, i));
    // Pragmas (`pragma …` or the older `#pragma …`, each at the start of a line) run to the end
    // of the line and are ignored: qbridge knows no pragma that would change a program's meaning.
    if ((c === '#' || c === 'p') && (source.startsWith('#pragma', i) || /^pragma\b/.test(source.slice(i, i + 7))) && atLineStart()) {
      while (i < n && source[i] !== '\n') advance(1);
      continue;
    }
    // Annotations (`@name …` at the start of a line) apply to the next statement; qbridge knows
    // none, so they are ignored with the rest of their line.
    if (c === '@' && isIdentStart(charAt(source, i + 1)) && atLineStart()) {
      while (i < n && source[i] !== '\n') advance(1);
      continue;
    }
    const ch = charAt(source, i);
    if (isIdentStart(ch)) {
      let j = i + ch.length;
      while (j < n && isIdentPart(charAt(source, j))) j += charAt(source, j).length;
      const word = source.slice(i, j);
      push('ident', CONSTANT_CHARS.get(word) ?? word, j - i);
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(source[i + 1] ?? ''))) {
      BASED.lastIndex = i;
      const based = BASED.exec(source);
      if (based) {
        const base = based[1]!.toLowerCase();
        const label = BASE_NAMES[base]!;
        if (!BASE_DIGITS[base]!.test(based[2]!)) {
          const what = based[2] ? `'${based[0]}'` : `'${based[0]}' (no digits after '0${based[1]}')`;
          throw new QasmSyntaxError(`malformed ${label} literal ${what}`, l0, c0);
        }
        const value = BigInt(`0${base}${based[2]!.replace(/_/g, '')}`);
        push('int', value.toString(), based[0].length);
        continue;
      }
      NUMBER.lastIndex = i;
      const text = NUMBER.exec(source)![0];
      let j = i + text.length;
      let suffix = '';
      while (j < n && isIdentPart(charAt(source, j))) {
        suffix += charAt(source, j);
        j += charAt(source, j).length;
      }
      const plain = text.replace(/_/g, '');
      if (suffix && Object.hasOwn(DURATION_UNITS, suffix)) {
        push('duration', `${plain}${suffix}`, j - i);
        continue;
      }
      if (suffix === 'im' || suffix === 'i') {
        throw new QasmSyntaxError(`imaginary numbers are not supported here ('${text}${suffix}')`, l0, c0);
      }
      // `1e` is an exponent without digits, `2pi` a missing `*`: not duration attempts.
      if (/^[\p{L}]+$/u.test(suffix) && !/^([eE]|pi|tau|euler|[πτℇ])/u.test(suffix)) {
        throw new QasmSyntaxError(
          `unknown duration unit '${suffix}' in '${text}${suffix}' (units: ns, us, µs, ms, s, dt)`, l0, c0,
        );
      }
      if (suffix) throw new QasmSyntaxError(`malformed number '${text}${suffix}'`, l0, c0);
      push(/^[0-9]+$/.test(plain) ? 'int' : 'float', plain, text.length);
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
