/** `qbridge qsvc --save` and `qbridge predict --model --data`, in-process. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PegasosQSVC, QSVC, QSVR, QuantumKernel, adHocData, rSquared, zFeatureMap, zzFeatureMap } from '../../../src/kernel';
import { runCli } from '../../support/cli';
import { irisSplit } from '../../support/iris';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qbridge-predict-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const at = (f: string): string => path.join(tmp, f);

/** The Iris split as CSV: species names as labels. */
function irisCsv(): { train: string; test: string; d: ReturnType<typeof irisSplit> } {
  const d = irisSplit();
  const write = (name: string, xs: number[][], ys: string[]): string => {
    fs.writeFileSync(at(name), ['petal_length,petal_width,label', ...xs.map((x, i) => `${x[0]},${x[1]},${ys[i]}`)].join('\n') + '\n');
    return at(name);
  };
  return { train: write('train.csv', d.trainX, d.trainY), test: write('test.csv', d.testX, d.testY), d };
}

describe('qbridge predict', () => {
  it('qsvc --save then predict: per-point predictions equal the library model\'s, columns matched by name, labels as text', async () => {
    const { train, test, d } = irisCsv();
    const model = at('iris-model.json');
    const r = await runCli(['qsvc', '--train', train, '--test', test, '--reps', '1', '--entanglement', 'linear', '--save', model]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`model written to ${model}`);
    // Data file: columns in another order, an id column, no labels.
    const data = at('points.csv');
    fs.writeFileSync(data, ['id,petal_width,petal_length', ...d.testX.map((x, i) => `p${i},${x[1]},${x[0]}`)].join('\n') + '\n');
    const p = await runCli(['predict', '--model', model, '--data', data, '--json']);
    expect(p.stderr).toBe('');
    const j = JSON.parse(p.stdout);
    // The reference: the library trained on the same data with the same feature map.
    const kernel = new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2, reps: 1, entanglement: 'linear' }) });
    const lib = await new QSVC<string>({ kernel }).fit(d.trainX, d.trainY);
    expect(j.predictions).toEqual(await lib.predict(d.testX));
    expect(j.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(j.features).toEqual(['petal_length', 'petal_width']);
    expect(j.id_column).toBe('id');
    expect(j.kernel).toMatch(/exact statevector/);
    expect(j.kind).toBe('QSVC');

    // Human output: one line per data row, and the accuracy when the data has a label column.
    const h = await runCli(['predict', '--model', model, '--data', test]);
    expect(h.code).toBe(0);
    const rows = h.stdout.split('\n').filter((l) => /^\d+,/.test(l));
    expect(rows.length).toBe(d.testX.length);
    const acc = (await lib.predict(d.testX)).filter((y, i) => y === d.testY[i]).length / d.testY.length;
    expect(h.stdout).toContain(`accuracy against the label column label: ${acc.toFixed(4)}`);
    expect(h.stdout).toMatch(/QSVC from .* \(3 classes: setosa, versicolor, virginica; \d+ support vectors\)/);
  });

  it('a model trained with --scale pi and --bandwidth 0.5 predicts raw points as the library does on the same scaled points at that bandwidth', async () => {
    const { train, test, d } = irisCsv();
    const model = at('iris-scaled.json');
    const r = await runCli(['qsvc', '--train', train, '--test', test, '--reps', '1', '--entanglement', 'linear', '--scale', 'pi', '--bandwidth', '0.5', '--save', model]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const saved = JSON.parse(fs.readFileSync(model, 'utf8'));
    expect(saved.bandwidth).toBe(0.5);
    expect(saved.featureScaling.kind).toBe('pi');
    // Reference, written independently: min-max onto [0, π] from the training columns' ranges.
    const cols = [0, 1].map((c) => d.trainX.map((x) => x[c]!));
    const lo = cols.map((c) => Math.min(...c));
    const hi = cols.map((c) => Math.max(...c));
    const scale = (xs: number[][]): number[][] => xs.map((x) => x.map((v, c) => ((v - lo[c]!) / (hi[c]! - lo[c]!)) * Math.PI));
    // Points on a grid over the raw training range, as a data file.
    const grid: number[][] = [];
    for (let a = 0; a <= 6; a++) for (let b = 0; b <= 6; b++) grid.push([lo[0]! + ((hi[0]! - lo[0]!) * a) / 6, lo[1]! + ((hi[1]! - lo[1]!) * b) / 6]);
    const data = at('grid.csv');
    fs.writeFileSync(data, ['petal_length,petal_width', ...grid.map((x) => x.join(','))].join('\n') + '\n');
    const p = await runCli(['predict', '--model', model, '--data', data, '--json']);
    expect(p.stderr).toBe('');
    const j = JSON.parse(p.stdout);
    const kernel = new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2, reps: 1, entanglement: 'linear', bandwidth: 0.5 }) });
    const lib = await new QSVC<string>({ kernel }).fit(scale(d.trainX), d.trainY);
    const expected = await lib.predict(scale(grid));
    expect(j.predictions).toEqual(expected);
    expect(j.scale.kind).toBe('pi');
    // Unscaled, the same model predicts these points otherwise: the scaling matters here.
    expect(await lib.predict(grid)).not.toEqual(expected);
    const h = await runCli(['predict', '--model', model, '--data', test]);
    expect(h.stdout).toContain('scaling: min-max onto [0, π] (training range per column), as fitted on the training points (from the model file)');
    expect(h.stdout).toContain('bandwidth 0.5');
  });

  it('--save with --kernel projected is refused before anything runs', async () => {
    const { train, test } = irisCsv();
    const r = await runCli(['qsvc', '--train', train, '--test', test, '--kernel', 'projected', '--save', at('never.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--save writes models on the fidelity kernel only/);
    expect(fs.existsSync(at('never.json'))).toBe(false);
  });

  it('numeric labels compare as numbers; a model saved from --dataset ad-hoc takes the data file\'s feature columns in order', async () => {
    const model = at('adhoc.json');
    const r = await runCli(['qsvc', '--dataset', 'ad-hoc', '--train-size', '20', '--test-size', '5', '--entanglement', 'linear', '--save', model, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).model_file).toBe(model);
    // The same data the command generated (its defaults: 20 + 5 per class, gap 0.3, data seed 12345).
    const ref = adHocData({ trainingSize: 20, testSize: 5, n: 2, gap: 0.3, seed: 12345 });
    // Labels written as 0.0 / 1.0: still the classes 0 and 1.
    fs.writeFileSync(at('adhoc-test.csv'), ['x0,x1,label', ...ref.testFeatures.map((x, i) => `${x[0]},${x[1]},${ref.testLabels[i]}.0`)].join('\n') + '\n');
    const p = await runCli(['predict', '--model', model, '--data', at('adhoc-test.csv'), '--json']);
    expect(p.stderr).toBe('');
    const j = JSON.parse(p.stdout);
    expect(j.features).toEqual(['x0', 'x1']);
    const kernel = new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2, reps: 2, entanglement: 'linear' }) });
    const lib = await new QSVC({ kernel }).fit(ref.trainingFeatures, ref.trainingLabels);
    const expected = await lib.predict(ref.testFeatures);
    expect(j.predictions).toEqual(expected);
    expect(j.accuracy).toBe(expected.filter((y, i) => y === ref.testLabels[i]).length / expected.length);
  });

  it('a library model saved with probabilities: predict prints libsvm\'s class probabilities too', async () => {
    const { test, d } = irisCsv();
    const kernel = new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2, reps: 1, entanglement: 'linear' }) });
    const lib = await new QSVC<string>({ kernel, probability: true }).fit(d.trainX, d.trainY);
    await lib.save(at('proba.json'));
    const p = await runCli(['predict', '--model', at('proba.json'), '--data', test, '--json']);
    expect(p.stderr).toBe('');
    const j = JSON.parse(p.stdout);
    expect(j.predictions).toEqual(await lib.predict(d.testX));
    expect(j.probabilities).toEqual(await lib.predictProba(d.testX));
    const h = await runCli(['predict', '--model', at('proba.json'), '--data', test]);
    expect(h.stdout).toContain('row,prediction,P(setosa),P(versicolor),P(virginica)');
  });

  it('QSVR and PegasosQSVC files: predictions, and R² for a regression when the data has a label column', async () => {
    const xs = Array.from({ length: 16 }, (_, i) => [(i / 15) * Math.PI]);
    const ys = xs.map(([x]) => Math.sin(x!));
    const qsvr = await new QSVR({ kernel: new QuantumKernel({ featureMap: zFeatureMap({ featureDimension: 1, reps: 1, alpha: 1 }) }), C: 10, epsilon: 0.01 }).fit(xs, ys);
    await qsvr.save(at('svr.json'));
    const q = xs.map(([x]) => [x! + 0.1]);
    const truth = q.map(([x]) => Math.sin(x!));
    fs.writeFileSync(at('svr.csv'), ['x,label', ...q.map(([x], i) => `${x},${truth[i]}`)].join('\n') + '\n');
    const r = JSON.parse((await runCli(['predict', '--model', at('svr.json'), '--data', at('svr.csv'), '--json'])).stdout);
    const expected = await qsvr.predict(q);
    expect(r.kind).toBe('QSVR');
    expect(r.predictions).toEqual(expected);
    expect(r.r2).toBe(rSquared(truth, expected));

    const { test, d } = irisCsv();
    const two = d.trainY.map((y) => (y === 'setosa' ? 'setosa' : 'other'));
    const peg = await new PegasosQSVC<string>({ kernel: new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2, reps: 1 }) }), C: 100, numSteps: 50, seed: 2 }).fit(d.trainX, two);
    await peg.save(at('peg.json'));
    const p = JSON.parse((await runCli(['predict', '--model', at('peg.json'), '--data', test, '--json'])).stdout);
    expect(p.kind).toBe('PegasosQSVC');
    expect(p.classes).toEqual(['other', 'setosa']);
    expect(p.predictions).toEqual(await peg.predict(d.testX));
  });

  it('qsvc --save into a missing folder is refused before training, naming --save', async () => {
    const { train, test } = irisCsv();
    const r = await runCli(['qsvc', '--train', train, '--test', test, '--save', at('no/such/dir/m.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--save .*does not exist/);
  });

  it('refuses a foreign model file, a missing flag and data with other columns, naming them', async () => {
    const { train, test } = irisCsv();
    const model = at('m2.json');
    expect((await runCli(['qsvc', '--train', train, '--test', test, '--save', model])).code).toBe(0);
    fs.writeFileSync(at('foreign.json'), JSON.stringify({ format: 'sklearn-pickle', version: 1 }));
    const f = await runCli(['predict', '--model', at('foreign.json'), '--data', test]);
    expect(f.code).toBe(1);
    expect(f.stderr).toMatch(/--model .*foreign\.json: field 'format'/);
    const m = await runCli(['predict', '--data', test]);
    expect(m.code).toBe(1);
    expect(m.stderr).toMatch(/--model/);
    fs.writeFileSync(at('other.csv'), 'a,b\n1,2\n');
    const o = await runCli(['predict', '--model', model, '--data', at('other.csv')]);
    expect(o.code).toBe(1);
    expect(o.stderr).toMatch(/petal_length/);
  });
});
