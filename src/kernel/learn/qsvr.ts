import { InputValidationError } from '../../core/errors';
import { matrixRows, pickRows, toFeatureMatrix, type FeatureInput, type FeatureMatrix } from '../inputs';
import type { EvaluateOptions, QuantumKernel } from '../quantum-kernel';
import { checkModelFile, kernelFromFile, machineField, modelFileBase, numberField, objectField, readModelFile, writeModelFile, type LoadKernelOptions, type ModelFileBase } from './model-file';
import { decisionValue, fitRegression, type Machine } from './svm-core';

/** Options of {@link QSVR}; defaults are sklearn's `SVR`. */
export interface QsvrOptions {
  /** The quantum kernel that gives the Gram matrices. */
  kernel: QuantumKernel;
  /** Regularisation C (default 1). */
  C?: number;
  /** Width of the ε-insensitive tube: errors below it cost nothing (default 0.1). */
  epsilon?: number;
  /** libsvm stopping tolerance (default 1e-3). */
  tolerance?: number;
}

/** What a QSVR model file holds besides the common fields. */
export interface QsvrFile extends ModelFileBase {
  /** Regularisation C of the fit. */
  C: number;
  /** The ε-tube width of the fit. */
  epsilon: number;
  /** libsvm's tolerance of the fit. */
  tolerance: number;
  /** The regression machine: f(x) = Σ coef·K(x, sv) − rho. */
  machine: Machine;
}

/**
 * Support vector regression on a precomputed quantum kernel (qiskit-ml `QSVR`): libsvm's
 * epsilon-SVR (libsvm-js, kernel type PRECOMPUTED) on the training Gram matrix. The prediction
 * is f(x) = Σ_j coef_j K(x, sv_j) − rho over the support vectors.
 *
 * @example
 * const kernel = new QuantumKernel({ featureMap: zFeatureMap({ featureDimension: 1, reps: 1 }) });
 * const qsvr = await new QSVR({ kernel }).fit([[0.1], [0.5], [0.9]], [0.2, 0.6, 0.8]);
 * await qsvr.predict([[0.3]]);
 */
export class QSVR {
  /** The quantum kernel that gives the Gram matrices. */
  readonly kernel: QuantumKernel;
  /** Regularisation strength C. */
  readonly C: number;
  /** Width of the ε-insensitive tube. */
  readonly epsilon: number;
  /** libsvm's stopping tolerance. */
  readonly tolerance: number;
  private fitted?: { sv: FeatureMatrix; machine: Machine };

  /**
   * @param options - the kernel and SVR settings
   * @throws {@link InputValidationError} for a C that is not positive or an epsilon below 0
   */
  constructor(options: QsvrOptions) {
    this.kernel = options.kernel;
    this.C = options.C ?? 1;
    this.epsilon = options.epsilon ?? 0.1;
    this.tolerance = options.tolerance ?? 1e-3;
    if (!(this.C > 0) || !Number.isFinite(this.C)) throw new InputValidationError(`C must be a positive number, got ${this.C}`);
    if (!(this.epsilon >= 0) || !Number.isFinite(this.epsilon)) throw new InputValidationError(`epsilon must be a number ≥ 0, got ${this.epsilon}`);
  }

  /** The number of support vectors of the fitted model. */
  get supportVectorCount(): number {
    return this.fitted?.sv.rows ?? 0;
  }

  /** Trains on `x` (rows) with real `targets`. */
  async fit(x: FeatureInput, targets: readonly number[], options: EvaluateOptions = {}): Promise<this> {
    const X = toFeatureMatrix(x, this.kernel.featureMap.featureDimension, 'x');
    if (targets.length !== X.rows) throw new InputValidationError(`${X.rows} training points but ${targets.length} targets`);
    if (targets.some((t) => typeof t !== 'number' || !Number.isFinite(t))) throw new InputValidationError('targets must be finite numbers');
    const k = await this.kernel.evaluate(X, undefined, options);
    const m = await fitRegression((i, j) => k.get(i, j), X.rows, targets, { C: this.C, epsilon: this.epsilon, tolerance: this.tolerance });
    // Keep only the support vectors, renumbered in libsvm's order.
    this.fitted = { sv: pickRows(X, m.sv), machine: { ...m, sv: m.sv.map((_, r) => r) } };
    return this;
  }

  /** Predicted values of `x`. */
  async predict(x: FeatureInput, options: EvaluateOptions = {}): Promise<number[]> {
    if (!this.fitted) throw new InputValidationError('QSVR.predict called before fit');
    const { sv, machine } = this.fitted;
    const k = await this.kernel.evaluate(x, sv, options);
    const out: number[] = [];
    for (let i = 0; i < k.rows; i++) out.push(decisionValue(machine, k.data.subarray(i * k.cols, (i + 1) * k.cols)));
    return out;
  }

  /** The coefficient of determination R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)² of the predictions (sklearn's `score`). */
  async score(x: FeatureInput, targets: readonly number[], options: EvaluateOptions = {}): Promise<number> {
    const pred = await this.predict(x, options);
    if (pred.length !== targets.length) throw new InputValidationError(`${pred.length} points but ${targets.length} targets`);
    return rSquared(targets, pred);
  }

  /** The model as a file object (see {@link save}). */
  toModelFile(): QsvrFile {
    if (!this.fitted) throw new InputValidationError('QSVR.save called before fit');
    return { ...modelFileBase('QSVR', this.kernel, matrixRows(this.fitted.sv)), C: this.C, epsilon: this.epsilon, tolerance: this.tolerance, machine: this.fitted.machine };
  }

  /** Writes the trained model to `path` (JSON; see {@link QSVC.save} for the common fields). */
  async save(path: string): Promise<void> {
    await writeModelFile(path, this.toModelFile());
  }

  /**
   * Reads a model written by {@link save}; `kernel` chooses where its kernel runs.
   * @throws {@link InputValidationError} naming the field of a bad, foreign or other-kind file
   */
  static async load(path: string, kernel: LoadKernelOptions = {}): Promise<QSVR> {
    return QSVR.fromModelFile(await readModelFile(path), path, kernel);
  }

  /** {@link QSVR.load} from an already parsed file. */
  static fromModelFile(v: unknown, file: string, kernel: LoadKernelOptions = {}): QSVR {
    const f = checkModelFile(v, file, 'QSVR');
    const machine = machineField(objectField(f.raw, 'machine', file), file, 'machine', f.supportVectors.length);
    const model = new QSVR({
      kernel: kernelFromFile(f.featureMap, f.bandwidth, file, kernel),
      C: numberField(f.raw, 'C', file),
      epsilon: numberField(f.raw, 'epsilon', file),
      tolerance: numberField(f.raw, 'tolerance', file),
    });
    model.fitted = { sv: toFeatureMatrix(f.supportVectors, f.featureMap.featureDimension, 'supportVectors'), machine };
    return model;
  }
}

/** R² of `pred` against `y` (1 for a perfect fit; 0 for predicting the mean; NaN for constant `y`). */
export function rSquared(y: readonly number[], pred: readonly number[]): number {
  const mean = y.reduce((a, b) => a + b, 0) / y.length;
  let res = 0;
  let tot = 0;
  for (let i = 0; i < y.length; i++) {
    res += (y[i]! - pred[i]!) ** 2;
    tot += (y[i]! - mean) ** 2;
  }
  return 1 - res / tot;
}
