import { QasmSyntaxError } from '../../core/errors';
import { describeToken, type Token } from './lexer';

/** A cursor over the token list with the error helpers every parser step needs. */
export class TokenStream {
  private pos = 0;
  private readonly tokens: Token[];
  constructor(tokens: readonly Token[]) {
    this.tokens = [...tokens];
  }

  /** Inserts `tokens` (no `eof`) at the current position: an included file's text is read next. */
  insert(tokens: readonly Token[]): void {
    this.tokens.splice(this.pos, 0, ...tokens);
  }

  /** The current token (never past `eof`). */
  peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }
  /** The current position, for {@link TokenStream.since}. */
  mark(): number {
    return this.pos;
  }
  /** Goes back to a position from {@link TokenStream.mark} (a loop body runs once per iteration). */
  seek(mark: number): void {
    this.pos = mark;
  }
  /** The tokens consumed since `mark`. */
  since(mark: number): Token[] {
    return this.tokens.slice(mark, this.pos);
  }
  /** Consumes and returns the current token. */
  next(): Token {
    const t = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }
  /** True when the current token is the operator `op`. */
  isOp(op: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'op' && t.text === op;
  }
  /** True when the current token is the identifier/keyword `word`. */
  isWord(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'ident' && t.text === word;
  }
  /** Consumes `op` if present. */
  acceptOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.next();
    return true;
  }
  /** Consumes `op` or throws "expected 'op' …, found …". */
  expectOp(op: string, context?: string): Token {
    if (!this.isOp(op)) this.unexpected(`'${op}'`, context);
    return this.next();
  }
  /** Consumes an identifier or throws. */
  expectIdent(what = 'an identifier', context?: string): Token {
    if (this.peek().kind !== 'ident') this.unexpected(what, context);
    return this.next();
  }
  /** Throws the standard "expected X, found Y" syntax error at the current token. */
  unexpected(expected: string, context?: string): never {
    const t = this.peek();
    throw new QasmSyntaxError(
      `syntax error: expected ${expected}${context ? ` ${context}` : ''}, found ${describeToken(t)}`,
      t.line,
      t.column,
    );
  }
}

/** A {@link QasmSyntaxError} positioned at `tok`. */
export function errorAt(tok: Token, detail: string): QasmSyntaxError {
  // A token of an included file names it: its line and column are that file's.
  return new QasmSyntaxError(tok.file === undefined ? detail : `${detail} (in "${tok.file}")`, tok.line, tok.column);
}
