/**
 * Issue 12, the parser's small items: the qelib1.inc extras in OpenQASM 2 and 3, and (below)
 * the lexical items of the OpenQASM 3 specification.
 */
import { Circuit, parseQasm, parseQasm2, toQasm3 } from '../../../../src';
import { expectSameUnitary } from '../../../support/qasm';

const EXTRAS: ReadonlyArray<[string, number]> = [['csx', 2], ['rccx', 3], ['rc3x', 4], ['c3x', 4], ['c3sqrtx', 4], ['c4x', 5]];
const operands = (k: number): string => Array.from({ length: k }, (_, i) => `q[${k - 1 - i}]`).join(', ');

describe('issue 12: the qelib1.inc extras', () => {
  it.each(EXTRAS)('%s: OpenQASM 2 with qelib1.inc reads it as the native gate', (name, k) => {
    const c = parseQasm(`OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[${k}];\n${name} ${operands(k)};\n`);
    expect(c.instructions.map((i) => [i.name, i.qubits])).toEqual([[name, Array.from({ length: k }, (_, i) => k - 1 - i)]]);
  });

  it.each(EXTRAS)('%s: OpenQASM 3 export writes a definition that reads back to the same gate and unitary', (name, k) => {
    const c = new Circuit(k).h(0).append(name, Array.from({ length: k }, (_, i) => k - 1 - i));
    const text = toQasm3(c);
    expect(text).toContain(`gate ${name} `);
    const back = parseQasm(text);
    expect(back.instructions.map((i) => i.name)).toEqual(['h', name]);
    // The written body itself, under another name, multiplies out to the gate.
    const renamed = text.replace(new RegExp(`^${name} q`, 'm'), `${name}_body q`).replace(`gate ${name} `, `gate ${name}_body `);
    expectSameUnitary(parseQasm(renamed), c);
  });

  it("qelib1.inc's own c3sqrtx text (Qiskit's qelib1.inc, CU1 angles ±π/8), defined under another name, equals c3sqrtx", () => {
    const src = `OPENQASM 2.0;
include "qelib1.inc";
gate mine a,b,c,d
{
    h d; cu1(pi/8) a,d; h d;
    cx a,b;
    h d; cu1(-pi/8) b,d; h d;
    cx a,b;
    h d; cu1(pi/8) b,d; h d;
    cx b,c;
    h d; cu1(-pi/8) c,d; h d;
    cx a,c;
    h d; cu1(pi/8) c,d; h d;
    cx b,c;
    h d; cu1(-pi/8) c,d; h d;
    cx a,c;
    h d; cu1(pi/8) c,d; h d;
}
qreg q[4];
mine q[0], q[1], q[2], q[3];
`;
    expectSameUnitary(parseQasm(src), new Circuit(4).append('c3sqrtx', [0, 1, 2, 3]));
  });

  it('a program may define its own gate under an extra name in OpenQASM 3 (its body is used)', () => {
    const c = parseQasm('OPENQASM 3.0;\ninclude "stdgates.inc";\ngate csx a, b { cx a, b; }\nqubit[2] q;\ncsx q[0], q[1];\n');
    expect(c.instructions.map((i) => i.name)).toEqual(['cx']);
  });
});

// The lexical items below follow the OpenQASM 3 specification's literal and identifier rules
// (duration units ns, us/µs, ms, s, dt; integer literals in bases 16, 8, 2 with `_`
// separators; Unicode letters in identifiers; π, τ, ℇ as constants; pragmas and annotations).
// The examples are written for these tests, not copied from the specification.
import { tokenize } from '../../../../src/circuit/qasm/lexer';
import { qasmError } from '../../../support/qasm';

const kinds = (src: string): string[] => tokenize(src).slice(0, -1).map((t) => `${t.kind}:${t.text}`);
const prog3 = (body: string): string => `OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[1] q;\n${body}\n`;

describe('issue 12: lexical items', () => {
  it('duration literals are duration tokens (1us, 100ns, 2.5ms, 10dt, 1s, 3µs)', () => {
    expect(kinds('1us 100ns 2.5ms 10dt 1s 3µs')).toEqual([
      'duration:1us', 'duration:100ns', 'duration:2.5ms', 'duration:10dt', 'duration:1s', 'duration:3µs',
    ]);
  });

  it("an unknown unit is named: '10d' → unknown duration unit 'd'", () => {
    expect(qasmError(() => parseQasm(prog3('rz(10d) q[0];'))).detail).toMatch(/^unknown duration unit 'd' in '10d'/);
  });

  it("imaginary literals: '5.5i' and '1.0im' say imaginary numbers are not supported here", () => {
    for (const lit of ['5.5i', '1.0im']) {
      const e = qasmError(() => parseQasm(prog3(`rz(${lit}) q[0];`)));
      expect(e.detail).toBe(`imaginary numbers are not supported here ('${lit}')`);
    }
  });

  it('hex, octal and binary integer literals with _ separators have their values', () => {
    expect(kinds('0xFF 0x1f 0o17 0b1101 1_000 0XdE_aD')).toEqual([
      'int:255', 'int:31', 'int:15', 'int:13', 'int:1000', `int:${0xdead}`,
    ]);
    const c = parseQasm(prog3('rz(0x10 * pi / 0b100) q[0];')); // 16π/4
    expect(c.instructions[0]!.params[0]).toBeCloseTo(4 * Math.PI, 14);
  });

  it("a bare '0x' and bad digits are named", () => {
    expect(qasmError(() => tokenize('0x;')).detail).toBe("malformed hex literal '0x' (no digits after '0x')");
    expect(qasmError(() => tokenize('0b102')).detail).toBe("malformed binary literal '0b102'");
  });

  it('Unicode identifiers (a gate rθ with parameter θ on qubit α) and the constants τ and ℇ', () => {
    const c = parseQasm(prog3('gate rθ(θ) α { rz(θ) α; }\nrθ(0.25) q[0];\nrx(τ / 4) q[0];\nry(ℇ) q[0];'));
    expect(c.instructions.map((i) => [i.name, i.params[0]])).toEqual([['rz', 0.25], ['rx', Math.PI / 2], ['ry', Math.E]]);
    expect(kinds('π τ ℇ πx')).toEqual(['ident:pi', 'ident:tau', 'ident:euler', 'ident:πx']);
  });

  it('pragmas (pragma … and #pragma …) are ignored to the end of their line', () => {
    const c = parseQasm(`OPENQASM 3.0;\npragma qiskit.simulator noise off\n#pragma braket verbatim\ninclude "stdgates.inc";\nqubit[1] q;\nx q[0];\n`);
    expect(c.instructions.map((i) => i.name)).toEqual(['x']);
  });

  it('annotations (@name … on the line before a statement) are accepted and ignored', () => {
    const c = parseQasm(prog3('@reversible\n  @bind("phys") 3\nh q[0];'));
    expect(c.instructions.map((i) => i.name)).toEqual(['h']);
    // `@` inside a line is still the modifier operator: inv @ h is h (H is its own inverse).
    expect(parseQasm(prog3('inv @ h q[0];')).instructions.map((i) => i.name)).toEqual(['h']);
  });
});

describe('issue 12: header-less OpenQASM 2', () => {
  it('a program without a header that includes qelib1.inc is read as OpenQASM 2', () => {
    const c = parseQasm('include "qelib1.inc";\nqreg q[2];\ncreg c[2];\nu1(pi) q[0];\ncx q[0],q[1];\nmeasure q -> c;\n');
    expect(c.instructions.map((i) => i.name)).toEqual(['u1', 'cx', 'measure', 'measure']);
    // Version 2 rules apply: '^' is a power, not OpenQASM 3's xor (2 xor 3 = 1).
    expect(parseQasm('include "qelib1.inc";\nqreg q[1];\nrz(2^3) q[0];\n').instructions[0]!.params).toEqual([8]);
    expect(parseQasm('include "stdgates.inc";\nqubit q;\nrz(2^3) q;\n').instructions[0]!.params).toEqual([1]);
  });
});
