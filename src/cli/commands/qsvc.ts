import type { Command } from 'commander';
import { InputValidationError } from '../../core/errors';
import { readFeatureCsvPair, type FeatureTable } from '../../kernel/learn/csv';
import { addColumnFlags, columnsJson, describeColumns, selectionFromFlags, type ColumnFlags } from '../columns';
import { adHocData } from '../../kernel/learn/datasets/ad-hoc';
import { QSVC } from '../../kernel/learn/qsvc';
import { checkOutputFiles, writeAll, type CliIo } from '../io';
import { integerFlag, numberFlag } from '../flags';
import { BATCH_JOBS_IN_FLIGHT, inBatchIf } from '../batch';
import { acquireBackend } from '../../index';
import { checkSampledSpend, kernelCircuits } from '../kernel-spend';
import { ProjectedQuantumKernel } from '../../kernel/projected';
import { addProjectedKernelFlags, checkProjectedSpend, projectedJson, projectedKernelFromFlags, projectedLine, wantsProjected, type ProjectedFlags } from '../projected-kernel';
import { saveQsvcFromCli } from '../saved-model';
import { chosenInstance, instanceJson, instanceLine } from '../ibm-instance';
import { kernelFromFlags, progressReporter, writeHeatmap } from './kernel';
import { addMitigationFlags, kernelMitigationJson, kernelMitigationLine, mitigateSource, type MitigationFlags } from '../mitigation-flags';
import { addKernelFlags, describeFeatureMap, featureMapLine, type KernelFlags } from '../kernel-flags';
import { addNoiseFlags, kernelNoiseUsed, noiseJson, noiseLine, refuseNoise, type NoiseFlags } from '../noise-flags';
import { penguinsFromFlags } from '../penguins';
import { DEFAULT_BANDWIDTH_GRID, selectBandwidth, type BandwidthSelection } from '../../kernel/learn/bandwidth';
import {
  bandwidthFlag,
  bandwidthGridFlag,
  bandwidthSelectionJson,
  bandwidthTable,
  checkFolds,
  concentrationJson,
  cvFoldsFlag,
  cvSeedFlag,
  irisFromFlags,
  kernelDiagnostic,
  scaleFlag,
  scaleLine,
  scaleSplit,
} from '../kernel-toolkit';

/** Training and test data a kernel command runs on, and where it came from. */
export interface Dataset {
  trainX: number[][];
  trainY: number[];
  testX: number[][];
  testY: number[];
  source: string;
  /** The training table when the data came from CSV files (what its columns were used for). */
  table?: FeatureTable;
  /** Lines about the data the output prints (rows dropped, a scaling reminder). */
  notes?: string[];
  /** Facts about the data for `--json` (`dataset_details`). */
  details?: Record<string, unknown>;
}

/**
 * The `--json` fields that say which data were used (source, facts, notes, and the CSV columns
 * by name), the same in every command that takes the data flags.
 */
export function datasetJson(data: Dataset): Record<string, unknown> {
  return {
    dataset: data.source,
    ...(data.details ? { dataset_details: data.details } : {}),
    ...(data.notes ? { dataset_notes: data.notes } : {}),
    ...(data.table ? columnsJson(data.table) : {}),
  };
}

/** The flags of `qbridge qsvc` (the data flags are shared with `qbridge kernel-train`). */
export interface QsvcFlags extends KernelFlags, ColumnFlags, ProjectedFlags, MitigationFlags, NoiseFlags {
  yes?: boolean;
  dataSeed?: string;
  train?: string;
  test?: string;
  dataset?: string;
  trainSize?: string;
  testSize?: string;
  qubits?: string;
  gap?: string;
  /** `--classes`: the penguin species to keep (`--dataset penguins` only). */
  classes?: string;
  svg?: string;
  c?: string;
  bandwidthGrid?: string;
  cvFolds?: string;
  cvSeed?: string;
  /** `--save FILE`: write the trained model (see src/cli/saved-model.ts). */
  save?: string;
}

function nonNegative(flag: string, v: number): number {
  if (v < 0) throw new InputValidationError(`${flag} must be a number ≥ 0, got ${v}`);
  return v;
}

/** The data the flags name: `--dataset ad-hoc` (generated) or `--train`/`--test` CSV files with a label column. */
export async function loadDataset(o: QsvcFlags): Promise<Dataset> {
  if (o.classes !== undefined && o.dataset !== 'penguins') throw new InputValidationError('--classes applies to --dataset penguins only');
  if (o.dataset !== undefined) {
    if (o.dataset !== 'ad-hoc' && o.dataset !== 'iris' && o.dataset !== 'penguins') throw new InputValidationError(`--dataset must be 'ad-hoc', 'iris' or 'penguins', got '${o.dataset}'`);
    if (o.train || o.test) throw new InputValidationError('use either --dataset or --train/--test, not both');
    if (o.dataset === 'iris') {
      // Iris has 4 measured features and real classes: ad hoc's generator flags mean nothing there.
      if (o.qubits !== undefined || o.gap !== undefined) throw new InputValidationError('--qubits and --gap apply to --dataset ad-hoc only (Iris has 4 features, one qubit each)');
      return irisFromFlags(o);
    }
    if (o.dataset === 'penguins') {
      if (o.qubits !== undefined || o.gap !== undefined) throw new InputValidationError('--qubits and --gap apply to --dataset ad-hoc only (the penguins have one qubit per --features column)');
      return penguinsFromFlags(o);
    }
    const n = integerFlag('--qubits', o.qubits ?? '2', 2, 3)!;
    const d = adHocData({
      trainingSize: integerFlag('--train-size', o.trainSize ?? '20', 1, 10_000)!,
      testSize: integerFlag('--test-size', o.testSize ?? '5', 0, 10_000)!,
      n,
      gap: nonNegative('--gap', numberFlag('--gap', o.gap ?? '0.3')),
      // The dataset has its own seed: --seed is the shot noise's and must not change the data.
      seed: integerFlag('--data-seed', o.dataSeed ?? '12345', 0, 2 ** 32 - 1),
    });
    return { trainX: d.trainingFeatures, trainY: d.trainingLabels, testX: d.testFeatures, testY: d.testLabels, source: `ad hoc (n=${n})` };
  }
  if (!o.train || !o.test) throw new InputValidationError('give --train A.csv --test B.csv (with a label column), or --dataset ad-hoc');
  if (o.dataSeed !== undefined) throw new InputValidationError('--data-seed applies to --dataset ad-hoc, iris and penguins only (CSV data is not generated or split)');
  // Columns are matched by header name: the test vectors follow the training file's column order.
  const { train, test } = await readFeatureCsvPair(o.train, o.test, { train: `--train ${o.train}`, test: `--test ${o.test}` }, selectionFromFlags(o));
  if (!train.labels) throw new InputValidationError(`${o.train} has no label column (name one with --label)`);
  if (!test.labels) throw new InputValidationError(`${o.test} has no label column '${train.labelColumn}'`);
  // Non-numeric labels: map the test labels through the training label names.
  let testY = test.labels;
  if (train.labelNames && test.labelNames && train.labels.some((l, i) => String(l) !== train.labelNames![i])) {
    const ids = new Map(train.labelNames.map((n, i) => [n, train.labels![i]!]));
    testY = test.labelNames.map((n) => ids.get(n) ?? -1);
  }
  return { trainX: train.features, trainY: train.labels, testX: test.features, testY, source: `${o.train}, ${o.test}`, table: train };
}

/** Trains and scores a QSVC; prints and returns the figures. */
async function runQsvc(io: CliIo, o: QsvcFlags, svgDefault?: string): Promise<void> {
  checkOutputFiles({ '--svg': o.svg ?? svgDefault, '--save': o.save });
  const projected = wantsProjected(o);
  if (projected) refuseNoise(o, '--kernel projected');
  const loaded = await loadDataset(o);
  // --scale is fitted on the training points alone and applied unchanged to the test points.
  const scaled = scaleSplit(scaleFlag(o.scale), loaded.trainX, loaded.testX);
  const data = { ...loaded, trainX: scaled.train, testX: scaled.test ?? [] };
  const d = data.trainX[0]?.length ?? 0;
  const C = o.c === undefined ? 1 : numberFlag('--C', o.c);
  if (!(C > 0)) throw new InputValidationError(`--C must be a positive number, got '${o.c}'`);
  const auto = bandwidthFlag(o.bandwidth, true) === 'auto';
  const grid = bandwidthGridFlag(o.bandwidthGrid);
  const folds = cvFoldsFlag(o.cvFolds);
  const cvSeed = cvSeedFlag(o.cvSeed);
  if (!auto && (o.bandwidthGrid !== undefined || o.cvFolds !== undefined || o.cvSeed !== undefined)) {
    throw new InputValidationError('--bandwidth-grid, --cv-folds and --cv-seed apply to --bandwidth auto only');
  }
  if (o.save && projected) throw new InputValidationError('--save writes models on the fidelity kernel only; --kernel projected models cannot be saved yet');
  if (auto && projected) {
    throw new InputValidationError('--bandwidth auto applies to the fidelity kernel; with --kernel projected give --bandwidth c and --gamma G');
  }
  if (auto) checkFolds(folds, data.trainY);
  if (projected && mitigateSource(o)) throw new InputValidationError('--mitigate applies to the fidelity kernel (P(0…0) counts), not to --kernel projected');
  let selection: BandwidthSelection | undefined;
  // --batch: every kernel job of the fit and the scoring runs inside one IBM batch.
  const { kernel, backend, model, trainAcc, testAcc } = await inBatchIf(o.batch, () => acquireBackend(o.backend), async (view) => {
    const given = view ? { backend: view, jobsInFlight: BATCH_JOBS_IN_FLIGHT } : undefined;
    const first = projected
      ? await projectedKernelFromFlags(o, d, given)
      : await kernelFromFlags({ ...o, bandwidth: auto ? String(grid[0]) : o.bandwidth }, d, undefined, undefined, given);
    // Training kernel (train × train, symmetric) plus the test kernel (test × train); with
    // --bandwidth auto one training kernel per bandwidth of the grid. The fit at the chosen
    // bandwidth reuses its memoized training kernel; the estimate still counts it once more, an
    // upper bound in case the memo evicted it.
    const n = data.trainX.length;
    if (first.kernel instanceof ProjectedQuantumKernel) {
      await checkProjectedSpend(io, first.kernel, first.backend, n + data.testX.length, o.yes === true);
    } else {
      const trainCircuits = kernelCircuits(first.kernel, n, undefined);
      await checkSampledSpend(io, first.kernel, first.backend, trainCircuits * (auto ? grid.length + 1 : 1) + data.testX.length * n, o.yes === true);
    }
    const progress = progressReporter(io, Boolean(o.json));
    // One kernel per bandwidth, kept: the chosen one's memo already holds the training kernel.
    const byBandwidth = new Map<number, Awaited<ReturnType<typeof kernelFromFlags>>>();
    if (auto) {
      const backendGiven = given ?? { backend: first.backend };
      selection = await selectBandwidth({
        kernelFor: async (c) => {
          const made = await kernelFromFlags({ ...o, bandwidth: String(c) }, d, undefined, undefined, backendGiven);
          byBandwidth.set(c, made);
          return made.kernel;
        },
        x: data.trainX,
        labels: data.trainY,
        grid,
        folds,
        seed: cvSeed,
        C,
        evaluate: { onProgress: progress.onProgress },
      });
    }
    const { kernel, backend } = auto ? byBandwidth.get(selection!.bandwidth)! : first;
    const model = new QSVC({ kernel, C });
    try {
      await model.fit(data.trainX, data.trainY, { onProgress: progress.onProgress });
      if (o.save) await saveQsvcFromCli(o.save, model, data.table, scaled.report);
      const trainAcc = await model.score(data.trainX, data.trainY);
      const testAcc = data.testX.length ? await model.score(data.testX, data.testY, { onProgress: progress.onProgress }) : NaN;
      return { kernel, backend, model, trainAcc, testAcc };
    } finally {
      progress.stop();
      model.dispose();
    }
  });
  const diagnostic = kernelDiagnostic(model.trainingKernel!, auto ? 'a grid of smaller bandwidths (--bandwidth-grid)' : '--bandwidth auto (cross-validated bandwidth) or a smaller --bandwidth');
  const svg = o.svg ?? svgDefault;
  if (svg) {
    // The training kernel is train × train; ad hoc points come grouped by class, so the
    // boundaries split the map into class blocks.
    await writeHeatmap(svg, model.trainingKernel!, `training kernel (${data.source}, ${backend.name})`, {
      rowTitle: 'training points',
      colTitle: 'training points',
      rowClasses: data.trainY,
      colClasses: data.trainY,
    });
  }
  const noise = await kernelNoiseUsed(o, kernel.featureMap, backend);
  const result = {
    train_accuracy: trainAcc,
    test_accuracy: Number.isNaN(testAcc) ? null : testAcc,
    train_size: data.trainX.length,
    test_size: data.testX.length,
    ...datasetJson(data),
    qubits: kernel.featureMap.numQubits,
    feature_map: describeFeatureMap(o, kernel.featureMap),
    scale: scaled.report,
    ...(selection ? { bandwidth_selection: bandwidthSelectionJson(selection) } : {}),
    concentration: concentrationJson(diagnostic.c),
    backend: backend.name,
    ...(chosenInstance(backend) ? { instance: instanceJson(chosenInstance(backend)!) } : {}),
    method: kernel.method,
    ...noiseJson(noise),
    ...(kernel instanceof ProjectedQuantumKernel ? projectedJson(kernel) : {}),
    ...kernelMitigationJson(kernel instanceof ProjectedQuantumKernel ? undefined : kernel.mitigationReport),
    ...(svg ? { svg } : {}),
    ...(o.save ? { model_file: o.save } : {}),
  };
  if (o.json) {
    await writeAll(io.stdout, `${JSON.stringify(result)}\n`);
    return;
  }
  const lines = [
    `QSVC on ${data.source}: ${data.trainX.length} training / ${data.testX.length} test points, ${kernel.method} kernel on backend ${backend.name}`,
    `train accuracy: ${trainAcc.toFixed(4)}`,
    `test accuracy: ${Number.isNaN(testAcc) ? 'n/a' : testAcc.toFixed(4)}`,
    ...(data.table ? [describeColumns(data.table)] : []),
    ...(data.notes ?? []),
    scaleLine(scaled.report),
    ...(selection ? bandwidthTable(selection) : []),
    featureMapLine(o, kernel.featureMap),
    ...(kernel instanceof ProjectedQuantumKernel ? [projectedLine(kernel)] : []),
    ...diagnostic.lines.map((l) => l.replace(/^concentration:/, 'concentration of the training kernel:')),
    ...(chosenInstance(backend) ? [instanceLine(chosenInstance(backend)!)] : []),
    ...(kernel instanceof ProjectedQuantumKernel || !kernel.mitigationReport ? [] : [kernelMitigationLine(kernel.mitigationReport)]),
    ...(noise ? [noiseLine(noise)] : []),
  ];
  if (svg) lines.push(`kernel heat map written to ${svg}`);
  if (o.save) lines.push(`model written to ${o.save} (qbridge predict --model ${o.save} --data FILE.csv)`);
  await writeAll(io.stdout, lines.join('\n') + '\n');
}

/**
 * The data flags `qsvc` and `kernel-train` share (read by {@link loadDataset}): CSV files with a
 * label column, or a generated / shipped dataset. `--data-seed` is added by each command (its
 * help says what else is seeded there).
 */
export function addDatasetFlags(cmd: Command): Command {
  return cmd
    .option('--train <file>', 'training CSV (header row, label column)')
    .option('--test <file>', 'test CSV (header row, label column)')
    .option('--dataset <name>', 'ad-hoc: generate the Havlíček et al. dataset; iris: Fisher\'s Iris (4 features, 3 species); penguins: Palmer penguins (4 measurements by --features, 3 species); shipped, not downloaded')
    .option('--train-size <n>', 'ad hoc, iris, penguins: training points per class', '20')
    .option('--test-size <n>', 'ad hoc, iris, penguins: test points per class', '5')
    .option('--classes <a,b>', 'penguins: species to keep, comma separated (default Adelie,Chinstrap,Gentoo; kernel-train needs two)')
    .option('--qubits <n>', 'ad hoc: features (2 or 3, default 2)')
    .option('--gap <g>', 'ad hoc: separation gap (default 0.3)');
}

/** `qbridge qsvc`: a QSVC on CSV files or the ad hoc dataset; prints train and test accuracy. */
export function registerQsvc(program: Command, io: CliIo): void {
  addNoiseFlags(addMitigationFlags(addProjectedKernelFlags(addKernelFlags(addColumnFlags(
    addDatasetFlags(program
      .command('qsvc')
      .description('train and test a quantum support vector classifier (CSV files with a label column, or --dataset ad-hoc)'))
      .option('--data-seed <s>', 'ad hoc: seed of the generated dataset; iris, penguins: seed of the train/test split; default 12345 (--seed is the shot noise only)')
      .option('--bandwidth-grid <list>', `with --bandwidth auto: bandwidths to cross-validate, comma separated (default ${DEFAULT_BANDWIDTH_GRID.join(',')})`)
      .option('--cv-folds <k>', 'with --bandwidth auto: stratified folds (default 5)')
      .option('--cv-seed <s>', 'with --bandwidth auto: seed of the folds\' shuffle (default 0)')
      .option('--C <c>', 'SVM regularisation', '1')
      .option('--svg <file>', 'write a heat map of the training kernel')
      .option('--save <file>', 'write the trained model as JSON (for qbridge predict --model)')
      .option('--yes', 'submit to an IBM device even when the estimated QPU time is above 60 s'),
  ))))).action(async (o: QsvcFlags & { C?: string }) => runQsvc(io, { ...o, c: o.C }));
}

/** Where `main-job` writes its heat map. */
export const MAIN_JOB_SVG = 'qbridge-kernel.svg';

/**
 * `qbridge main-job` (what `npm start` runs): the qiskit-machine-learning tutorial setup, QSVC on
 * the ad hoc dataset (20 training and 5 test points per class, 2 qubits, gap 0.3, seed 12345),
 * ZZ feature map with reps 2 and linear entanglement, exact kernel on the local simulator;
 * prints the accuracies and writes the training kernel heat map.
 */
export function registerMainJob(program: Command, io: CliIo): void {
  program
    .command('main-job')
    .description('QSVC on the ad hoc dataset (Qiskit tutorial setup) on the local simulator; writes a kernel heat map')
    .option('--svg <file>', 'heat map path', `./${MAIN_JOB_SVG}`)
    .option('--backend <name>', 'backend name', 'local')
    .option('--json', 'print JSON')
    .action(async (o: { svg: string; backend: string; json?: boolean }) =>
      runQsvc(io, {
        dataset: 'ad-hoc',
        trainSize: '20',
        testSize: '5',
        qubits: '2',
        gap: '0.3',
        dataSeed: '12345',
        featureMap: 'zz',
        reps: '2',
        entanglement: 'linear',
        backend: o.backend,
        json: o.json,
        svg: o.svg,
      }),
    );
}
