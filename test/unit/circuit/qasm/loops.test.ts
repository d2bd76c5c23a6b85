/**
 * OpenQASM 3 `for` loops over gate statements, unrolled when the program is read (issue 12,
 * declarations slice): ranges include their end, steps and negative steps, sets, nesting, the loop
 * variable in arguments, indices, slices and ctrl(n) @, `let` local to an iteration, and the
 * iteration limit. Each program is compared with the same circuit written out through the
 * library API.
 */
import { Circuit, parseQasm, Statevector, type Instruction } from '../../../../src';
import { expectSameUnitary, qasmError } from '../../../support/qasm';

const H = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n';
const ops = (c: Circuit): Array<[string, number[], unknown[]]> =>
  c.instructions.map((i: Instruction) => [i.name, [...i.qubits], [...i.params]]);

describe('for loops', () => {
  it('for uint i in [0:3] runs four times (the end is included), i in arguments and indices', () => {
    const c = parseQasm(`${H}qubit[4] q;\nfor uint i in [0:3] {\n  rx(i * 0.25) q[i];\n}\n`);
    expect(ops(c)).toEqual(ops(new Circuit(4).rx(0, 0).rx(0.25, 1).rx(0.5, 2).rx(0.75, 3)));
  });

  it('a step, a negative step (order matters for a cx chain) and a one-statement body', () => {
    const c = parseQasm(`${H}qubit[7] q;\nfor int i in [0:2:6] x q[i];\nfor int i in [2:-1:0] cx q[i], q[i + 1];\n`);
    expect(ops(c)).toEqual(ops(new Circuit(7).x(0).x(2).x(4).x(6).cx(2, 3).cx(1, 2).cx(0, 1)));
  });

  it('for i in {1, 5} (a set, in its order) and a float loop variable', () => {
    const c = parseQasm(`${H}qubit[6] q;\nfor i in {5, 1} h q[i];\nfor float a in {0.5, 1.5} { rz(a) q[0]; }\n`);
    expect(ops(c)).toEqual(ops(new Circuit(6).h(5).h(1).rz(0.5, 0).rz(1.5, 0)));
  });

  it('nested loops, slices from the loop variable, let local to each iteration, ctrl(i) @', () => {
    const c = parseQasm(`${H}qubit[4] q;
for int i in [0:1] {
  for int j in [0:1] {
    cp(pi / (i + j + 1)) q[i], q[j + 2];
  }
}
for int i in [0:1] {
  let pair = q[2 * i:2 * i + 1];
  cx pair[0], pair[1];
}
for int k in [1:1] ctrl(k) @ x q[0], q[3];
for int k in [0:1] ctrl(2) @ x q[k], q[k + 1], q[3];
`);
    const ref = new Circuit(4).cp(Math.PI, 0, 2).cp(Math.PI / 2, 0, 3).cp(Math.PI / 2, 1, 2).cp(Math.PI / 3, 1, 3).cx(0, 1).cx(2, 3);
    ref.cx(0, 3).ccx(0, 1, 3).ccx(1, 2, 3);
    expectSameUnitary(c, ref);
  });

  it('a loop of zero iterations skips its body; the program continues after it', () => {
    const c = parseQasm(`${H}qubit[2] q;\nfor int i in [3:2] { x q[i]; ctrl @ x q[0], q[1]; }\nh q[1];\n`);
    expect(ops(c)).toEqual(ops(new Circuit(2).h(1)));
  });

  it('a loop over a const bound (the spec: for uint i in [0: n_pairs - 1])', () => {
    const c = parseQasm(`${H}const int n = 3;\nqubit[n] q;\nfor uint i in [0:n - 1] h q[i];\n`);
    expect(ops(c)).toEqual(ops(new Circuit(3).h(0).h(1).h(2)));
  });

  it('a GHZ chain written as a loop (for int i in [1:n-1] cx q[i - 1], q[i];) gives (|0…0⟩ + |1…1⟩)/√2', () => {
    const n = 5;
    const sv = Statevector.fromCircuit(parseQasm(`${H}const int n = ${n};\nqubit[n] q;\nh q[0];\nfor int i in [1:n-1] cx q[i - 1], q[i];\n`));
    const expected = new Array<number>(2 ** n).fill(0);
    expected[0] = Math.SQRT1_2;
    expected[2 ** n - 1] = Math.SQRT1_2;
    expected.forEach((v, i) => {
      expect(sv.re[i]).toBeCloseTo(v, 12);
      expect(sv.im[i]).toBeCloseTo(0, 12);
    });
  });

  it.each([
    ['more iterations than the limit', `${H}qubit q;\nfor int i in [0:200000] x q;`, /^'for' loops unroll to more than 100000 iterations \(this one has 200001\)$/, 4, 1],
    ['nested loops past the limit', `${H}qubit q;\nfor int i in [0:999] { for int j in [0:199] { x q; } }`, /^'for' loops unroll to more than 100000 iterations/, 4, 24],
    ['a zero step', `${H}qubit q;\nfor int i in [0:0:3] x q;`, /^a loop range step cannot be zero$/, 4, 1],
    ['a qubit declared in a loop', `${H}for int i in [0:1] { qubit r; }`, /^'qubit' is not allowed inside a loop body/, 3, 22],
    ['a negative uint value', `${H}qubit q;\nfor uint i in [-1:1] x q;`, /^loop variable 'uint i' cannot take the negative value -1$/, 4, 10],
    ['a loop over a bare number', `${H}qubit q;\nfor int i in 3 x q;`, /^syntax error: expected a range \[start:end\] or a set/, 4, 14],
    ['the loop variable after its loop', `${H}qubit[2] q;\nfor int i in [0:1] x q[i];\nx q[i];`, /^undeclared identifier 'i'$/, 5, 5],
    ['an index out of range from the loop variable', `${H}qubit[2] q;\nfor int i in [0:2] x q[i];`, /^qubit index 2 out of range for register 'q' of size 2$/, 4, 24],
    ['a loop in OpenQASM 2', 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[1];\nfor i in [0:1] x q[0];', /^'for' is OpenQASM 3 syntax, but this is an OpenQASM 2 program$/, 4, 1],
    ['an unclosed body', `${H}qubit q;\nfor int i in [0:1] { x q;`, /^syntax error: expected '}' to close the loop body/, 4, 26],
  ])('error: %s', (_name, source, detail, line, column) => {
    const e = qasmError(() => parseQasm(source));
    expect(e.detail).toMatch(detail);
    expect([e.line, e.column]).toEqual([line, column]);
  });
});
