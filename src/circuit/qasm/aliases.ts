import type { Operand } from './declarations';
import type { Token } from './lexer';
import { errorAt, type TokenStream } from './stream';

/**
 * OpenQASM 3 `let` aliases of qubits: `let a = q[0:1] ++ r;`, `let first = q[0];`,
 * `let evens = q[0:2:5];`. The right side is one or more qubit operands (registers, slices,
 * index sets, earlier aliases) joined by `++`; the alias names those qubits in that order and is
 * then used wherever a register may be (with its own indices and slices). An alias of a single
 * indexed qubit is a single qubit (it does not broadcast).
 */
export interface AliasDeclaration {
  nameTok: Token;
  indices: number[];
  scalar: boolean;
}

/**
 * Parses `let NAME = OPERAND (++ OPERAND)*;` (the current token is `let`).
 *
 * @param qubitOperand - reads one qubit operand at the stream's position
 * @param isBits - true for a classical register name (aliases of bits are refused by name)
 */
export function parseAlias(ts: TokenStream, qubitOperand: () => Operand, isBits: (name: string) => boolean): AliasDeclaration {
  ts.next();
  const nameTok = ts.expectIdent('an alias name', "after 'let'");
  ts.expectOp('=', `after 'let ${nameTok.text}'`);
  const parts: Operand[] = [];
  do {
    const t = ts.peek();
    if (t.kind === 'ident' && isBits(t.text)) {
      throw errorAt(t, `aliases of classical bits ('let ${nameTok.text} = ${t.text}…') are not supported; only qubits can be aliased`);
    }
    parts.push(qubitOperand());
  } while (ts.acceptOp('++'));
  ts.expectOp(';', 'after the alias');
  const indices = parts.flatMap((p) => p.indices);
  return { nameTok, indices, scalar: parts.length === 1 && !parts[0]!.register };
}
