import type { Command } from 'commander';
import { InputValidationError } from '../../core/errors';
import { readFeatureCsv, type FeatureTable } from '../../kernel/learn/csv';
import { loadModel, type LoadedModel } from '../../kernel/learn/load-model';
import { rSquared } from '../../kernel/learn/qsvr';
import type { QuantumKernel } from '../../kernel/quantum-kernel';
import { describeScale } from '../../kernel/learn/scaling';
import { addColumnFlags, columnsJson, describeColumns, selectionFromFlags, type ColumnFlags } from '../columns';
import { writeAll, type CliIo } from '../io';

interface PredictFlags extends ColumnFlags {
  model?: string;
  data?: string;
  json?: boolean;
}

/** The kernel a loaded model runs on here: said in the output. */
const KERNEL_USED = 'exact statevector kernel, in-process';

/** Reads the data file, its feature columns matched by name to the model's when the model names them. */
async function readData(o: PredictFlags, loaded: LoadedModel, modelFlag: string): Promise<FeatureTable> {
  const sel = selectionFromFlags(o);
  const cols = loaded.featureColumns;
  const dim = loaded.model.kernel.featureMap.featureDimension;
  if (cols && sel.features && sel.features.join(',') !== cols.join(',')) {
    throw new InputValidationError(`--features ${sel.features.join(',')} differs from the columns the model was trained on (${cols.join(', ')}, recorded in ${modelFlag})`);
  }
  const table = await readFeatureCsv(o.data!, { ...sel, ...(cols ? { features: cols } : {}) });
  if (table.columns.length !== dim) {
    throw new InputValidationError(`--data ${o.data} has ${table.columns.length} feature column(s) (${table.columns.join(', ')}) but the model in ${modelFlag} takes ${dim} (choose them with --features)`);
  }
  return table;
}

/** What the model is, in one line. */
function describeModel(loaded: LoadedModel, file: string): string {
  const m = loaded.model;
  const classes = loaded.kind === 'QSVR' ? 'regression' : `${loaded.model.classes!.length} classes: ${loaded.model.classes!.join(', ')}`;
  return `${loaded.kind} from ${file} (${classes}; ${m.supportVectorCount} support vectors), ${KERNEL_USED}`;
}

async function runPredict(io: CliIo, o: PredictFlags): Promise<void> {
  if (!o.model) throw new InputValidationError('give --model FILE.json (written by qbridge qsvc --save)');
  if (!o.data) throw new InputValidationError('give --data FILE.csv (the points to predict)');
  const modelFlag = `--model ${o.model}`;
  const loaded = await loadModel(o.model, {}, modelFlag);
  const table = await readData(o, loaded, modelFlag);
  // The training points were scaled (qsvc --scale): the same fitted scaling, never refitted here.
  const scaling = loaded.featureScaling;
  const points = scaling ? table.features.map((row) => row.map((x, j) => (x - scaling.offset[j]!) * scaling.factor[j]!)) : table.features;
  const predictions: Array<number | string> = await loaded.model.predict(points);
  // A QSVC saved with probabilities: libsvm's class probabilities too, one column per class.
  const proba = loaded.kind === 'QSVC' && loaded.model.probability ? await loaded.model.predictProba(points) : undefined;
  // A loaded model's kernel is always the fidelity QuantumKernel its file describes (model-file.ts).
  const fm = (loaded.model.kernel as QuantumKernel).featureMap;
  // A label column in the data: say how the predictions compare (labels matched by their text).
  let quality: { name: 'accuracy' | 'r2'; value: number } | undefined;
  if (table.labels && table.labelNames) {
    if (loaded.kind === 'QSVR') quality = { name: 'r2', value: rSquared(table.labels, predictions as number[]) };
    else {
      // Numeric classes compare as numbers ('1.0' is class 1), text classes as text.
      const same = (p: number | string, i: number): boolean => (typeof p === 'number' ? Number(table.labelNames![i]) === p : p === table.labelNames![i]);
      quality = { name: 'accuracy', value: predictions.filter(same).length / predictions.length };
    }
  }
  if (o.json) {
    const out = {
      model: o.model,
      kind: loaded.kind,
      ...(loaded.kind === 'QSVR' ? {} : { classes: loaded.model.classes }),
      data: o.data,
      ...columnsJson(table),
      scale: scaling ?? null,
      qubits: fm.numQubits,
      feature_map: { paulis: [...fm.paulis], reps: fm.reps, alpha: fm.alpha, bandwidth: fm.bandwidth },
      kernel: KERNEL_USED,
      predictions,
      ...(proba ? { probabilities: proba } : {}),
      ...(quality ? { [quality.name]: quality.value } : {}),
    };
    await writeAll(io.stdout, `${JSON.stringify(out)}\n`);
    return;
  }
  const lines = [
    describeModel(loaded, o.model),
    describeColumns(table),
    scaling ? `scaling: ${describeScale(scaling.kind)}, as fitted on the training points (from the model file)` : 'scaling: none (features as given)',
    `feature map: paulis ${fm.paulis.join(',')}, reps ${fm.reps}, alpha ${fm.alpha}, bandwidth ${fm.bandwidth} on ${fm.numQubits} qubits (rebuilt from the model file)`,
    ...(quality ? [`${quality.name === 'r2' ? 'R²' : 'accuracy'} against the label column ${table.labelColumn}: ${quality.value.toFixed(4)}`] : []),
    `row,prediction${proba && loaded.kind === 'QSVC' ? loaded.model.classes!.map((c) => `,P(${c})`).join('') : ''}`,
    ...predictions.map((p, i) => `${i + 1},${p}${proba ? proba[i]!.map((q) => `,${q.toFixed(4)}`).join('') : ''}`),
  ];
  await writeAll(io.stdout, lines.join('\n') + '\n');
}

/** `qbridge predict`: per-point predictions of a saved model (`qbridge qsvc --save`) on a CSV file. */
export function registerPredict(program: Command, io: CliIo): void {
  addColumnFlags(
    program
      .command('predict')
      .description('predict with a saved model (qbridge qsvc --save): one line per data row')
      .option('--model <file>', 'the model file (JSON)')
      .option('--data <file>', 'CSV of points to predict (header row; a label column, if any, is scored)')
      .option('--json', 'print JSON'),
  ).action(async (o: PredictFlags) => runPredict(io, o));
}
