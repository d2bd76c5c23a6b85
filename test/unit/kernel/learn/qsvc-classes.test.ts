/**
 * QSVC beyond two numeric classes: string labels, one-vs-one multi-class, decision values and
 * Platt probabilities. The reference is libsvm-js itself, called here directly on the same
 * precomputed Gram matrix (native multi-class, full training rows).
 */
import { createLocalBackend } from '../../../../simulators/local';
import { InputValidationError } from '../../../../src/core/errors';
import { QSVC, QuantumKernel, zzFeatureMap } from '../../../../src/kernel';
import { binaryProbability, coupleProbabilities, decisionValue, loadLibSvm, oneVsOneProbabilities, parseLibsvmModel, recoverRho, type PairMachine } from '../../../../src/kernel/learn/svm-core';
import { loadAdHoc } from '../../../support/kernel-cases';
import { irisSplit } from '../../../support/iris';

function kernel(d: number, reps = 2): QuantumKernel {
  return new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: d, reps, entanglement: 'linear' }) });
}

/** libsvm-js C-SVC trained directly on the Gram matrix `gram` (rows with 1-based serials). */
async function libsvmDirect(gram: number[][], labels: number[], extra: Record<string, unknown> = {}) {
  const SVM = await loadLibSvm();
  const svm = new SVM({ type: SVM.SVM_TYPES.C_SVC, kernel: SVM.KERNEL_TYPES.PRECOMPUTED, cost: 1, tolerance: 1e-3, quiet: true, ...extra });
  svm.train(gram.map((r, i) => [i + 1, ...r]), labels);
  return svm;
}

describe('QSVC: classes, decision values, probabilities', () => {
  it('two classes: the same predictions as libsvm on the same precomputed matrix, decision sign = prediction', async () => {
    const ref = loadAdHoc();
    // A hard variant: swap a few training labels so the margin has violators and rho matters.
    const y: number[] = ref.training_labels.map((l: number, i: number) => (i % 7 === 3 ? 1 - l : l));
    const k = kernel(2);
    const model = await new QSVC({ kernel: k }).fit(ref.training_features, y);
    const gram = (await k.evaluate(ref.training_features)).toArray();
    const cross = (await k.evaluate(ref.test_features, ref.training_features)).toArray();
    const svm = await libsvmDirect(gram, y);
    const expected = svm.predict(cross.map((r) => [0, ...r]));
    const trainExpected = svm.predict(gram.map((r) => [0, ...r]));
    expect(await model.predict(ref.test_features)).toEqual(expected);
    expect(await model.predict(ref.training_features)).toEqual(trainExpected);
    // Not all one class: the comparison above can fail.
    expect(new Set(trainExpected).size).toBe(2);
    const dec = await model.decisionFunction(ref.training_features);
    const pred = await model.predict(ref.training_features);
    dec.forEach(([v], i) => expect(v! > 0 ? 1 : 0).toBe(pred[i]));
    // libsvm's support vector count: the model keeps exactly those points.
    expect(model.supportVectorCount).toBe(parseLibsvmModel(svm.serializeModel()).sv.length);
    svm.free();
  });

  it('decision value = Σ coef·K − rho from libsvm\'s model text; rho recovered to rounding and equal to the written 6 digits', async () => {
    const ref = loadAdHoc();
    const k = kernel(2);
    const gram = (await k.evaluate(ref.training_features)).toArray();
    const cross = (await k.evaluate(ref.test_features, ref.training_features)).toArray();
    const y: number[] = ref.training_labels.map((l: number, i: number) => (i % 5 === 1 ? 1 - l : l));
    const svm = await libsvmDirect(gram, y.map((l) => (l === y[0] ? 1 : -1)));
    const parsed = parseLibsvmModel(svm.serializeModel());
    const rho = recoverRho(svm, parsed, gram.length);
    expect(Math.abs(rho - parsed.rho[0]!)).toBeLessThanOrEqual(5e-6 * Math.abs(parsed.rho[0]!) + 1e-12);
    // Dense reference, written out here: f(x) = Σ_j coef_j K(x, x_serial_j) − rho.
    for (const row of cross) {
      let f = -rho;
      for (const l of parsed.sv) f += l.coefs[0]! * row[l.serial - 1]!;
      const machine = { sv: parsed.sv.map((l) => l.serial - 1), coef: parsed.sv.map((l) => l.coefs[0]!), rho };
      expect(decisionValue(machine, row)).toBeCloseTo(f, 12);
      expect(svm.predictOne([0, ...row]) === 1).toBe(f > 0);
    }
    svm.free();
  });

  it('three classes (Iris, string labels): one-vs-one predictions equal libsvm\'s native multi-class', async () => {
    const d = irisSplit();
    const k = kernel(2, 1);
    const model = await new QSVC<string>({ kernel: k }).fit(d.trainX, d.trainY);
    expect(model.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    const gram = (await k.evaluate(d.trainX)).toArray();
    const cross = (await k.evaluate(d.testX, d.trainX)).toArray();
    const ids = { setosa: 0, versicolor: 1, virginica: 2 } as Record<string, number>;
    const svm = await libsvmDirect(gram, d.trainY.map((s) => ids[s]!));
    const names = ['setosa', 'versicolor', 'virginica'];
    const expected = svm.predict(cross.map((r) => [0, ...r])).map((i) => names[i]);
    const got = await model.predict(d.testX);
    expect(got).toEqual(expected);
    expect(new Set(got).size).toBe(3);
    expect(await model.score(d.testX, d.testY)).toBeGreaterThanOrEqual(0.75);
    // Three pairs, in (0,1), (0,2), (1,2) order; positive votes for the pair's first class.
    // Reference values from libsvm's native model text: SVs grouped by class (nr_sv each), the
    // coefficient of an SV of class i in pair (i, j) is in column j − 1, of class j in column i.
    const dec = await model.decisionFunction(d.testX);
    const native = parseLibsvmModel(svm.serializeModel());
    const nSv = svm.serializeModel().match(/^nr_sv (.*)$/m)![1]!.split(' ').map(Number);
    const start = [0, nSv[0]!, nSv[0]! + nSv[1]!];
    cross.forEach((row, t) => {
      let p = 0;
      for (let i = 0; i < 3; i++) {
        for (let j = i + 1; j < 3; j++, p++) {
          let f = -native.rho[p]!;
          for (let s = start[i]!; s < start[i]! + nSv[i]!; s++) f += native.sv[s]!.coefs[j - 1]! * row[native.sv[s]!.serial - 1]!;
          for (let s = start[j]!; s < start[j]! + nSv[j]!; s++) f += native.sv[s]!.coefs[i]! * row[native.sv[s]!.serial - 1]!;
          // rho is written with 6 digits: agreement to about 1e-5.
          expect(Math.abs(dec[t]![p]! - f)).toBeLessThan(1e-5 * Math.max(1, Math.abs(f)));
        }
      }
    });
    svm.free();
  });

  it('probabilities: libsvm\'s Platt formula matches libsvm\'s own estimates; QSVC.predictProba is ordered by the decision', async () => {
    const ref = loadAdHoc();
    const k = kernel(2);
    const gram = (await k.evaluate(ref.training_features)).toArray();
    const cross = (await k.evaluate(ref.test_features, ref.training_features)).toArray();
    const svm = await libsvmDirect(gram, ref.training_labels.map((l: number) => (l === ref.training_labels[0] ? 1 : -1)), { probabilityEstimates: true });
    const parsed = parseLibsvmModel(svm.serializeModel());
    const machine = { sv: parsed.sv.map((l) => l.serial - 1), coef: parsed.sv.map((l) => l.coefs[0]!), rho: recoverRho(svm, parsed, gram.length), probA: parsed.probA![0]!, probB: parsed.probB![0]! };
    for (const row of cross) {
      const est = svm.predictOneProbability([0, ...row]).estimates.find((e) => e.label === 1)!.probability;
      // probA/probB are written with 6 digits: agreement to about 1e-5.
      expect(Math.abs(binaryProbability(machine, decisionValue(machine, row))[0] - est)).toBeLessThan(1e-4);
    }
    svm.free();
    const model = await new QSVC({ kernel: k, probability: true }).fit(ref.training_features, ref.training_labels);
    const p = await model.predictProba(ref.test_features);
    const dec = (await model.decisionFunction(ref.test_features)).map(([v]) => v!);
    p.forEach((r) => expect(r[0]! + r[1]!).toBeCloseTo(1, 12));
    // P(classes[1]) increases with the decision value (positive = classes[1]).
    const order = dec.map((v, i) => [v, p[i]![1]!] as const).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < order.length; i++) expect(order[i]![1]).toBeGreaterThanOrEqual(order[i - 1]![1]);
    await expect(new QSVC({ kernel: k }).fit(ref.training_features, ref.training_labels).then((m) => m.predictProba(ref.test_features))).rejects.toThrow(/probability: true/);
  });

  it('three-class probabilities: pairwise coupling of libsvm\'s own machines equals libsvm\'s estimates', async () => {
    const d = irisSplit();
    const k = kernel(2, 1);
    const gram = (await k.evaluate(d.trainX)).toArray();
    const cross = (await k.evaluate(d.testX, d.trainX)).toArray();
    const ids = { setosa: 0, versicolor: 1, virginica: 2 } as Record<string, number>;
    const svm = await libsvmDirect(gram, d.trainY.map((s) => ids[s]!), { probabilityEstimates: true });
    const text = svm.serializeModel();
    const native = parseLibsvmModel(text);
    expect(native.labels).toEqual([0, 1, 2]);
    const nSv = text.match(/^nr_sv (.*)$/m)![1]!.split(' ').map(Number);
    const start = [0, nSv[0]!, nSv[0]! + nSv[1]!];
    // The native model's pair machines, laid out as libsvm stores them (sv = training index).
    const machines: PairMachine[] = [];
    let p = 0;
    for (let i = 0; i < 3; i++) {
      for (let j = i + 1; j < 3; j++, p++) {
        const sv: number[] = [];
        const coef: number[] = [];
        for (let s = start[i]!; s < start[i]! + nSv[i]!; s++) (sv.push(native.sv[s]!.serial - 1), coef.push(native.sv[s]!.coefs[j - 1]!));
        for (let s = start[j]!; s < start[j]! + nSv[j]!; s++) (sv.push(native.sv[s]!.serial - 1), coef.push(native.sv[s]!.coefs[i]!));
        machines.push({ pair: [i, j], sv, coef, rho: native.rho[p]!, probA: native.probA![p]!, probB: native.probB![p]! });
      }
    }
    for (const row of cross) {
      const ours = oneVsOneProbabilities(machines, machines.map((m) => decisionValue(m, row)), 3);
      const theirs = svm.predictOneProbability([0, ...row]).estimates.map((e) => e.probability);
      ours.forEach((q, c) => expect(Math.abs(q - theirs[c]!)).toBeLessThan(1e-4));
    }
    svm.free();
    // QSVC itself: one distribution per point over the three species.
    const model = await new QSVC<string>({ kernel: k, probability: true }).fit(d.trainX, d.trainY);
    const proba = await model.predictProba(d.testX);
    proba.forEach((r) => {
      expect(r).toHaveLength(3);
      expect(r.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    });
  });

  it('coupling of consistent pairwise probabilities recovers the distribution (closed form)', () => {
    // r_ij = p_i / (p_i + p_j) for p = (0.5, 0.3, 0.2): the minimiser is p itself. libsvm stops
    // once every |(Qp)_t − pᵀQp| < 0.005/k, which leaves p about 1e-3 from it.
    const q = [0.5, 0.3, 0.2];
    const r = q.map((a, i) => q.map((b, j) => (i === j ? 0 : a / (a + b))));
    const got = coupleProbabilities(r);
    got.forEach((v, i) => expect(Math.abs(v - q[i]!)).toBeLessThan(2e-3));
    expect(got.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('sampled kernel: training accuracy reuses the training Gram rows; test points run only against the support vectors', async () => {
    const ref = loadAdHoc();
    const X: number[][] = ref.training_features.slice(15, 25);
    const y: number[] = ref.training_labels.slice(15, 25);
    const kernel = new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2, reps: 1 }), backend: createLocalBackend(), method: 'sampler', shots: 256 });
    const model = await new QSVC({ kernel }).fit(X, y);
    const afterFit = kernel.stats.circuitsExecuted;
    expect(afterFit).toBe((10 * 9) / 2);
    // The training points: decided from the Gram matrix libsvm trained on (no circuits, same noise).
    const onTrain = await model.decisionFunction(X);
    expect(kernel.stats.circuitsExecuted).toBe(afterFit);
    const gram = model.trainingKernel!;
    const file = model.toModelFile();
    const support = file.supportVectors.map((sv) => X.findIndex((x) => x[0] === sv[0] && x[1] === sv[1]));
    const m = file.machines[0]!;
    onTrain.forEach(([v], i) => {
      // libsvm's order: the sum over support vectors first, rho subtracted last.
      let f = 0;
      m.sv.forEach((s, c) => (f += m.coef[c]! * gram.get(i, support[s]!)));
      expect(v).toBe(-(f - m.rho));
    });
    // New points: one circuit per (point, support vector) pair.
    await model.predict(ref.test_features.slice(0, 3));
    expect(kernel.stats.circuitsExecuted).toBe(afterFit + 3 * model.supportVectorCount);
  });

  it('refuses mixed labels', async () => {
    const k = kernel(2);
    await expect(new QSVC<number | string>({ kernel: k }).fit([[0, 1], [1, 0]], [0, 'a'])).rejects.toThrow(InputValidationError);
  });
});
