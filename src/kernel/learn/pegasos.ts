import { InputValidationError } from '../../core/errors';
import { Prng, freshSeed } from '../../core/random';
import { matrixRows, pickRows, toFeatureMatrix, type FeatureInput, type FeatureMatrix } from '../inputs';
import type { EvaluateOptions, QuantumKernel } from '../quantum-kernel';
import { checkModelFile, classesField, kernelFromFile, modelFileBase, numberField, numberListField, readModelFile, writeModelFile, type LoadKernelOptions, type ModelFileBase } from './model-file';
import { encodeLabels, type ClassLabel } from './svm-core';

/** Options of {@link PegasosQSVC}; defaults are qiskit-ml's. */
export interface PegasosOptions {
  /** The quantum kernel; only the rows K(x_i, ·) against the current support set are evaluated. */
  kernel: QuantumKernel;
  /** Regularisation C = 1/λ of the Pegasos objective (default 1). */
  C?: number;
  /** Sub-gradient steps τ (default 1000); there is no early stop. */
  numSteps?: number;
  /** Seed of the random choice of a training point per step (default: a fresh seed, recorded in {@link PegasosQSVC.seed}). */
  seed?: number;
}

/** What a PegasosQSVC model file holds besides the common fields. */
export interface PegasosFile extends ModelFileBase {
  /** The two class labels (classes[0] is y = +1). */
  classes: ClassLabel[];
  /** Regularisation C of the fit. */
  C: number;
  /** Steps of the fit. */
  numSteps: number;
  /** Seed of the fit's step choices. */
  seed: number;
  /** Per support vector: how many steps selected it (α_j). */
  alphas: number[];
  /** Per support vector: +1 for classes[0], −1 for classes[1]. */
  signs: number[];
}

/**
 * qiskit-ml's `PegasosQSVC`: the kernelised Pegasos primal sub-gradient solver (Shalev-Shwartz
 * et al.), two classes. It needs kernel values only between the point of each step and the
 * points already in the support set, never the whole Gram matrix, which suits hardware.
 *
 * Update rule (step t = 1…τ): pick i uniformly at random; with y ∈ {+1 for classes[0],
 * −1 for classes[1]} and the support set S (points with α_j > 0, in the order they entered),
 * compute v = Σ_{j∈S} α_j y_j (K(x_i, x_j) + 1); if y_i · (C / t) · v < 1 then α_i += 1.
 * The +1 on every kernel value is qiskit-ml's implicit bias term. Prediction: classes[0] when
 * Σ_{j∈S} α_j y_j (K(x, x_j) + 1) > 0, else classes[1].
 *
 * @example
 * const kernel = new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2 }) });
 * const model = await new PegasosQSVC({ kernel, C: 1000, numSteps: 100, seed: 1 }).fit(x, y);
 */
export class PegasosQSVC<L extends ClassLabel = number> {
  /** The quantum kernel. */
  readonly kernel: QuantumKernel;
  /** Regularisation C (1/λ). */
  readonly C: number;
  /** Sub-gradient steps. */
  readonly numSteps: number;
  /** The seed of the step choices. */
  readonly seed: number;
  private fitted?: { classes: L[]; sv: FeatureMatrix; alphas: number[]; signs: number[] };

  /**
   * @param options - kernel, C, steps and seed
   * @throws {@link InputValidationError} for a C that is not positive, a step count below 1 or a non-integer seed
   */
  constructor(options: PegasosOptions) {
    this.kernel = options.kernel;
    this.C = options.C ?? 1;
    this.numSteps = options.numSteps ?? 1000;
    this.seed = options.seed ?? freshSeed();
    if (!(this.C > 0) || !Number.isFinite(this.C)) throw new InputValidationError(`C must be a positive number, got ${this.C}`);
    if (!Number.isInteger(this.numSteps) || this.numSteps < 1) throw new InputValidationError(`numSteps must be an integer ≥ 1, got ${this.numSteps}`);
    if (!Number.isInteger(this.seed)) throw new InputValidationError(`seed must be an integer, got ${this.seed}`);
  }

  /** The two class labels (sorted); absent before fit. */
  get classes(): readonly L[] | undefined {
    return this.fitted?.classes;
  }

  /** The number of support vectors (training points with α > 0). */
  get supportVectorCount(): number {
    return this.fitted?.sv.rows ?? 0;
  }

  /** Runs the Pegasos steps on `x` with `labels` (exactly two classes). */
  async fit(x: FeatureInput, labels: readonly L[], options: EvaluateOptions = {}): Promise<this> {
    const X = toFeatureMatrix(x, this.kernel.featureMap.featureDimension, 'x');
    if (labels.length !== X.rows) throw new InputValidationError(`${X.rows} training points but ${labels.length} labels`);
    const { classes, index } = encodeLabels(labels);
    if (classes.length !== 2) throw new InputValidationError(`PegasosQSVC needs exactly two classes, got ${classes.length}`);
    const y = index.map((c) => (c === 0 ? 1 : -1));
    const n = X.rows;
    const rng = new Prng(this.seed);
    // α as a Map: insertion order = the order points entered the support set (the sum's order).
    const alphas = new Map<number, number>();
    const memo = new Map<number, number>();
    const key = (i: number, j: number): number => (i < j ? i * n + j : j * n + i);
    for (let step = 1; step <= this.numSteps; step++) {
      const i = rng.integer(n);
      const missing = [...alphas.keys()].filter((j) => !memo.has(key(i, j)));
      if (missing.length) {
        const row = await this.kernel.evaluate(pickRows(X, [i]), pickRows(X, missing), options);
        missing.forEach((j, c) => memo.set(key(i, j), row.get(0, c)));
      }
      let v = 0;
      for (const [j, a] of alphas) v += a * y[j]! * (memo.get(key(i, j))! + 1);
      if (((y[i]! * this.C) / step) * v < 1) alphas.set(i, (alphas.get(i) ?? 0) + 1);
    }
    const support = [...alphas.keys()];
    this.fitted = { classes: classes as L[], sv: pickRows(X, support), alphas: support.map((j) => alphas.get(j)!), signs: support.map((j) => y[j]!) };
    return this;
  }

  /** qiskit-ml's weighted kernel sum per point: positive means classes[0]. */
  private async values(x: FeatureInput, options: EvaluateOptions, what: string): Promise<{ classes: L[]; values: number[] }> {
    if (!this.fitted) throw new InputValidationError(`PegasosQSVC.${what} called before fit`);
    const { classes, sv, alphas, signs } = this.fitted;
    const k = await this.kernel.evaluate(x, sv, options);
    const values: number[] = [];
    for (let r = 0; r < k.rows; r++) {
      let v = 0;
      for (let j = 0; j < sv.rows; j++) v += alphas[j]! * signs[j]! * (k.get(r, j) + 1);
      values.push(v);
    }
    return { classes, values };
  }

  /** Predicted labels of `x`. */
  async predict(x: FeatureInput, options: EvaluateOptions = {}): Promise<L[]> {
    const { classes, values } = await this.values(x, options, 'predict');
    return values.map((v) => (v > 0 ? classes[0]! : classes[1]!));
  }

  /**
   * The decision value of each point: qiskit-ml's weighted kernel sum negated, so that, as for
   * {@link QSVC.decisionFunction}, positive means `classes[1]`.
   */
  async decisionFunction(x: FeatureInput, options: EvaluateOptions = {}): Promise<number[]> {
    return (await this.values(x, options, 'decisionFunction')).values.map((v) => -v);
  }

  /** Mean accuracy of the predictions on (x, labels). */
  async score(x: FeatureInput, labels: readonly L[], options: EvaluateOptions = {}): Promise<number> {
    const pred = await this.predict(x, options);
    if (pred.length !== labels.length) throw new InputValidationError(`${pred.length} points but ${labels.length} labels`);
    return pred.filter((p, i) => p === labels[i]).length / pred.length;
  }

  /** The model as a file object (see {@link save}). */
  toModelFile(): PegasosFile {
    if (!this.fitted) throw new InputValidationError('PegasosQSVC.save called before fit');
    const f = this.fitted;
    return { ...modelFileBase('PegasosQSVC', this.kernel, matrixRows(f.sv)), classes: [...f.classes], C: this.C, numSteps: this.numSteps, seed: this.seed, alphas: f.alphas, signs: f.signs };
  }

  /** Writes the trained model to `path` (JSON; see {@link QSVC.save} for the common fields). */
  async save(path: string): Promise<void> {
    await writeModelFile(path, this.toModelFile());
  }

  /**
   * Reads a model written by {@link save}; `kernel` chooses where its kernel runs.
   * @throws {@link InputValidationError} naming the field of a bad, foreign or other-kind file
   */
  static async load(path: string, kernel: LoadKernelOptions = {}): Promise<PegasosQSVC<ClassLabel>> {
    return PegasosQSVC.fromModelFile(await readModelFile(path), path, kernel);
  }

  /** {@link PegasosQSVC.load} from an already parsed file. */
  static fromModelFile(v: unknown, file: string, kernel: LoadKernelOptions = {}): PegasosQSVC<ClassLabel> {
    const f = checkModelFile(v, file, 'PegasosQSVC');
    const classes = classesField(f.raw, file, 2);
    const count = f.supportVectors.length;
    const alphas = numberListField(f.raw, 'alphas', file, 'alphas', count);
    if (alphas.some((a) => !Number.isInteger(a) || a < 1)) throw new InputValidationError(`${file}: field 'alphas' must be step counts (integers ≥ 1)`);
    const signs = numberListField(f.raw, 'signs', file, 'signs', count);
    if (signs.some((s) => s !== 1 && s !== -1)) throw new InputValidationError(`${file}: field 'signs' must be +1 or -1 each`);
    const model = new PegasosQSVC<ClassLabel>({
      kernel: kernelFromFile(f.featureMap, f.bandwidth, file, kernel),
      C: numberField(f.raw, 'C', file),
      numSteps: numberField(f.raw, 'numSteps', file),
      seed: numberField(f.raw, 'seed', file),
    });
    model.fitted = { classes, sv: toFeatureMatrix(f.supportVectors, f.featureMap.featureDimension, 'supportVectors'), alphas, signs };
    return model;
  }
}
