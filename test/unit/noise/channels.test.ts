import {
  amplitudeDampingError,
  composeErrors,
  depolarizingError,
  isTracePreserving,
  krausError,
  pauliError,
  phaseDampingError,
  tensorErrors,
  thermalRelaxationError,
  type QuantumError,
} from '../../../src/noise';
import { ReadoutError } from '../../../src/noise/readout';
import { InputValidationError } from '../../../src/core/errors';
import { applyKraus, completeness, dagger as daggerM, identity, kron, matmul as matmulM, maxDiff, projector, toM, type C, type M } from '../../support/kraus';

const ket0: C[] = [[1, 0], [0, 0]];
const ket1: C[] = [[0, 0], [1, 0]];
const plus: C[] = [[Math.SQRT1_2, 0], [Math.SQRT1_2, 0]];
const re = (m: M, r: number, c: number): number => m[r]![c]![0];

describe('noise channels (Aer parameterisations, checked against closed forms)', () => {
  it('depolarizing on |0⟩ gives (1 − λ)|0⟩⟨0| + λ·I/2, up to the maximal λ = 4/3', () => {
    for (const lambda of [0, 0.05, 0.3, 1, 4 / 3]) {
      const rho = applyKraus(depolarizingError(lambda, 1).kraus, projector(ket0));
      const want: M = [[[1 - lambda / 2, 0], [0, 0]], [[0, 0], [lambda / 2, 0]]];
      expect(maxDiff(rho, want)).toBeLessThan(1e-12);
    }
  });

  it('two-qubit depolarizing on |00⟩ gives (1 − λ)|00⟩⟨00| + λ·I/4 and refuses λ > 16/15', () => {
    const lambda = 0.2;
    const rho = applyKraus(depolarizingError(lambda, 2).kraus, projector([[1, 0], [0, 0], [0, 0], [0, 0]]));
    const want = identity(4).map((row, r) => row.map((x, c): C => [x[0] * lambda / 4 + (r === 0 && c === 0 ? 1 - lambda : 0), 0]));
    expect(maxDiff(rho, want)).toBeLessThan(1e-12);
    expect(depolarizingError(16 / 15, 2).kraus.length).toBe(15); // identity weight 0: dropped
    expect(() => depolarizingError(16 / 15 + 1e-6, 2)).toThrow(InputValidationError);
    expect(() => depolarizingError(-0.1, 1)).toThrow(/depolarizing parameter/);
  });

  it('thermal relaxation: |1⟩ decays to 1 − e^{−t/T1}, coherences of |+⟩ decay as e^{−t/T2}', () => {
    const [t1, t2, t] = [50e3, 30e3, 7e3];
    const err = thermalRelaxationError(t1, t2, t);
    const fromOne = applyKraus(err.kraus, projector(ket1));
    expect(re(fromOne, 0, 0)).toBeCloseTo(1 - Math.exp(-t / t1), 12);
    expect(re(fromOne, 1, 1)).toBeCloseTo(Math.exp(-t / t1), 12);
    const fromPlus = applyKraus(err.kraus, projector(plus));
    expect(re(fromPlus, 0, 1)).toBeCloseTo(0.5 * Math.exp(-t / t2), 12);
    expect(fromPlus[0]![1]![1]).toBeCloseTo(0, 12);
    // populations of |+⟩: 1/2 relaxes towards |0⟩ by the same 1 − e^{−t/T1}
    expect(re(fromPlus, 1, 1)).toBeCloseTo(0.5 * Math.exp(-t / t1), 12);
  });

  it('thermal relaxation with excited-state population p1 relaxes |0⟩ towards p1', () => {
    const [t1, t2, t, p1] = [40, 60, 25, 0.15];
    const rho = applyKraus(thermalRelaxationError(t1, t2, t, p1).kraus, projector(ket0));
    expect(re(rho, 1, 1)).toBeCloseTo(p1 * (1 - Math.exp(-t / t1)), 12);
    const coh = applyKraus(thermalRelaxationError(t1, t2, t, p1).kraus, projector(plus));
    expect(re(coh, 1, 0)).toBeCloseTo(0.5 * Math.exp(-t / t2), 12);
  });

  it('thermal relaxation enforces T2 ≤ 2·T1 (boundary allowed) and positive times, as Aer', () => {
    expect(() => thermalRelaxationError(10, 20.000001, 1)).toThrow(/T2 \(20.000001\) is greater than 2·T1 \(20\)/);
    const edge = thermalRelaxationError(10, 20, 3);
    // T2 = 2·T1: pure amplitude damping, coherence e^{−t/(2T1)} = e^{−t/T2}
    expect(re(applyKraus(edge.kraus, projector(plus)), 0, 1)).toBeCloseTo(0.5 * Math.exp(-3 / 20), 12);
    expect(() => thermalRelaxationError(0, 1, 1)).toThrow(/T1 must be > 0/);
    expect(() => thermalRelaxationError(1, -1, 1)).toThrow(/T2 must be > 0/);
    expect(() => thermalRelaxationError(1, 1, -1)).toThrow(/time/);
    expect(() => thermalRelaxationError(1, 1, 1, 1.5)).toThrow(InputValidationError);
  });

  it('amplitude damping moves γ of |1⟩ to |0⟩; phase damping scales coherences by √(1−λ)', () => {
    const ad = applyKraus(amplitudeDampingError(0.3).kraus, projector(ket1));
    expect(re(ad, 0, 0)).toBeCloseTo(0.3, 14);
    expect(re(ad, 1, 1)).toBeCloseTo(0.7, 14);
    const pd = applyKraus(phaseDampingError(0.36).kraus, projector(plus));
    expect(re(pd, 0, 1)).toBeCloseTo(0.5 * 0.8, 14);
    expect(re(pd, 0, 0)).toBeCloseTo(0.5, 14);
  });

  it('generalised amplitude damping relaxes towards the thermal state (1 − p1, p1)', () => {
    const [g, p1] = [0.4, 0.25];
    const err = amplitudeDampingError(g, p1);
    expect(re(applyKraus(err.kraus, projector(ket0)), 1, 1)).toBeCloseTo(p1 * g, 14);
    expect(re(applyKraus(err.kraus, projector(ket1)), 0, 0)).toBeCloseTo((1 - p1) * g, 14);
    expect(re(applyKraus(err.kraus, projector(plus)), 0, 1)).toBeCloseTo(0.5 * Math.sqrt(1 - g), 14);
    // γ = 1 reaches the thermal state from anywhere
    const full = applyKraus(amplitudeDampingError(1, p1).kraus, projector(plus));
    expect(maxDiff(full, [[[1 - p1, 0], [0, 0]], [[0, 0], [p1, 0]]])).toBeLessThan(1e-14);
    expect(() => amplitudeDampingError(0.1, -0.1)).toThrow(/excited-state population/);
  });

  it('every channel is trace preserving (Σ K†K = I, computed independently)', () => {
    const channels: QuantumError[] = [
      depolarizingError(0.1, 1),
      depolarizingError(0.9, 2),
      amplitudeDampingError(0.42),
      amplitudeDampingError(0.42, 0.3),
      phaseDampingError(0.7),
      thermalRelaxationError(80, 50, 12, 0.05),
      thermalRelaxationError(80, 160, 12),
      thermalRelaxationError(Infinity, Infinity, 12),
      pauliError([['XY', 0.25], ['ZI', 0.5], ['II', 0.25]]),
      composeErrors(amplitudeDampingError(0.2), phaseDampingError(0.3)),
      tensorErrors(amplitudeDampingError(0.2), depolarizingError(0.3, 1)),
    ];
    for (const ch of channels) {
      expect(maxDiff(completeness(ch.kraus), identity(2 ** ch.numQubits))).toBeLessThan(1e-12);
      expect(isTracePreserving(ch)).toBe(true);
    }
  });

  it('pauliError uses Qiskit labels (last character = qubit 0) and checks probabilities', () => {
    // 'XI' flips qubit 1: |00⟩ (index 0) → |10⟩ (index 2)
    const rho = applyKraus(pauliError([['XI', 1]]).kraus, projector([[1, 0], [0, 0], [0, 0], [0, 0]]));
    expect(re(rho, 2, 2)).toBeCloseTo(1, 14);
    expect(() => pauliError([['X', 0.5], ['I', 0.4]])).toThrow(/sum to 0.9/);
    expect(() => pauliError([['X', 0.5], ['IZ', 0.5]])).toThrow(/has 2 qubits/);
    expect(() => pauliError([['Q', 1]])).toThrow(/only I, X, Y and Z/);
  });

  it('krausError accepts a valid set and refuses one that is not trace preserving', () => {
    const g = 0.19;
    const ok = krausError([
      { dim: 2, data: Float64Array.of(1, 0, 0, 0, 0, 0, Math.sqrt(1 - g), 0) },
      { dim: 2, data: Float64Array.of(0, 0, Math.sqrt(g), 0, 0, 0, 0, 0) },
    ]);
    expect(re(applyKraus(ok.kraus, projector(ket1)), 0, 0)).toBeCloseTo(g, 14);
    expect(() => krausError([{ dim: 2, data: Float64Array.of(1, 0, 0, 0, 0, 0, 0.9, 0) }])).toThrow(/not trace preserving/);
    expect(() => krausError([{ dim: 3, data: new Float64Array(18) }])).toThrow(/dimension 3/);
  });

  it('compose applies the first error, then the second; tensor puts the second on qubit 0', () => {
    const both = composeErrors(amplitudeDampingError(0.2), amplitudeDampingError(0.5));
    expect(re(applyKraus(both.kraus, projector(ket1)), 1, 1)).toBeCloseTo(0.8 * 0.5, 14);
    // order matters: a certain X flip then damping ≠ damping then X
    const flip = pauliError([['X', 1]]);
    const flipThenDamp = composeErrors(flip, amplitudeDampingError(1));
    const dampThenFlip = composeErrors(amplitudeDampingError(1), flip);
    expect(re(applyKraus(flipThenDamp.kraus, projector(ket0)), 0, 0)).toBeCloseTo(1, 14);
    expect(re(applyKraus(dampThenFlip.kraus, projector(ket0)), 1, 1)).toBeCloseTo(1, 14);
    const t = tensorErrors(flip, pauliError([['I', 1]]));
    expect(t.numQubits).toBe(2);
    expect(re(applyKraus(t.kraus, projector([[1, 0], [0, 0], [0, 0], [0, 0]])), 2, 2)).toBeCloseTo(1, 14);
    expect(() => composeErrors(flip, depolarizingError(0.1, 2))).toThrow(/compose a 1-qubit error with a 2-qubit/);
  });

  it('a composite error lists its factors in the order they act, and applying them in turn is the product channel', () => {
    const relax = thermalRelaxationError(100, 70, 4);
    const damp = amplitudeDampingError(0.2);
    const dep = depolarizingError(0.05, 2);
    const composite = composeErrors(dep, tensorErrors(relax, damp));
    expect(composite.kraus.length).toBeGreaterThan(16);
    const factors = composite.factors!;
    expect(factors.map((f) => [f.error.label, f.args])).toEqual([
      [dep.label, [0, 1]],
      [damp.label, [0]],
      [relax.label, [1]],
    ]);
    // A 2-qubit operator from a factor: on argument 0 it is I ⊗ K (K on the low bit), on 1 K ⊗ I.
    const i2 = identity(2);
    const lift = (k: M, args: readonly number[]): M => (args.length === 2 ? k : args[0] === 0 ? kron(i2, k) : kron(k, i2));
    const psi: C[] = [[0.5, 0.1], [-0.3, 0.4], [0.2, -0.5], [0.1, 0.42]];
    const norm = Math.hypot(...psi.flat());
    let rho = projector(psi.map(([a, b]): C => [a / norm, b / norm]));
    const direct = applyKraus(composite.kraus, rho);
    for (const f of factors) {
      const ops = f.error.kraus.map((k) => lift(toM(k), f.args));
      const next: M = identity(4).map((row) => row.map((): C => [0, 0]));
      for (const k of ops) {
        const kr = matmulM(matmulM(k, rho), daggerM(k));
        for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) next[r]![c] = [next[r]![c]![0] + kr[r]![c]![0], next[r]![c]![1] + kr[r]![c]![1]];
      }
      rho = next;
    }
    expect(maxDiff(rho, direct)).toBeLessThan(1e-14);
    // A channel given by its Kraus operators has no factors; composing never nests them.
    expect(dep.factors).toBeUndefined();
    expect(composeErrors(composite, dep).factors!.length).toBe(4);
  });

  it('errors are immutable: their Kraus data cannot be changed from outside', () => {
    const ops = [{ dim: 2, data: Float64Array.of(1, 0, 0, 0, 0, 0, 1, 0) }];
    const e = krausError(ops);
    ops[0]!.data[0] = 5; // the caller's array, not the error's
    expect(e.kraus[0]!.data[0]).toBe(1);
    expect(Object.isFrozen(e) && Object.isFrozen(e.kraus)).toBe(true);
  });
});

describe('ReadoutError', () => {
  it('keeps rows P(measured | prepared) and refuses rows that do not sum to 1', () => {
    const r = new ReadoutError([[0.97, 0.03], [0.08, 0.92]]);
    expect(r.numQubits).toBe(1);
    expect(r.probabilities[1]).toEqual([0.08, 0.92]);
    expect(() => new ReadoutError([[0.9, 0.2], [0, 1]])).toThrow(/row 0 \(prepared 0\) sums to 1.1/);
    expect(() => new ReadoutError([[1, 0, 0], [0, 1, 0], [0, 0, 1]])).toThrow(/2\^n rows/);
    expect(() => new ReadoutError([[1.2, -0.2], [0, 1]])).toThrow(/entry \(0, 0\)/);
  });
});
