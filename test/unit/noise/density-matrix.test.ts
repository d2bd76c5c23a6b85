import { Circuit } from '../../../src/circuit/circuit';
import { Parameter } from '../../../src/circuit/parameter';
import { CircuitValidationError, InputValidationError, ResourceLimitError } from '../../../src/core/errors';
import { Prng } from '../../../src/core/random';
import { depolarizingError, NoiseModel, ReadoutError, thermalRelaxationError } from '../../../src/noise';
import {
  assertDensityMatrixFits,
  measurementProbabilities,
  sampleDensityMatrixCounts,
  simulateDensityMatrix,
} from '../../../simulators/density-matrix';
import { simulateStatevector } from '../../../simulators/statevector';

const ONE_Q = ['h', 'x', 'y', 'z', 's', 'sdg', 't', 'tdg', 'sx'];
const ONE_Q_PARAM = ['rx', 'ry', 'rz', 'p'];
const TWO_Q = ['cx', 'cz', 'swap', 'ecr', 'cy'];
const TWO_Q_PARAM = ['rzz', 'cp', 'crx'];

function randomCircuit(n: number, depth: number, rng: Prng): Circuit {
  const c = new Circuit(n);
  const pick = <T>(xs: readonly T[]): T => xs[rng.integer(xs.length)]!;
  for (let i = 0; i < depth; i++) {
    const kind = n === 1 ? [0, 1, 4][rng.integer(3)]! : rng.integer(5);
    const a = rng.integer(n);
    let b = rng.integer(n - 1);
    if (b >= a) b++;
    if (kind === 0) c.append(pick(ONE_Q), [a]);
    else if (kind === 1) c.append(pick(ONE_Q_PARAM), [a], [rng.next() * 6 - 3]);
    else if (kind === 2) c.append(pick(TWO_Q), [a, b]);
    else if (kind === 3) c.append(pick(TWO_Q_PARAM), [a, b], [rng.next() * 6 - 3]);
    else c.append('u', [a], [rng.next() * 3, rng.next() * 6, rng.next() * 6]);
  }
  if (n >= 3) c.append('ccx', [0, 1, 2]);
  return c;
}

describe('density-matrix simulator', () => {
  it('noiseless: ρ equals |ψ⟩⟨ψ| of the statevector engine on random circuits (1e-12)', () => {
    const rng = new Prng(2026);
    for (let trial = 0; trial < 12; trial++) {
      const n = 1 + (trial % 4);
      const circuit = randomCircuit(n, 25, rng);
      const rho = simulateDensityMatrix(circuit);
      const sv = simulateStatevector(circuit, { fusion: false });
      const d = 2 ** n;
      expect(rho.numQubits).toBe(n);
      let worst = 0;
      for (let r = 0; r < d; r++) {
        for (let c = 0; c < d; c++) {
          // ψ_r · conj(ψ_c)
          const wr = sv.re[r]! * sv.re[c]! + sv.im[r]! * sv.im[c]!;
          const wi = sv.im[r]! * sv.re[c]! - sv.re[r]! * sv.im[c]!;
          worst = Math.max(worst, Math.hypot(rho.re[r * d + c]! - wr, rho.im[r * d + c]! - wi));
        }
      }
      expect(worst).toBeLessThan(1e-12);
    }
  });

  it('a Bell circuit with depolarizing(λ) on cx gives P(00) = P(11) = (1−λ)/2 + λ/4, P(01) = P(10) = λ/4', () => {
    const lambda = 0.12;
    const noise = new NoiseModel().addAllQubitQuantumError(depolarizingError(lambda, 2), 'cx');
    const bell = new Circuit(2, 2).h(0).cx(0, 1).measure(0, 0).measure(1, 1);
    const out = measurementProbabilities(bell, { noise });
    const same = (1 - lambda) / 2 + lambda / 4;
    expect([...out.probabilities.keys()]).toEqual(['00', '01', '10', '11']);
    expect(out.probabilities.get('00')).toBeCloseTo(same, 12);
    expect(out.probabilities.get('11')).toBeCloseTo(same, 12);
    expect(out.probabilities.get('01')).toBeCloseTo(lambda / 4, 12);
    expect(out.probabilities.get('10')).toBeCloseTo(lambda / 4, 12);
    expect(out.errorsApplied).toBe(1);
    expect(out.noise).toContain('cx on all qubits: depolarizing(λ=0.12, 2q)');
    // the coherence |00⟩⟨11| shrinks by 1 − λ
    const rho = simulateDensityMatrix(bell, { noise });
    expect(rho.re[0 * 4 + 3]).toBeCloseTo((1 - lambda) / 2, 12);
  });

  it('readout error on |0⟩ gives the assignment row, on |1⟩ the other row', () => {
    const noise = new NoiseModel().addReadoutError(new ReadoutError([[0.93, 0.07], [0.11, 0.89]]));
    const zero = measurementProbabilities(new Circuit(1, 1).measure(0, 0), { noise });
    expect(zero.probabilities.get('0')).toBeCloseTo(0.93, 14);
    expect(zero.probabilities.get('1')).toBeCloseTo(0.07, 14);
    expect(zero.readoutQubits).toEqual([0]);
    const one = measurementProbabilities(new Circuit(1, 1).x(0).measure(0, 0), { noise });
    expect(one.probabilities.get('0')).toBeCloseTo(0.11, 14);
    expect(one.probabilities.get('1')).toBeCloseTo(0.89, 14);
  });

  it('a local readout error replaces the all-qubit one on its qubit; two-qubit errors are little-endian', () => {
    const noise = new NoiseModel()
      .addReadoutError(new ReadoutError([[0.9, 0.1], [0.1, 0.9]]))
      .addReadoutError(new ReadoutError([[1, 0], [0.5, 0.5]]), [1]);
    const c = new Circuit(2, 2).x(1).measure(0, 0).measure(1, 1);
    const p = measurementProbabilities(c, { noise }).probabilities;
    // qubit 1 (left bit) prepared 1 reads 0 half the time; qubit 0 prepared 0 reads 1 with 0.1
    expect(p.get('10')).toBeCloseTo(0.5 * 0.9, 14);
    expect(p.get('00')).toBeCloseTo(0.5 * 0.9, 14);
    expect(p.get('11')).toBeCloseTo(0.5 * 0.1, 14);
    // correlated 2-qubit error on [0, 1]: prepared index 2 (qubit 1 set) always reads index 1
    const joint = new ReadoutError([[1, 0, 0, 0], [0, 1, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1]]);
    const p2 = measurementProbabilities(c, { noise: new NoiseModel().addReadoutError(joint, [0, 1]) }).probabilities;
    expect([...p2]).toEqual([['01', 1]]);
    const half = new Circuit(2, 1).measure(0, 0);
    expect(() => measurementProbabilities(half, { noise: new NoiseModel().addReadoutError(joint, [0, 1]) })).toThrow(
      /qubit\(s\) 1 are not/,
    );
  });

  it('thermal relaxation after each id gate: P(1) after k steps is e^{−k·t/T1}', () => {
    const [t1, t2, t] = [100, 80, 9];
    const noise = new NoiseModel().addQuantumError(thermalRelaxationError(t1, t2, t), 'id', [0]);
    const c = new Circuit(1, 1).x(0);
    for (let k = 0; k < 5; k++) c.id(0);
    c.measure(0, 0);
    const out = measurementProbabilities(c, { noise });
    expect(out.probabilities.get('1')).toBeCloseTo(Math.exp((-5 * t) / t1), 12);
    expect(out.errorsApplied).toBe(5);
  });

  it('simulates only the touched qubits: an ISA circuit on 156 qubits using 3 is a 3-qubit simulation', () => {
    const c = new Circuit(156, 3).x(3).cx(3, 77).h(155).measure(3, 0).measure(77, 1).measure(155, 2);
    const noise = new NoiseModel().addQuantumError(depolarizingError(0.2, 2), 'cx', [3, 77]);
    const out = measurementProbabilities(c, { noise });
    expect(out.qubits).toEqual([3, 77, 155]);
    expect(out.errorsApplied).toBe(1);
    // cx on |1,0⟩ → |11⟩ then depolarized: P(q3 = q77 = 1) = 1 − λ + λ/4, split by h on 155
    expect(out.probabilities.get('011')).toBeCloseTo((1 - 0.2 + 0.05) / 2, 12);
    expect(out.probabilities.get('111')).toBeCloseTo((1 - 0.2 + 0.05) / 2, 12);
    expect(out.probabilities.get('001')).toBeCloseTo(0.05 / 2, 12);
    // the error is local to [3, 77]: a cx elsewhere is ideal
    const other = new Circuit(156, 2).x(4).cx(4, 5).measure(4, 0).measure(5, 1);
    expect(measurementProbabilities(other, { noise }).errorsApplied).toBe(0);
  });

  it('refuses more than 13 touched qubits with a ResourceLimitError naming bytes and the limit', () => {
    const c = new Circuit(20);
    for (let q = 0; q < 14; q++) c.h(q);
    let caught: unknown;
    try {
      simulateDensityMatrix(c);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ResourceLimitError);
    expect((caught as Error).message).toContain(String(4 ** 14 * 16)); // 2^(2n)·16 bytes
    expect((caught as Error).message).toContain('limit is 13 qubits');
  });

  it('13 qubits is within the limit; a state that does not fit in memory is refused before allocating', () => {
    expect(() => assertDensityMatrixFits(13, Infinity)).not.toThrow();
    // channels act in place: one 4-qubit ρ is 4^4·16 = 4096 bytes
    expect(() => assertDensityMatrixFits(4, 4096)).not.toThrow();
    expect(() => assertDensityMatrixFits(4, 4095)).toThrow(/1 × 4.0 KiB \(4096 bytes\)/);
  });

  it('refuses a gate after a measurement on the same qubit; resets return the qubit to |0⟩', () => {
    expect(() => simulateDensityMatrix(new Circuit(1, 1).measure(0, 0).x(0))).toThrow(CircuitValidationError);
    const reset = new Circuit(2, 2).h(0).cx(0, 1).reset(0).measure(0, 0).measure(1, 1);
    const p = measurementProbabilities(reset).probabilities;
    expect(p.get('00')).toBeCloseTo(0.5, 14);
    expect(p.get('10')).toBeCloseTo(0.5, 14);
    expect(measurementProbabilities(reset).noise).toBe('no noise model (ideal)');
  });

  it('sampled counts: reproducible for a seed, sum to the shots, follow the exact probabilities', () => {
    const noise = new NoiseModel()
      .addAllQubitQuantumError(depolarizingError(0.3, 2), 'cx')
      .addReadoutError(new ReadoutError([[0.95, 0.05], [0.1, 0.9]]));
    const bell = new Circuit(2, 2).h(0).cx(0, 1).measure(0, 0).measure(1, 1);
    const shots = 20000;
    const a = sampleDensityMatrixCounts(bell, { noise, shots, seed: 11 });
    const b = sampleDensityMatrixCounts(bell, { noise, shots, seed: 11 });
    expect(a.counts).toEqual(b.counts);
    expect(a.seed).toBe(11);
    expect(Object.values(a.counts).reduce((s, x) => s + x, 0)).toBe(shots);
    const exact = measurementProbabilities(bell, { noise }).probabilities;
    for (const [key, p] of exact) {
      const sigma = Math.sqrt(shots * p * (1 - p));
      expect(Math.abs((a.counts[key] ?? 0) - shots * p)).toBeLessThan(5 * sigma + 1);
    }
    expect(() => sampleDensityMatrixCounts(bell, { shots: 0 })).toThrow(InputValidationError);
  });

  it('counts split by classical register: keys are each register\'s bits, highest leftmost', () => {
    const c = new Circuit(3, { classicalRegisters: [['a', 1], ['b', 2]] }).x(0).x(2).measure(0, 0).measure(1, 1).measure(2, 2);
    const out = sampleDensityMatrixCounts(c, { shots: 10, seed: 3 });
    // clbits c2 c1 c0 = 1 0 1: register a = c0 = '1', register b = (c2 c1) = '10'
    expect(out.counts).toEqual({ '101': 10 });
    expect(out.registerCounts).toEqual({ a: { '1': 10 }, b: { '10': 10 } });
  });

  it('unbound parameters are refused with the statevector engine\'s message', () => {
    const c = new Circuit(1);
    c.append('rx', [0], [new Parameter('theta')]);
    expect(() => simulateDensityMatrix(c)).toThrow(/unbound parameter\(s\) theta/);
  });
});
