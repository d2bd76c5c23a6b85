import { InputValidationError } from '../../../src/core/errors';
import {
  amplitudeDampingError,
  depolarizingError,
  NoiseModel,
  phaseDampingError,
  quantumErrorFor,
  ReadoutError,
} from '../../../src/noise';
import { Circuit } from '../../../src/circuit/circuit';
import { measurementProbabilities } from '../../../simulators/density-matrix';

describe('NoiseModel', () => {
  it('a local error replaces the all-qubit error on exactly its qubits', () => {
    const all = depolarizingError(0.1, 1);
    const local = amplitudeDampingError(0.2);
    const snap = new NoiseModel().addAllQubitQuantumError(all, ['x', 'sx']).addQuantumError(local, 'x', [2]).snapshot();
    expect(quantumErrorFor(snap, 'x', [2])).toBe(local);
    expect(quantumErrorFor(snap, 'x', [0])).toBe(all);
    expect(quantumErrorFor(snap, 'sx', [2])).toBe(all);
    expect(quantumErrorFor(snap, 'h', [0])).toBeNull();
  });

  it('a second error on the same gate is composed after the first (as Aer)', () => {
    const noise = new NoiseModel().addQuantumError(amplitudeDampingError(0.3), 'x', [0]).addQuantumError(amplitudeDampingError(0.5), 'x', [0]);
    const p = measurementProbabilities(new Circuit(1, 1).x(0).measure(0, 0), { noise }).probabilities;
    expect(p.get('1')).toBeCloseTo(0.7 * 0.5, 14);
  });

  it('snapshots and copies do not share mutable state with the model', () => {
    const model = new NoiseModel().addAllQubitQuantumError(phaseDampingError(0.1), 'h');
    const snap = model.snapshot();
    const copy = model.copy();
    model.addAllQubitQuantumError(depolarizingError(0.2, 2), 'cx');
    expect(snap.allQubitErrors.has('cx')).toBe(false);
    expect(copy.snapshot().allQubitErrors.has('cx')).toBe(false);
    expect(Object.isFrozen(snap)).toBe(true);
    (snap.allQubitErrors as Map<string, unknown>).clear();
    expect(model.snapshot().allQubitErrors.has('h')).toBe(true);
  });

  it('describe() names every attached error', () => {
    const model = new NoiseModel()
      .addAllQubitQuantumError(depolarizingError(0.01, 2), 'cx')
      .addQuantumError(amplitudeDampingError(0.2), 'sx', [4])
      .addReadoutError(new ReadoutError([[0.98, 0.02], [0.04, 0.96]]), [4]);
    expect(model.describe()).toBe(
      [
        'NoiseModel:',
        '  cx on all qubits: depolarizing(λ=0.01, 2q)',
        '  sx on qubits [4]: amplitude_damping(γ=0.2)',
        '  measure on qubits [4]: readout([0.98, 0.02], [0.04, 0.96])',
      ].join('\n'),
    );
    expect(new NoiseModel().describe()).toBe('NoiseModel: ideal (no errors)');
  });

  it('refuses mismatched qubit counts, unknown gates (with a suggestion) and overlapping readout errors', () => {
    const m = new NoiseModel();
    expect(() => m.addAllQubitQuantumError(depolarizingError(0.1, 1), 'cx')).toThrow(/'cx' acts on 2 qubit\(s\), the error on 1/);
    expect(() => m.addQuantumError(depolarizingError(0.1, 1), 'x', [0, 1])).toThrow(/1-qubit error cannot be attached to 2/);
    expect(() => m.addAllQubitQuantumError(depolarizingError(0.1, 1), 'sxx')).toThrow(/unknown gate 'sxx'.*did you mean .*'sx'/);
    expect(() => m.addQuantumError(depolarizingError(0.1, 1), 'x', [-1])).toThrow(InputValidationError);
    const two = new ReadoutError([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]);
    expect(() => m.addReadoutError(two)).toThrow(/all-qubit readout error must be a one-qubit error/);
    m.addReadoutError(two, [0, 1]);
    expect(() => m.addReadoutError(new ReadoutError([[1, 0], [0, 1]]), [1])).toThrow(/overlaps the one on \[0, 1\]/);
    // the same qubits again: replaced, not refused
    m.addReadoutError(two, [0, 1]);
    expect(m.snapshot().localReadout.length).toBe(1);
  });
});
