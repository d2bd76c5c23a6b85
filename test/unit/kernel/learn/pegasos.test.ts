/** PegasosQSVC: qiskit-ml's update rule, checked step by step, and its accuracy against QSVC. */
import { PegasosQSVC, QSVC, QuantumKernel, zzFeatureMap } from '../../../../src/kernel';
import { Prng } from '../../../../src/core/random';
import { loadAdHoc } from '../../../support/kernel-cases';

const kernel = (): QuantumKernel => new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2, reps: 2, entanglement: 'linear' }) });

describe('PegasosQSVC', () => {
  it('reaches QSVC\'s test accuracy on the tutorial ad hoc data within 0.05 (fixed seed)', async () => {
    const ref = loadAdHoc();
    const qsvc = await new QSVC({ kernel: kernel() }).fit(ref.training_features, ref.training_labels);
    const qsvcAcc = await qsvc.score(ref.test_features, ref.test_labels);
    // qiskit-ml's tutorial settings: C = 1000, τ = 100.
    const peg = await new PegasosQSVC({ kernel: kernel(), C: 1000, numSteps: 100, seed: 12345 }).fit(ref.training_features, ref.training_labels);
    const pegAcc = await peg.score(ref.test_features, ref.test_labels);
    expect(Math.abs(pegAcc - qsvcAcc)).toBeLessThanOrEqual(0.05);
    expect(peg.supportVectorCount).toBeGreaterThan(0);
  });

  it('follows the update rule: an independent dense re-run of the steps gives the same support set and predictions', async () => {
    const ref = loadAdHoc();
    const X: number[][] = ref.training_features;
    const labels: number[] = ref.training_labels;
    const k = kernel();
    const C = 10;
    const steps = 60;
    const seed = 7;
    const peg = await new PegasosQSVC({ kernel: k, C, numSteps: steps, seed }).fit(X, labels);
    // Dense reference: the whole Gram matrix up front, α as a plain array, y = +1 for the smaller label.
    const K = (await k.evaluate(X)).toArray();
    const y = labels.map((l) => (l === Math.min(...labels) ? 1 : -1));
    const alpha = new Array<number>(X.length).fill(0);
    const order: number[] = [];
    const rng = new Prng(seed);
    for (let t = 1; t <= steps; t++) {
      const i = rng.integer(X.length);
      let v = 0;
      for (const j of order) v += alpha[j]! * y[j]! * (K[i]![j]! + 1);
      if (y[i]! * (C / t) * v < 1) {
        if (alpha[i] === 0) order.push(i);
        alpha[i]!++;
      }
    }
    expect(peg.supportVectorCount).toBe(order.length);
    const file = peg.toModelFile();
    expect(file.alphas).toEqual(order.map((j) => alpha[j]));
    expect(file.supportVectors).toEqual(order.map((j) => X[j]));
    const cross = (await k.evaluate(ref.test_features, X)).toArray();
    const expected = cross.map((row) => (order.reduce((s, j) => s + alpha[j]! * y[j]! * (row[j]! + 1), 0) > 0 ? Math.min(...labels) : Math.max(...labels)));
    expect(await peg.predict(ref.test_features)).toEqual(expected);
    // decisionFunction: positive means classes[1] (the larger label).
    const dec = await peg.decisionFunction(ref.test_features);
    dec.forEach((v, i) => expect(v > 0 ? Math.max(...labels) : Math.min(...labels)).toBe(expected[i]));
  });

  it('refuses three classes and bad settings', async () => {
    expect(() => new PegasosQSVC({ kernel: kernel(), numSteps: 0 })).toThrow(/numSteps/);
    await expect(new PegasosQSVC({ kernel: kernel(), seed: 1 }).fit([[0, 1], [1, 0], [1, 1]], [0, 1, 2])).rejects.toThrow(/exactly two classes/);
  });
});
