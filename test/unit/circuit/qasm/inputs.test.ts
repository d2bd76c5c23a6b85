/**
 * OpenQASM 3 `input` parameters bound from the library and `output` declarations (issue 12,
 * declarations slice). Bound programs are compared with the circuit written with the numbers
 * (full unitary, global phase included).
 */
import { bindQasmInputs, Circuit, CircuitValidationError, parseQasmProgram } from '../../../../src';
import { expectSameUnitary, qasmError } from '../../../support/qasm';

const H = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n';
const SRC = `${H}input float zeta;\ninput angle[32] alpha;\ninput float unused;\nqubit[2] q;\noutput bit[2] c;\nrx(zeta) q[0];\nrz(alpha) q[1];\ncp(zeta - alpha) q[0], q[1];\nc = measure q;\n`;

describe('input parameters bindable from the library', () => {
  it('lists inputs in declaration order (circuit.parameters is sorted) and outputs', () => {
    const p = parseQasmProgram(SRC);
    expect(p.inputs.map((i) => [i.name, i.type, i.line])).toEqual([['zeta', 'float', 3], ['alpha', 'angle', 4], ['unused', 'float', 5]]);
    expect(p.circuit.parameters).toEqual(['alpha', 'zeta']);
    expect(p.outputs).toEqual([{ name: 'c', type: 'bit', size: 2, line: 7 }]);
  });

  it('binds by name and by declaration order to the circuit written with numbers', () => {
    const p = parseQasmProgram(SRC);
    const ref = new Circuit(2).rx(0.5, 0).rz(1.25, 1).cp(0.5 - 1.25, 0, 1);
    expectSameUnitary(bindQasmInputs(p, { alpha: 1.25, zeta: 0.5, unused: 9 }), ref);
    expectSameUnitary(bindQasmInputs(p, [0.5, 1.25, 9]), ref);
  });

  it('an angle input is taken modulo 2π (rz(2π + 0.3) differs from rz(0.3) by a global phase −1)', () => {
    const p = parseQasmProgram(`${H}input angle phi;\nqubit q;\nrz(phi) q;\n`);
    expectSameUnitary(bindQasmInputs(p, { phi: 2 * Math.PI + 0.3 }), new Circuit(1).rz(0.3, 0));
  });

  it('a vector element written by the exporter (_x_3_) binds by either name', () => {
    const p = parseQasmProgram(`${H}input float _x_3_;\nqubit q;\nry(_x_3_) q;\n`);
    expect(p.inputs[0]!.parameter).toBe('x[3]');
    expectSameUnitary(bindQasmInputs(p, { 'x[3]': 0.7 }), new Circuit(1).ry(0.7, 0));
    expectSameUnitary(bindQasmInputs(p, { _x_3_: 0.7 }), new Circuit(1).ry(0.7, 0));
  });

  it.each([
    ['an unknown input', { zeta: 1, alpha: 2, unused: 0, beta: 3 }, /^'beta' is not an input of the program \(inputs: zeta \(float\), alpha \(angle\), unused \(float\)\)$/],
    ['a missing input', { zeta: 1, unused: 0 }, /^input 'alpha' has no value/],
    ['a non-finite value', { zeta: Number.NaN, alpha: 2, unused: 0 }, /^input 'zeta' must be a finite number, got NaN$/],
    ['a short array', [1, 2], /^expected 3 input value\(s\) in declaration order/],
  ])('error: %s', (_name, values, message) => {
    const p = parseQasmProgram(SRC);
    let err: unknown;
    try {
      bindQasmInputs(p, values as Record<string, number>);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CircuitValidationError);
    expect((err as Error).message).toMatch(message);
  });

  it('output of a non-bit type is refused by name', () => {
    const e = qasmError(() => parseQasmProgram(`${H}output float x;`));
    expect(e.detail).toMatch(/^'output float' is not supported: only classical bit registers/);
    expect([e.line, e.column]).toEqual([3, 8]);
  });
});
