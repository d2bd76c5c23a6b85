/**
 * OpenQASM 3 gate modifiers (issue 12: ctrl @, ctrl(n) @, negctrl @, inv @, pow(k) @, chains,
 * gphase under ctrl), every one against its dense definition built here:
 * ctrl @ U = |0⟩⟨0|⊗I + |1⟩⟨1|⊗U with the control as the lower-index qubit (the first operand),
 * negctrl swaps the projectors, inv @ U = U†, pow(k) @ U = U^k by eigendecomposition.
 * Full unitaries are compared, global phase included.
 */
import { parseQasm, toQasm3 } from '../../../../src';
import { GATES, gateMatrix } from '../../../../src/circuit/gates';
import { dagger, eye, matmul, mat, type Mat } from '../../../support/dense';
import { controlledDense, denseUnitary, matDiff, power2Dense } from '../../../support/modifier-reference';
import { qasmError, unitaryColumns } from '../../../support/qasm';

const TOL = 1e-10;
const prog = (n: number, body: string): string => `OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[${n}] q;\n${body}\n`;
const unitaryOf = (n: number, body: string): Mat => denseUnitary(parseQasm(prog(n, body)));
const qs = (from: number, k: number): string => Array.from({ length: k }, (_, i) => `q[${from + i}]`).join(', ');

const X = gateMatrix('x') as Mat;
const SX_DG = mat([
  [[0.5, -0.5], [0.5, 0.5]],
  [[0.5, 0.5], [0.5, -0.5]],
]);

describe('every modifier against its dense definition, on the stdgates gates', () => {
  const gates: Array<[string, number[]]> = [
    ['x', []], ['y', []], ['z', []], ['h', []], ['s', []], ['t', []], ['sx', []], ['rx', [0.7]], ['ry', [-1.1]],
    ['rz', [2.3]], ['p', [0.4]], ['u', [0.3, 1.2, -0.8]], ['cx', []], ['cp', [0.9]], ['crz', [1.4]], ['swap', []],
    ['cu', [0.5, 0.6, 0.7, 0.8]], ['ccx', []],
  ];
  for (const [name, params] of gates) {
    const k = GATES.get(name)!.numQubits;
    const call = (mods: string, controls: number): string =>
      `${mods}${name === 'u' ? 'U' : name}${params.length ? `(${params.join(', ')})` : ''} ${qs(0, controls + k)};`;
    const u = gateMatrix(name, params) as Mat;
    it(`${name}: ctrl @, negctrl @, ctrl(2) @ (controls first, lower qubits)`, () => {
      expect(matDiff(unitaryOf(k + 1, call('ctrl @ ', 1)), controlledDense(u, 1))).toBeLessThan(TOL);
      expect(matDiff(unitaryOf(k + 1, call('negctrl @ ', 1)), controlledDense(u, 1, 0))).toBeLessThan(TOL);
      expect(matDiff(unitaryOf(k + 2, call('ctrl(2) @ ', 2)), controlledDense(u, 2))).toBeLessThan(TOL);
    });
    it(`${name}: inv @ and integer pow @ (3 and −2)`, () => {
      expect(matDiff(unitaryOf(k, call('inv @ ', 0)), dagger(u))).toBeLessThan(TOL);
      expect(matDiff(unitaryOf(k, call('pow(3) @ ', 0)), matmul(u, matmul(u, u)))).toBeLessThan(TOL);
      expect(matDiff(unitaryOf(k, call('pow(-2) @ ', 0)), dagger(matmul(u, u)))).toBeLessThan(TOL);
      expect(matDiff(unitaryOf(k, call('pow(0) @ ', 0)), eye(2 ** k))).toBeLessThan(TOL);
    });
    if (k === 1) {
      it(`${name}: real powers pow(0.5), pow(−1/3), pow(2.75)`, () => {
        for (const e of [0.5, -1 / 3, 2.75]) {
          expect(matDiff(unitaryOf(1, call(`pow(${e}) @ `, 0)), power2Dense(u, e))).toBeLessThan(1e-9);
        }
      });
    }
  }
});

describe('chains of modifiers', () => {
  it('ctrl @ inv @ pow(0.5) @ x is controlled-(√X)† = |0⟩⟨0|⊗I + |1⟩⟨1|⊗½[[1−i, 1+i], [1+i, 1−i]]', () => {
    const u = unitaryOf(2, 'ctrl @ inv @ pow(0.5) @ x q[0], q[1];');
    expect(matDiff(u, controlledDense(SX_DG, 1))).toBeLessThan(TOL);
    // the same through the statevector engine (the modified gate simulates)
    const c = parseQasm(prog(2, 'ctrl @ inv @ pow(0.5) @ x q[0], q[1];'));
    const cols = unitaryColumns(c);
    for (let col = 0; col < 4; col++)
      for (let row = 0; row < 4; row++) {
        expect(cols.re[col * 4 + row]).toBeCloseTo(u.data[2 * (row * 4 + col)]!, 12);
        expect(cols.im[col * 4 + row]).toBeCloseTo(u.data[2 * (row * 4 + col) + 1]!, 12);
      }
  });
  it('pow(1/2) @ x is sx; pow(2) @ sx is x; pow(0.5) @ ctrl @ x is controlled-√X', () => {
    expect(matDiff(unitaryOf(1, 'pow(1/2) @ x q[0];'), gateMatrix('sx') as Mat)).toBeLessThan(TOL);
    expect(matDiff(unitaryOf(1, 'pow(2) @ sx q[0];'), X)).toBeLessThan(TOL);
    expect(matDiff(unitaryOf(2, 'pow(0.5) @ ctrl @ x q[0], q[1];'), controlledDense(gateMatrix('sx') as Mat, 1))).toBeLessThan(TOL);
    expect(matDiff(unitaryOf(2, 'pow(0.5) @ cx q[0], q[1];'), controlledDense(gateMatrix('sx') as Mat, 1))).toBeLessThan(TOL);
  });
  it('pow(0.5) @ rzz(θ) is rzz(θ/2) (a diagonal gate); pow(0.5) @ cz is controlled-S', () => {
    expect(matDiff(unitaryOf(2, 'pow(0.5) @ rzz(1.2) q[0], q[1];'), gateMatrix('rzz', [0.6]) as Mat)).toBeLessThan(TOL);
    expect(matDiff(unitaryOf(2, 'pow(0.5) @ cz q[0], q[1];'), controlledDense(gateMatrix('s') as Mat, 1))).toBeLessThan(TOL);
  });
  it('pow(0.5) of a controlled gate with a global phase beside it: the phase is not controlled', () => {
    // e^{0.6i}·cp(1.0) is diagonal; its square root is e^{0.3i}·cp(0.5). As a controlled gate it would be wrong.
    const u = unitaryOf(2, 'gate g a, b { gphase(0.6); cp(1.0) a, b; }\npow(0.5) @ g q[0], q[1];');
    const expected = matmul(eye(4), gateMatrix('cp', [0.5]) as Mat);
    const ph: [number, number] = [Math.cos(0.3), Math.sin(0.3)];
    const scaled = { dim: 4, data: expected.data.map((v, i) => (i % 2 === 0 ? v * ph[0] - expected.data[i + 1]! * ph[1] : expected.data[i - 1]! * ph[1] + v * ph[0])) };
    expect(matDiff(u, scaled)).toBeLessThan(TOL);
    // e^{0.6i}·cx is neither diagonal nor a phase-free controlled gate: refused, not guessed
    expect(qasmError(() => parseQasm(prog(2, 'gate g a, b { gphase(0.6); cx a, b; }\npow(0.5) @ g q[0], q[1];'))).detail).toMatch(/non-integer power/);
  });
  it('negctrl @ ctrl @ x: the first operand is the negated control, the second the positive one', () => {
    expect(matDiff(unitaryOf(3, 'negctrl @ ctrl @ x q[0], q[1], q[2];'), controlledDense(X, 2, 0b10))).toBeLessThan(TOL);
  });
  it('inv @ ctrl @ U = ctrl @ inv @ U (the spec\'s rule)', () => {
    const a = unitaryOf(2, 'inv @ ctrl @ U(0.3, 0.4, 0.5) q[0], q[1];');
    expect(matDiff(a, unitaryOf(2, 'ctrl @ inv @ U(0.3, 0.4, 0.5) q[0], q[1];'))).toBeLessThan(TOL);
    expect(matDiff(a, controlledDense(dagger(gateMatrix('u', [0.3, 0.4, 0.5]) as Mat), 1))).toBeLessThan(TOL);
  });
  it('ctrl(2) @ negctrl @ pow(-0.25) @ h on operands out of order', () => {
    const body = 'ctrl(2) @ negctrl @ pow(-0.25) @ h q[0], q[1], q[2], q[3];';
    const h = gateMatrix('h') as Mat;
    expect(matDiff(unitaryOf(4, body), controlledDense(power2Dense(h, -0.25), 3, 0b011))).toBeLessThan(1e-9);
  });
});

describe('gphase under modifiers (ctrl @ gphase(a) = U(0, 0, a) on the control, as the spec defines it)', () => {
  it('ctrl @ gphase(θ) q is p(θ) on q; ctrl(2) @ gphase is cp; negctrl @ gphase is diag(e^{iθ}, 1)', () => {
    expect(matDiff(unitaryOf(1, 'ctrl @ gphase(0.7) q[0];'), gateMatrix('p', [0.7]) as Mat)).toBeLessThan(TOL);
    expect(matDiff(unitaryOf(2, 'ctrl(2) @ gphase(0.7) q[0], q[1];'), gateMatrix('cp', [0.7]) as Mat)).toBeLessThan(TOL);
    expect(matDiff(unitaryOf(1, 'negctrl @ gphase(0.7) q[0];'), mat([[[Math.cos(0.7), Math.sin(0.7)], 0], [0, 1]]))).toBeLessThan(TOL);
  });
  it('inv @ gphase(θ) is gphase(−θ); pow(2.5) @ gphase(θ) is gphase(2.5θ)', () => {
    expect(parseQasm(prog(1, 'inv @ gphase(0.7);')).globalPhase).toBeCloseTo(-0.7, 14);
    expect(parseQasm(prog(1, 'pow(2.5) @ gphase(0.7);')).globalPhase).toBeCloseTo(1.75, 14);
    // operands of an uncontrolled gphase do not matter (it is global), at top level and in a body
    expect(parseQasm(prog(2, 'inv @ gphase(0.7) q[0], q[1];')).globalPhase).toBeCloseTo(-0.7, 14);
    expect(parseQasm(prog(1, 'gate g a { inv @ gphase(0.2) a; }\ng q[0];')).globalPhase).toBeCloseTo(-0.2, 14);
  });
});

describe('modifiers on user-defined gates and inside gate bodies', () => {
  const DEF = 'gate g(a) x, y { h x; cx x, y; rz(a) y; gphase(0.3); }\n';
  it('ctrl @ g: the definition\'s gphase becomes a phase on the control', () => {
    const u = unitaryOf(2, `${DEF}g(0.8) q[0], q[1];`);
    expect(matDiff(unitaryOf(3, `${DEF}ctrl @ g(0.8) q[0], q[1], q[2];`), controlledDense(u, 1))).toBeLessThan(TOL);
    expect(matDiff(unitaryOf(2, `${DEF}inv @ g(0.8) q[0], q[1];`), dagger(u))).toBeLessThan(TOL);
  });
  it('the spec\'s definitions: crz by ctrl @ rz, neg_cx by negctrl @ x, rzm by inv @, x by pow(2) @ sx', () => {
    const defs =
      'gate mycrz(θ) q1, q2 { ctrl @ rz(θ) q1, q2; }\n' +
      'gate neg_cx(θ) q1, q2 { negctrl @ x q1, q2; }\n' +
      'gate rzm(θ) q1 { inv @ rz(θ) q1; }\n' +
      'gate myx q1 { pow(2) @ sx q1; }\n';
    expect(matDiff(unitaryOf(2, `${defs}mycrz(1.1) q[0], q[1];`), gateMatrix('crz', [1.1]) as Mat)).toBeLessThan(TOL);
    expect(matDiff(unitaryOf(2, `${defs}neg_cx(0) q[0], q[1];`), controlledDense(X, 1, 0))).toBeLessThan(TOL);
    expect(matDiff(unitaryOf(1, `${defs}rzm(0.6) q[0];`), gateMatrix('rz', [-0.6]) as Mat)).toBeLessThan(TOL);
    expect(matDiff(unitaryOf(1, `${defs}myx q[0];`), X)).toBeLessThan(TOL);
  });
  it('a gate parameter inside pow(…) is evaluated at the call', () => {
    const def = 'gate rt(k) a { pow(k) @ x a; }\n';
    expect(matDiff(unitaryOf(1, `${def}rt(0.5) q[0];`), gateMatrix('sx') as Mat)).toBeLessThan(TOL);
    expect(matDiff(unitaryOf(1, `${def}rt(3) q[0];`), X)).toBeLessThan(TOL);
  });
});

describe("the spec's reversible boolean function (ctrl(n) @, negctrl(n) @, register broadcast)", () => {
  it('permutes basis states as the truth table of each line says', () => {
    const src =
      'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[3] a;\nqubit[3] b;\n' +
      'ctrl(3) @ x a[1], a[0], a[2], b[2];\n' +
      'negctrl (3) @ ctrl @ x a[0], b[1], a[2], b[0], b[2];\n' +
      'negctrl @ ctrl(2) @ negctrl @ x a[0], b[0], a[2], a[1], b[2];\n' +
      'negctrl (2) @ ctrl @ x b[1], a, b[0], b[2];\n';
    const u = denseUnitary(parseQasm(src));
    // a[i] is qubit i, b[i] is qubit 3 + i; apply each line's rule classically.
    const bit = (s: number, q: number): number => (s >> q) & 1;
    const rules: Array<Array<[number, 0 | 1]>> = [
      [[1, 1], [0, 1], [2, 1]],
      [[0, 0], [4, 0], [2, 0], [3, 1]],
      [[0, 0], [3, 1], [2, 1], [1, 0]],
      // broadcast over a: a[0], a[1], a[2] in turn as the third control (positive ctrl)
      [[4, 0], [0, 0], [3, 1]], [[4, 0], [1, 0], [3, 1]], [[4, 0], [2, 0], [3, 1]],
    ];
    for (let s = 0; s < 64; s++) {
      let t = s;
      for (const r of rules) if (r.every(([q, v]) => bit(t, q) === v)) t ^= 1 << 5;
      expect(u.data[2 * (t * 64 + s)]).toBeCloseTo(1, 12);
    }
  });
});

describe('export of modified gates round-trips', () => {
  it('the exported program reads back to the same unitary', () => {
    const src = prog(3, 'ctrl @ inv @ pow(0.5) @ x q[0], q[1];\nctrl(2) @ h q[0], q[1], q[2];\nnegctrl @ gphase(0.4) q[2];\npow(0.3) @ ry(1.0) q[1];');
    const c = parseQasm(src);
    const back = parseQasm(toQasm3(c));
    expect(matDiff(denseUnitary(back), denseUnitary(c))).toBeLessThan(TOL);
  });
});

describe('modifier errors name the problem', () => {
  it.each([
    ['a real power of a general two-qubit gate', prog(2, 'pow(0.5) @ swap q[0], q[1];'), /^pow\(0\.5\) @ swap: a non-integer power/],
    ['a non-constant control count', prog(2, 'input float n;\nctrl(n) @ x q[0], q[1];'), /control count of 'ctrl' must be a constant integer/],
    ['a zero control count', prog(2, 'ctrl(0) @ x q[0], q[1];'), /control count of 'ctrl' must be a constant integer from 1/],
    ['a missing @', prog(2, 'ctrl x q[0], q[1];'), /expected '@' after the 'ctrl' modifier/],
    ['an argument to inv', prog(1, 'inv(2) @ x q[0];'), /'inv' takes no argument/],
    ['a symbolic exponent', prog(1, 'input float k;\npow(k) @ x q[0];'), /exponent of pow must evaluate to a number/],
    ['wrong operand count', prog(3, 'ctrl @ cx q[0], q[1];'), /the modified gate 'cx' takes 3, got 2/],
    ['too many controls for the ancilla-free construction', prog(12, `ctrl(11) @ h ${qs(0, 12)};`), /11 controls exceed qbridge's limit of 10/],
    ['an unknown gate', prog(2, 'ctrl @ foo q[0], q[1];'), /^unknown gate 'foo'/],
  ])('%s', (_name, src, re) => {
    expect(qasmError(() => parseQasm(src)).detail).toMatch(re);
  });
});

describe('nested modifiers cannot blow up', () => {
  it('pow(1000) of a gate that is itself pow(1000) of a pow(1000) is refused by size, quickly', () => {
    const src = prog(1, 'gate a q { pow(1000) @ x q; }\ngate b q { pow(1000) @ a q; }\ngate c q { pow(1000) @ b q; }\nc q[0];');
    expect(qasmError(() => parseQasm(src)).detail).toMatch(/expands to more than 2000000 gates/);
  });
});

describe('a doubling chain of gates under a modifier', () => {
  it('is refused by size instead of exhausting memory', () => {
    let defs = 'gate g0 q { x q; }\n';
    for (let i = 1; i <= 30; i++) defs += `gate g${i} q { g${i - 1} q; g${i - 1} q; }\n`;
    expect(qasmError(() => parseQasm(prog(1, `${defs}inv @ g30 q[0];`))).detail).toMatch(/expands to more than 2000000 gates/);
  });
});

describe("the specification's stdgates.inc, written with modifiers, gives Qiskit's gates", () => {
  const fs = jest.requireActual('node:fs') as typeof import('node:fs');
  const path = jest.requireActual('node:path') as typeof import('node:path');
  const DEFS = fs.readFileSync(path.join(__dirname, '../../../../fixtures/qasm/spec-stdgates-modifiers.inc'), 'utf8');
  const spec = (n: number, call: string): Mat => denseUnitary(parseQasm(`OPENQASM 3.0;\n${DEFS}qubit[${n}] q;\n${call}\n`));
  const CASES: Array<[string, string, number[]]> = [
    ['p', 'p', [0.7]], ['x', 'x', []], ['y', 'y', []], ['z', 'z', []], ['h', 'h', []], ['s', 's', []], ['sdg', 'sdg', []],
    ['t', 't', []], ['tdg', 'tdg', []], ['sx', 'sx', []], ['rx', 'rx', [0.9]], ['ry', 'ry', [-1.2]], ['rz', 'rz', [2.1]],
    ['cx', 'cx', []], ['cy', 'cy', []], ['cz', 'cz', []], ['cp', 'cp', [0.4]], ['crx', 'crx', [0.5]], ['cry', 'cry', [0.6]],
    ['crz', 'crz', [-0.8]], ['ch', 'ch', []], ['swap', 'swap', []], ['ccx', 'ccx', []], ['cswap', 'cswap', []],
    ['cu', 'cu', [0.3, 0.5, -0.7, 1.1]], ['CX', 'cx', []], ['phase', 'p', [1.3]], ['cphase', 'cp', [-1.3]], ['id', 'id', []],
    ['u1', 'u1', [0.9]],
  ];
  it.each(CASES)('spec_%s equals qbridge/Qiskit %s, global phase included', (specName, name, params) => {
    const k = GATES.get(name)!.numQubits;
    const args = params.length ? `(${params.join(', ')})` : '';
    expect(matDiff(spec(k, `spec_${specName}${args} ${qs(0, k)};`), gateMatrix(name, params) as Mat)).toBeLessThan(TOL);
  });
  it("spec_u2 and spec_u3 carry the spec's extra phase e^{−i(φ+λ)/2} relative to Qiskit's U2Gate/U3Gate", () => {
    const [th, ph, la] = [0.4, 0.9, -0.3];
    const f: [number, number] = [Math.cos(-(ph + la) / 2), Math.sin(-(ph + la) / 2)];
    const scaled = (m: Mat): Mat => ({ dim: m.dim, data: m.data.map((v, i) => (i % 2 === 0 ? v * f[0] - m.data[i + 1]! * f[1] : m.data[i - 1]! * f[1] + v * f[0])) });
    expect(matDiff(spec(1, `spec_u2(${ph}, ${la}) q[0];`), scaled(gateMatrix('u2', [ph, la]) as Mat))).toBeLessThan(TOL);
    expect(matDiff(spec(1, `spec_u3(${th}, ${ph}, ${la}) q[0];`), scaled(gateMatrix('u3', [th, ph, la]) as Mat))).toBeLessThan(TOL);
  });
});
