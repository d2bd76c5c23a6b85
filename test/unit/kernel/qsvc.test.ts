import { InputValidationError } from '../../../src/core/errors';
import { QSVC, QuantumKernel, precomputedRows, KernelMatrix, zzFeatureMap } from '../../../src/kernel';
import { loadAdHoc } from '../../support/kernel-cases';

describe('QSVC (libsvm precomputed kernel)', () => {
  it('tutorial setup (ad hoc fixture data, zz reps 2 linear, exact kernel): test accuracy 1.0', async () => {
    const ref = loadAdHoc();
    const kernel = new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2, reps: 2, entanglement: 'linear' }) });
    const model = await new QSVC({ kernel }).fit(ref.training_features, ref.training_labels);
    expect(await model.score(ref.test_features, ref.test_labels)).toBe(1);
    expect(await model.score(ref.training_features, ref.training_labels)).toBe(1);
    model.dispose();
  });
  it('precomputed rows carry the 1-based serial number first (0 for predictions)', () => {
    const k = new KernelMatrix(2, 2, Float64Array.of(1, 0.5, 0.5, 1));
    expect(precomputedRows(k, true)).toEqual([[1, 1, 0.5], [2, 0.5, 1]]);
    expect(precomputedRows(k, false)).toEqual([[0, 1, 0.5], [0, 0.5, 1]]);
  });
  it('refuses bad training input', async () => {
    const kernel = new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2 }) });
    const m = new QSVC({ kernel });
    await expect(m.predict([[1, 2]])).rejects.toThrow(/before fit/);
    await expect(m.fit([[1, 2], [2, 3]], [0])).rejects.toThrow(InputValidationError);
    await expect(m.fit([[1, 2], [2, 3]], [1, 1])).rejects.toThrow(/two classes/);
    expect(() => new QSVC({ kernel, C: 0 })).toThrow(InputValidationError);
  });
});
