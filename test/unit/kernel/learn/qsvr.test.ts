/** QSVR against libsvm-js's epsilon-SVR called directly on the same precomputed Gram matrix. */
import { InputValidationError } from '../../../../src/core/errors';
import { QSVR, QuantumKernel, rSquared, zFeatureMap } from '../../../../src/kernel';
import { loadLibSvm } from '../../../../src/kernel/learn/svm-core';

/** A smooth 1-D target on [0, π]: sin(x) + 0.3·cos(2x), 24 training and 12 test points interleaved. */
function data(): { trainX: number[][]; trainY: number[]; testX: number[][]; testY: number[] } {
  const f = (x: number): number => Math.sin(x) + 0.3 * Math.cos(2 * x);
  const trainX = Array.from({ length: 24 }, (_, i) => [(i / 23) * Math.PI]);
  const testX = Array.from({ length: 12 }, (_, i) => [((i + 0.5) / 12) * Math.PI]);
  return { trainX, trainY: trainX.map(([x]) => f(x!)), testX, testY: testX.map(([x]) => f(x!)) };
}

describe('QSVR (libsvm epsilon-SVR, precomputed kernel)', () => {
  it('reaches the R² libsvm gets directly on the same matrix, with the same predictions', async () => {
    const d = data();
    // One qubit, Z map with alpha 1, reps 1: K(x, y) = cos²((x − y)/2), a smooth kernel of bandwidth ~1.
    const kernel = new QuantumKernel({ featureMap: zFeatureMap({ featureDimension: 1, reps: 1, alpha: 1 }) });
    const model = await new QSVR({ kernel, C: 10, epsilon: 0.01 }).fit(d.trainX, d.trainY);
    const r2 = await model.score(d.testX, d.testY);

    // The reference: libsvm-js trained here on the same Gram matrix, rows [serial, K(i, ·)].
    const gram = (await kernel.evaluate(d.trainX)).toArray();
    const cross = (await kernel.evaluate(d.testX, d.trainX)).toArray();
    const SVM = await loadLibSvm();
    const svm = new SVM({ type: SVM.SVM_TYPES.EPSILON_SVR, kernel: SVM.KERNEL_TYPES.PRECOMPUTED, cost: 10, epsilon: 0.01, tolerance: 1e-3, quiet: true });
    svm.train(gram.map((r, i) => [i + 1, ...r]), d.trainY);
    const ref = svm.predict(cross.map((r) => [0, ...r]));
    svm.free();
    const refR2 = rSquared(d.testY, ref);
    const pred = await model.predict(d.testX);
    pred.forEach((p, i) => expect(p).toBeCloseTo(ref[i]!, 10));
    expect(Math.abs(r2 - refR2)).toBeLessThan(1e-9);
    // cos²((x−y)/2) spans {1, cos x, sin x}: it cannot fit cos 2x, so R² is high but not 1.
    expect(refR2).toBeGreaterThan(0.8);
    expect(refR2).toBeLessThan(0.999);
    expect(model.supportVectorCount).toBeGreaterThan(0);
    expect(model.supportVectorCount).toBeLessThanOrEqual(24);
  });

  it('R² is 1 − SSres/SStot (hand-computed case)', () => {
    // y = [1, 2, 3], ŷ = [1, 2, 4]: SSres = 1, SStot = 2.
    expect(rSquared([1, 2, 3], [1, 2, 4])).toBeCloseTo(0.5, 15);
  });

  it('refuses bad settings and input', async () => {
    const kernel = new QuantumKernel({ featureMap: zFeatureMap({ featureDimension: 1, reps: 1 }) });
    expect(() => new QSVR({ kernel, epsilon: -1 })).toThrow(InputValidationError);
    expect(() => new QSVR({ kernel, C: 0 })).toThrow(/C must be/);
    await expect(new QSVR({ kernel }).fit([[0], [1]], [1])).rejects.toThrow(/2 training points but 1 targets/);
    await expect(new QSVR({ kernel }).predict([[0]])).rejects.toThrow(/before fit/);
  });
});
