/**
 * The Statevector class edge: construction, amplitudes, inner products, equivalence up to a
 * global phase, Pauli-label validation and the seeded PRNG.
 */
import Complex from 'complex.js';
import { Circuit } from '../../../src/circuit/circuit';
import { InputValidationError } from '../../../src/core/errors';
import { Prng } from '../../../src/core/random';
import { Statevector } from '../../../simulators/statevector/statevector';

const S = Math.SQRT1_2;

describe('Statevector', () => {
  it('builds from amplitudes (numbers, {re, im}, Complex) and refuses a non-power-of-two length', () => {
    const sv = Statevector.fromAmplitudes([S, { re: 0, im: S }, new Complex(0, 0), 0]);
    expect(sv.numQubits).toBe(2);
    expect(sv.dim).toBe(4);
    expect(sv.amplitude(1).im).toBe(S);
    expect(sv.amplitudes().map((a) => [a.re, a.im])).toEqual([[S, 0], [0, S], [0, 0], [0, 0]]);
    expect(() => Statevector.fromAmplitudes([1, 0, 0])).toThrow(InputValidationError);
    expect(() => sv.amplitude(4)).toThrow(/out of range/);
    expect(() => new Statevector({ numQubits: 2, re: new Float64Array(3), im: new Float64Array(3) })).toThrow(InputValidationError);
  });

  it('computes ⟨a|b⟩, fidelity and the norm', () => {
    const plus = Statevector.fromCircuit(new Circuit(1).h(0));
    const plusI = Statevector.fromCircuit(new Circuit(1).h(0).s(0)); // (|0⟩ + i|1⟩)/√2
    const ip = plus.innerProduct(plusI); // (1 + i)/2
    expect(ip.re).toBeCloseTo(0.5, 15);
    expect(ip.im).toBeCloseTo(0.5, 15);
    expect(plus.fidelity(plusI)).toBeCloseTo(0.5, 15);
    expect(plusI.norm2()).toBeCloseTo(1, 15);
    expect(() => plus.innerProduct(Statevector.fromCircuit(new Circuit(2)))).toThrow(InputValidationError);
  });

  it('equiv() ignores a global phase only', () => {
    const a = Statevector.fromCircuit(new Circuit(2).h(0).cx(0, 1));
    const b = Statevector.fromCircuit(new Circuit(2, { globalPhase: 1.234 }).h(0).cx(0, 1));
    const c = Statevector.fromCircuit(new Circuit(2).h(0).cx(0, 1).z(0));
    expect(a.equiv(b)).toBe(true);
    expect(a.equiv(c)).toBe(false);
    expect(a.equiv(Statevector.fromCircuit(new Circuit(2).x(0)))).toBe(false); // orthogonal
  });

  it('validates Pauli labels, coefficients and shot counts', () => {
    const sv = Statevector.fromCircuit(new Circuit(2).h(0));
    expect(sv.expectationValue('IX')).toBeCloseTo(1, 15);
    expect(sv.expectationValue('ix')).toBeCloseTo(1, 15);
    expect(() => sv.expectationValue('X')).toThrow(/1 letter\(s\) but the circuit has 2/);
    expect(() => sv.expectationValue('XQ')).toThrow(/invalid letter 'Q'/);
    expect(() => sv.expectationValue([['ZZ', Number.NaN]])).toThrow(/not finite/);
    expect(() => sv.sampleIndices(-1, 1)).toThrow(InputValidationError);
    expect(sv.sampleIndices(0, 1)).toHaveLength(0);
    expect(sv.sampleIndices(10)).toHaveLength(10); // unseeded still works
  });
});

describe('Prng (xoshiro128**)', () => {
  it('is reproducible per seed and uniform on [0, 1)', () => {
    const a = new Prng(7), b = new Prng(7), c = new Prng(8);
    const xs = Array.from({ length: 20000 }, () => a.next());
    expect(Array.from({ length: 20000 }, () => b.next())).toEqual(xs);
    expect(c.next()).not.toBe(xs[0]);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01); // σ of the mean ≈ 0.002
  });

  it('draws binomials with the right mean and edge cases', () => {
    const r = new Prng(3);
    expect(r.binomial(10, 0)).toBe(0);
    expect(r.binomial(10, 1)).toBe(10);
    let sum = 0;
    for (let i = 0; i < 2000; i++) sum += r.binomial(50, 0.3);
    expect(Math.abs(sum / 2000 - 15)).toBeLessThan(0.5); // σ of the mean ≈ 0.07
  });
});
