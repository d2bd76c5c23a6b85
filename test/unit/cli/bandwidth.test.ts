/**
 * Issue 18 (bandwidth, concentration, datasets, scaling) through the CLI: `--bandwidth`,
 * `--bandwidth auto`, `--scale`, `--dataset iris`, and the concentration diagnostic.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { QuantumKernel, zzFeatureMap } from '../../../src/kernel';
import { cleanupTempDirs, runCli, tempDir } from '../../support/cli';

const dir = tempDir('qbridge-bandwidth-cli-');
afterAll(cleanupTempDirs);
const FIX = (f: string): string => path.join(__dirname, '..', '..', '..', 'fixtures', 'kernel-bandwidth', f);
const BLOBS = ['--train', FIX('blobs6-train.csv'), '--test', FIX('blobs6-test.csv'), '--scale', '2pi'];

interface QsvcJson {
  test_accuracy: number;
  train_size: number;
  test_size: number;
  dataset: string;
  feature_map: { bandwidth: number };
  scale: { kind: string } | null;
  concentration: { std: number; concentrated: boolean; effective_dimension: number };
  bandwidth_selection?: { chosen: number; scores: Array<{ bandwidth: number; cv_accuracy: number }> };
}

function readCsv(file: string): { x: number[][]; head: string } {
  const [head, ...rows] = fs.readFileSync(file, 'utf8').trim().split('\n');
  return { head: head!, x: rows.map((r) => r.split(',').map(Number)) };
}

describe('qbridge qsvc --bandwidth auto (6-qubit ZZ map, features on [0, 2π])', () => {
  it('the cross-validated bandwidth tests better than bandwidth 1 on data whose kernel concentrates, and the warning fires at bandwidth 1 only', async () => {
    const one = await runCli(['qsvc', ...BLOBS, '--bandwidth', '1', '--json']);
    const auto = await runCli(['qsvc', ...BLOBS, '--bandwidth', 'auto', '--json']);
    expect([one.code, auto.code]).toEqual([0, 0]);
    const a = JSON.parse(one.stdout) as QsvcJson;
    const b = JSON.parse(auto.stdout) as QsvcJson;
    expect(a.feature_map.bandwidth).toBe(1);
    expect(b.feature_map.bandwidth).toBe(b.bandwidth_selection!.chosen);
    expect(b.feature_map.bandwidth).toBeLessThan(1);
    expect(b.test_accuracy).toBeGreaterThan(a.test_accuracy + 0.2);
    expect(a.concentration.concentrated).toBe(true);
    expect(b.concentration.concentrated).toBe(false);
    // The chosen bandwidth has the best cross-validated accuracy of the grid.
    const best = Math.max(...b.bandwidth_selection!.scores.map((s) => s.cv_accuracy));
    expect(b.bandwidth_selection!.scores.find((s) => s.bandwidth === b.bandwidth_selection!.chosen)!.cv_accuracy).toBe(best);
    expect(b.bandwidth_selection!.scores.map((s) => s.bandwidth)).toEqual([0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1]);

    const human = await runCli(['qsvc', ...BLOBS]);
    expect(human.stdout).toMatch(/^warning: the kernel values concentrate .*try --bandwidth auto/m);
    expect(human.stdout).toContain('scaling: min-max onto [0, 2π] (training range per column), fitted on the training points and applied to the test points');
    expect(human.stdout).toMatch(/feature map: ZZFeatureMap \(paulis Z,ZZ, reps 2, entanglement full, alpha 2, bandwidth 1\) on 6 qubits/);
    const humanAuto = await runCli(['qsvc', ...BLOBS, '--bandwidth', 'auto']);
    expect(humanAuto.stdout).toMatch(/bandwidth by 5-fold stratified cross-validation on the training points \(fold seed 0; ties go to the larger bandwidth\)/);
    expect(humanAuto.stdout.split('\n').filter((l) => /^\s+[\d.]+\s+\d\.\d{4}\s+\d\.\d{4}/.test(l))).toHaveLength(7);
    expect(humanAuto.stdout).toMatch(/<- chosen/);
    expect(humanAuto.stdout).not.toMatch(/^warning:/m);
  });

  it('the warning does not fire on the 2-qubit tutorial data (main-job), and the diagnostic is printed', async () => {
    const r = await runCli(['main-job', '--svg', path.join(dir, 'k.svg')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^concentration of the training kernel: off-diagonal values mean 0\.\d{4}, variance .*effective dimension \(participation ratio of eigenvalues\) [\d.]+ of 40 points$/m);
    expect(r.stdout).not.toMatch(/warning/);
  });

  it('--cv-folds and --cv-seed change the folds; the selection is reproducible', async () => {
    const args = ['qsvc', ...BLOBS, '--bandwidth', 'auto', '--bandwidth-grid', '0.05,0.2', '--json'];
    const r1 = JSON.parse((await runCli([...args, '--cv-folds', '3', '--cv-seed', '4'])).stdout) as QsvcJson;
    const r2 = JSON.parse((await runCli([...args, '--cv-folds', '3', '--cv-seed', '4'])).stdout) as QsvcJson;
    expect(r1.bandwidth_selection).toEqual(r2.bandwidth_selection);
    expect(r1.bandwidth_selection!.scores.map((s) => s.bandwidth)).toEqual([0.05, 0.2]);
    const r3 = JSON.parse((await runCli([...args, '--cv-folds', '3', '--cv-seed', '5'])).stdout) as QsvcJson;
    expect(r3.bandwidth_selection!.scores.map((s) => s.cv_accuracy)).not.toEqual(r1.bandwidth_selection!.scores.map((s) => s.cv_accuracy));
  });
});

describe('qbridge kernel --bandwidth / --scale', () => {
  it('--bandwidth c equals the unscaled map on c·x (features rewritten in the CSV), and the output records it', async () => {
    const train = readCsv(FIX('blobs6-train.csv'));
    const small = path.join(dir, 'small.csv');
    fs.writeFileSync(small, [train.head, ...train.x.slice(0, 6).map((r) => r.join(','))].join('\n') + '\n');
    const halved = path.join(dir, 'halved.csv');
    fs.writeFileSync(halved, [train.head, ...train.x.slice(0, 6).map((r) => [...r.slice(0, 6).map((v) => 0.5 * v), r[6]].join(','))].join('\n') + '\n');
    const a = JSON.parse((await runCli(['kernel', '--train', small, '--bandwidth', '0.5', '--json'])).stdout) as { matrix: number[][]; feature_map: { bandwidth: number } };
    const b = JSON.parse((await runCli(['kernel', '--train', halved, '--json'])).stdout) as { matrix: number[][] };
    a.matrix.flat().forEach((v, i) => expect(v).toBeCloseTo(b.matrix.flat()[i]!, 12));
    expect(a.feature_map.bandwidth).toBe(0.5);
    const human = await runCli(['kernel', '--train', small, '--bandwidth', '0.5']);
    expect(human.stdout).toMatch(/alpha 2, bandwidth 0\.5\) on 6 qubits/);
    expect(human.stdout).toMatch(/^concentration: off-diagonal values mean/m);
  });

  it('--scale 2pi is fitted on --train only and applied to --test (no leakage): equals a kernel on hand-scaled points', async () => {
    const train = readCsv(FIX('blobs6-train.csv')).x.slice(0, 8);
    const test = readCsv(FIX('blobs6-test.csv')).x.slice(0, 4);
    const head = 'x0,x1,x2,x3,x4,x5,label';
    const tr = path.join(dir, 'tr.csv');
    const te = path.join(dir, 'te.csv');
    fs.writeFileSync(tr, [head, ...train.map((r) => r.join(','))].join('\n') + '\n');
    fs.writeFileSync(te, [head, ...test.map((r) => r.join(','))].join('\n') + '\n');
    const r = await runCli(['kernel', '--train', tr, '--test', te, '--scale', '2pi', '--json']);
    expect(r.code).toBe(0);
    const got = (JSON.parse(r.stdout) as { matrix: number[][]; concentration: { over: string } });
    // Reference: min and max of each training column only, written out here.
    const lo = Array.from({ length: 6 }, (_, j) => Math.min(...train.map((p) => p[j]!)));
    const hi = Array.from({ length: 6 }, (_, j) => Math.max(...train.map((p) => p[j]!)));
    const scale = (p: number[]): number[] => p.slice(0, 6).map((v, j) => ((v - lo[j]!) / (hi[j]! - lo[j]!)) * 2 * Math.PI);
    const fm = zzFeatureMap({ featureDimension: 6, reps: 2 });
    const want = await new QuantumKernel({ featureMap: fm }).evaluate(test.map(scale), train.map(scale));
    got.matrix.flat().forEach((v, i) => expect(v).toBeCloseTo(want.data[i]!, 12));
    expect(got.concentration.over).toBe('all_values');
    // A scaling refitted on train + test would differ (the test points widen some ranges).
    const lo2 = lo.map((v, j) => Math.min(v, ...test.map((p) => p[j]!)));
    expect(lo2).not.toEqual(lo);
  });
});

describe('qbridge qsvc --dataset iris', () => {
  it('loads the shipped Iris data, split per species, and says what was used', async () => {
    const r = await runCli(['qsvc', '--dataset', 'iris', '--scale', 'pi', '--bandwidth', '0.05', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as QsvcJson & { qubits: number };
    expect([j.train_size, j.test_size, j.qubits]).toEqual([60, 15, 4]);
    expect(j.dataset).toMatch(/^Iris \(features sepal_length, sepal_width, petal_length, petal_width; labels 0=setosa, 1=versicolor, 2=virginica; split seed 12345\)$/);
    expect(j.scale!.kind).toBe('pi');
    // Iris is close to separable: a working pipeline gets most test points right, a broken
    // label mapping or scaling would not.
    expect(j.test_accuracy).toBeGreaterThanOrEqual(0.8);
  });
});

describe('flag messages of the toolkit', () => {
  it.each([
    [['qsvc', ...BLOBS, '--bandwidth', '0'], /--bandwidth must be a number > 0 or 'auto', got '0'/],
    [['kernel', '--train', FIX('blobs6-train.csv'), '--bandwidth', 'auto'], /--bandwidth auto is for qbridge qsvc/],
    [['kernel', '--train', FIX('blobs6-train.csv'), '--bandwidth', '-2'], /--bandwidth must be a number > 0, got '-2'/],
    [['qsvc', ...BLOBS.slice(0, 4), '--scale', 'zscore'], /--scale must be standard, minmax, pi, 2pi, got 'zscore'/],
    [['qsvc', ...BLOBS, '--bandwidth', 'auto', '--bandwidth-grid', '0.1,x'], /--bandwidth-grid must be numbers > 0 separated by commas/],
    [['qsvc', ...BLOBS, '--bandwidth', 'auto', '--cv-folds', '50'], /--cv-folds 50: the smallest class has only 37 training points/],
    [['qsvc', ...BLOBS, '--cv-folds', '3'], /--bandwidth-grid, --cv-folds and --cv-seed apply to --bandwidth auto only/],
    [['qsvc', '--dataset', 'iris', '--train-size', '40', '--test-size', '20'], /Iris has 50 points per species: --train-size 40 plus --test-size 20 is more/],
    [['qsvc', '--dataset', 'wine'], /--dataset must be 'ad-hoc', 'iris' or 'penguins', got 'wine'/],
    [['qsvc', '--dataset', 'iris', '--qubits', '3'], /--qubits and --gap apply to --dataset ad-hoc only/],
  ])('%j → one typed line naming the flag', async (args, msg) => {
    const r = await runCli(args);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(msg);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
