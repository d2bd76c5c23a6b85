/**
 * Model files: save → load → predict gives identical predictions for every learner; the
 * feature map is rebuilt from the file; bad or foreign files are refused naming the field.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InputValidationError } from '../../../../src/core/errors';
import { MODEL_FORMAT, PegasosQSVC, QSVC, QSVR, QuantumKernel, loadModel, pauliFeatureMap, zFeatureMap, zzFeatureMap } from '../../../../src/kernel';
import { featureMapFromJson, featureMapToJson } from '../../../../src/kernel/learn/model-file';
import { loadAdHoc } from '../../../support/kernel-cases';
import { irisSplit } from '../../../support/iris';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qbridge-models-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const file = (name: string): string => path.join(tmp, name);

/** A grid of query points over [0, 2π)², many near the decision boundaries. */
const grid = (d = 2): number[][] => {
  const out: number[][] = [];
  for (let a = 0; a < 12; a++) for (let b = 0; b < 12; b++) out.push(d === 2 ? [(a / 12) * 2 * Math.PI, (b / 12) * 2 * Math.PI] : [(a * 12 + b) / 144 * Math.PI]);
  return out;
};

describe('model persistence', () => {
  it('QSVC (3 classes, string labels): save → load → predict and decision values identical', async () => {
    const d = irisSplit();
    const kernel = new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2, reps: 1, entanglement: 'linear' }) });
    const model = await new QSVC<string>({ kernel }).fit(d.trainX, d.trainY);
    await model.save(file('iris.json'));
    const loaded = await QSVC.load(file('iris.json'));
    expect(loaded.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect((loaded.kernel as QuantumKernel).featureMap.id).toBe(kernel.featureMap.id);
    const q = [...grid(), ...d.testX];
    expect(await loaded.predict(q)).toEqual(await model.predict(q));
    expect(await loaded.decisionFunction(q)).toEqual(await model.decisionFunction(q));
    // The file holds the support vectors, not the whole training set, and a version.
    const j = JSON.parse(fs.readFileSync(file('iris.json'), 'utf8'));
    expect([j.format, j.version, j.kind, j.bandwidth]).toEqual([MODEL_FORMAT, 1, 'QSVC', 1]);
    expect(j.supportVectors.length).toBe(model.supportVectorCount);
    expect(j.machines.map((m: { pair: number[] }) => m.pair)).toEqual([[0, 1], [0, 2], [1, 2]]);
  });

  it('QSVC with probabilities, QSVR and PegasosQSVC: identical after the round trip', async () => {
    const ref = loadAdHoc();
    const k = (): QuantumKernel => new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2, reps: 2, entanglement: 'linear' }) });
    const qsvc = await new QSVC({ kernel: k(), probability: true }).fit(ref.training_features, ref.training_labels);
    await qsvc.save(file('bin.json'));
    const q1 = await QSVC.load(file('bin.json'));
    expect(await q1.predictProba(grid())).toEqual(await qsvc.predictProba(grid()));
    expect(await q1.predict(grid())).toEqual(await qsvc.predict(grid()));

    const peg = await new PegasosQSVC({ kernel: k(), C: 1000, numSteps: 100, seed: 3 }).fit(ref.training_features, ref.training_labels);
    await peg.save(file('peg.json'));
    const loaded = await loadModel(file('peg.json'));
    expect(loaded.kind).toBe('PegasosQSVC');
    expect(await loaded.model.predict(grid())).toEqual(await peg.predict(grid()));

    const x = grid(1);
    const rk = new QuantumKernel({ featureMap: zFeatureMap({ featureDimension: 1, reps: 1, alpha: 1 }) });
    const qsvr = await new QSVR({ kernel: rk, C: 10, epsilon: 0.01 }).fit(x.slice(0, 40), x.slice(0, 40).map(([v]) => Math.sin(v!)));
    await qsvr.save(file('svr.json'));
    const r = await QSVR.load(file('svr.json'));
    expect(await r.predict(x)).toEqual(await qsvr.predict(x));
  });

  it('the feature map is rebuilt from data, including per-rep entanglement from a callable', () => {
    const fm = pauliFeatureMap({ featureDimension: 3, paulis: ['Z', 'XX', 'ZY', 'XYZ'], reps: 3, entanglement: (rep) => (rep === 1 ? 'circular' : [[2, 0], [0, 1, 2]]), alpha: 1.5 });
    const json = JSON.parse(JSON.stringify(featureMapToJson(fm)));
    const back = featureMapFromJson(json, 'm.json');
    expect(back.id).toBe(fm.id);
    const x = [0.3, -1.2, 2.2];
    const a = fm.statevector(x);
    const b = back.statevector(x);
    expect(Array.from(b.re)).toEqual(Array.from(a.re));
    expect(Array.from(b.im)).toEqual(Array.from(a.im));
  });

  it('refuses bad and foreign files naming the field', async () => {
    const ref = loadAdHoc();
    const kernel = new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2 }) });
    const good = (await new QSVC({ kernel }).fit(ref.training_features, ref.training_labels)).toModelFile() as unknown as Record<string, unknown>;
    const write = (name: string, v: unknown): string => {
      fs.writeFileSync(file(name), typeof v === 'string' ? v : JSON.stringify(v));
      return file(name);
    };
    const cases: Array<[unknown, RegExp]> = [
      ['not json', /not JSON/],
      [{ hello: 1 }, /field 'format'.*not a qbridge model file/],
      [{ ...good, version: 99 }, /field 'version' is 99/],
      [{ ...good, kind: 'Forest' }, /field 'kind'/],
      [{ ...good, featureMap: { ...(good.featureMap as object), reps: 'two' } }, /field 'featureMap.reps'/],
      [{ ...good, featureMap: { ...(good.featureMap as object), id: 'pauli(other)' } }, /field 'featureMap.id'/],
      [{ ...good, supportVectors: [[1]] }, /field 'supportVectors\[0\]'/],
      [{ ...good, machines: [{ ...(good.machines as object[])[0], rho: 'x' }] }, /field 'machines\[0\].rho'/],
      [{ ...good, machines: [{ ...(good.machines as object[])[0], sv: [10_000] }] }, /field 'machines\[0\].sv'/],
      [{ ...good, classes: [1, 1] }, /field 'classes'/],
      [{ ...good, bandwidth: -2 }, /field 'bandwidth'/],
    ];
    for (const [v, msg] of cases) {
      const p = write('bad.json', v);
      const err = await QSVC.load(p).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputValidationError);
      expect((err as Error).message).toMatch(msg);
    }
    await expect(QSVR.load(write('q.json', good))).rejects.toThrow(/field 'kind' is QSVC, expected QSVR/);
    await expect(QSVC.load(file('missing.json'))).rejects.toThrow(/cannot read model file .*ENOENT/);
    // No bandwidth field: written by a kernel without the option, read as 1.
    const { bandwidth: _omit, ...noBandwidth } = good;
    const m = await QSVC.load(write('nobw.json', noBandwidth));
    expect(m.toModelFile().bandwidth).toBe(1);
  });
});
