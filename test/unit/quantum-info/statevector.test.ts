import { Circuit } from '../../../src/circuit/circuit';
import { CircuitValidationError, InputValidationError } from '../../../src/core/errors';
import { Operator } from '../../../src/quantum-info/operator';
import { SparsePauliOp } from '../../../src/quantum-info/sparse-pauli-op';
import { Statevector } from '../../../src/quantum-info/statevector';
import { Statevector as EngineStatevector } from '../../../simulators/statevector';
import { zzFeatureMap } from '../../../src/kernel/feature-map';
import { add, eye, kron, mat, scale, denseSimulate, maxDiff, randomState, type Mat, type Vec } from '../../support/dense';

const S2 = Math.SQRT1_2;
const P: Record<string, Mat> = {
  I: eye(2),
  X: mat([[0, 1], [1, 0]]),
  Y: mat([[0, [0, -1]], [[0, 1], 0]]),
  Z: mat([[1, 0], [0, -1]]),
};
const pauliDense = (label: string): Mat => [...label].map((c) => P[c]!).reduce((acc, m) => kron(acc, m));
/** ⟨ψ|M|ψ⟩ as (re, im), by the dense matrix. */
function denseExpectation(m: Mat, s: Vec): [number, number] {
  let re = 0, im = 0;
  for (let r = 0; r < m.dim; r++)
    for (let c = 0; c < m.dim; c++) {
      const mr = m.data[2 * (r * m.dim + c)]!, mi = m.data[2 * (r * m.dim + c) + 1]!;
      // conj(ψ_r)·M_rc·ψ_c
      const xr = mr * s.re[c]! - mi * s.im[c]!, xi = mr * s.im[c]! + mi * s.re[c]!;
      re += s.re[r]! * xr + s.im[r]! * xi;
      im += s.re[r]! * xi - s.im[r]! * xr;
    }
  return [re, im];
}
const sv = (v: Vec): Statevector => new Statevector({ numQubits: Math.log2(v.re.length), re: v.re, im: v.im });

describe('Statevector (issue 15: fromLabel, evolve, probabilitiesDict, sampleCounts, expectationValue, equiv)', () => {
  it("fromLabel builds the product state, leftmost letter on the highest qubit; r = (|0⟩+i|1⟩)/√2", () => {
    // Written out: one-qubit vectors, Kronecker product left to right.
    const one: Record<string, Vec> = {
      '0': { re: Float64Array.of(1, 0), im: Float64Array.of(0, 0) },
      '1': { re: Float64Array.of(0, 1), im: Float64Array.of(0, 0) },
      '+': { re: Float64Array.of(S2, S2), im: Float64Array.of(0, 0) },
      '-': { re: Float64Array.of(S2, -S2), im: Float64Array.of(0, 0) },
      r: { re: Float64Array.of(S2, 0), im: Float64Array.of(0, S2) },
      l: { re: Float64Array.of(S2, 0), im: Float64Array.of(0, -S2) },
    };
    const kronVec = (a: Vec, b: Vec): Vec => {
      const re = new Float64Array(a.re.length * b.re.length), im = new Float64Array(re.length);
      for (let i = 0; i < a.re.length; i++)
        for (let j = 0; j < b.re.length; j++) {
          re[i * b.re.length + j] = a.re[i]! * b.re[j]! - a.im[i]! * b.im[j]!;
          im[i * b.re.length + j] = a.re[i]! * b.im[j]! + a.im[i]! * b.re[j]!;
        }
      return { re, im };
    };
    const label = '01+-rl';
    const expected = [...label].map((c) => one[c]!).reduce(kronVec);
    expect(maxDiff(Statevector.fromLabel(label), expected)).toBeLessThan(1e-15);
    expect(Array.from(Statevector.fromLabel('01').probabilities())).toEqual([0, 1, 0, 0]);
    expect(() => Statevector.fromLabel('0a')).toThrow(/'a' at position 1/);
  });

  it('probabilitiesDict as in Qiskit’s documentation: from_label("+0") and qargs order', () => {
    // Qiskit's Statevector.probabilities docstring: from_label('+0') gives [0.5, 0, 0.5, 0];
    // qargs [0] gives [1, 0]; qargs [1] gives [0.5, 0.5]. The dictionary form keys the same
    // values by bit string (zeros left out). Swapping qargs to [1, 0] puts qubit 1 on the
    // output's bit 0: [0.5, 0.5, 0, 0].
    const psi = Statevector.fromLabel('+0');
    const r12 = (p: Float64Array): number[] => Array.from(p, (v) => Number(v.toFixed(12)));
    expect(r12(psi.probabilities())).toEqual([0.5, 0, 0.5, 0]);
    expect(r12(psi.probabilities([0]))).toEqual([1, 0]);
    expect(r12(psi.probabilities([1, 0]))).toEqual([0.5, 0.5, 0, 0]);
    const close = (d: Record<string, number>): Record<string, number> => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, Number(v.toFixed(12))]));
    expect(close(psi.probabilitiesDict())).toEqual({ '00': 0.5, '10': 0.5 });
    expect(close(psi.probabilitiesDict([0]))).toEqual({ '0': 1 });
    expect(close(psi.probabilitiesDict([1]))).toEqual({ '0': 0.5, '1': 0.5 });
    expect(Statevector.fromLabel('10').probabilitiesDict([1, 0])).toEqual({ '01': 1 });
    expect(Statevector.fromLabel('10').probabilitiesDict()).toEqual({ '10': 1 });
    expect(Array.from(psi.probabilities([1]), (v) => Number(v.toFixed(12)))).toEqual([0.5, 0.5]);
    expect(() => psi.probabilities([2])).toThrow(/out of range/);
    expect(() => psi.probabilities([0, 0])).toThrow(/listed twice/);
  });

  it('evolve by a circuit matches the dense simulation from any initial state; qargs place the circuit', () => {
    const init = randomState(3, 11);
    const c = new Circuit(3).h(0).cx(0, 2).rzz(0.3, 1, 2).u(0.4, -0.2, 1.1, 1).s(2);
    expect(maxDiff(sv(init).evolve(c), denseSimulate(c, init))).toBeLessThan(1e-13);
    // A 1-qubit circuit on qubit 2 of the state = the same gates on qubit 2 of a 3-qubit circuit.
    const small = new Circuit(1).ry(0.8, 0).t(0);
    expect(maxDiff(sv(init).evolve(small, [2]), denseSimulate(new Circuit(3).ry(0.8, 2).t(2), init))).toBeLessThan(1e-13);
    expect(() => sv(init).evolve(small)).toThrow(/pass qargs/);
    expect(() => sv(init).evolve(new Circuit(3, 1).measure(0, 0))).toThrow(CircuitValidationError);
  });

  it('evolve by an Operator equals evolve by its circuit, and the global phase is kept', () => {
    const init = sv(randomState(2, 5));
    const c = new Circuit(2, { globalPhase: 0.9 }).h(1).cx(1, 0).rx(0.2, 0);
    expect(maxDiff(init.evolve(Operator.fromCircuit(c)), init.evolve(c))).toBeLessThan(1e-13);
    expect(maxDiff(init.evolve(c), denseSimulate(c, randomState(2, 5)))).toBeLessThan(1e-13);
    expect(maxDiff(init.evolve(Operator.fromLabel('X'), [1]), init.evolve(new Circuit(2).x(1)))).toBeLessThan(1e-15);
  });

  it('fromCircuit returns this class; equiv holds up to a global phase only', () => {
    const a = Statevector.fromCircuit(new Circuit(1).h(0).rz(0.5, 0));
    expect(a).toBeInstanceOf(Statevector);
    expect(a).toBeInstanceOf(EngineStatevector);
    expect(a.equiv(Statevector.fromCircuit(new Circuit(1).h(0).p(0.5, 0)))).toBe(true);
    expect(a.equiv(Statevector.fromCircuit(new Circuit(1).h(0).p(-0.5, 0)))).toBe(false);
    // Plain engine buffers and engine statevectors are states too.
    const plain = Statevector.fromCircuit(new Circuit(1).h(0).p(0.5, 0));
    expect(a.equiv({ numQubits: 1, re: plain.re, im: plain.im })).toBe(true);
    expect(a.fidelity(new EngineStatevector({ numQubits: 1, re: plain.re, im: plain.im }))).toBeCloseTo(1, 12);
  });

  it("the feature map's statevector is this class (Qiskit's methods on kernel states)", () => {
    const s = zzFeatureMap({ featureDimension: 2, reps: 1 }).statevector([0.3, 0.7]);
    expect(s).toBeInstanceOf(Statevector);
    const total = Object.values(s.probabilitiesDict()).reduce((x, y) => x + y, 0);
    expect(total).toBeCloseTo(1, 12);
  });

  it('expectationValue of a SparsePauliOp equals the dense ⟨ψ|H|ψ⟩; qargs place the observable', () => {
    const s = randomState(3, 3);
    const h = SparsePauliOp.fromList([['XYZ', 0.5], ['IZZ', -1.25], ['YII', 2]]);
    const dense = add(add(scale(pauliDense('XYZ'), 0.5), scale(pauliDense('IZZ'), -1.25)), scale(pauliDense('YII'), 2));
    expect(sv(s).expectationValue(h)).toBeCloseTo(denseExpectation(dense, s)[0], 12);
    expect(sv(s).expectationValue(new SparsePauliOp('Z'), [2])).toBeCloseTo(denseExpectation(pauliDense('ZII'), s)[0], 12);
    expect(sv(s).expectationValue(Operator.fromLabel('XYZ'))).toBeCloseTo(denseExpectation(pauliDense('XYZ'), s)[0], 12);
    // Bell: ⟨ZZ⟩ = 1, ⟨XX⟩ = 1 (closed form).
    const bell = Statevector.fromCircuit(new Circuit(2).h(0).cx(0, 1));
    expect(bell.expectationValue(new SparsePauliOp(['ZZ', 'XX'], [1, 0.5]))).toBeCloseTo(1.5, 12);
  });

  it('a non-Hermitian observable is refused by expectationValue and computed by expectationValueComplex', () => {
    const s = randomState(2, 8);
    const op = SparsePauliOp.fromList([['XY', { re: 0.3, im: 0.7 }], ['ZI', 1]]);
    const dense = add(scale(pauliDense('XY'), 0.3, 0.7), pauliDense('ZI'));
    const [re, im] = denseExpectation(dense, s);
    expect(Math.abs(im)).toBeGreaterThan(1e-3);
    expect(() => sv(s).expectationValue(op)).toThrow(InputValidationError);
    const v = sv(s).expectationValueComplex(op);
    expect(v.re).toBeCloseTo(re, 12);
    expect(v.im).toBeCloseTo(im, 12);
  });

  it('sampleCounts draws bit strings reproducibly for a seed, over chosen qubits', () => {
    const ghz = Statevector.fromCircuit(new Circuit(3).h(0).cx(0, 1).cx(1, 2));
    const counts = ghz.sampleCounts(2000, { seed: 7 });
    expect(Object.keys(counts).sort()).toEqual(['000', '111']);
    expect(counts['000']! + counts['111']!).toBe(2000);
    // Binomial(2000, ½): 5 standard deviations are ±112.
    expect(Math.abs(counts['000']! - 1000)).toBeLessThan(112);
    expect(ghz.sampleCounts(2000, { seed: 7 })).toEqual(counts);
    // from_label('1+') measured on qubit 1 alone is always 1.
    expect(Statevector.fromLabel('1+').sampleCounts(50, { qargs: [1], seed: 1 })).toEqual({ '1': 50 });
  });

  it('tensor puts the argument on the low qubits', () => {
    const t = Statevector.fromLabel('1').tensor(Statevector.fromLabel('+0'));
    expect(maxDiff(t, Statevector.fromLabel('1+0'))).toBeLessThan(1e-15);
    expect(maxDiff(Statevector.fromLabel('1').expand(Statevector.fromLabel('+0')), Statevector.fromLabel('+01'))).toBeLessThan(1e-15);
    expect(Statevector.fromInt(5, 3).probabilitiesDict()).toEqual({ '101': 1 });
  });
});
