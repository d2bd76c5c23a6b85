import fc from 'fast-check';
import {
  Circuit,
  GATES,
  Parameter,
  ParameterExpression,
  ParameterVector,
  parseQasm,
  qasm3ParameterNames,
  QASM3_DEFINITIONS,
  toQasm3,
  type Angle,
} from '../../../../src';
import { expectSameUnitary } from '../../../support/qasm';

describe('toQasm3: format', () => {
  it('writes the Bell circuit with measure_all as Qiskit does', () => {
    expect(toQasm3(new Circuit(2).h(0).cx(0, 1).measureAll())).toBe(
      [
        'OPENQASM 3.0;',
        'include "stdgates.inc";',
        'bit[2] meas;',
        'qubit[2] q;',
        'h q[0];',
        'cx q[0], q[1];',
        'barrier q[0], q[1];',
        'meas[0] = measure q[0];',
        'meas[1] = measure q[1];',
        '',
      ].join('\n'),
    );
  });

  it('writes physical qubits $k on request, without a qubit declaration', () => {
    const text = toQasm3(new Circuit(3).rz(Math.PI / 2, 0).sx(2).cz(0, 2).measureAll(), { physicalQubits: true });
    expect(text).not.toMatch(/qubit/);
    expect(text).toContain('rz(1.5707963267948966) $0;\nsx $2;\ncz $0, $2;');
    expect(text).toContain('meas[2] = measure $2;');
    expect(parseQasm(text).numQubits).toBe(3);
  });

  it('declares free parameters as input float[64], vector elements sanitised as _x_0_', () => {
    const x = new ParameterVector('x', 2);
    const theta = new Parameter('theta');
    const c = new Circuit(2).rz(theta.mul(2), 0).ry(x.get(0), 1).rx(x.get(1).add(theta), 0);
    const text = toQasm3(c);
    expect(text).toContain('input float[64] theta;\ninput float[64] _x_0_;\ninput float[64] _x_1_;');
    expect(text).toContain('rz(theta*2) q[0];\nry(_x_0_) q[1];\nrx(_x_1_ + theta) q[0];');
    expect([...qasm3ParameterNames(c)]).toEqual([
      ['theta', 'theta'],
      ['x[0]', '_x_0_'],
      ['x[1]', '_x_1_'],
    ]);
  });

  it('sanitises Unicode vector names as ASCII ones (θ[0] → _θ_0_), read back as the same parameters', () => {
    // The circuit library's default vectors are named θ, γ, β as in Qiskit; OpenQASM 3 identifiers
    // may start with any Unicode letter, so the element is declared, not rejected.
    const theta = new ParameterVector('θ', 2);
    const c = new Circuit(1).ry(theta.get(0), 0).rz(theta.get(1), 0);
    const text = toQasm3(c);
    expect(text).toContain('input float[64] _θ_0_;\ninput float[64] _θ_1_;');
    expect(parseQasm(text).parameters).toEqual(['θ[0]', 'θ[1]']);
  });

  it('renames parameters that collide with reserved words, gate names or sanitised vector names', () => {
    const c = new Circuit(1).rz(new Parameter('pi'), 0).rx(new Parameter('h'), 0).ry(new Parameter('_x_0_'), 0).rz(new ParameterVector('x', 1).get(0), 0);
    const names = qasm3ParameterNames(c);
    expect(names.get('pi')).toBe('_pi');
    expect(names.get('h')).toBe('_h');
    expect(names.get('x[0]')).toBe('_x_0_');
    expect(names.get('_x_0_')).not.toBe('_x_0_');
    const back = parseQasm(toQasm3(c));
    expect(back.instructions.map((i) => i.params[0]!.toString())).toEqual(['_pi', '_h', names.get('_x_0_'), 'x[0]']);
  });

  it('writes the global phase as gphase (omitted when zero or when disabled)', () => {
    const c = new Circuit(1, { globalPhase: 0.25 }).x(0);
    expect(toQasm3(c)).toContain('qubit[1] q;\ngphase(0.25);\nx q[0];');
    expect(toQasm3(c, { globalPhase: false })).not.toContain('gphase');
    expect(toQasm3(new Circuit(1).x(0))).not.toContain('gphase');
  });

  it('writes u as the builtin U and defines only the non-stdgates gates it uses', () => {
    const text = toQasm3(new Circuit(2).u(0.1, 0.2, 0.3, 0).rzz(0.5, 0, 1));
    expect(text).toContain('U(0.1, 0.2, 0.3) q[0];');
    expect(text).toContain(QASM3_DEFINITIONS.rzz);
    expect(text).not.toContain('gate ecr');
    expect(text).not.toContain('gate sxdg');
  });

  it('writes numbers that read back to the same double', () => {
    const values = [0.1, 1 / 3, -0, 5e-324, 1.7976931348623157e308, -2.5e-17, Math.PI, 123456789.123];
    const c = new Circuit(1);
    for (const v of values) c.rz(v, 0);
    const back = parseQasm(toQasm3(c)).instructions.map((i) => i.params[0]);
    back.forEach((b, i) => expect(Object.is(b, values[i])).toBe(true));
  });
});

describe('toQasm3: gate definitions for gates outside stdgates.inc', () => {
  // Each body, read under another name (so that the importer cannot recognise it and must
  // inline it), must give Qiskit's matrix including the global phase.
  it.each(Object.keys(QASM3_DEFINITIONS))('%s body equals the Qiskit matrix', (name) => {
    const def = GATES.get(name)!;
    const body = QASM3_DEFINITIONS[name]!.replace(`gate ${name}`, `gate ${name}_body`);
    for (const theta of def.numParams ? [0.37, -2.1, Math.PI] : [0]) {
      const args = def.numParams ? `(${theta})` : '';
      const width = Math.max(2, def.numQubits);
      const idx = [...Array(def.numQubits).keys()];
      const qubits = idx.map((k) => `q[${k}]`).join(', ');
      const imported = parseQasm(`OPENQASM 3.0;\ninclude "stdgates.inc";\n${body}\nqubit[${width}] q;\n${name}_body${args} ${qubits};\n`);
      expect(imported.instructions.some((i) => i.name === name)).toBe(false);
      const expected = new Circuit(width).append(name, idx, def.numParams ? [theta] : []);
      expectSameUnitary(imported, expected, 1e-12);
    }
  });
});

// --- round trip -------------------------------------------------------------------------------

const PARAMS = [new Parameter('theta'), new Parameter('phi'), ...new ParameterVector('x', 3).elements];

/** Random angles: plain doubles, or expressions over a few parameters (never const∘const nodes). */
const angleArb: fc.Arbitrary<Angle> = fc.letrec<{ expr: ParameterExpression; angle: Angle }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...PARAMS),
    fc.tuple(tie('expr'), fc.constantFrom('add', 'sub', 'mul', 'div'), tie('angle')).map(([a, op, b]) =>
      (a as ParameterExpression)[op as 'add'](b as Angle),
    ),
    tie('expr').map((a) => (a as ParameterExpression).neg()),
  ),
  angle: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), tie('expr')),
})).angle;

const circuitArb = fc
  .record({
    n: fc.integer({ min: 1, max: 4 }),
    cregs: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 3 }),
    phase: fc.oneof(fc.constant(0), angleArb),
    ops: fc.array(
      fc.record({
        kind: fc.constantFrom(...GATES.keys(), 'measure', 'barrier', 'reset'),
        perm: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
        params: fc.array(angleArb, { minLength: 4, maxLength: 4 }),
        clbit: fc.nat(),
      }),
      { maxLength: 25 },
    ),
  })
  .map(({ n, cregs, phase, ops }) => {
    // 5 qubits at least: the widest gate (c4x) needs them.
    const c = new Circuit(Math.max(n, 5), { classicalRegisters: cregs.map((s, i) => [`c${i}`, s] as const) });
    c.globalPhase = phase;
    for (const op of ops) {
      // distinct qubits from a random permutation of 0..n-1
      const order = [...Array(c.numQubits).keys()].sort((a, b) => (op.perm[a % 4]! - op.perm[b % 4]!) || a - b);
      if (op.kind === 'measure') {
        if (c.numClbits) c.measure(order[0]!, op.clbit % c.numClbits);
      } else if (op.kind === 'barrier') c.barrier(...order.slice(0, 1 + (op.clbit % c.numQubits)));
      else if (op.kind === 'reset') c.reset(order[0]!);
      else {
        const g = GATES.get(op.kind)!;
        c.append(op.kind, order.slice(0, g.numQubits), op.params.slice(0, g.numParams));
      }
    }
    return c;
  });

const norm = (a: Angle): unknown => (typeof a === 'number' ? { num: Object.is(a, -0) ? '-0' : a } : a.node);

function expectSameCircuit(back: Circuit, c: Circuit): void {
  expect(back.numQubits).toBe(c.numQubits);
  expect(back.classicalRegisters).toEqual(c.classicalRegisters);
  // a zero global phase is not written, so −0 comes back as 0
  expect(norm(back.globalPhase)).toEqual(norm(c.globalPhase === 0 ? 0 : c.globalPhase));
  expect(back.parameters).toEqual(c.parameters);
  expect(back.instructions.length).toBe(c.instructions.length);
  back.instructions.forEach((ins, i) => {
    const o = c.instructions[i]!;
    expect([ins.name, ins.qubits, ins.clbits]).toEqual([o.name, o.qubits, o.clbits]);
    expect(ins.params.map(norm)).toEqual(o.params.map(norm));
  });
}

describe('toQasm3 → parseQasm round trip', () => {
  it('gives back the same circuit (instructions, parameters, registers, global phase)', () => {
    fc.assert(
      fc.property(circuitArb, (c) => {
        expectSameCircuit(parseQasm(toQasm3(c)), c);
      }),
      { numRuns: 300 },
    );
  });

  it('also with physical qubits', () => {
    fc.assert(
      fc.property(circuitArb, (c) => {
        // width = highest used index + 1: make sure the last qubit is used
        c.barrier(c.numQubits - 1);
        expectSameCircuit(parseQasm(toQasm3(c, { physicalQubits: true })), c);
      }),
      { numRuns: 100 },
    );
  });

  it('keeps the unitary of every gate kind', () => {
    const c = new Circuit(5);
    let k = 0;
    for (const [name, g] of GATES) {
      const qubits = [0, 1, 2, 3, 4].map((j) => (k + j) % 5).slice(0, g.numQubits);
      c.append(name, qubits, [0.3, -0.7, 1.1, 0.25].slice(0, g.numParams));
      k++;
    }
    c.globalPhase = 0.4;
    expectSameUnitary(parseQasm(toQasm3(c)), c);
  });
});
