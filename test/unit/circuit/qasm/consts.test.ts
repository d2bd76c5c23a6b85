/**
 * OpenQASM 3 `const` declarations (issue 12, declarations slice): a const's value is usable in
 * gate arguments, register sizes, indices, `ctrl(n) @` and gate bodies. Each program is compared
 * with the same circuit built through the library API (full unitary, global phase included), so
 * a wrong value, a dropped const or a mis-sized register fails.
 */
import { Circuit, parseQasm } from '../../../../src';
import { expectSameUnitary, qasmError } from '../../../support/qasm';

const H = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n';

describe('const declarations', () => {
  it('const values in gate arguments, register sizes and indices (the spec: const int[32] n_pairs = …; qubit[2*n_pairs] q;)', () => {
    const c = parseQasm(`${H}const int[32] n = 2;\nconst uint m = n + 1;\nconst float theta = pi / n;\nqubit[2 * m] q;\nrx(theta) q[m];\ncx q[n - 2], q[2 * m - 1];\nry(theta * m) q[0];\n`);
    expect(c.numQubits).toBe(6);
    expectSameUnitary(c, new Circuit(6).rx(Math.PI / 2, 3).cx(0, 5).ry((3 * Math.PI) / 2, 0));
  });

  it('const in ctrl(n) @ and in a gate body declared after the const', () => {
    const c = parseQasm(`${H}const int k = 2;\nconst angle a = 3 * pi;\ngate g q0 { rz(a / 3) q0; }\nqubit[3] q;\nctrl(k) @ x q[0], q[1], q[2];\ng q[0];\n`);
    // angle consts live on the circle: 3π is π.
    expectSameUnitary(c, new Circuit(3).ccx(0, 1, 2).rz(Math.PI / 3, 0));
  });

  it('const bool from true/false and a negative index from a const (q[-k] counts from the end)', () => {
    const c = parseQasm(`${H}const bool on = true;\nconst int k = 1;\nqubit[3] q;\nrx(on * pi) q[-k];\n`);
    expectSameUnitary(c, new Circuit(3).rx(Math.PI, 2));
  });

  it.each([
    ['assigning to a const', `${H}const int n = 1;\nn = 2;`, /^cannot assign to 'n': it is a const \(declared at line 3\)$/, 4, 1],
    ['measuring into a const', `${H}const int n = 1;\nqubit q;\nn = measure q;`, /^cannot assign to 'n': it is a const/, 5, 1],
    ['a const from an input', `${H}input float th;\nconst float w = 2 * th;`, /^const 'w' cannot depend on the input 'th'/, 4, 21],
    ['a non-integer int', `${H}const int n = 1.5;`, /^const int 'n' must have an integer value, got 1.5$/, 3, 15],
    ['a negative uint', `${H}const uint n = -1;`, /^const uint 'n' cannot be negative, got -1$/, 3, 16],
    ['a const without a value', `${H}const int n;`, /^syntax error: expected '=' after 'const int n' \(a const needs a value\)/, 3, 12],
    ['an unsupported const type', `${H}const complex z = 1;`, /^'const complex' is not supported/, 3, 7],
    ['a duplicate const', `${H}const int n = 1;\nconst int n = 2;`, /^duplicate declaration: 'n' is already declared at line 3$/, 4, 11],
    ['a const named like a built-in constant', `${H}const float pi = 3;`, /^'pi' is a built-in constant and cannot be redeclared$/, 3, 13],
    ['a register sized by a non-integer const', `${H}const float w = 1.5;\nqubit[w] q;`, /^register size must be an integer$/, 4, 7],
  ])('error: %s', (_name, source, detail, line, column) => {
    const e = qasmError(() => parseQasm(source));
    expect(e.detail).toMatch(detail);
    expect([e.line, e.column]).toEqual([line, column]);
  });
});
