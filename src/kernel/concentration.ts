import { InputValidationError } from '../core/errors';
import type { KernelMatrix } from './kernel-matrix';

/**
 * Below this standard deviation of the off-diagonal kernel values, the kernel counts as
 * concentrated. Why 0.05: a fidelity kernel's values lie in [0, 1]; when they all sit within
 * about ±0.05 of one number (for a wide ZZ map with large angles that number is near the
 * random-state value 1/2^n), the Gram matrix is close to a multiple of the identity plus a
 * constant, an SVM on it can only memorise, and a shot estimate cannot tell the values apart
 * (with 1000 shots an entry near 0.5 has a standard error of about 0.016, and three of those
 * span the whole spread).
 */
export const CONCENTRATION_STD_THRESHOLD = 0.05;

/** What {@link kernelConcentration} measures on a kernel matrix. */
export interface KernelConcentration {
  /** Number of rows (points) of the matrix. */
  readonly points: number;
  /**
   * Whether the matrix was treated as a symmetric Gram matrix (square and symmetric to 1e-9):
   * then only the off-diagonal entries i ≠ j count and the effective dimension is defined;
   * otherwise (a test × train matrix) every entry counts.
   */
  readonly symmetric: boolean;
  /** Number of values the mean and variance are taken over. */
  readonly values: number;
  /** Mean of the (off-diagonal) values. */
  readonly mean: number;
  /** Population variance (divided by the count) of the (off-diagonal) values. */
  readonly variance: number;
  /** Square root of {@link variance}. */
  readonly std: number;
  /**
   * Effective dimension of a symmetric Gram matrix: the participation ratio of its eigenvalues,
   * (Σλ)² / Σλ², computed as trace(K)² / ‖K‖²_F (equal for a symmetric matrix). It ranges from
   * 1 (all entries equal: one direction) to the number of points (K ∝ identity: every point on
   * its own). Null for a matrix that is not a symmetric Gram matrix.
   */
  readonly effectiveDimension: number | null;
  /** {@link effectiveDimension} divided by {@link points} (null with it). */
  readonly effectiveDimensionRatio: number | null;
  /** True when {@link std} is below {@link CONCENTRATION_STD_THRESHOLD}. */
  readonly concentrated: boolean;
}

/**
 * The concentration diagnostic of a kernel matrix: mean and variance of its off-diagonal values
 * (all values for a rectangular matrix), the effective dimension (participation ratio of the
 * eigenvalues) of a symmetric one, and whether the values concentrate. Exponential concentration
 * (variance shrinking like b^−n with the number of qubits n) is the known failure of fidelity
 * kernels at larger width; a smaller bandwidth is the usual remedy. On a shot-estimated kernel
 * the variance includes the shot noise (about K(1 − K)/shots per entry), which can lift a
 * concentrated kernel's spread above the threshold: judge concentration on the exact kernel
 * where it can be computed.
 *
 * @throws {@link InputValidationError} for a symmetric matrix of fewer than 2 points (no
 * off-diagonal values) or an empty one
 */
export function kernelConcentration(k: KernelMatrix): KernelConcentration {
  if (k.rows === 0 || k.cols === 0) throw new InputValidationError('the concentration of an empty kernel matrix is undefined');
  const symmetric = k.rows === k.cols && isSymmetric(k);
  if (symmetric && k.rows < 2) throw new InputValidationError('the concentration needs at least 2 points (off-diagonal kernel values)');
  let count = 0;
  let sum = 0;
  for (let i = 0; i < k.rows; i++) {
    for (let j = 0; j < k.cols; j++) {
      if (symmetric && i === j) continue;
      sum += k.data[i * k.cols + j]!;
      count++;
    }
  }
  const mean = sum / count;
  // Two passes: the squared deviations, not E[x²] − mean², which cancels badly for tiny spreads.
  let ss = 0;
  for (let i = 0; i < k.rows; i++) {
    for (let j = 0; j < k.cols; j++) {
      if (symmetric && i === j) continue;
      const d = k.data[i * k.cols + j]! - mean;
      ss += d * d;
    }
  }
  const variance = ss / count;
  const std = Math.sqrt(variance);
  let effectiveDimension: number | null = null;
  if (symmetric) {
    let trace = 0;
    let frob = 0;
    for (let i = 0; i < k.rows; i++) trace += k.data[i * k.cols + i]!;
    for (const v of k.data) frob += v * v;
    effectiveDimension = frob > 0 ? (trace * trace) / frob : null;
  }
  return {
    points: k.rows,
    symmetric,
    values: count,
    mean,
    variance,
    std,
    effectiveDimension,
    effectiveDimensionRatio: effectiveDimension === null ? null : effectiveDimension / k.rows,
    concentrated: std < CONCENTRATION_STD_THRESHOLD,
  };
}

function isSymmetric(k: KernelMatrix): boolean {
  for (let i = 0; i < k.rows; i++) for (let j = i + 1; j < k.cols; j++) if (Math.abs(k.get(i, j) - k.get(j, i)) > 1e-9) return false;
  return true;
}

/**
 * The diagnostic as report lines: one line of figures and, when the values concentrate, a
 * warning naming the remedy (`remedy`, e.g. the CLI flag to try).
 */
export function concentrationLines(c: KernelConcentration, remedy = 'a smaller bandwidth'): string[] {
  const what = c.symmetric ? 'off-diagonal values' : 'values';
  const eff = c.effectiveDimension === null ? '' : `; effective dimension (participation ratio of eigenvalues) ${c.effectiveDimension.toFixed(2)} of ${c.points} points`;
  const lines = [`concentration: ${what} mean ${c.mean.toFixed(4)}, variance ${c.variance.toExponential(3)} (std ${c.std.toFixed(4)})${eff}`];
  if (c.concentrated) {
    lines.push(
      `warning: the kernel values concentrate (std of the ${what} ${c.std.toFixed(4)} < ${CONCENTRATION_STD_THRESHOLD}): points look alike to the kernel and a classifier on it will generalise poorly; try ${remedy}`,
    );
  }
  return lines;
}
