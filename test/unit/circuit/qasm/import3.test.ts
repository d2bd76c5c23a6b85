import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Circuit, GATES, Parameter, ParameterExpression, parseQasm, parseQasm3, Statevector, STDGATES_NAMES } from '../../../../src';
import { expectAllClose } from '../../../support/numeric';
import { expectSameUnitary, expectUnitary } from '../../../support/qasm';

const PI = Math.PI;
const S2 = Math.SQRT1_2;
const head = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n';

/** Qiskit's UGate from its closed form (gates.md), independent of src/circuit/gates.ts. */
function uRows(t: number, p: number, l: number): [number, number][][] {
  const c = Math.cos(t / 2);
  const s = Math.sin(t / 2);
  return [
    [[c, 0], [-Math.cos(l) * s, -Math.sin(l) * s]],
    [[Math.cos(p) * s, Math.sin(p) * s], [Math.cos(p + l) * c, Math.sin(p + l) * c]],
  ];
}

describe('OpenQASM 3 import: declarations and statements', () => {
  it('reads the Bell program with whole-register measurement', () => {
    const c = parseQasm(`${head}qubit[2] q;\nbit[2] c;\nh q[0];\ncx q[0], q[1];\nc = measure q;\n`);
    expect(c.numQubits).toBe(2);
    expect(c.classicalRegisters).toEqual([{ name: 'c', size: 2, offset: 0 }]);
    expect(c.instructions.map((i) => [i.name, i.qubits, i.clbits])).toEqual([
      ['h', [0], []],
      ['cx', [0, 1], []],
      ['measure', [0], [0]],
      ['measure', [1], [1]],
    ]);
    const sv = Statevector.fromCircuit(c);
    expectAllClose(sv.re, [S2, 0, 0, S2]);
  });

  it('accepts OPENQASM 3; and a missing header (version 3)', () => {
    expect(parseQasm('OPENQASM 3;\ninclude "stdgates.inc";\nqubit q;\nx q;').instructions[0]!.name).toBe('x');
    expect(parseQasm('include "stdgates.inc";\nqubit q;\nx q;').instructions[0]!.name).toBe('x');
    expect(parseQasm3('qubit q; U(pi, 0, pi) q;').instructions[0]!.name).toBe('u');
  });

  it('parseQasm3 refuses an OpenQASM 2 program; versions 2.1 and 4 are refused', () => {
    expect(() => parseQasm3('OPENQASM 2.0;\nqreg q[1];')).toThrow(/expected an OpenQASM 3 program, found version 2.0/);
    expect(() => parseQasm('OPENQASM 2.1;\nqreg q[1];')).toThrow(/unsupported OpenQASM version '2.1'/);
    expect(parseQasm('OPENQASM 3.1;\nqubit q;\nU(0, 0, 0) q;').numQubits).toBe(1);
  });

  it('flattens several quantum registers in declaration order (gates.md §1)', () => {
    const c = parseQasm(`${head}qubit[2] a;\nqubit anc;\nqubit[2] b;\nx a[1];\nx anc;\nx b[0];\n`);
    expect(c.numQubits).toBe(5);
    expect(c.instructions.map((i) => i.qubits[0])).toEqual([1, 2, 3]);
    expect(Statevector.fromCircuit(c).probabilities()[0b01110]).toBeCloseTo(1, 14);
  });

  it('declares bit, bit[n] and classical registers in order, with single-bit and arrow measurements', () => {
    const c = parseQasm(`${head}qubit[3] q;\nbit flag;\nbit[2] c;\nflag = measure q[2];\nc[1] = measure q[0];\nmeasure q[1] -> c[0];\n`);
    expect(c.classicalRegisters).toEqual([
      { name: 'flag', size: 1, offset: 0 },
      { name: 'c', size: 2, offset: 1 },
    ]);
    expect(c.instructions.map((i) => [i.qubits[0], i.clbits[0]])).toEqual([
      [2, 0],
      [0, 2],
      [1, 1],
    ]);
  });

  it('reads physical qubits $k with width = highest index + 1', () => {
    const c = parseQasm(`${head}bit[2] meas;\nrz(pi/2) $0;\nsx $2;\ncz $0, $2;\nmeas[0] = measure $0;\nmeas[1] = measure $2;\n`);
    expect(c.numQubits).toBe(3);
    expect(c.instructions[2]).toMatchObject({ name: 'cz', qubits: [0, 2] });
  });

  it('reads the IBM Sampler example program (physical qubits, rz/sx/cz) as a Bell-like state', () => {
    const src =
      'OPENQASM 3.0;\ninclude "stdgates.inc";\nbit[2] meas;\nrz(pi/2) $0;\nsx $0;\nrz(pi/2) $0;\nrz(pi/2) $1;\nsx $1;\nrz(pi/2) $1;\ncz $0, $1;\nrz(pi/2) $1;\nsx $1;\nrz(pi/2) $1;\nmeas[0] = measure $0;\nmeas[1] = measure $1;\n';
    const p = Statevector.fromCircuit(parseQasm(src)).probabilities();
    expectAllClose(p, [0.5, 0, 0, 0.5], 1e-12);
  });

  it('turns input float[64] declarations into parameters and builds parameter expressions', () => {
    const c = parseQasm(`${head}input float[64] theta;\ninput angle phi;\nqubit q;\nrz(2*theta) q;\nrx(-(theta + phi)/2) q;\n`);
    expect(c.parameters).toEqual(['phi', 'theta']);
    const theta = new Parameter('theta');
    const phi = new Parameter('phi');
    expect((c.instructions[0]!.params[0] as ParameterExpression).node).toEqual(new ParameterExpression({ op: 'const', value: 2 }).mul(theta).node);
    const bound = c.assignParameters({ theta: 0.3, phi: 0.2 });
    expect(bound.instructions[0]!.params[0]).toBeCloseTo(0.6, 15);
    expect(bound.instructions[1]!.params[0]).toBeCloseTo(-0.25, 15);
    expect(phi.name).toBe('phi');
  });

  it('reads sanitised vector-element names back as vector elements (_x_0_ → x[0])', () => {
    const c = parseQasm(`${head}input float[64] _x_0_;\ninput float[64] _x_10_;\ninput float[64] _x_2_;\nqubit q;\nrz(_x_0_ + _x_10_ + _x_2_) q;`);
    expect(c.parameters).toEqual(['x[0]', 'x[2]', 'x[10]']);
    const plain = parseQasm(`${head}input float[64] _x_0_;\nqubit q;\nrz(_x_0_) q;`, { vectorParameterNames: false });
    expect(plain.parameters).toEqual(['_x_0_']);
  });

  it('evaluates constant expressions: pi, π, tau, + - * /, unary minus, parentheses, scientific notation', () => {
    const cases: [string, number][] = [
      ['pi/2', PI / 2],
      ['π/4', PI / 4],
      ['-pi', -PI],
      ['2*(pi - 1)/3', (2 * (PI - 1)) / 3],
      ['1e1', 10],
      ['3e-3', 3e-3],
      ['.5', 0.5],
      ['2.5e-1', 0.25],
      ['-1.25E+0', -1.25],
      ['- - 1', 1],
      ['tau', 2 * PI],
      ['2**3', 8],
      ['1 - 2 - 3', -4],
      ['8/2/2', 2],
      ['sin(pi/2)', 1],
    ];
    for (const [text, value] of cases) {
      const c = parseQasm(`${head}qubit q;\nrz(${text}) q;`);
      expect(c.instructions[0]!.params[0]).toBeCloseTo(value, 14);
    }
  });

  it('handles // and /* */ comments', () => {
    const c = parseQasm(`// leading\n${head}/* a\n multi-line */ qubit q; // trailing\nx /* inline */ q;`);
    expect(c.instructions.map((i) => i.name)).toEqual(['x']);
  });

  it('broadcasts a gate over a register and pairs registers elementwise', () => {
    const c = parseQasm(`${head}qubit[3] q;\nqubit[3] r;\nh q;\ncx q, r;\ncz q[0], r;\n`);
    expect(c.instructions.map((i) => `${i.name}${i.qubits.join('')}`)).toEqual([
      'h0', 'h1', 'h2', 'cx03', 'cx14', 'cx25', 'cz03', 'cz04', 'cz05',
    ]);
  });

  it('keeps barriers (explicit and bare = all qubits) and resets', () => {
    const c = parseQasm(`${head}qubit[3] q;\nbarrier q[0], q[2];\nbarrier;\nreset q[1];\nreset q;\n`);
    expect(c.instructions.map((i) => [i.name, i.qubits])).toEqual([
      ['barrier', [0, 2]],
      ['barrier', [0, 1, 2]],
      ['reset', [1]],
      ['reset', [0]],
      ['reset', [1]],
      ['reset', [2]],
    ]);
  });

  it('reads gphase at top level and inside gate bodies as global phase', () => {
    const c = parseQasm(`${head}input float[64] a;\ngate ph(x) q { gphase(x/2); }\nqubit q;\ngphase(0.25);\nph(1) q;\n`);
    expect(c.globalPhase).toBeCloseTo(0.75, 15);
    expect(parseQasm(`${head}input float[64] a;\nqubit q;\ngphase(a);`).parameters).toEqual(['a']);
  });
});

describe('OpenQASM 3 import: gate names and matrices', () => {
  it('maps every stdgates.inc name to the Qiskit gate of that name (aliases CX, phase, cphase)', () => {
    const alias: Record<string, string> = { CX: 'cx', phase: 'p', cphase: 'cp' };
    for (const name of STDGATES_NAMES) {
      const target = alias[name] ?? name;
      const def = GATES.get(target)!;
      const params = [0.3, -1.1, 0.7, 0.45].slice(0, def.numParams);
      const qubits = [2, 0, 1].slice(0, def.numQubits);
      const src = `${head}qubit[3] q;\n${name}${params.length ? `(${params.join(', ')})` : ''} ${qubits.map((k) => `q[${k}]`).join(', ')};`;
      const expected = new Circuit(3).append(target, qubits, params);
      expectSameUnitary(parseQasm(src), expected);
    }
  });

  it('gives Qiskit matrices, not the literal stdgates.inc ones (closed forms, global phase included)', () => {
    const one = (stmt: string, n = 1): Circuit => parseQasm(`${head}qubit[${n}] q;\n${stmt}`);
    expectUnitary(one('U(0.3, -1.1, 0.7) q[0];'), uRows(0.3, -1.1, 0.7));
    expectUnitary(one('u3(0.3, -1.1, 0.7) q[0];'), uRows(0.3, -1.1, 0.7));
    expectUnitary(one('u2(-1.1, 0.7) q[0];'), uRows(PI / 2, -1.1, 0.7));
    expectUnitary(one('x q[0];'), [[[0, 0], [1, 0]], [[1, 0], [0, 0]]]);
    expectUnitary(one('h q[0];'), [[[S2, 0], [S2, 0]], [[S2, 0], [-S2, 0]]]);
    expectUnitary(one('rz(0.8) q[0];'), [[[Math.cos(0.4), -Math.sin(0.4)], [0, 0]], [[0, 0], [Math.cos(0.4), Math.sin(0.4)]]]);
    expectUnitary(one('u1(0.8) q[0];'), [[[1, 0], [0, 0]], [[0, 0], [Math.cos(0.8), Math.sin(0.8)]]]);
    expectUnitary(one('sx q[0];'), [[[0.5, 0.5], [0.5, -0.5]], [[0.5, -0.5], [0.5, 0.5]]]);
    // CX: plain CNOT with control = first argument (the LSB), no relative phase.
    expectUnitary(one('CX q[0], q[1];', 2), [
      [[1, 0], [0, 0], [0, 0], [0, 0]],
      [[0, 0], [0, 0], [0, 0], [1, 0]],
      [[0, 0], [0, 0], [1, 0], [0, 0]],
      [[0, 0], [1, 0], [0, 0], [0, 0]],
    ]);
    // cu: e^{iγ} on the control-1 block only.
    const g = 0.9;
    const u = uRows(0.3, -1.1, 0.7);
    const e = (a: readonly [number, number]): [number, number] => [a[0] * Math.cos(g) - a[1] * Math.sin(g), a[0] * Math.sin(g) + a[1] * Math.cos(g)];
    expectUnitary(one('cu(0.3, -1.1, 0.7, 0.9) q[0], q[1];', 2), [
      [[1, 0], [0, 0], [0, 0], [0, 0]],
      [[0, 0], e(u[0]![0]!), [0, 0], e(u[0]![1]!)],
      [[0, 0], [0, 0], [1, 0], [0, 0]],
      [[0, 0], e(u[1]![0]!), [0, 0], e(u[1]![1]!)],
    ]);
  });

  it('the stdgates.inc traps of gates.md: U-based user gates equal Qiskit gates exactly', () => {
    const oneQ = (def: string, call: string, expected: Circuit): void =>
      expectSameUnitary(parseQasm(`${head}${def}\nqubit q;\n${call} q;`), expected);
    oneQ('gate myx a { U(pi, 0, pi) a; }', 'myx', new Circuit(1).x(0));
    oneQ('gate myh a { U(pi/2, 0, pi) a; }', 'myh', new Circuit(1).h(0));
    oneQ('gate myy a { U(pi, pi/2, pi/2) a; }', 'myy', new Circuit(1).y(0));
    oneQ('gate myrx(t) a { U(t, -pi/2, pi/2) a; }', 'myrx(0.7)', new Circuit(1).rx(0.7, 0));
    oneQ('gate myry(t) a { U(t, 0, 0) a; }', 'myry(0.7)', new Circuit(1).ry(0.7, 0));
    oneQ('gate mysx a { sdg a; h a; sdg a; gphase(pi/4); }', 'mysx', new Circuit(1).sx(0));
    // gates.md's u and sxdg definitions must be accepted and give Qiskit's matrices.
    oneQ('gate u(th, ph, la) a { U(th, ph, la) a; }', 'u(0.3, -1.1, 0.7)', new Circuit(1).u(0.3, -1.1, 0.7, 0));
    oneQ('gate sxdg a { rx(-pi/2) a; rz(pi/2) a; p(-pi/2) a; }', 'sxdg', new Circuit(1).sxdg(0));
  });

  it('uses the body of a user definition of a qbridge-native name instead of the built-in', () => {
    // A deliberately different body: "rzz" defined as a plain CZ must act as CZ.
    const c = parseQasm(`${head}gate rzz(t) a, b { cz a, b; }\nqubit[2] q;\nrzz(0.4) q[0], q[1];`);
    expect(c.instructions.map((i) => i.name)).toEqual(['cz']);
    const sx = parseQasm(`${head}gate sxdg a { x a; }\nqubit q;\nsxdg q;`);
    expect(sx.instructions.map((i) => i.name)).toEqual(['x']);
  });

  it("reads Qiskit's rzz definition block (as qasm3.dumps writes it) as RZZ", () => {
    const src = `${head}gate rzz(_gate_p_0) _gate_q_0, _gate_q_1 {\n  cx _gate_q_0, _gate_q_1;\n  rz(_gate_p_0) _gate_q_1;\n  cx _gate_q_0, _gate_q_1;\n}\nqubit[2] q;\nrzz(0.6) q[0], q[1];\n`;
    const c = parseQasm(src);
    expectSameUnitary(c, new Circuit(2).rzz(0.6, 0, 1));
  });

  it('accepts u, sxdg, rzz, rxx, ryy and ecr without a definition, with Qiskit matrices', () => {
    const c = parseQasm(`${head}qubit[2] q;\nu(0.1, 0.2, 0.3) q[0];\nsxdg q[1];\nrzz(0.4) q[0], q[1];\nrxx(0.5) q[1], q[0];\nryy(0.6) q[0], q[1];\necr q[1], q[0];\n`);
    const b = new Circuit(2).u(0.1, 0.2, 0.3, 0).sxdg(1).rzz(0.4, 0, 1).rxx(0.5, 1, 0).ryy(0.6, 0, 1).ecr(1, 0);
    expect(c.instructions).toEqual(b.instructions);
  });

  it('inlines nested user gates with parameter substitution, including symbolic parameters', () => {
    const src = `${head}input float[64] th;\ngate inner(a) x { rz(a/2) x; }\ngate outer(a, b) x, y { inner(2*a) x; cx x, y; inner(b) y; }\nqubit[2] q;\nouter(th, 0.5) q[1], q[0];\n`;
    const c = parseQasm(src);
    expect(c.instructions.map((i) => [i.name, i.qubits])).toEqual([
      ['rz', [1]],
      ['cx', [1, 0]],
      ['rz', [0]],
    ]);
    const bound = c.assignParameters({ th: 0.3 });
    expect(bound.instructions[0]!.params[0]).toBeCloseTo(0.3, 15);
    expect(bound.instructions[2]!.params[0]).toBeCloseTo(0.25, 15);
  });
});

describe('fixtures', () => {
  const read = (f: string): string => readFileSync(join(__dirname, '../../../../fixtures/qasm', f), 'utf8');

  it('parametrised.qasm: nested user gate, Qiskit rzz block, vector parameter, whole-register h', () => {
    const c = parseQasm(read('parametrised.qasm'));
    const theta = new Parameter('theta');
    const x0 = new Parameter('x[0]');
    expect(c.parameters).toEqual(['theta', 'x[0]']);
    expect(c.classicalRegisters).toEqual([{ name: 'meas', size: 2, offset: 0 }]);
    const bound = c.assignParameters({ theta: 0.4, 'x[0]': 0.9 });
    const b = 2 * 0.9 - PI / 4;
    const expected = new Circuit(2, { classicalRegisters: { meas: 2 } }).h(0).h(1).ry(0.4, 0).ry(b, 1).rzz(0.4 * b, 0, 1);
    expectSameUnitary(bound, expected);
    expect(c.instructions.map((i) => i.name)).toEqual(['h', 'h', 'ry', 'ry', 'rzz', 'barrier', 'measure', 'measure']);
    expect(theta.name + x0.name).toBe('thetax[0]');
  });

  it('bell.qasm and bell2.qasm give the same circuit', () => {
    expect(parseQasm(read('bell.qasm')).instructions).toEqual(parseQasm(read('bell2.qasm')).instructions);
  });
});
