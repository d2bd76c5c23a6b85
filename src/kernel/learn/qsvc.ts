import { InputValidationError } from '../../core/errors';
import { matricesEqual, matrixRows, pickRows, toFeatureMatrix, type FeatureInput, type FeatureMatrix } from '../inputs';
import type { EvaluateOptions, QuantumKernel } from '../quantum-kernel';
import type { KernelMatrix } from '../kernel-matrix';
import { decisionValue, encodeLabels, fitOneVsOne, oneVsOneProbabilities, oneVsOneVote, type ClassLabel, type PairMachine } from './svm-core';
import { checkModelFile, classesField, kernelFromFile, machineField, modelFileBase, numberField, objectListField, readModelFile, writeModelFile, type LoadKernelOptions, type ModelFileBase } from './model-file';

/**
 * What QSVC needs of a kernel: its feature dimension and the Gram matrices. Both the fidelity
 * {@link QuantumKernel} and the projected kernel (`ProjectedQuantumKernel`) are one.
 */
export interface PrecomputedKernel {
  /** The feature map (only its feature dimension is read, to validate the points). */
  readonly featureMap: {
    /** Features per data point. */
    readonly featureDimension: number;
  };
  /** The kernel matrix of x (rows) against y (columns; omitted: x against itself). */
  evaluate(x: FeatureInput, y?: FeatureInput, options?: EvaluateOptions): Promise<KernelMatrix>;
}

export { loadLibSvm } from './svm-core';

/** libsvm's precomputed-kernel rows: column 0 is the 1-based sample serial number, then K(i, ·). */
export function precomputedRows(k: KernelMatrix, serial: boolean): number[][] {
  const out: number[][] = new Array(k.rows);
  for (let i = 0; i < k.rows; i++) out[i] = [serial ? i + 1 : 0, ...k.row(i)];
  return out;
}

/** Options of {@link QSVC}. */
export interface QsvcOptions {
  /** The quantum kernel that gives the training and test Gram matrices. */
  kernel: PrecomputedKernel;
  /** Regularisation C (default 1, as sklearn's SVC). */
  C?: number;
  /** libsvm stopping tolerance (default 1e-3, as sklearn). */
  tolerance?: number;
  /**
   * Also fit libsvm's Platt scaling so that {@link QSVC.predictProba} works (default false, as
   * sklearn). libsvm fits it by an internal 5-fold cross-validation shuffled
   * by the C library's own random state, so two fits in one process can differ slightly.
   */
  probability?: boolean;
}

/** What a QSVC model file holds besides the common fields. */
export interface QsvcFile extends ModelFileBase {
  /** The class labels; machine pairs index into this list. */
  classes: ClassLabel[];
  /** Regularisation C of the fit. */
  C: number;
  /** libsvm's tolerance of the fit. */
  tolerance: number;
  /** Whether the machines carry Platt scaling. */
  probability: boolean;
  /** One machine per class pair, pairs (0,1), (0,2), …, (1,2), … in that order. */
  machines: PairMachine[];
}

/**
 * A support vector classifier on a precomputed quantum kernel (qiskit-ml `QSVC`): the training
 * Gram matrix comes from the {@link QuantumKernel}, the SVM from libsvm (libsvm-js, C-SVC,
 * kernel type PRECOMPUTED). Labels are numbers or strings; more than two classes are handled
 * one-vs-one, as libsvm (and sklearn's SVC) do: one machine per class pair, majority vote.
 * After {@link fit} the model keeps only its support vectors, so predicting needs the kernel
 * against those (and a saved model holds just them, see {@link save} and {@link QSVC.load}).
 *
 * @example
 * const kernel = new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2 }) });
 * const qsvc = await new QSVC({ kernel }).fit([[0.1, 0.2], [0.2, 0.1], [2.5, 2.9], [2.8, 2.6]], [0, 0, 1, 1]);
 * await qsvc.predict([[0.15, 0.15]]); // [0]
 */
export class QSVC<L extends ClassLabel = number> {
  /** The quantum kernel that gives the training and test Gram matrices. */
  readonly kernel: PrecomputedKernel;
  /** Regularisation strength C (larger: fewer margin violations allowed). */
  readonly C: number;
  /** libsvm's stopping tolerance. */
  readonly tolerance: number;
  /** Whether Platt scaling is fitted (see {@link QsvcOptions.probability}). */
  readonly probability: boolean;
  private fitted?: { classes: L[]; sv: FeatureMatrix; machines: PairMachine[] };
  /** The last fit's training points and the training indices of the support vectors (not saved). */
  private training?: { x: FeatureMatrix; support: number[] };
  /** The training Gram matrix of the last {@link fit} (absent on a loaded model). */
  trainingKernel?: KernelMatrix;

  /**
   * @param options - the kernel and SVM settings
   * @throws {@link InputValidationError} for a C that is not a positive finite number
   */
  constructor(options: QsvcOptions) {
    this.kernel = options.kernel;
    this.C = options.C ?? 1;
    this.tolerance = options.tolerance ?? 1e-3;
    this.probability = options.probability ?? false;
    if (!(this.C > 0) || !Number.isFinite(this.C)) throw new InputValidationError(`C must be a positive number, got ${this.C}`);
  }

  /** The class labels in the model's order (sorted: numbers ascending, strings by code unit); absent before fit. */
  get classes(): readonly L[] | undefined {
    return this.fitted?.classes;
  }

  /** The number of support vectors (distinct training points any pair's machine uses). */
  get supportVectorCount(): number {
    return this.fitted?.sv.rows ?? 0;
  }

  /** Trains on `x` (rows) with `labels` (numbers or strings, at least two distinct). */
  async fit(x: FeatureInput, labels: readonly L[], options: EvaluateOptions = {}): Promise<this> {
    const X = toFeatureMatrix(x, this.kernel.featureMap.featureDimension, 'x');
    if (labels.length !== X.rows) {
      throw new InputValidationError(`${X.rows} training points but ${labels.length} labels`);
    }
    const { classes, index } = encodeLabels(labels);
    if (classes.length < 2) throw new InputValidationError('training needs at least two classes');
    const k = await this.kernel.evaluate(X, undefined, options);
    const { machines, support } = await fitOneVsOne((i, j) => k.get(i, j), index, classes.length, {
      C: this.C,
      tolerance: this.tolerance,
      probability: this.probability,
    });
    this.fitted = { classes: classes as L[], sv: pickRows(X, support), machines };
    this.training = { x: X, support };
    this.trainingKernel = k;
    return this;
  }

  private model(what: string): { classes: L[]; sv: FeatureMatrix; machines: PairMachine[] } {
    if (!this.fitted) throw new InputValidationError(`QSVC.${what} called before fit`);
    return this.fitted;
  }

  /** Each point's libsvm decision values, one per class pair (see {@link decisionFunction}). */
  private async pairDecisions(x: FeatureInput, options: EvaluateOptions, what: string): Promise<number[][]> {
    const m = this.model(what);
    const out: number[][] = [];
    const t = this.training;
    const X = toFeatureMatrix(x, this.kernel.featureMap.featureDimension, 'x');
    if (t && this.trainingKernel && matricesEqual(X, t.x)) {
      // The training points themselves (training accuracy): their rows of the training Gram
      // matrix, as libsvm used them, rather than a second kernel run (more circuits on hardware,
      // other shot noise).
      const row = new Float64Array(t.support.length);
      for (let i = 0; i < X.rows; i++) {
        t.support.forEach((j, c) => (row[c] = this.trainingKernel!.get(i, j)));
        out.push(m.machines.map((mach) => decisionValue(mach, row)));
      }
      return out;
    }
    const k = await this.kernel.evaluate(X, m.sv, options);
    for (let i = 0; i < k.rows; i++) {
      const row = k.data.subarray(i * k.cols, (i + 1) * k.cols);
      out.push(m.machines.map((mach) => decisionValue(mach, row)));
    }
    return out;
  }

  /** Predicted labels of `x`. */
  async predict(x: FeatureInput, options: EvaluateOptions = {}): Promise<L[]> {
    const m = this.model('predict');
    const dec = await this.pairDecisions(x, options, 'predict');
    return dec.map((d) => m.classes[oneVsOneVote(m.machines, d, m.classes.length)]!);
  }

  /**
   * The decision values of each point (sklearn's `decision_function`, one-vs-one shape). Two
   * classes: one value, positive meaning `classes[1]`. k classes: k(k−1)/2 values for the
   * pairs (0,1), (0,2), …, (1,2), … in that order, positive meaning the pair's first class.
   */
  async decisionFunction(x: FeatureInput, options: EvaluateOptions = {}): Promise<number[][]> {
    const m = this.model('decisionFunction');
    const dec = await this.pairDecisions(x, options, 'decisionFunction');
    // libsvm's machine says "classes[0]" when positive; sklearn flips the sign for two classes.
    return m.classes.length === 2 ? dec.map(([v]) => [-v!]) : dec;
  }

  /**
   * Class probabilities of each point, in {@link classes} order, as libsvm computes them: each
   * pair's Platt sigmoid of its decision value; for more than two classes those pairwise
   * probabilities coupled into one distribution (Wu, Lin and Weng). Needs `probability: true`.
   * As in libsvm, the most probable class need not be the {@link predict}ed (voted) one.
   */
  async predictProba(x: FeatureInput, options: EvaluateOptions = {}): Promise<number[][]> {
    const m = this.model('predictProba');
    if (!this.probability || m.machines.some((mach) => mach.probA === undefined)) throw new InputValidationError('predictProba needs a QSVC trained with probability: true');
    const dec = await this.pairDecisions(x, options, 'predictProba');
    return dec.map((d) => oneVsOneProbabilities(m.machines, d, m.classes.length));
  }

  /** Mean accuracy of the predictions on (x, labels). */
  async score(x: FeatureInput, labels: readonly L[], options: EvaluateOptions = {}): Promise<number> {
    const pred = await this.predict(x, options);
    if (pred.length !== labels.length) throw new InputValidationError(`${pred.length} points but ${labels.length} labels`);
    let ok = 0;
    for (let i = 0; i < pred.length; i++) if (pred[i] === labels[i]) ok++;
    return pred.length ? ok / pred.length : 0;
  }

  /** The model as a file object (see {@link save}). */
  toModelFile(): QsvcFile {
    const m = this.model('save');
    return { ...modelFileBase('QSVC', this.kernel, matrixRows(m.sv)), classes: [...m.classes], C: this.C, tolerance: this.tolerance, probability: this.probability, machines: m.machines };
  }

  /**
   * Writes the trained model to `path` as JSON: format and version, the feature map's
   * definition, the bandwidth, the support vectors' features, the class labels and each
   * pair's coefficients and rho. {@link QSVC.load} reads it back; it predicts the same.
   */
  async save(path: string): Promise<void> {
    await writeModelFile(path, this.toModelFile());
  }

  /**
   * Reads a model written by {@link save}. The kernel is rebuilt from the file's feature map
   * and bandwidth; `kernel` chooses where it runs (default: exact, in-process).
   *
   * @throws {@link InputValidationError} naming the field of a bad, foreign or other-kind file
   */
  static async load(path: string, kernel: LoadKernelOptions = {}): Promise<QSVC<ClassLabel>> {
    return QSVC.fromModelFile(await readModelFile(path), path, kernel);
  }

  /** {@link QSVC.load} from an already parsed file (`file` names it in messages). */
  static fromModelFile(v: unknown, file: string, kernel: LoadKernelOptions = {}): QSVC<ClassLabel> {
    const f = checkModelFile(v, file, 'QSVC');
    const classes = classesField(f.raw, file);
    const list = objectListField(f.raw, 'machines', file);
    const pairs = (classes.length * (classes.length - 1)) / 2;
    if (list.length !== pairs) throw new InputValidationError(`${file}: field 'machines' must have ${pairs} entries for ${classes.length} classes, got ${list.length}`);
    const machines: PairMachine[] = [];
    let k = 0;
    for (let a = 0; a < classes.length; a++) {
      for (let b = a + 1; b < classes.length; b++, k++) {
        const o = list[k]!;
        const pair = o.pair;
        if (!Array.isArray(pair) || pair[0] !== a || pair[1] !== b) throw new InputValidationError(`${file}: field 'machines[${k}].pair' must be [${a}, ${b}]`);
        machines.push({ pair: [a, b], ...machineField(o, file, `machines[${k}]`, f.supportVectors.length) });
      }
    }
    const probability = f.raw.probability === true;
    if (probability && machines.some((m) => m.probA === undefined)) throw new InputValidationError(`${file}: field 'probability' is true but machines[0] has no probA/probB`);
    const model = new QSVC<ClassLabel>({
      kernel: kernelFromFile(f.featureMap, f.bandwidth, file, kernel),
      C: numberField(f.raw, 'C', file),
      tolerance: numberField(f.raw, 'tolerance', file),
      probability,
    });
    model.fitted = { classes, sv: toFeatureMatrix(f.supportVectors, f.featureMap.featureDimension, 'supportVectors'), machines };
    return model;
  }

  /** Releases the model (kept for callers of the libsvm-backed version: the machines are plain data now). */
  dispose(): void {
    this.fitted = undefined;
    this.training = undefined;
  }
}
