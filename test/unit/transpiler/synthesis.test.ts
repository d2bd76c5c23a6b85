import fc from 'fast-check';
import { Circuit } from '../../../src/circuit/circuit';
import { gateMatrix } from '../../../src/circuit/gates';
import { Parameter } from '../../../src/circuit/parameter';
import { transpile } from '../../../src/transpiler';
import { mat2, mul2, synthesizeSymbolic, synthesizeZsx, translate1q, type Mat2 } from '../../../src/transpiler/synthesis-1q';
import { op } from '../../../src/transpiler/ir';
import { lineTarget } from '../../support/transpiler';

/** The matrix of a synthesised sequence times e^{i·phase}. */
function product(ops: readonly { name: string; params: readonly unknown[] }[], phase: number): Mat2 {
  let m: Mat2 = Float64Array.of(Math.cos(phase), Math.sin(phase), 0, 0, 0, 0, Math.cos(phase), Math.sin(phase));
  for (const o of ops) m = mul2(mat2(o.name, o.params as number[]), m);
  return m;
}

function expectSameMatrix(a: Mat2, b: ArrayLike<number>): void {
  for (let k = 0; k < 8; k++) expect(a[k]!).toBeCloseTo(b[k]!, 11);
}

const angleArb = fc.double({ min: -10, max: 10, noNaN: true });

describe('ZSX synthesis (exact, global phase included)', () => {
  test('any U(θ,φ,λ) times a global phase becomes ≤ rz·sx·rz·sx·rz with the same matrix', () => {
    fc.assert(
      fc.property(angleArb, angleArb, angleArb, angleArb, (t, p, l, g) => {
        const u = gateMatrix('u', [t, p, l]).data;
        const target = Float64Array.from(u);
        for (let k = 0; k < 4; k++) {
          const [re, im] = [u[2 * k]!, u[2 * k + 1]!];
          target[2 * k] = re * Math.cos(g) - im * Math.sin(g);
          target[2 * k + 1] = re * Math.sin(g) + im * Math.cos(g);
        }
        const s = synthesizeZsx(target, 0);
        expect(s.ops.length).toBeLessThanOrEqual(5);
        expect(s.ops.every((o) => ['rz', 'sx', 'x'].includes(o.name))).toBe(true);
        expect(s.ops.filter((o) => o.name === 'sx').length).toBeLessThanOrEqual(2);
        expectSameMatrix(product(s.ops, s.phase as number), target);
      }),
      { numRuns: 300, seed: 1 },
    );
  });

  test.each([
    ['id', [], 0], ['x', [], 1], ['sx', [], 1], ['z', [], 1], ['s', [], 1], ['t', [], 1], ['h', [], 3],
    ['rz', [0.3], 1], ['p', [0.3], 1], ['ry', [Math.PI / 2], 3], ['rx', [Math.PI], 1],
  ] as const)('%s uses the short forms (%j → %i gates)', (name, params, count) => {
    const s = translate1q(op(name, [0], [...params]));
    expect(s.ops.length).toBe(count);
    expectSameMatrix(product(s.ops, s.phase as number), gateMatrix(name, [...params]).data);
  });

  test('p(θ) = rz(θ) with global phase θ/2 (Qiskit matrices)', () => {
    const s = translate1q(op('p', [0], [0.8]));
    expect(s.ops).toEqual([op('rz', [0], [0.8])]);
    expect(s.phase).toBeCloseTo(0.4, 14);
  });

  test.each(['rx', 'ry', 'rz', 'p', 'u1'])('symbolic %s: exact rule, bound later equals the gate', (name) => {
    const theta = new Parameter('theta');
    const s = synthesizeSymbolic(name, [theta], 0);
    for (const v of [-2.5, 0, 0.3, Math.PI, 4]) {
      const ops = s.ops.map((o) => ({ name: o.name, params: o.params.map((a) => (typeof a === 'number' ? a : a.evaluate({ theta: v }))) }));
      const phase = typeof s.phase === 'number' ? s.phase : s.phase.evaluate({ theta: v });
      expectSameMatrix(product(ops, phase), gateMatrix(name, [v]).data);
    }
  });

  test('symbolic u(θ, φ, λ) and u2(φ, λ)', () => {
    const [a, b, c] = [new Parameter('a'), new Parameter('b'), new Parameter('c')];
    const su = synthesizeSymbolic('u', [a, b, c], 0);
    const s2 = synthesizeSymbolic('u2', [b, c], 0);
    const env = { a: 0.7, b: -1.9, c: 2.4 };
    const ev = (x: unknown): number => (typeof x === 'number' ? x : (x as Parameter).evaluate(env));
    expectSameMatrix(product(su.ops.map((o) => ({ name: o.name, params: o.params.map(ev) })), ev(su.phase)), gateMatrix('u', [0.7, -1.9, 2.4]).data);
    expectSameMatrix(product(s2.ops.map((o) => ({ name: o.name, params: o.params.map(ev) })), ev(s2.phase)), gateMatrix('u2', [-1.9, 2.4]).data);
  });

  test('a one-qubit circuit transpiles to a unitary exactly equal to the original (phase included)', () => {
    const c = new Circuit(1).h(0).t(0).ry(0.4, 0).sxdg(0).u(0.2, 0.3, 0.4, 0);
    const r = transpile(c, lineTarget(1, ['cz', 'rz', 'sx', 'x', 'id']), { optimizationLevel: 1 });
    let expected = mat2('id', []);
    for (const i of c.instructions) expected = mul2(mat2(i.name, i.params as number[]), expected);
    const got = product(r.circuit.instructions, r.circuit.globalPhase as number);
    expectSameMatrix(got, expected);
    expect(r.circuit.instructions.length).toBeLessThanOrEqual(5);
  });
});
