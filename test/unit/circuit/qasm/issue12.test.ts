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
