import { InputValidationError } from '../../core/errors';
import { toFeatureMatrix, type FeatureInput, type FeatureMatrix } from '../inputs';
import type { EvaluateOptions, QuantumKernel } from '../quantum-kernel';
import type { KernelMatrix } from '../kernel-matrix';

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

/** The part of libsvm-js's SVM class qbridge uses. */
interface LibSvm {
  train(samples: number[][], labels: number[]): void;
  predict(samples: number[][]): number[];
  free(): void;
}
interface LibSvmClass {
  new (options: Record<string, unknown>): LibSvm;
  readonly SVM_TYPES: Record<string, string>;
  readonly KERNEL_TYPES: Record<string, string>;
}

let svmClass: Promise<LibSvmClass> | undefined;

/**
 * Loads libsvm-js's asm build once. Its entry point returns the class (0.2.x) or a promise of it
 * (other versions); both are awaited.
 */
export function loadLibSvm(): Promise<LibSvmClass> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  svmClass ??= Promise.resolve(require('libsvm-js/asm') as LibSvmClass | Promise<LibSvmClass>);
  return svmClass;
}

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
}

/**
 * A support vector classifier on a precomputed quantum kernel (qiskit-ml `QSVC`): the training
 * Gram matrix and the test-vs-train matrix come from the {@link QuantumKernel}, the SVM from
 * libsvm (libsvm-js, C-SVC, kernel type PRECOMPUTED). Labels may be any numbers.
 *
 * @example
 * const kernel = new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2 }) });
 * const qsvc = await new QSVC({ kernel }).fit([[0.1, 0.2], [0.2, 0.1], [2.5, 2.9], [2.8, 2.6]], [0, 0, 1, 1]);
 * await qsvc.predict([[0.15, 0.15]]); // [0]
 */
export class QSVC {
  /** The quantum kernel that gives the training and test Gram matrices. */
  readonly kernel: PrecomputedKernel;
  /** Regularisation strength C (larger: fewer margin violations allowed). */
  readonly C: number;
  /** libsvm's stopping tolerance. */
  readonly tolerance: number;
  private model?: LibSvm;
  private train?: FeatureMatrix;
  /** The training Gram matrix of the last {@link fit}. */
  trainingKernel?: KernelMatrix;

  /**
   * @param options - the kernel and SVM settings
   * @throws {@link InputValidationError} for a C that is not a positive finite number
   */
  constructor(options: QsvcOptions) {
    this.kernel = options.kernel;
    this.C = options.C ?? 1;
    this.tolerance = options.tolerance ?? 1e-3;
    if (!(this.C > 0) || !Number.isFinite(this.C)) throw new InputValidationError(`C must be a positive number, got ${this.C}`);
  }

  /** Trains on `x` (rows) with `labels`. */
  async fit(x: FeatureInput, labels: readonly number[], options: EvaluateOptions = {}): Promise<this> {
    const X = toFeatureMatrix(x, this.kernel.featureMap.featureDimension, 'x');
    if (labels.length !== X.rows) {
      throw new InputValidationError(`${X.rows} training points but ${labels.length} labels`);
    }
    if (labels.some((l) => typeof l !== 'number' || !Number.isFinite(l))) throw new InputValidationError('labels must be finite numbers');
    if (new Set(labels).size < 2) throw new InputValidationError('training needs at least two classes');
    const SVM = await loadLibSvm();
    const k = await this.kernel.evaluate(X, undefined, options);
    this.model?.free();
    const svm = new SVM({
      type: SVM.SVM_TYPES.C_SVC,
      kernel: SVM.KERNEL_TYPES.PRECOMPUTED,
      cost: this.C,
      tolerance: this.tolerance,
      quiet: true,
    });
    svm.train(precomputedRows(k, true), [...labels]);
    this.model = svm;
    this.train = X;
    this.trainingKernel = k;
    return this;
  }

  /** Predicted labels of `x`. */
  async predict(x: FeatureInput, options: EvaluateOptions = {}): Promise<number[]> {
    if (!this.model || !this.train) throw new InputValidationError('QSVC.predict called before fit');
    const k = await this.kernel.evaluate(x, this.train, options);
    return this.model.predict(precomputedRows(k, false));
  }

  /** Mean accuracy of the predictions on (x, labels). */
  async score(x: FeatureInput, labels: readonly number[], options: EvaluateOptions = {}): Promise<number> {
    const pred = await this.predict(x, options);
    if (pred.length !== labels.length) throw new InputValidationError(`${pred.length} points but ${labels.length} labels`);
    let ok = 0;
    for (let i = 0; i < pred.length; i++) if (pred[i] === labels[i]) ok++;
    return pred.length ? ok / pred.length : 0;
  }

  /** Frees the libsvm model's memory. */
  dispose(): void {
    this.model?.free();
    this.model = undefined;
  }
}
