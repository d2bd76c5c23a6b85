import { Circuit } from '../../../src/circuit/circuit';
import { InputValidationError } from '../../../src/core/errors';
import { depolarizingError, amplitudeDampingError } from '../../../src/noise/channels';
import { DensityMatrix } from '../../../src/quantum-info/density-matrix';
import { averageGateFidelity, partialTrace, processFidelity, stateFidelity } from '../../../src/quantum-info/measures';
import { Operator } from '../../../src/quantum-info/operator';
import { SparsePauliOp } from '../../../src/quantum-info/sparse-pauli-op';
import { Statevector } from '../../../src/quantum-info/statevector';
import { dagger, eye, kron, mat, matmul, randomState, scale, type Mat } from '../../support/dense';
import { averageGateFidelity as krausAverageFidelity, depolarizingKraus } from '../../support/kraus';

const bell = Statevector.fromCircuit(new Circuit(2).h(0).cx(0, 1));
const asMat = (rho: DensityMatrix): Mat => ({ dim: rho.dim, data: rho.data.data });
function expectMatClose(a: Mat, b: Mat, digits = 12): void {
  expect(a.dim).toBe(b.dim);
  a.data.forEach((x, i) => expect(x).toBeCloseTo(b.data[i]!, digits));
}
/** ρ of a qubit from its Bloch vector: (I + xX + yY + zZ)/2. */
const bloch = (x: number, y: number, z: number): DensityMatrix =>
  new DensityMatrix([
    [(1 + z) / 2, { re: x / 2, im: -y / 2 }],
    [{ re: x / 2, im: y / 2 }, (1 - z) / 2],
  ]);

describe('partialTrace (issue 15: partialTrace)', () => {
  it('of a Bell state is I/2 on either qubit, from the statevector and from the density matrix', () => {
    const half = scale(eye(2), 0.5);
    expectMatClose(asMat(partialTrace(bell, [1])), half);
    expectMatClose(asMat(partialTrace(bell, [0])), half);
    expectMatClose(asMat(partialTrace(DensityMatrix.fromStatevector(bell), [1])), half);
  });

  it('keeps the order of the remaining qubits and gives the factor of a product state', () => {
    // '0+': qubit 1 is |0⟩, qubit 0 is |+⟩.
    const s = Statevector.fromLabel('0+');
    expectMatClose(asMat(partialTrace(s, [1])), mat([[0.5, 0.5], [0.5, 0.5]]));
    expectMatClose(asMat(partialTrace(s, [0])), mat([[1, 0], [0, 0]]));
    // GHZ-3 without qubit 1: (|00⟩⟨00| + |11⟩⟨11|)/2 on qubits (0, 2).
    const ghz = Statevector.fromCircuit(new Circuit(3).h(0).cx(0, 1).cx(1, 2));
    expectMatClose(asMat(partialTrace(ghz, [1])), mat([[0.5, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0.5]]));
    // A product |a⟩|b⟩|c⟩ of labels: tracing out qubit 1 leaves |a⟩|c⟩ with a on the high qubit.
    expectMatClose(asMat(partialTrace(Statevector.fromLabel('1+0'), [1])), asMat(DensityMatrix.fromLabel('10')));
    expect(() => partialTrace(bell, [2])).toThrow(/out of range/);
  });
});

describe('DensityMatrix (issue 15: DensityMatrix methods)', () => {
  it('evolve is UρU† by the dense matrices, for pure and mixed states', () => {
    const c = new Circuit(2).h(1).cx(1, 0).ry(0.3, 0).cz(0, 1);
    const u = Operator.fromCircuit(c).data;
    const psi = randomState(2, 4);
    const pure = DensityMatrix.fromStatevector(new Statevector({ numQubits: 2, re: psi.re, im: psi.im }));
    expectMatClose(asMat(pure.evolve(c)), matmul(matmul(u, asMat(pure)), dagger(u)));
    expectMatClose(asMat(pure.evolve(c)), asMat(DensityMatrix.fromStatevector(new Statevector({ numQubits: 2, re: psi.re, im: psi.im }).evolve(c))));
    // I/2 ⊗ |0⟩⟨0| under CX(0→1) stays diagonal: qubit 0 mixed, qubit 1 copies it.
    const mixed = DensityMatrix.fromMatrix(kron(mat([[1, 0], [0, 0]]), scale(eye(2), 0.5)));
    expectMatClose(asMat(mixed.evolve(new Circuit(2).cx(0, 1))), mat([[0.5, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0.5]]));
    // An operator on chosen qubits.
    expectMatClose(asMat(DensityMatrix.fromLabel('00').evolve(Operator.fromLabel('X'), [1])), asMat(DensityMatrix.fromLabel('10')));
  });

  it('evolve by a noise channel is Σ K ρ K† (closed forms and the Kraus reference)', () => {
    const lambda = 0.3, gamma = 0.2;
    // Depolarizing: (1 − λ)ρ + λ·I/2, so |0⟩⟨0| → diag(1 − λ/2, λ/2).
    expectMatClose(asMat(DensityMatrix.fromLabel('0').evolve(depolarizingError(lambda, 1))), mat([[1 - lambda / 2, 0], [0, lambda / 2]]));
    // Amplitude damping moves population γ from |1⟩ to |0⟩.
    expectMatClose(asMat(DensityMatrix.fromLabel('1').evolve(amplitudeDampingError(gamma))), mat([[gamma, 0], [0, 1 - gamma]]));
    // On qubit 1 of a Bell state: I ⊗ K_i on the dense matrices (test/support/kraus).
    const rho = DensityMatrix.fromStatevector(bell);
    const kraus = amplitudeDampingError(gamma).kraus.map((k) => kron({ dim: 2, data: k.data }, eye(2)));
    const expected = kraus.map((k) => matmul(matmul(k, asMat(rho)), dagger(k))).reduce((a, b) => ({ dim: a.dim, data: a.data.map((x, i) => x + b.data[i]!) }));
    expectMatClose(asMat(rho.evolve(amplitudeDampingError(gamma), [1])), expected);
    expect(rho.evolve(depolarizingError(lambda, 1), [0]).trace().re).toBeCloseTo(1, 12);
  });

  it('probabilities, expectation values, purity and trace', () => {
    const rho = DensityMatrix.fromStatevector(bell);
    const round = (d: Record<string, number>): Record<string, number> => Object.fromEntries(Object.entries(d).map(([k, v]) => [k, Number(v.toFixed(12))]));
    expect(round(rho.probabilitiesDict())).toEqual({ '00': 0.5, '11': 0.5 });
    expect(rho.expectationValue(new SparsePauliOp(['ZZ', 'XX', 'YY'], [1, 2, 3]))).toBeCloseTo(1 + 2 - 3, 12);
    expect(rho.expectationValue('ZI')).toBeCloseTo(0, 12);
    expect(rho.expectationValue(Operator.fromLabel('XX'))).toBeCloseTo(1, 12);
    expect(rho.purity()).toBeCloseTo(1, 12);
    expect(partialTrace(bell, [0]).purity()).toBeCloseTo(0.5, 12);
    expect(rho.trace().re).toBeCloseTo(1, 12);
    // The expectation value on a random pure state agrees with the statevector's.
    const psi = randomState(3, 9);
    const sv = new Statevector({ numQubits: 3, re: psi.re, im: psi.im });
    const h = SparsePauliOp.fromList([['XYZ', 0.5], ['ZIY', -1], ['IXI', 2]]);
    expect(DensityMatrix.fromStatevector(sv).expectationValue(h)).toBeCloseTo(sv.expectationValue(h), 12);
    // i·ZZ on the Bell state is i: not real.
    const iZZ = SparsePauliOp.fromList([['ZZ', { re: 0, im: 1 }]]);
    expect(() => rho.expectationValue(iZZ)).toThrow(InputValidationError);
    expect(rho.expectationValueComplex(iZZ).im).toBeCloseTo(1, 12);
  });

  it('fromCircuit and fromLabel agree with the statevector route; isValid checks trace and positivity', () => {
    const c = new Circuit(2).h(0).cx(0, 1);
    expectMatClose(asMat(DensityMatrix.fromCircuit(c)), asMat(DensityMatrix.fromStatevector(bell)));
    expect(DensityMatrix.fromLabel('+r').isValid()).toBe(true);
    expect(new DensityMatrix([[1.2, 0], [0, -0.2]]).isValid()).toBe(false);
    expect(new DensityMatrix([[0.5, 0], [0, 0.4]]).isValid()).toBe(false);
  });
});

describe('stateFidelity (issue 15: stateFidelity, pure and mixed, Uhlmann)', () => {
  it('orthogonal states 0, equal states 1, |⟨a|b⟩|² between pure states', () => {
    expect(stateFidelity(Statevector.fromLabel('0'), Statevector.fromLabel('1'))).toBe(0);
    expect(stateFidelity(bell, bell)).toBeCloseTo(1, 12);
    // |⟨0|+⟩|² = 1/2; |⟨+|r⟩|² = 1/2.
    expect(stateFidelity(Statevector.fromLabel('0'), Statevector.fromLabel('+'))).toBeCloseTo(0.5, 12);
    expect(stateFidelity(Statevector.fromLabel('+'), Statevector.fromLabel('r'))).toBeCloseTo(0.5, 12);
  });

  it('pure against mixed is ⟨ψ|ρ|ψ⟩; a pure state as a DensityMatrix gives the same by Uhlmann', () => {
    const mixed = DensityMatrix.fromMatrix(scale(eye(2), 0.5));
    expect(stateFidelity(Statevector.fromLabel('+'), mixed)).toBeCloseTo(0.5, 12);
    expect(stateFidelity(mixed, Statevector.fromLabel('+'))).toBeCloseTo(0.5, 12);
    const rho = bloch(0.3, -0.2, 0.5);
    // ⟨0|ρ|0⟩ = (1 + z)/2.
    expect(stateFidelity(DensityMatrix.fromLabel('0'), rho)).toBeCloseTo(0.75, 8);
  });

  it('two mixed qubits: Uhlmann equals the qubit closed form Tr(ρσ) + 2√(det ρ · det σ)', () => {
    // For 2×2 density matrices F = Tr(ρσ) + 2√(det ρ det σ) (Jozsa, Hübner); with Bloch
    // vectors r, s: Tr(ρσ) = (1 + r·s)/2 and det = (1 − |r|²)/4.
    const cases: Array<[[number, number, number], [number, number, number]]> = [
      [[0.3, -0.2, 0.5], [-0.1, 0.6, 0.2]],
      [[0, 0, 0.9], [0.8, 0, 0]],
      [[0.1, 0.1, 0.1], [0.1, 0.1, 0.1]],
    ];
    for (const [r, s] of cases) {
      const dot = r[0] * s[0] + r[1] * s[1] + r[2] * s[2];
      const detR = (1 - (r[0] ** 2 + r[1] ** 2 + r[2] ** 2)) / 4, detS = (1 - (s[0] ** 2 + s[1] ** 2 + s[2] ** 2)) / 4;
      const expected = (1 + dot) / 2 + 2 * Math.sqrt(detR * detS);
      expect(stateFidelity(bloch(...r), bloch(...s))).toBeCloseTo(expected, 10);
      expect(stateFidelity(bloch(...s), bloch(...r))).toBeCloseTo(expected, 10);
    }
  });

  it('two-qubit mixed states: diagonal (commuting) states give (Σ√(p_i q_i))²', () => {
    const p = [0.1, 0.2, 0.3, 0.4], q = [0.4, 0.3, 0.2, 0.1];
    const diag = (v: number[]): DensityMatrix => new DensityMatrix(v.map((x, i) => v.map((_, j) => (i === j ? x : 0))));
    const expected = p.reduce((s, x, i) => s + Math.sqrt(x * q[i]!), 0) ** 2;
    // Rotated by the same unitary the fidelity does not change.
    const u = new Circuit(2).h(0).cx(0, 1).ry(0.4, 1);
    expect(stateFidelity(diag(p), diag(q))).toBeCloseTo(expected, 10);
    expect(stateFidelity(diag(p).evolve(u), diag(q).evolve(u))).toBeCloseTo(expected, 10);
  });

  it("Qiskit's test_measures values: Bell vs I/4, pure vs mixed, orthogonal Bell states, invalid states", () => {
    // Qiskit test_state_fidelity_density_matrix / _mixed / _statevector state these values.
    const rho1 = new DensityMatrix([[0.5, 0, 0, 0.5], [0, 0, 0, 0], [0, 0, 0, 0], [0.5, 0, 0, 0.5]]);
    const mix = new DensityMatrix([[0.25, 0, 0, 0], [0, 0.25, 0, 0], [0, 0, 0.25, 0], [0, 0, 0, 0.25]]);
    expect(stateFidelity(rho1, rho1)).toBeCloseTo(1, 7);
    expect(stateFidelity(mix, mix)).toBeCloseTo(1, 7);
    expect(stateFidelity(rho1, mix)).toBeCloseTo(0.25, 7);
    const psi1 = Statevector.fromAmplitudes([Math.SQRT1_2, 0, 0, Math.SQRT1_2]);
    const psi2 = Statevector.fromAmplitudes([0, Math.SQRT1_2, Math.SQRT1_2, 0]);
    expect(stateFidelity(psi1, rho1)).toBeCloseTo(1, 7);
    expect(stateFidelity(psi1, mix)).toBeCloseTo(0.25, 7);
    expect(stateFidelity(rho1, psi1)).toBeCloseTo(1, 7);
    expect(stateFidelity(psi1, psi2)).toBeCloseTo(0, 7);
    // Statevector([1, 0, 0, 1]) is invalid: refused, and 1 against |00⟩ with validate=False.
    const invalid = Statevector.fromAmplitudes([1, 0, 0, 1]);
    expect(() => stateFidelity(invalid, Statevector.fromAmplitudes([1, 0, 0, 0]))).toThrow(InputValidationError);
    expect(stateFidelity(invalid, Statevector.fromAmplitudes([1, 0, 0, 0]), { validate: false })).toBe(1);
    // test_purity_*: I/4 has purity 0.25; [0.5, 0.5i, −0.5i, −0.5] is pure.
    expect(mix.purity()).toBeCloseTo(0.25, 12);
    const pure = Statevector.fromAmplitudes([0.5, { re: 0, im: 0.5 }, { re: 0, im: -0.5 }, -0.5]);
    expect(DensityMatrix.fromStatevector(pure).purity()).toBeCloseTo(1, 12);
  });

  it('refuses invalid states unless validate is false, and states of different sizes', () => {
    const unnormalised = Statevector.fromAmplitudes([1, 1]);
    expect(() => stateFidelity(unnormalised, Statevector.fromLabel('0'))).toThrow(/not normalised/);
    expect(stateFidelity(unnormalised, Statevector.fromLabel('0'), { validate: false })).toBeCloseTo(1, 12);
    expect(() => stateFidelity(new DensityMatrix([[1.2, 0], [0, -0.2]]), Statevector.fromLabel('0'))).toThrow(/not a valid density matrix/);
    expect(() => stateFidelity(bell, Statevector.fromLabel('0'))).toThrow(/2 and 1 qubits/);
  });
});

describe('processFidelity and averageGateFidelity (issue 15: processFidelity)', () => {
  it('unitary channels: |Tr(T†U)|²/d²', () => {
    expect(processFidelity(Operator.fromLabel('X'), Operator.fromLabel('X'))).toBeCloseTo(1, 12);
    expect(processFidelity(Operator.fromLabel('X'))).toBeCloseTo(0, 12);
    // RZ(θ) against the identity: |Tr RZ|²/4 = cos²(θ/2); a global phase does not count.
    const theta = 0.7;
    const rz = Operator.fromCircuit(new Circuit(1).rz(theta, 0));
    expect(processFidelity(rz)).toBeCloseTo(Math.cos(theta / 2) ** 2, 12);
    expect(processFidelity(rz, Operator.fromCircuit(new Circuit(1).p(theta, 0)))).toBeCloseTo(1, 12);
    // Average gate fidelity (dF + 1)/(d + 1).
    expect(averageGateFidelity(rz)).toBeCloseTo((2 * Math.cos(theta / 2) ** 2 + 1) / 3, 12);
  });

  it('depolarizing channels: F_pro = 1 − λ(d² − 1)/d², F_avg from the Kraus reference', () => {
    for (const [lambda, n] of [[0.1, 1], [0.3, 2]] as const) {
      const d = 2 ** n;
      const err = depolarizingError(lambda, n);
      expect(processFidelity(err)).toBeCloseTo(1 - (lambda * (d * d - 1)) / (d * d), 12);
      expect(averageGateFidelity(err)).toBeCloseTo(krausAverageFidelity(depolarizingKraus(n, lambda)), 12);
    }
  });

  it('a non-unitary channel against a unitary target, and refusals', () => {
    // Amplitude damping γ: Kraus K0 = diag(1, √(1−γ)), K1 = √γ|0⟩⟨1|: F_pro = (1 + √(1−γ))²/4.
    const gamma = 0.2;
    expect(processFidelity(amplitudeDampingError(gamma))).toBeCloseTo((1 + Math.sqrt(1 - gamma)) ** 2 / 4, 12);
    // Against X: Tr(X K0) = 0, Tr(X K1) = √γ: F = γ/4.
    expect(processFidelity(amplitudeDampingError(gamma), Operator.fromLabel('X'))).toBeCloseTo(gamma / 4, 12);
    expect(() => processFidelity(Operator.fromLabel('0'))).toThrow(/not unitary/);
    expect(() => processFidelity(Operator.fromLabel('X'), Operator.fromLabel('XX'))).toThrow(/1 qubit/);
    expect(() => processFidelity(Operator.fromLabel('X'), Operator.fromLabel('1'))).toThrow(/target Operator is not unitary/);
  });
});
