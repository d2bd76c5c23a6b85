/**
 * Circuit-level modifiers (issue 15: inverse, power, control, mcx, mcp), each against a dense
 * reference built from the definition in test/support/modifier-reference.ts, global phase included.
 */
import { Circuit } from '../../../src/circuit/circuit';
import { GATES, gateMatrix } from '../../../src/circuit/gates';
import { controlGate, inverseGate, powerGate } from '../../../src/circuit/gate-modifiers';
import { CircuitValidationError } from '../../../src/core/errors';
import { randomCircuit } from '../../support/circuits';
import { dagger, eye, matmul, mat, type Mat } from '../../support/dense';
import { controlledDense, denseUnitary, matDiff, power2Dense } from '../../support/modifier-reference';
import { checkIsa, transpile } from '../../../src/transpiler';
import { fakeTarget, overlapWithLayout } from '../../support/transpiler';

const TOL = 1e-10;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SQRT_X = mat([
  [[0.5, 0.5], [0.5, -0.5]],
  [[0.5, -0.5], [0.5, 0.5]],
]);

describe('gate-level control maps known forms to native names (as Qiskit)', () => {
  it.each([
    ['x', 1, 'cx'], ['x', 2, 'ccx'], ['x', 3, 'c3x'], ['x', 4, 'c4x'], ['y', 1, 'cy'], ['z', 1, 'cz'], ['h', 1, 'ch'],
    ['p', 1, 'cp'], ['rx', 1, 'crx'], ['ry', 1, 'cry'], ['rz', 1, 'crz'], ['sx', 1, 'csx'], ['sx', 3, 'c3sqrtx'],
    ['u', 1, 'cu'], ['swap', 1, 'cswap'], ['cx', 1, 'ccx'], ['ccx', 2, 'c4x'],
  ] as const)('control(%s, %i controls) is one %s', (name, n, expected) => {
    const params = Array.from({ length: GATES.get(name)!.numParams }, (_, i) => 0.3 + i);
    const c = controlGate(name, params, n);
    expect(c.instructions.map((i) => i.name)).toEqual([expected]);
  });

  it('inverse of s, t, sx is sdg, tdg, sxdg; of rx(θ) is rx(−θ)', () => {
    expect(inverseGate('s').instructions[0]!.name).toBe('sdg');
    expect(inverseGate('t').instructions[0]!.name).toBe('tdg');
    expect(inverseGate('sx').instructions[0]!.name).toBe('sxdg');
    expect(inverseGate('rx', [0.7]).instructions[0]!.params).toEqual([-0.7]);
  });
});

describe('every standard gate controlled, against |0⟩⟨0|⊗I + |1⟩⟨1|⊗U', () => {
  const r = rng(7);
  const names = [...GATES.keys()];
  for (const name of names) {
    for (const n of GATES.get(name)!.numQubits <= 3 ? [1, 2] : [1]) {
      it(`${name} with ${n} control(s), every control state`, () => {
        const params = Array.from({ length: GATES.get(name)!.numParams }, () => (r() - 0.5) * 6);
        const u = gateMatrix(name, params) as Mat;
        for (let state = 0; state < 2 ** n; state++) {
          const c = controlGate(name, params, n, state);
          expect(matDiff(denseUnitary(c), controlledDense(u, n, state))).toBeLessThan(TOL);
        }
      });
    }
  }
  it('a bit-string control state reads as a binary number (last character is control 0)', () => {
    const c = controlGate('h', [], 2, '01');
    expect(matDiff(denseUnitary(c), controlledDense(gateMatrix('h') as Mat, 2, 1))).toBeLessThan(TOL);
  });
});

describe('mcx and mcp against dense multi-controlled gates', () => {
  for (const n of [3, 4, 5, 6]) {
    it(`mcx with ${n} controls`, () => {
      const c = new Circuit(n + 1).mcx(Array.from({ length: n }, (_, i) => i), n);
      expect(matDiff(denseUnitary(c), controlledDense(gateMatrix('x') as Mat, n))).toBeLessThan(TOL);
    });
    it(`mcp with ${n} controls`, () => {
      const c = new Circuit(n + 1).mcp(0.9, Array.from({ length: n }, (_, i) => i), n);
      expect(matDiff(denseUnitary(c), controlledDense(gateMatrix('p', [0.9]) as Mat, n))).toBeLessThan(TOL);
    });
  }
  it('mcx and mcp with a control state (Qiskit ctrl_state: bit i is controls[i])', () => {
    const a = new Circuit(4).mcx([0, 1, 2], 3, 0b101);
    expect(matDiff(denseUnitary(a), controlledDense(gateMatrix('x') as Mat, 3, 0b101))).toBeLessThan(TOL);
    const b = new Circuit(4).mcp(0.6, [0, 1, 2], 3, '010');
    expect(matDiff(denseUnitary(b), controlledDense(gateMatrix('p', [0.6]) as Mat, 3, 0b010))).toBeLessThan(TOL);
    expect(() => new Circuit(4).mcx([0, 1, 2], 3, 8)).toThrow(/out of range for 3 control/);
  });
  it('mcx on permuted qubits: controls 4, 0, 2 and target 1', () => {
    const c = new Circuit(5).mcx([4, 0, 2], 1);
    // X on qubit 1 exactly when qubits 0, 2, 4 are set.
    const u = denseUnitary(c);
    for (let col = 0; col < 32; col++) {
      const row = (col & 0b10101) === 0b10101 ? col ^ 0b10 : col;
      expect(u.data[2 * (row * 32 + col)]).toBeCloseTo(1, 12);
    }
  });
  it('mcp with a symbolic angle binds to the numeric result', () => {
    const { Parameter } = jest.requireActual('../../../src/circuit/parameter');
    const th = new Parameter('th');
    const c = new Circuit(4).mcp(th, [0, 1, 2], 3).assignParameters({ th: 1.3 });
    expect(matDiff(denseUnitary(c), controlledDense(gateMatrix('p', [1.3]) as Mat, 3))).toBeLessThan(TOL);
  });
  it('refuses a repeated qubit before changing the circuit, and more than 10 controls', () => {
    const c = new Circuit(3);
    expect(() => c.mcx([0, 1], 1)).toThrow(CircuitValidationError);
    expect(c.instructions).toHaveLength(0);
    expect(() => new Circuit(12).mcx(Array.from({ length: 11 }, (_, i) => i), 11)).toThrow(/11 controls exceed qbridge's limit of 10/);
  });
  it('mcx with 5 controls transpiles for fake_fez (ISA) and keeps its action up to layout', () => {
    // Prepare |1…1⟩ on the controls so the mcx acts: the target must flip.
    const c = new Circuit(6).x([0, 1, 2, 3, 4]).mcx([0, 1, 2, 3, 4], 5);
    const target = fakeTarget('fake_fez');
    const t = transpile(c, target);
    checkIsa(t.circuit, target);
    const ov = overlapWithLayout(c, t);
    expect(ov.re).toBeCloseTo(1, 9);
    expect(ov.im).toBeCloseTo(0, 9);
  });
});

describe('circuit.inverse() composed with the circuit is the identity (full unitary)', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`random 4-qubit circuit, seed ${seed}, with a global phase`, () => {
      const c = randomCircuit(4, 40, seed);
      c.globalPhase = 0.37 * seed;
      c.append('rc3x', [0, 1, 2, 3]).append('c3sqrtx', [3, 1, 0, 2]);
      const id = c.compose(c.inverse());
      expect(matDiff(denseUnitary(id), eye(16))).toBeLessThan(TOL);
      expect(matDiff(denseUnitary(c.inverse()), dagger(denseUnitary(c)))).toBeLessThan(TOL);
    });
  }
});

describe('circuit.power', () => {
  it('x.power(0.5) is √X exactly (Qiskit: SXGate), global phase included', () => {
    expect(matDiff(denseUnitary(new Circuit(1).x(0).power(0.5)), SQRT_X)).toBeLessThan(TOL);
  });
  it('real powers of random one-qubit circuits against an eigendecomposition', () => {
    const r = rng(11);
    for (let i = 0; i < 20; i++) {
      const c = new Circuit(1).u(r() * 3, r() * 6 - 3, r() * 6 - 3, 0).rz(r() * 4, 0);
      c.globalPhase = r();
      const k = (r() - 0.5) * 5;
      expect(matDiff(denseUnitary(c.power(k)), power2Dense(denseUnitary(c), k))).toBeLessThan(1e-9);
    }
  });
  it('a controlled one-qubit gate to a real power: cx^0.5 = controlled-√X, cp(θ)^k = cp(kθ)', () => {
    expect(matDiff(denseUnitary(new Circuit(2).cx(0, 1).power(0.5)), controlledDense(SQRT_X, 1))).toBeLessThan(TOL);
    expect(matDiff(denseUnitary(new Circuit(3).ccx(0, 1, 2).power(-0.25)), controlledDense(power2Dense(gateMatrix('x') as Mat, -0.25), 2))).toBeLessThan(TOL);
    expect(matDiff(denseUnitary(new Circuit(2).cp(1.2, 0, 1).power(1.5)), denseUnitary(new Circuit(2).cp(1.8, 0, 1)))).toBeLessThan(TOL);
  });
  it('integer powers repeat (negative: the inverse), against the dense product', () => {
    const c = randomCircuit(3, 12, 9);
    c.globalPhase = 0.2;
    const u = denseUnitary(c);
    expect(matDiff(denseUnitary(c.power(3)), matmul(u, matmul(u, u)))).toBeLessThan(TOL);
    expect(matDiff(denseUnitary(c.power(-2)), dagger(matmul(u, u)))).toBeLessThan(TOL);
    expect(c.power(0).instructions).toHaveLength(0);
  });
  it('a diagonal circuit to a real power: each diagonal entry e^{iθ} becomes e^{ikθ} (principal θ)', () => {
    const d = new Circuit(3).cz(0, 1).rz(0.9, 2).t(1).rzz(2.2, 0, 2).cp(-2.9, 1, 2).mcp(1.3, [0, 1], 2);
    d.globalPhase = 0.4;
    const ud = denseUnitary(d);
    for (const k of [0.5, -0.37, 1.75]) {
      const expected = eye(8);
      for (let x = 0; x < 8; x++) {
        let a = Math.atan2(ud.data[2 * (x * 8 + x) + 1]!, ud.data[2 * (x * 8 + x)]!);
        if (a <= -Math.PI + 1e-12) a = Math.PI;
        expected.data[2 * (x * 8 + x)] = Math.cos(k * a);
        expected.data[2 * (x * 8 + x) + 1] = Math.sin(k * a);
      }
      expect(matDiff(denseUnitary(d.power(k)), expected)).toBeLessThan(TOL);
    }
    // x·x between the phases still follows basis states (a permutation), so it is read exactly;
    // h·h does not (H mixes basis states): that circuit is refused, not guessed.
    expect(matDiff(denseUnitary(d.copy().x(0).x(0).power(0.5)), denseUnitary(d.power(0.5)))).toBeLessThan(TOL);
    expect(() => d.copy().h(0).h(0).power(0.5)).toThrow(/non-integer power/);
  });
  it('refuses a real power of a general multi-qubit circuit by name, and a non-finite exponent', () => {
    expect(() => new Circuit(2).h(0).cx(0, 1).power(0.5)).toThrow(/non-integer power is supported for one-qubit gates, controlled one-qubit gates and diagonal gates of up to 5 qubits only/);
    expect(() => new Circuit(1).h(0).power(Number.NaN)).toThrow(CircuitValidationError);
    expect(() => new Circuit(1).h(0).power(1e9)).toThrow(/more than 2000000 instructions/);
  });
  it('powerGate: sx^2 = x; a real power of a parametric gate needs bound parameters', () => {
    expect(matDiff(denseUnitary(powerGate('sx', [], 2)), gateMatrix('x') as Mat)).toBeLessThan(TOL);
  });
});

describe('circuit.control', () => {
  for (const n of [1, 2, 3]) {
    it(`random 3-qubit circuit with a global phase under ${n} control(s)`, () => {
      const c = randomCircuit(3, 15, 20 + n);
      c.globalPhase = 0.8;
      const cc = c.control(n);
      expect(cc.numQubits).toBe(3 + n);
      expect(matDiff(denseUnitary(cc), controlledDense(denseUnitary(c), n))).toBeLessThan(TOL);
    });
  }
  it('a parameterised circuit under 2 controls, bound afterwards, equals the bound circuit controlled', () => {
    const { Parameter } = jest.requireActual('../../../src/circuit/parameter');
    const a = new Parameter('a');
    const b = new Parameter('b');
    const c = new Circuit(2).rx(a, 0).ry(b, 1).rz(a.add(b), 0).u(a, b, 0.3, 1).cp(b, 0, 1).crx(a, 1, 0).rzz(b, 0, 1).cu(a, b, 0.2, a, 0, 1);
    c.globalPhase = a;
    const bound = c.assignParameters({ a: 0.7, b: -1.3 });
    const viaSymbols = c.control(2).assignParameters({ a: 0.7, b: -1.3 });
    expect(matDiff(denseUnitary(viaSymbols), controlledDense(denseUnitary(bound), 2))).toBeLessThan(TOL);
  });
  it('ctrlState 0 on two controls (negated controls)', () => {
    const c = new Circuit(2).h(0).cx(0, 1).rz(0.4, 1);
    expect(matDiff(denseUnitary(c.control(2, 0)), controlledDense(denseUnitary(c), 2, 0))).toBeLessThan(TOL);
  });
  it('a controlled circuit composes into a larger circuit', () => {
    const big = new Circuit(4).compose(new Circuit(1).x(0).control(2), [3, 1, 2]);
    expect(big.instructions.map((i) => [i.name, ...i.qubits])).toEqual([['ccx', 3, 1, 2]]);
  });
  it('refuses measurements and bad control states', () => {
    expect(() => new Circuit(1, 1).measure(0, 0).control()).toThrow(/measure\) has no controlled form/);
    expect(() => new Circuit(1).x(0).control(2, 4)).toThrow(/out of range for 2 control/);
    expect(() => new Circuit(1).x(0).control(0)).toThrow(CircuitValidationError);
  });
});
