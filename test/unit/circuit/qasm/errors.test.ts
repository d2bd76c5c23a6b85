import { CircuitValidationError, parseQasm, QasmSyntaxError } from '../../../../src';
import { qasmError } from '../../../support/qasm';

const H = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n';

/** [case, source, expected detail (regexp), line, column] */
const CASES: ReadonlyArray<readonly [string, string, RegExp, number, number]> = [
  ['empty file', '', /^empty file/, 1, 1],
  ['only comments', '// nothing\n/* here */\n', /^empty file/, 1, 1],
  ['no statements after the header', 'OPENQASM 3.0;\n', /^no statements/, 2, 1],
  ['unknown gate', `${H}qubit q;\nfoo q;`, /^unknown gate 'foo'$/, 4, 1],
  ['stdgates gate without the include', 'OPENQASM 3.0;\nqubit q;\nh q;', /^unknown gate 'h' \(it is defined in "stdgates.inc"/, 3, 1],
  ['wrong number of qubits', `${H}qubit[2] q;\ncx q[0];`, /^wrong number of qubit arguments: gate 'cx' expects 2, got 1$/, 4, 1],
  ['missing parameter', `${H}qubit q;\nrz q;`, /^wrong number of parameters: gate 'rz' expects 1, got 0$/, 4, 1],
  ['extra parameter', `${H}qubit q;\nh(0.1) q;`, /^wrong number of parameters: gate 'h' expects 0, got 1$/, 4, 1],
  ['qubit index out of range', `${H}qubit[2] q;\nh q[2];`, /^qubit index 2 out of range for register 'q' of size 2$/, 4, 5],
  ['bit index out of range', `${H}qubit[2] q;\nbit[1] c;\nc[1] = measure q[0];`, /^bit index 1 out of range/, 5, 3],
  ['undeclared qubit register', `${H}qubit q;\nh r;`, /^undeclared qubit register 'r'$/, 4, 3],
  ['undeclared classical register', `${H}qubit q;\nc = measure q;`, /^undeclared classical register 'c'$/, 4, 1],
  ['undeclared identifier', `${H}qubit q;\nrz(theta) q;`, /^undeclared identifier 'theta'$/, 4, 4],
  ['missing semicolon', `${H}qubit q\nh q;`, /^syntax error: expected ';' after the declaration, found 'h'$/, 4, 1],
  ['unexpected token', `${H}qubit q;\nh q q;`, /^syntax error: expected ';' after the gate call, found 'q'$/, 4, 5],
  ['unclosed parenthesis', `${H}qubit q;\nrz(0.5 q;`, /^syntax error: expected '\)'/, 4, 8],
  ['unexpected character', `${H}qubit q;\nh q; ?`, /^unexpected character '\?'$/, 4, 6],
  ['unterminated comment', `${H}qubit q; /* oops`, /^unterminated block comment$/, 3, 10],
  ['unterminated string', 'OPENQASM 3.0;\ninclude "stdgates.inc;\n', /^unterminated string$/, 2, 9],
  ['malformed number', `${H}qubit q;\nrz(1e) q;`, /^malformed number '1e'$/, 4, 4],
  ['end of file inside a gate body', `${H}gate g a { x a;`, /expected '}' to close the body of gate 'g', found end of file/, 3, 16],
  ['duplicate qubit declaration', `${H}qubit q;\nqubit[2] q;`, /^duplicate declaration: 'q' is already declared at line 3$/, 4, 10],
  ['duplicate bit declaration', `${H}qubit q;\nbit c;\nbit[2] c;`, /^duplicate declaration: 'c'/, 5, 8],
  ['duplicate gate', `${H}gate g a { x a; }\ngate g a { y a; }`, /^duplicate declaration: gate 'g' is already defined at line 3$/, 4, 6],
  ['redefined stdgates gate', `${H}gate h a { x a; }`, /^duplicate declaration: gate 'h' is already defined by stdgates.inc$/, 3, 6],
  ['if condition', `${H}qubit q;\nbit c;\nif (c < 1) x q;`, /^unsupported 'if' condition: '<'/, 5, 7],
  ['for past the iteration limit', `${H}qubit q;\nfor int i in [0:100000] { x q; }`, /^'for' loops unroll to more than 100000 iterations/, 4, 1],
  ['while past the iteration limit', `${H}while (true) { }`, /^'while' loop still running after the program's limit of 100000 loop iterations/, 3, 1],
  ['return outside a subroutine', `${H}return;`, /^'return' outside a subroutine$/, 3, 1],
  ['opaque', `${H}opaque g a;`, /^opaque gate declarations \('opaque'\) are not supported$/, 3, 1],
  ['real power of a two-qubit gate', `${H}qubit[2] q;\npow(0.5) @ swap q[0], q[1];`, /^pow\(0\.5\) @ swap: a non-integer power is supported for one-qubit gates, controlled one-qubit gates and diagonal gates of up to 5 qubits only/, 4, 1],
  ['modifier in OpenQASM 2', 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\nctrl @ x q[0], q[1];', /^gate modifiers \('ctrl @'\) are OpenQASM 3 syntax/, 4, 1],
  ['modified call with too few operands', `${H}qubit[2] q;\nctrl(2) @ x q[0], q[1];`, /^wrong number of qubit arguments: the modified gate 'x' takes 3, got 2$/, 4, 11],
  ['not a modifier', `${H}qubit[2] q;\nfoo @ x q[0];`, /^'foo' is not a gate modifier \(ctrl, negctrl, inv, pow\)$/, 4, 1],
  ['complex variable', `${H}complex z;`, /^complex variables \('complex'\) are not supported$/, 3, 1],
  ['duplicate qubit argument', `${H}qubit[2] q;\ncx q[0], q[0];`, /^duplicate qubit argument/, 4, 1],
  ['broadcast size mismatch', `${H}qubit[2] q;\nqubit[3] r;\ncx q, r;`, /^cannot broadcast registers of different sizes/, 5, 7],
  ['measure size mismatch', `${H}qubit[2] q;\nbit[3] c;\nc = measure q;`, /^measure: 2 qubit\(s\) but 3 classical bit\(s\)$/, 5, 5],
  ['physical and declared qubits mixed', `${H}qubit[2] q;\nh $0;`, /^physical qubits \(\$n\) cannot be mixed with declared qubits$/, 4, 3],
  ['unsupported version', 'OPENQASM 4.0;\nqubit q;', /^unsupported OpenQASM version '4.0'/, 1, 10],
  ['unknown include', 'OPENQASM 3.0;\ninclude "foo.inc";', /^cannot include "foo.inc"/, 2, 9],
  ['late header', `${H}qubit q;\nOPENQASM 3.0;`, /^the OPENQASM version header must be the first statement$/, 4, 1],
  ['unknown gate in a body', `${H}gate g a { nope a; }`, /^unknown gate 'nope'$/, 3, 12],
  ['undeclared identifier in a body', `${H}gate g(t) a { rz(s) a; }`, /^undeclared identifier 's' in the body of gate 'g'$/, 3, 18],
  ['undeclared qubit in a body', `${H}gate g a { x b; }`, /^undeclared qubit 'b' in the body of gate 'g'$/, 3, 14],
  ['division by zero', `${H}qubit q;\nrz(1/0) q;`, /^expression does not evaluate to a finite number$/, 4, 5],
  ['zero-size register', `${H}qubit[0] q;`, /^register size must be between 1 and/, 3, 7],
  ['non-integer index', `${H}qubit[2] q;\nh q[0.5];`, /^an index must be an integer$/, 4, 5],
  ['classical register used as qubits', `${H}qubit q;\nbit c;\nh c;`, /^'c' is a classical register where a qubit was expected$/, 5, 3],
  ['measure without target', `${H}qubit q;\nmeasure q;`, /^measure without a target bit is not supported/, 4, 10],
  ['deeply nested expression', `${H}qubit q;\nrz(${'('.repeat(500)}1${')'.repeat(500)}) q;`, /nested more than/, 4, 204],
];

describe('OpenQASM import errors', () => {
  it.each(CASES)('%s', (_name, source, detail, line, column) => {
    const e = qasmError(() => parseQasm(source));
    expect(e.detail).toMatch(detail);
    expect([e.line, e.column]).toEqual([line, column]);
  });

  it('gives every case its own detail (an all-comment file is the empty-file case again)', () => {
    const details = CASES.filter(([name]) => name !== 'only comments').map(([, src]) => qasmError(() => parseQasm(src)).detail);
    expect(new Set(details).size).toBe(details.length);
  });

  it('is a QasmSyntaxError (a CircuitValidationError, code QASM_INVALID) whose message carries line and column', () => {
    try {
      parseQasm(`${H}qubit q;\nfoo q;`);
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(QasmSyntaxError);
      expect(e).toBeInstanceOf(CircuitValidationError);
      expect((e as QasmSyntaxError).code).toBe('QASM_INVALID');
      expect((e as Error).message).toBe("unknown gate 'foo' (line 4, column 1)");
    }
  });

  it('rejects a non-string source with a QasmSyntaxError', () => {
    expect(qasmError(() => parseQasm(42 as unknown as string)).detail).toMatch(/must be a string/);
  });
});
