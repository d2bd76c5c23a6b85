/**
 * Issue 18, the bandwidth acceptance: a 6-qubit ZZ map (reps 2, full entanglement) on features
 * scaled onto [0, 2π], on a dataset where the kernel values concentrate at bandwidth 1. Prints,
 * per bandwidth of the default grid, the 5-fold cross-validated accuracy on the training set,
 * the test accuracy of a QSVC trained on the whole training set, and the training kernel's
 * concentration; then the bandwidth cross-validation picks, and the concentration of the
 * 2-qubit tutorial data (ad hoc, seed 12345, ZZ reps 2 linear) for comparison.
 *
 * The data: two Gaussian classes in 6 dimensions (unit variance per coordinate, means ±1 with
 * alternating signs per coordinate: (−1, +1, −1, +1, −1, +1) against its negative), 50 points
 * each drawn by qbridge's seeded generator (seed 7, Box–Muller), classes interleaved, the first
 * 75 points training and the last 25 test. `--write-fixtures` also writes them to
 * fixtures/kernel-bandwidth/ (the CLI acceptance test reads them from there).
 *
 * Usage: npx ts-node --transpile-only scripts/bandwidth-table.ts [--write-fixtures]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Prng } from '../src/core/random';
import { QuantumKernel, zzFeatureMap } from '../src/kernel';
import { kernelConcentration } from '../src/kernel/concentration';
import { DEFAULT_BANDWIDTH_GRID, selectBandwidth } from '../src/kernel/learn/bandwidth';
import { svcOnPrecomputed } from '../src/kernel/learn/cross-validation';
import { adHocData } from '../src/kernel/learn/datasets/ad-hoc';
import { fitScaler } from '../src/kernel/learn/scaling';

const DIM = 6;
const POINTS = 100;
const TRAIN = 75;

/** The two-Gaussian dataset described above. */
function blobs(): { x: number[][]; y: number[] } {
  const rng = new Prng(7);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < POINTS; i++) {
    const cls = i % 2;
    x.push(Array.from({ length: DIM }, (_, j) => (cls ? 1 : -1) * (j % 2 ? 1 : -1) + gauss()));
    y.push(cls);
  }
  return { x, y };
}

function writeCsv(file: string, x: number[][], y: number[]): void {
  const header = [...Array.from({ length: DIM }, (_, j) => `x${j}`), 'label'].join(',');
  fs.writeFileSync(file, [header, ...x.map((r, i) => [...r.map((v) => String(v)), String(y[i])].join(','))].join('\n') + '\n');
}

async function main(): Promise<void> {
  const { x, y } = blobs();
  const trainRaw = x.slice(0, TRAIN);
  const trainY = y.slice(0, TRAIN);
  const testRaw = x.slice(TRAIN);
  const testY = y.slice(TRAIN);
  if (process.argv.includes('--write-fixtures')) {
    const dir = path.join(__dirname, '..', 'fixtures', 'kernel-bandwidth');
    fs.mkdirSync(dir, { recursive: true });
    writeCsv(path.join(dir, 'blobs6-train.csv'), trainRaw, trainY);
    writeCsv(path.join(dir, 'blobs6-test.csv'), testRaw, testY);
  }
  // Onto [0, 2π], fitted on the training points (as `qbridge qsvc --scale 2pi`).
  const scaler = fitScaler('2pi', trainRaw);
  const train = scaler.transform(trainRaw);
  const test = scaler.transform(testRaw);
  const kernelFor = (c: number): QuantumKernel => new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: DIM, reps: 2, entanglement: 'full', bandwidth: c }) });
  const sel = await selectBandwidth({ kernelFor, x: train, labels: trainY, folds: 5, seed: 0 });
  console.log('| bandwidth | 5-fold CV accuracy (train) | test accuracy | off-diagonal std | effective dimension (of 75) | concentration warning |');
  console.log('| ---: | ---: | ---: | ---: | ---: | :---: |');
  for (const s of sel.scores) {
    const kernel = kernelFor(s.bandwidth);
    const pred = await svcOnPrecomputed(await kernel.evaluate(train), trainY, await kernel.evaluate(test, train));
    const acc = pred.filter((p, i) => p === testY[i]).length / pred.length;
    const c = s.concentration;
    const mark = s.bandwidth === sel.bandwidth ? ' (chosen)' : '';
    console.log(`| ${s.bandwidth}${mark} | ${s.meanAccuracy.toFixed(4)} | ${acc.toFixed(4)} | ${c.std.toFixed(4)} | ${c.effectiveDimension!.toFixed(2)} | ${c.concentrated ? 'yes' : 'no'} |`);
  }
  console.log(`\ngrid ${DEFAULT_BANDWIDTH_GRID.join(', ')}; cross-validation chose ${sel.bandwidth}`);
  const ad = adHocData({ trainingSize: 20, testSize: 5, n: 2, gap: 0.3, seed: 12345 });
  const tut = kernelConcentration(await new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2, reps: 2, entanglement: 'linear' }) }).evaluate(ad.trainingFeatures));
  console.log(`2-qubit tutorial data (ad hoc, 40 training points): off-diagonal std ${tut.std.toFixed(4)}, effective dimension ${tut.effectiveDimension!.toFixed(2)}, warning ${tut.concentrated ? 'yes' : 'no'}`);
}

void main();
