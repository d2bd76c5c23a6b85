import { simulateStatevector } from '../../../simulators/statevector';
import { QuantumKernel, pauliFeatureMap } from '../../../src/kernel';
import { loadCases, maxAbsDiff } from '../../support/kernel-cases';

/**
 * Every reference case (Qiskit ≥ 1.3 feature maps, qiskit-ml kernels): entangler maps,
 * statevectors with global phase (the feature map's engine plan AND the parameterised circuit
 * simulated gate by gate), kernel_train and kernel_test_train within the case tolerance.
 */
describe.each(loadCases().map((c) => [c.case_id, c] as const))('reference case %s', (_id, c) => {
  const fmSpec = c.feature_map;
  const fm = pauliFeatureMap({
    featureDimension: fmSpec.feature_dimension,
    paulis: fmSpec.paulis,
    reps: fmSpec.reps,
    entanglement: fmSpec.entanglement as 'full',
    alpha: fmSpec.alpha,
  });
  const svTargets = Object.entries(c.targets).filter(([k]) => k.startsWith('statevector_'));

  it('builds the listed entangler map of every rep', () => {
    const expected = fmSpec.entangler_maps.map((r) => r.blocks.flatMap((b) => b.tuples.map((t) => `${b.pauli}@${t.join(',')}`)));
    const actual = fm.layers.map((blocks) => blocks.map((b) => `${b.pauli}@${b.tuple.join(',')}`));
    expect(actual).toEqual(expected);
  });

  it('the engine plan reproduces the statevectors including global phase', () => {
    expect(svTargets.length).toBeGreaterThan(0);
    for (const [name, t] of svTargets) {
      const z = fm.statevector(t.x!);
      let err = 0;
      t.re!.forEach((re, k) => (err = Math.max(err, Math.abs(z.re[k]! - re), Math.abs(z.im[k]! - t.im![k]!))));
      if (!(err <= c.tolerance)) throw new Error(`${name}: max error ${err}`);
    }
  });

  it('the parameterised circuit (Qiskit gate sequence) simulated gate by gate gives the same statevectors', () => {
    for (const [name, t] of svTargets) {
      const s = simulateStatevector(fm.assign(t.x!));
      let err = 0;
      t.re!.forEach((re, k) => (err = Math.max(err, Math.abs(s.re[k]! - re), Math.abs(s.im[k]! - t.im![k]!))));
      if (!(err <= c.tolerance)) throw new Error(`${name}: max error ${err}`);
    }
  });

  it('reproduces kernel_train and kernel_test_train (raw fidelities, diagonal computed)', async () => {
    const k = new QuantumKernel({ featureMap: fm, evaluateDuplicates: 'all' });
    const train = await k.evaluate(c.inputs.X_train);
    const testTrain = await k.evaluate(c.inputs.X_test, c.inputs.X_train);
    expect([train.rows, train.cols]).toEqual([c.inputs.X_train.length, c.inputs.X_train.length]);
    expect(maxAbsDiff(c.targets.kernel_train!.matrix!, (i, j) => train.get(i, j))).toBeLessThanOrEqual(c.tolerance);
    expect([testTrain.rows, testTrain.cols]).toEqual([c.inputs.X_test.length, c.inputs.X_train.length]);
    expect(maxAbsDiff(c.targets.kernel_test_train!.matrix!, (i, j) => testTrain.get(i, j))).toBeLessThanOrEqual(c.tolerance);
  });

  it('with Qiskit defaults (off_diagonal: diagonal set to 1) stays within tolerance', async () => {
    const k = new QuantumKernel({ featureMap: fm });
    const train = await k.evaluate(c.inputs.X_train);
    for (let i = 0; i < train.rows; i++) expect(train.get(i, i)).toBe(1);
    expect(maxAbsDiff(c.targets.kernel_train!.matrix!, (i, j) => train.get(i, j))).toBeLessThanOrEqual(c.tolerance);
  });
});
