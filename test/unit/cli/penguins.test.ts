/**
 * Issue 18, the second classic dataset through the CLI: `qbridge qsvc --dataset penguins`.
 * Reference: the split from the loader (tested against the raw file in
 * test/unit/kernel/penguins.test.ts), a [0, π] min–max scaling written out here from the
 * training points alone, the exact fidelity kernel, and libsvm-js called directly on the
 * precomputed matrices.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { QuantumKernel, zzFeatureMap } from '../../../src/kernel';
import { penguinsData } from '../../../src/kernel/learn/datasets/penguins';
import { loadLibSvm } from '../../../src/kernel/learn/svm-core';
import { cleanupTempDirs, runCli, tempDir } from '../../support/cli';

const dir = tempDir('qbridge-penguins-cli-');
afterAll(cleanupTempDirs);

interface PenguinsJson {
  train_accuracy: number;
  test_accuracy: number;
  train_size: number;
  test_size: number;
  qubits: number;
  dataset: string;
  dataset_details: { rows_in_file: number; rows_usable: number; dropped: Array<{ line: number; species: string }>; usable_per_species: Record<string, number>; scaled: boolean };
  dataset_notes: string[];
  features: string[];
  label_column: string;
  ignored_columns: string[];
  scale: { kind: string } | null;
}

const SMALL = ['--train-size', '6', '--test-size', '3', '--feature-map', 'zz', '--reps', '2', '--entanglement', 'linear', '--bandwidth', '0.2'];

describe('qbridge qsvc --dataset penguins', () => {
  it('--scale pi --bandwidth 0.2, 6 + 3 points per species: the accuracies of libsvm on the exact kernel of the scaled split', async () => {
    const r = await runCli(['qsvc', '--dataset', 'penguins', '--scale', 'pi', ...SMALL, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as PenguinsJson;
    expect([j.train_size, j.test_size, j.qubits]).toEqual([18, 9, 4]);
    expect(j.dataset).toMatch(/^Palmer penguins \(features culmen_length_mm, culmen_depth_mm, flipper_length_mm, body_mass_g; labels 0=Adelie, 1=Chinstrap, 2=Gentoo; split seed 12345; penguins\.csv of @observablehq\/sample-datasets/);
    expect(j.dataset_details).toMatchObject({ rows_in_file: 344, rows_usable: 342, usable_per_species: { Adelie: 151, Chinstrap: 68, Gentoo: 123 }, scaled: true });
    expect(j.dataset_details.dropped.map((d) => [d.line, d.species])).toEqual([[5, 'Adelie'], [341, 'Gentoo']]);
    expect(j.dataset_notes.join('\n')).not.toMatch(/--scale/);
    expect(j.label_column).toBe('species');
    expect(j.scale!.kind).toBe('pi');

    // The reference pipeline, written independently of the CLI.
    const d = penguinsData({ trainingSize: 6, testSize: 3, seed: 12345 });
    const lo = [0, 1, 2, 3].map((c) => Math.min(...d.trainingFeatures.map((x) => x[c]!)));
    const hi = [0, 1, 2, 3].map((c) => Math.max(...d.trainingFeatures.map((x) => x[c]!)));
    const scale = (x: number[]): number[] => x.map((v, c) => ((v - lo[c]!) / (hi[c]! - lo[c]!)) * Math.PI);
    // --bandwidth 0.2 encodes 0.2·x (at bandwidth 1 the 4-qubit ZZ kernel of 6 points per species tests at chance).
    const encode = (x: number[]): number[] => scale(x).map((v) => 0.2 * v);
    const train = d.trainingFeatures.map(encode);
    const test = d.testFeatures.map(encode);
    // The test points are scaled with the training range: some fall outside [0, π].
    expect(d.testFeatures.map(scale).flat().some((v) => v < 0 || v > Math.PI)).toBe(true);
    const k = new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 4, reps: 2, entanglement: 'linear' }) });
    const gram = (await k.evaluate(train)).toArray();
    const cross = (await k.evaluate(test, train)).toArray();
    const SVM = await loadLibSvm();
    const svm = new SVM({ type: SVM.SVM_TYPES.C_SVC, kernel: SVM.KERNEL_TYPES.PRECOMPUTED, cost: 1, tolerance: 1e-3, quiet: true });
    const ids = (ys: string[]): number[] => ys.map((s) => d.classNames.indexOf(s));
    svm.train(gram.map((row, i) => [i + 1, ...row]), ids(d.trainingLabels));
    const acc = (pred: number[], y: number[]): number => pred.filter((p, i) => p === y[i]).length / y.length;
    const trainAcc = acc(svm.predict(gram.map((row) => [0, ...row])), ids(d.trainingLabels));
    const testAcc = acc(svm.predict(cross.map((row) => [0, ...row])), ids(d.testLabels));
    svm.free();
    expect(j.train_accuracy).toBeCloseTo(trainAcc, 12);
    expect(j.test_accuracy).toBeCloseTo(testAcc, 12);
    // Not a degenerate classifier: more right than a constant guess (1/3).
    expect(testAcc).toBeGreaterThan(0.5);
  });

  it('says what was used: features by --features, the rows dropped, and a scaling note when --scale is absent', async () => {
    const r = await runCli(['qsvc', '--dataset', 'penguins', '--features', 'flipper_length_mm,culmen_length_mm', '--train-size', '3', '--test-size', '1', '--reps', '1']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^QSVC on Palmer penguins \(features flipper_length_mm, culmen_length_mm;.*\): 9 training \/ 3 test points/);
    expect(r.stdout).toMatch(/features: flipper_length_mm, culmen_length_mm \(2 qubits\); label column: species; ignored: island, culmen_depth_mm, body_mass_g, sex/);
    expect(r.stdout).toMatch(/penguins: 342 of 344 rows usable for flipper_length_mm, culmen_length_mm; 2 dropped for a missing value \(line 5 Adelie, line 341 Gentoo\); usable per species Adelie 151, Chinstrap 68, Gentoo 123/);
    expect(r.stdout).toMatch(/note: the penguin features are raw units \(mm\), used as angles unchanged; give --scale pi/);
    expect(r.stdout).toMatch(/scaling: none \(features as given\)/);
    const withMass = await runCli(['qsvc', '--dataset', 'penguins', '--features', 'body_mass_g', '--feature-map', 'z', '--train-size', '2', '--test-size', '0', '--reps', '1']);
    expect(withMass.stdout).toMatch(/body_mass_g in grams, about 2700–6300/);
  });

  it('--save keeps the feature names and the species names for qbridge predict', async () => {
    const model = path.join(dir, 'penguins-model.json');
    const r = await runCli(['qsvc', '--dataset', 'penguins', '--features', 'culmen_length_mm,culmen_depth_mm', '--scale', 'pi', '--train-size', '3', '--test-size', '0', '--reps', '1', '--save', model]);
    expect(r.stderr).toBe('');
    const m = JSON.parse(fs.readFileSync(model, 'utf8')) as { featureColumns: string[]; classes: string[] };
    expect(m.featureColumns).toEqual(['culmen_length_mm', 'culmen_depth_mm']);
    expect(m.classes).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
  });

  it('--classes keeps two species; kernel-train takes them, with --scale fitted on its training points', async () => {
    const r = await runCli(['kernel-train', '--dataset', 'penguins', '--classes', 'Gentoo,Chinstrap', '--features', 'culmen_length_mm,culmen_depth_mm', '--scale', 'pi', '--train-size', '4', '--test-size', '2', '--reps', '1', '--maxiter', '2', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as PenguinsJson & { scale: { kind: string; offset: number[]; factor: number[] } };
    expect(j.dataset).toMatch(/labels 0=Gentoo, 1=Chinstrap;/);
    expect([j.train_size, j.test_size, j.qubits]).toEqual([8, 4, 2]);
    expect(j.dataset_details.usable_per_species).toEqual({ Gentoo: 123, Chinstrap: 68 });
    expect(j.dataset_details.dropped.map((d) => d.line)).toEqual([341]);
    expect(j.dataset_notes[0]).toMatch(/342 of 344 rows usable for culmen_length_mm, culmen_depth_mm; 1 of the kept species dropped for a missing value \(line 341 Gentoo\)/);
    // The scaling is fitted on the 8 training points: offset = their minima, factor = π / range.
    const d = penguinsData({ classes: ['Gentoo', 'Chinstrap'], features: ['culmen_length_mm', 'culmen_depth_mm'], trainingSize: 4, testSize: 2, seed: 12345 });
    [0, 1].forEach((c) => {
      const col = d.trainingFeatures.map((x) => x[c]!);
      expect(j.scale.offset[c]).toBeCloseTo(Math.min(...col), 12);
      expect(j.scale.factor[c]).toBeCloseTo(Math.PI / (Math.max(...col) - Math.min(...col)), 12);
    });
  });

  it('kernel-train --dataset iris is no longer refused for the --qubits default; --classes belongs to penguins', async () => {
    // Iris has three species: kernel-train (two classes) refuses it for that, not for --qubits.
    const iris = await runCli(['kernel-train', '--dataset', 'iris', '--maxiter', '1']);
    expect(iris.stderr).toMatch(/kernel training needs exactly two classes, got 3/);
    const wrong = await runCli(['qsvc', '--dataset', 'iris', '--classes', 'setosa,virginica']);
    expect(wrong.stderr).toMatch(/--classes applies to --dataset penguins only/);
  });

  it.each([
    [['--train-size', '60', '--test-size', '10'], /the smallest penguin species \(Chinstrap\) has 68 usable rows: --train-size 60 plus --test-size 10 is more/],
    [['--train-size', '69'], /--train-size must be an integer from 1 to 68, got '69'/],
    [['--features', 'island'], /--features: the penguins have no numeric feature 'island' \('island' is a category, not a measurement\)/],
    [['--features', 'body_mass_g,body_mass_g'], /--features: a penguin feature is named twice/],
    [['--label', 'species'], /--label and --id apply to --train\/--test CSV files; --dataset penguins labels by species/],
    [['--classes', 'Adelie,Emperor'], /--classes: the penguins have no species 'Emperor' \(they are Adelie, Chinstrap, Gentoo\)/],
    [['--classes', 'Adelie'], /--classes must name at least two species, got 'Adelie'/],
    [['--qubits', '3'], /--qubits and --gap apply to --dataset ad-hoc only \(the penguins have one qubit per --features column\)/],
  ])('%j → one typed line naming the flag', async (args, msg) => {
    const r = await runCli(['qsvc', '--dataset', 'penguins', ...args]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(msg);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
