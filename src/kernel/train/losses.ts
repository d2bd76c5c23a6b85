/**
 * Losses of kernel training, each a value and its gradient in the Gram matrix entries
 * (∂L/∂K_ij, every entry treated as independent), so the trainer composes them with ∂K/∂θ.
 * All are MINIMISED:
 *
 * - `kta`: −A(K, yyᵀ), the kernel-target alignment of Cristianini, Shawe-Taylor, Elisseeff and
 *   Kandola (2001), A(K, Y) = ⟨K, Y⟩_F / (‖K‖_F·‖Y‖_F) with y ∈ {−1, +1}ⁿ, so ‖yyᵀ‖_F = n.
 * - `centered-kta`: −A_c, the centered alignment of Cortes, Mohri and Rostamizadeh (2012):
 *   A_c(K, Y) = ⟨K_c, Y_c⟩_F / (‖K_c‖_F·‖Y_c‖_F) with K_c = HKH, Y_c = HYH, H = I − 11ᵀ/n.
 *   As H is symmetric and idempotent, ⟨K_c, Y_c⟩ = (Hy)ᵀK(Hy) and ‖Y_c‖_F = ‖Hy‖².
 * - `svc`: qiskit-machine-learning's SVCLoss, the C-SVC dual objective at libsvm's optimum,
 *   Σ_i α_i − ½ Σ_ij (y_iα_i)(y_jα_j) K_ij. Its gradient holds α fixed (Danskin: the optimum's
 *   derivative in K is the objective's partial derivative, the feasible set 0 ≤ α ≤ C,
 *   Σ y_iα_i = 0 not depending on K): ∂L/∂K_ij = −½ (y_iα_i)(y_jα_j).
 */
import { InputValidationError } from '../../core/errors';
import type { KernelMatrix } from '../kernel-matrix';
import { loadLibSvm } from '../learn/qsvc';
import { PrecomputedSvc } from './svc';

/** The losses {@link KernelTrainer} offers. */
export type KernelLossName = 'kta' | 'centered-kta' | 'svc';

/** Every {@link KernelLossName}, in the order the CLI lists them. */
export const KERNEL_LOSSES: readonly KernelLossName[] = ['kta', 'centered-kta', 'svc'];

/** A loss value and ∂L/∂K (n×n, row-major). */
export interface LossWithGradient {
  /** The loss (to minimise). */
  value: number;
  /** ∂L/∂K_ij at `data[i·n + j]`. */
  gradient: Float64Array;
}

/** A loss of the training Gram matrix. */
export interface KernelLoss {
  /** Which loss. */
  readonly name: KernelLossName;
  /** The loss and its gradient in K for the n×n training matrix `k` and the n labels. */
  evaluate(k: KernelMatrix, labels: readonly number[]): LossWithGradient;
}

/**
 * The labels as ±1: exactly two distinct values, the smaller one −1 (the alignments do not
 * depend on which class is which: yyᵀ is unchanged by y → −y).
 * @throws {@link InputValidationError} for other than two classes or a wrong count
 */
export function signedLabels(labels: readonly number[], n: number): Float64Array {
  if (labels.length !== n) throw new InputValidationError(`${n} training points but ${labels.length} labels`);
  const classes = [...new Set(labels)].sort((a, b) => a - b);
  if (classes.length !== 2) {
    throw new InputValidationError(`kernel training needs exactly two classes, got ${classes.length} (${classes.slice(0, 5).join(', ')})`);
  }
  return Float64Array.from(labels, (l) => (l === classes[0] ? -1 : 1));
}

function square(k: KernelMatrix): number {
  if (k.rows !== k.cols) throw new InputValidationError(`the training kernel must be square, got ${k.rows}×${k.cols}`);
  return k.rows;
}

/** −A(K, yyᵀ) and its gradient: A = a/(b·n), a = yᵀKy, b = ‖K‖_F; ∂A/∂K = yyᵀ/(b·n) − a·K/(b³·n). */
export function alignmentLoss(k: KernelMatrix, labels: readonly number[]): LossWithGradient {
  const n = square(k);
  const y = signedLabels(labels, n);
  const K = k.data;
  let a = 0, b2 = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = K[i * n + j]!;
      a += y[i]! * y[j]! * v;
      b2 += v * v;
    }
  }
  if (b2 === 0) throw new InputValidationError('the kernel matrix is zero: its alignment is undefined');
  const b = Math.sqrt(b2);
  const gradient = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) gradient[i * n + j] = -(y[i]! * y[j]! / (b * n) - (a * K[i * n + j]!) / (b2 * b * n));
  }
  return { value: -a / (b * n), gradient };
}

/**
 * −A_c and its gradient: A_c = a/(b·c), u = Hy, a = uᵀKu, b = ‖HKH‖_F, c = ‖u‖²;
 * ∂b/∂K = K_c/b (d‖HKH‖² = 2⟨HKH, H·dK·H⟩ = 2⟨K_c, dK⟩), so ∂A_c/∂K = uuᵀ/(b·c) − a·K_c/(b³·c).
 */
export function centeredAlignmentLoss(k: KernelMatrix, labels: readonly number[]): LossWithGradient {
  const n = square(k);
  const y = signedLabels(labels, n);
  const mean = y.reduce((s, v) => s + v, 0) / n;
  const u = y.map((v) => v - mean);
  const c = u.reduce((s, v) => s + v * v, 0);
  const kc = center(k.data, n);
  const K = k.data;
  let a = 0, b2 = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      a += u[i]! * u[j]! * K[i * n + j]!;
      b2 += kc[i * n + j]! ** 2;
    }
  }
  // ‖K_c‖ of zero: K is constant up to row and column offsets (e.g. all ones), no direction to align.
  if (!(b2 > 1e-300)) throw new InputValidationError('the centered kernel matrix is zero: its centered alignment is undefined');
  const b = Math.sqrt(b2);
  const gradient = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) gradient[i * n + j] = -(u[i]! * u[j]! / (b * c) - (a * kc[i * n + j]!) / (b2 * b * c));
  }
  return { value: -a / (b * c), gradient };
}

/** HKH with H = I − 11ᵀ/n: subtract row means and column means, add back the grand mean. */
function center(K: Float64Array, n: number): Float64Array {
  const row = new Float64Array(n);
  const col = new Float64Array(n);
  let all = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = K[i * n + j]!;
      row[i] += v / n;
      col[j] += v / n;
      all += v / (n * n);
    }
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = K[i * n + j]! - row[i]! - col[j]! + all;
  return out;
}

/** Options of {@link svcLoss}. */
export interface SvcLossOptions {
  /** Regularisation C. Default 1. */
  C?: number;
  /** libsvm's stopping tolerance. Default 1e-3 (sklearn's). */
  tolerance?: number;
}

/**
 * The SVC loss: libsvm's C-SVC trained on K (kernel PRECOMPUTED), then
 * Σ|c_i| − ½ cᵀKc with c = y·α its dual coefficients (qiskit-ml SVCLoss), gradient −½ ccᵀ.
 */
export async function svcLoss(options: SvcLossOptions = {}): Promise<KernelLoss> {
  // libsvm loads asynchronously once; the loss itself is synchronous (optimisers call it in their loops).
  const SVM = await loadLibSvm();
  return {
    name: 'svc',
    evaluate(k, labels) {
      const n = square(k);
      signedLabels(labels, n);
      const svc = PrecomputedSvc.fitWith(SVM, k, labels, options);
      const c = svc.dualCoefficients;
      svc.dispose();
      let sum = 0, quad = 0;
      const gradient = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        sum += Math.abs(c[i]!);
        for (let j = 0; j < n; j++) {
          quad += c[i]! * c[j]! * k.data[i * n + j]!;
          gradient[i * n + j] = -0.5 * c[i]! * c[j]!;
        }
      }
      return { value: sum - 0.5 * quad, gradient };
    },
  };
}

/** The alignment losses as {@link KernelLoss} objects. */
export const ALIGNMENT_LOSSES: Readonly<Record<'kta' | 'centered-kta', KernelLoss>> = {
  kta: { name: 'kta', evaluate: alignmentLoss },
  'centered-kta': { name: 'centered-kta', evaluate: centeredAlignmentLoss },
};
