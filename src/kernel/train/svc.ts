/**
 * A C-SVC on a precomputed Gram matrix (libsvm through libsvm-js), exposing what kernel training
 * needs and {@link QSVC} hides: the dual coefficients y_i·α_i of the support vectors, read from
 * libsvm's own model text, and prediction from a test-vs-train matrix.
 */
import { InputValidationError, SimulatorError } from '../../core/errors';
import type { KernelMatrix } from '../kernel-matrix';
import { loadLibSvm, precomputedRows } from '../learn/qsvc';

type SvmClass = Awaited<ReturnType<typeof loadLibSvm>>;

/** Options of {@link PrecomputedSvc}. */
export interface PrecomputedSvcOptions {
  /** Regularisation C (default 1, as sklearn's SVC). */
  C?: number;
  /** libsvm's stopping tolerance (default 1e-3, as sklearn). */
  tolerance?: number;
}

/**
 * A trained C-SVC on a precomputed kernel. Build with {@link PrecomputedSvc.fit}; free with
 * {@link PrecomputedSvc.dispose}.
 */
export class PrecomputedSvc {
  private constructor(
    private model: InstanceType<SvmClass> | undefined,
    /** y_i·α_i for every training point (0 off the support), in libsvm's sign convention. */
    readonly dualCoefficients: Float64Array,
    /** Number of training points. */
    readonly trainingSize: number,
  ) {}

  /**
   * Trains libsvm's C-SVC (kernel type PRECOMPUTED) on the n×n training matrix `k`.
   * @throws {@link InputValidationError} for a non-square matrix, a label count that differs, a C ≤ 0, or fewer than two classes
   */
  static async fit(k: KernelMatrix, labels: readonly number[], options: PrecomputedSvcOptions = {}): Promise<PrecomputedSvc> {
    const SVM = await loadLibSvm();
    return PrecomputedSvc.fitWith(SVM, k, labels, options);
  }

  /**
   * {@link PrecomputedSvc.fit} with libsvm already loaded (synchronous: optimisers call it inside their loops).
   * @internal
   */
  static fitWith(SVM: SvmClass, k: KernelMatrix, labels: readonly number[], options: PrecomputedSvcOptions = {}): PrecomputedSvc {
    const C = options.C ?? 1;
    if (!(C > 0) || !Number.isFinite(C)) throw new InputValidationError(`C must be a positive number, got ${C}`);
    if (k.rows !== k.cols) throw new InputValidationError(`the training kernel must be square, got ${k.rows}×${k.cols}`);
    if (labels.length !== k.rows) throw new InputValidationError(`${k.rows} training points but ${labels.length} labels`);
    if (new Set(labels).size < 2) throw new InputValidationError('training needs at least two classes');
    const svm = new SVM({
      type: SVM.SVM_TYPES.C_SVC,
      kernel: SVM.KERNEL_TYPES.PRECOMPUTED,
      cost: C,
      tolerance: options.tolerance ?? 1e-3,
      quiet: true,
    });
    svm.train(precomputedRows(k, true), [...labels]);
    return new PrecomputedSvc(svm, parseDualCoefficients((svm as unknown as { serializeModel(): string }).serializeModel(), k.rows), k.rows);
  }

  /** Predicted labels for the test-vs-train matrix `k` (rows = test points, columns = the training points). */
  predict(k: KernelMatrix): number[] {
    if (!this.model) throw new InputValidationError('PrecomputedSvc.predict called after dispose');
    if (k.cols !== this.trainingSize) throw new InputValidationError(`the test kernel has ${k.cols} columns, the model ${this.trainingSize} training points`);
    return this.model.predict(precomputedRows(k, false));
  }

  /** Fraction of `labels` that {@link predict} gets right. */
  accuracy(k: KernelMatrix, labels: readonly number[]): number {
    const pred = this.predict(k);
    if (pred.length !== labels.length) throw new InputValidationError(`${pred.length} points but ${labels.length} labels`);
    return pred.length ? pred.filter((p, i) => p === labels[i]).length / pred.length : 0;
  }

  /** Frees libsvm's model. */
  dispose(): void {
    this.model?.free();
    this.model = undefined;
  }
}

/**
 * The dual coefficients from libsvm's model text (two classes): after the `SV` line each support
 * vector is `<y·α> 0:<serial>`, serial = the 1-based training index (precomputed kernel).
 */
export function parseDualCoefficients(model: string, n: number): Float64Array {
  const lines = model.split('\n');
  const nrClass = /^nr_class (\d+)/m.exec(model);
  if (!nrClass || nrClass[1] !== '2') {
    throw new InputValidationError(`the SVC loss needs exactly two classes, the libsvm model has ${nrClass?.[1] ?? 'an unknown number of'}`);
  }
  const start = lines.indexOf('SV');
  if (start < 0) throw new SimulatorError('libsvm model text has no SV section');
  const out = new Float64Array(n);
  for (const line of lines.slice(start + 1)) {
    const t = line.trim();
    if (!t) continue;
    const m = /^(\S+)\s+0:(\d+)/.exec(t);
    if (!m) throw new SimulatorError(`unexpected libsvm support-vector line '${t}'`);
    const serial = Number(m[2]);
    if (serial < 1 || serial > n) throw new SimulatorError(`libsvm support vector serial ${serial} outside 1..${n}`);
    out[serial - 1] = Number(m[1]);
  }
  return out;
}
