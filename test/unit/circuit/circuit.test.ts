/**
 * The Circuit model as the simulator sees it: validation, parameter binding, inverse,
 * compose, depth and measurement rules, checked through simulated states where it matters.
 */
import { Circuit } from '../../../src/circuit/circuit';
import { Parameter, ParameterVector } from '../../../src/circuit/parameter';
import { CircuitValidationError } from '../../../src/core/errors';
import { simulateStatevector } from '../../../simulators/statevector/simulate';
import { denseSimulate, maxDiff } from '../../support/dense';

describe('Circuit', () => {
  it('validates qubits, arity and parameters with CircuitValidationError', () => {
    const c = new Circuit(2);
    expect(() => c.h(2)).toThrow(CircuitValidationError);
    expect(() => c.cx(0, 0)).toThrow(/repeated qubit/);
    expect(() => c.append('rx', [0], [])).toThrow(/expects 1 parameter/);
    expect(() => c.append('nope', [0])).toThrow(/unknown gate 'nope'/);
    expect(() => c.rx(Number.NaN, 0)).toThrow(/not finite/);
  });

  it('binds parameters by name and by sorted position, and the simulator refuses unbound ones', () => {
    const theta = new Parameter('theta');
    const x = new ParameterVector('x', 2);
    const c = new Circuit(2).rx(theta, 0).cp(x.get(0).mul(x.get(1)), 0, 1).ry(x.get(1).add(1), 1);
    expect(c.parameters).toEqual(['theta', 'x[0]', 'x[1]']);
    expect(() => simulateStatevector(c)).toThrow(/unbound parameter\(s\) theta/);
    const byName = c.assignParameters({ theta: 0.3, 'x[0]': 0.5, 'x[1]': -0.25 });
    const byPos = c.assignParameters([0.3, 0.5, -0.25]);
    const want = new Circuit(2).rx(0.3, 0).cp(0.5 * -0.25, 0, 1).ry(0.75, 1);
    expect(maxDiff(simulateStatevector(byName), denseSimulate(want))).toBeLessThan(1e-15);
    expect(maxDiff(simulateStatevector(byPos), denseSimulate(want))).toBeLessThan(1e-15);
    expect(() => c.assignParameters({ nope: 1 })).toThrow(/no parameter 'nope'/);
  });

  it('inverse() undoes every gate (with parameters) and negates the global phase', () => {
    const c = new Circuit(3, { globalPhase: 0.4 })
      .u(0.3, 0.2, 0.1, 0).u2(0.5, -0.6, 1).sx(2).t(0).cu(0.4, 0.5, 0.6, 0.7, 1, 2).ecr(2, 0)
      .rxx(0.8, 0, 1).ryy(0.9, 1, 2).rzz(1.0, 2, 0).ccx(0, 1, 2).cswap(2, 0, 1).sxdg(1).ch(0, 2);
    const id = c.copy().compose(c.inverse());
    const zero = { re: new Float64Array(8), im: new Float64Array(8) };
    zero.re[0] = 1;
    for (const fusion of [true, false]) expect(maxDiff(simulateStatevector(id, { fusion }), zero)).toBeLessThan(1e-14);
  });

  it('refuses to invert measurements and mid-circuit measurement in simulation', () => {
    const c = new Circuit(1, 1).h(0).measure(0, 0);
    expect(() => c.inverse()).toThrow(CircuitValidationError);
    expect(() => simulateStatevector(new Circuit(1, 1).measure(0, 0).h(0))).toThrow(/after it was measured/);
    expect(() => simulateStatevector(new Circuit(1).h(0).reset(0))).toThrow(/reset/);
  });

  it('ignores final measurements and barriers when simulating', () => {
    const c = new Circuit(2).h(0).barrier().cx(0, 1).measureAll();
    const s = simulateStatevector(c);
    expect(maxDiff(s, denseSimulate(new Circuit(2).h(0).cx(0, 1)))).toBeLessThan(1e-15);
  });

  it('compose maps qubits; depth and countOps count as Qiskit does', () => {
    const inner = new Circuit(2).h(0).cx(0, 1);
    const c = new Circuit(3).x(2).compose(inner, [2, 0]);
    expect(c.instructions.map((i) => [i.name, i.qubits])).toEqual([['x', [2]], ['h', [2]], ['cx', [2, 0]]]);
    expect(c.depth()).toBe(3);
    expect(c.countOps()).toEqual({ x: 1, h: 1, cx: 1 });
  });
});
