import type { Command } from 'commander';
import { InputValidationError } from '../../core/errors';
import { KERNEL_LOSSES, type KernelLossName } from '../../kernel/train/losses';
import { PrecomputedSvc } from '../../kernel/train/svc';
import { TrainableFidelityKernel } from '../../kernel/train/trainable-kernel';
import { trainableRotationFeatureMap } from '../../kernel/train/trainable-map';
import type { LossPoint } from '../../kernel/train/optimizers';
import { KERNEL_OPTIMIZERS, KernelTrainer, kernelLoss, type KernelOptimizerName, type KernelTrainingResult } from '../../kernel/train/trainer';
import { addColumnFlags, columnsJson, describeColumns } from '../columns';
import { integerFlag, numberFlag } from '../flags';
import { checkOutputFiles, writeAll, writeOutputFile, type CliIo } from '../io';
import { lineChart } from '../svg/line-chart';
import { describeFeatureMap, featureMapFromFlags, featureMapLine } from '../kernel-flags';
import { addDatasetFlags, datasetJson, loadDataset, type Dataset, type QsvcFlags } from './qsvc';
import { scaleFlag, scaleLine, scaleSplit } from '../kernel-toolkit';

interface KernelTrainFlags extends QsvcFlags {
  rotation?: string;
  sharedTheta?: boolean;
  loss?: string;
  optimizer?: string;
  maxiter?: string;
  learningRate?: string;
  perturbation?: string;
  initialTheta?: string;
  curve?: string;
}

/** What each loss is, for the output and the chart's axis. */
const LOSS_TEXT: Record<KernelLossName, string> = {
  kta: 'loss = −kernel-target alignment',
  'centered-kta': 'loss = −centered kernel-target alignment',
  svc: 'loss = SVC dual objective',
};

function parseTheta(raw: string): number[] {
  const parts = raw.split(',').map((s) => s.trim());
  return parts.map((p, i) => {
    const v = p === '' ? NaN : Number(p);
    if (!Number.isFinite(v)) throw new InputValidationError(`--initial-theta: value ${i + 1} ('${p}') is not a finite number`);
    return v;
  });
}

/** Accuracy of libsvm's C-SVC on the trained or untrained kernel (NaN without test points). */
async function accuracies(kernel: TrainableFidelityKernel, theta: number[], data: Dataset, C: number): Promise<{ train: number; test: number }> {
  const svc = await PrecomputedSvc.fit(kernel.evaluate(theta, data.trainX), data.trainY, { C });
  try {
    const train = svc.accuracy(kernel.evaluate(theta, data.trainX), data.trainY);
    const test = data.testX.length ? svc.accuracy(kernel.evaluate(theta, data.testX, data.trainX), data.testY) : NaN;
    return { train, test };
  } finally {
    svc.dispose();
  }
}

const fmt = (v: number): string => (Number.isNaN(v) ? 'n/a' : v.toFixed(4));

async function runKernelTrain(io: CliIo, o: KernelTrainFlags): Promise<void> {
  checkOutputFiles({ '--curve': o.curve, '--svg': o.svg });
  const loss = (o.loss ?? 'kta') as KernelLossName;
  if (!KERNEL_LOSSES.includes(loss)) throw new InputValidationError(`--loss must be one of ${KERNEL_LOSSES.join(', ')}, got '${o.loss}'`);
  const optimizer = (o.optimizer ?? 'adam') as KernelOptimizerName;
  if (!KERNEL_OPTIMIZERS.includes(optimizer)) throw new InputValidationError(`--optimizer must be one of ${KERNEL_OPTIMIZERS.join(', ')}, got '${o.optimizer}'`);
  const rotation = o.rotation ?? 'ry';
  if (!['rx', 'ry', 'rz'].includes(rotation)) throw new InputValidationError(`--rotation must be rx, ry or rz, got '${rotation}'`);
  const maxiter = integerFlag('--maxiter', o.maxiter ?? '50', 1, 100_000)!;
  const learningRate = o.learningRate === undefined ? undefined : numberFlag('--learning-rate', o.learningRate);
  if (learningRate !== undefined && !(learningRate > 0)) throw new InputValidationError(`--learning-rate must be a positive number, got '${o.learningRate}'`);
  const perturbation = o.perturbation === undefined ? undefined : numberFlag('--perturbation', o.perturbation);
  if (perturbation !== undefined && !(perturbation > 0)) throw new InputValidationError(`--perturbation must be a positive number, got '${o.perturbation}'`);
  const seed = integerFlag('--seed', o.seed ?? '0', 0, 2 ** 32 - 1);
  const C = o.c === undefined ? 1 : numberFlag('--C', o.c);
  if (!(C > 0)) throw new InputValidationError(`--C must be a positive number, got '${o.c}'`);
  const loaded = await loadDataset(o);
  // --scale is fitted on the training points alone and applied unchanged to the test points.
  const scaled = scaleSplit(scaleFlag(o.scale), loaded.trainX, loaded.testX);
  const data: Dataset = { ...loaded, trainX: scaled.train, testX: scaled.test ?? [] };
  const d = data.trainX[0]?.length ?? 0;
  const dataMap = featureMapFromFlags(o, d);
  const fm = trainableRotationFeatureMap({ featureMap: dataMap, rotation: rotation as 'rx' | 'ry' | 'rz', shared: o.sharedTheta === true });
  const initialPoint = o.initialTheta === undefined ? undefined : parseTheta(o.initialTheta);
  if (initialPoint && initialPoint.length !== fm.numTrainingParameters) {
    throw new InputValidationError(
      `--initial-theta has ${initialPoint.length} values, the trainable layer has ${fm.numTrainingParameters} (${o.sharedTheta ? 'one shared angle' : 'one angle per qubit'})`,
    );
  }
  const kernel = new TrainableFidelityKernel(fm);
  let result: KernelTrainingResult;
  // Ctrl-C stops SPSA and Adam between iterations (COBYLA runs to its end inside NLopt); the
  // curve so far is kept and written, so a long run is not lost.
  const signal = optimizer === 'cobyla' ? undefined : io.interrupt?.begin();
  const sofar: LossPoint[] = [];
  try {
    result = await new KernelTrainer({ kernel, loss, optimizer, maxiter, seed, learningRate, perturbation, C, initialPoint }).fit(data.trainX, data.trainY, {
      signal,
      onPoint: (p) => sofar.push(p),
    });
  } catch (e) {
    if (signal?.aborted) {
      if (o.curve) {
        await writeOutputFile('--curve', o.curve, `${JSON.stringify({ loss, optimizer, maxiter, seed, interrupted: true, theta_names: [...fm.trainingParameterNames], curve: sofar }, null, 2)}\n`);
      }
      const last = sofar[sofar.length - 1];
      await writeAll(
        io.stderr,
        `kernel-train stopped after ${sofar.length} curve points${last ? ` (last loss ${last.loss.toFixed(6)})` : ''}; no trained theta` +
          (o.curve ? `; the curve so far is in ${o.curve}` : '') + '\n',
      );
    }
    // The library names its own fields; the CLI user knows the flags.
    if (e instanceof InputValidationError && /^the SPSA learning rate a/.test(e.message)) throw new InputValidationError(e.message.replace('the SPSA learning rate a', '--learning-rate'));
    throw e;
  }
  const before = await accuracies(kernel, result.initialTheta, data, C);
  const after = await accuracies(kernel, result.theta, data, C);
  const ktaOf = async (theta: number[]): Promise<number> => -(await kernelLoss('kta', kernel.evaluate(theta, data.trainX), data.trainY));
  const alignment = { initial: await ktaOf(result.initialTheta), trained: await ktaOf(result.theta) };
  const description = {
    data_map: describeFeatureMap(o, dataMap),
    trainable_layer: { rotation, shared: o.sharedTheta === true, parameters: [...fm.trainingParameterNames], placement: 'before the data map' },
  };
  const record = {
    loss: loss,
    loss_definition: LOSS_TEXT[loss],
    optimizer,
    maxiter,
    seed,
    ...(result.gains ? { spsa_gains: result.gains } : {}),
    theta_names: [...fm.trainingParameterNames],
    initial_theta: result.initialTheta,
    theta: result.theta,
    initial_loss: result.initialLoss,
    final_loss: result.loss,
    curve: result.curve,
  };
  if (o.curve) await writeOutputFile('--curve', o.curve, `${JSON.stringify(record, null, 2)}\n`);
  if (o.svg) {
    const chart = lineChart(result.curve.map((p) => [p.step, p.loss] as const), {
      title: `kernel training: ${loss} with ${optimizer} (${data.source})`,
      xTitle: optimizer === 'cobyla' ? 'objective evaluation' : 'iteration',
      yTitle: LOSS_TEXT[loss],
    });
    await writeOutputFile('--svg', o.svg, chart);
  }
  const summary = {
    ...record,
    curve_points: result.curve.length,
    evaluations: result.evaluations,
    statevectors: result.statevectors,
    kernel_target_alignment: alignment,
    train_accuracy: { initial: before.train, trained: after.train },
    test_accuracy: { initial: Number.isNaN(before.test) ? null : before.test, trained: Number.isNaN(after.test) ? null : after.test },
    train_size: data.trainX.length,
    test_size: data.testX.length,
    ...datasetJson(data),
    scale: scaled.report,
    qubits: fm.numQubits,
    feature_map: description,
    method: 'statevector',
    C,
    ...(o.curve ? { curve_file: o.curve } : {}),
    ...(o.svg ? { svg: o.svg } : {}),
  };
  if (o.json) {
    const { curve: _curve, ...rest } = summary;
    await writeAll(io.stdout, `${JSON.stringify({ ...rest, curve: result.curve })}\n`);
    return;
  }
  const th = (v: number[]): string => v.map((t, k) => `${fm.trainingParameterNames[k]}=${t.toFixed(6)}`).join(' ');
  const lines = [
    `kernel training on ${data.source}: ${data.trainX.length} training / ${data.testX.length} test points, exact statevector kernel`,
    `${featureMapLine(o, dataMap)}, after a trainable ${rotation.toUpperCase()} layer (${o.sharedTheta ? 'one shared angle' : 'one angle per qubit'})`,
    `${loss} with ${optimizer}, ${maxiter} ${optimizer === 'cobyla' ? 'evaluations at most' : 'iterations'}, seed ${seed} (${LOSS_TEXT[loss]})`,
    `loss: ${result.initialLoss.toFixed(6)} -> ${result.loss.toFixed(6)} (${result.curve.length} curve points, ${result.evaluations} evaluations)`,
    `kernel-target alignment: ${alignment.initial.toFixed(4)} -> ${alignment.trained.toFixed(4)}`,
    `train accuracy: ${fmt(before.train)} -> ${fmt(after.train)}`,
    `test accuracy: ${fmt(before.test)} -> ${fmt(after.test)}`,
    `initial theta: ${th(result.initialTheta)}`,
    `trained theta: ${th(result.theta)}`,
    ...(data.table ? [describeColumns(data.table)] : []),
    ...(data.notes ?? []),
    scaleLine(scaled.report),
  ];
  if (o.curve) lines.push(`loss curve and theta written to ${o.curve}`);
  if (o.svg) lines.push(`loss curve chart written to ${o.svg}`);
  await writeAll(io.stdout, lines.join('\n') + '\n');
}

/**
 * `qbridge kernel-train`: trains the angles of a rotation layer placed before a Pauli data map
 * (qiskit-ml's QuantumKernelTrainer setup) on the exact kernel, prints the loss, alignment and
 * accuracies before and after, and writes the loss curve (JSON, SVG) and the trained θ.
 */
export function registerKernelTrain(program: Command, io: CliIo): void {
  addColumnFlags(
    addDatasetFlags(program
      .command('kernel-train')
      .description('train a trainable rotation layer before the feature map (KTA, centered KTA or SVC loss; SPSA, Adam or COBYLA) on the exact kernel'))
      .option('--data-seed <s>', 'ad hoc: seed of the generated dataset; iris, penguins: seed of the train/test split; default 12345')
      .option('--feature-map <kind>', 'data map after the trainable layer: zz | z | pauli', 'zz')
      .option('--paulis <list>', "Pauli strings for --feature-map pauli, comma separated (e.g. 'Z,ZZ')")
      .option('--reps <n>', 'repetitions of the data map', '2')
      .option('--entanglement <e>', "full | linear | reverse_linear | circular | pairwise | sca, or JSON tuples '[[0,1]]'", 'full')
      .option('--alpha <a>', 'angle scale of the data map', '2')
      .option('--scale <kind>', 'scale features before encoding, fitted on the training points: standard | minmax | pi | 2pi')
      .option('--rotation <r>', 'trainable layer: rx | ry | rz', 'ry')
      .option('--shared-theta', 'one angle shared by every qubit (default: one per qubit)')
      .option('--loss <l>', `${KERNEL_LOSSES.join(' | ')}`, 'kta')
      .option('--optimizer <o>', `${KERNEL_OPTIMIZERS.join(' | ')} (adam uses parameter-shift gradients)`, 'adam')
      .option('--maxiter <n>', 'iterations (spsa, adam) or objective evaluations (cobyla)', '50')
      .option('--learning-rate <r>', 'adam step size (default 0.05), or SPSA a (calibrated when omitted)')
      .option('--perturbation <c>', 'SPSA perturbation c', '0.2')
      .option('--initial-theta <list>', 'starting angles, comma separated (default: uniform [0, 1) from --seed)')
      .option('--seed <s>', 'seed of the initial angles and of SPSA', '0')
      .option('--C <c>', 'SVM regularisation (SVC loss and the accuracies)', '1')
      .option('--curve <file>', 'write the loss curve and the initial and trained theta as JSON')
      .option('--svg <file>', 'write the loss curve as an SVG chart')
      .option('--json', 'print JSON'),
  ).action(async (o: KernelTrainFlags & { C?: string }) => runKernelTrain(io, { ...o, c: o.C }));
}
