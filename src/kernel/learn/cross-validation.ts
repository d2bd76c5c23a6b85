import { InputValidationError } from '../../core/errors';
import { Prng } from '../../core/random';
import { KernelMatrix } from '../kernel-matrix';
import { loadLibSvm, precomputedRows } from './qsvc';

/**
 * Stratified k-fold split with a seeded shuffle: the indices of each class (classes in order of
 * first appearance) are shuffled by a Fisher–Yates pass of qbridge's seeded generator, then
 * dealt round-robin onto the folds, the deal continuing from fold to fold across classes so
 * that fold sizes differ by at most one. Every fold holds each class in proportion (± 1 point).
 *
 * @returns the held-out indices of each fold (ascending); the training indices of a fold are
 * all the others
 * @throws {@link InputValidationError} when `k` is not an integer ≥ 2 or exceeds the size of
 * the smallest class (a fold's training part would then miss a class's share)
 */
export function stratifiedKFold(labels: readonly number[], k: number, seed: number): number[][] {
  if (!Number.isInteger(k) || k < 2) throw new InputValidationError(`the number of folds must be an integer ≥ 2, got ${String(k)}`);
  const byClass = new Map<number, number[]>();
  labels.forEach((l, i) => {
    if (!byClass.has(l)) byClass.set(l, []);
    byClass.get(l)!.push(i);
  });
  const smallest = Math.min(...[...byClass.values()].map((v) => v.length));
  if (k > smallest) throw new InputValidationError(`${k} folds, but the smallest class has only ${smallest} training points (at most ${smallest} folds)`);
  const rng = new Prng(seed);
  const folds: number[][] = Array.from({ length: k }, () => []);
  let next = 0;
  for (const idx of byClass.values()) {
    const a = [...idx];
    for (let i = a.length - 1; i > 0; i--) {
      const j = rng.integer(i + 1);
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    for (const i of a) {
      folds[next]!.push(i);
      next = (next + 1) % k;
    }
  }
  return folds.map((f) => f.sort((x, y) => x - y));
}

/** The sub-matrix of `k` on rows `rows` and columns `cols`. */
export function subKernel(k: KernelMatrix, rows: readonly number[], cols: readonly number[]): KernelMatrix {
  const out = new Float64Array(rows.length * cols.length);
  rows.forEach((i, a) => cols.forEach((j, b) => (out[a * cols.length + b] = k.data[i * k.cols + j]!)));
  return new KernelMatrix(rows.length, cols.length, out);
}

/**
 * Trains libsvm's C-SVC on a precomputed training Gram matrix and predicts the rows of a
 * test × train matrix (the same SVM {@link QSVC} uses, here on matrices already computed).
 */
export async function svcOnPrecomputed(train: KernelMatrix, labels: readonly number[], test: KernelMatrix, C = 1, tolerance = 1e-3): Promise<number[]> {
  const SVM = await loadLibSvm();
  const svm = new SVM({ type: SVM.SVM_TYPES.C_SVC, kernel: SVM.KERNEL_TYPES.PRECOMPUTED, cost: C, tolerance, quiet: true });
  try {
    svm.train(precomputedRows(train, true), [...labels]);
    return svm.predict(precomputedRows(test, false));
  } finally {
    svm.free();
  }
}

/** Mean accuracy of k-fold cross-validation of a C-SVC on one training Gram matrix. */
export interface FoldScores {
  /** Accuracy on each held-out fold, in fold order. */
  readonly foldAccuracies: number[];
  /** Mean of {@link foldAccuracies}. */
  readonly meanAccuracy: number;
}

/**
 * Cross-validates a C-SVC on the full training Gram matrix `k` (train × train): for each fold
 * the SVM is trained on the sub-matrix of the other points and scored on the held-out rows
 * against them. Kernel values of a fidelity kernel depend only on their two points, so slicing
 * one matrix equals recomputing each fold's matrices (not true after a PSD projection of the
 * whole matrix, which mixes entries).
 */
export async function crossValidateKernel(k: KernelMatrix, labels: readonly number[], folds: readonly (readonly number[])[], C = 1): Promise<FoldScores> {
  if (k.rows !== k.cols || k.rows !== labels.length) throw new InputValidationError(`cross-validation needs a square ${labels.length}×${labels.length} training kernel, got ${k.rows}×${k.cols}`);
  const foldAccuracies: number[] = [];
  for (const held of folds) {
    const heldSet = new Set(held);
    const rest = labels.map((_, i) => i).filter((i) => !heldSet.has(i));
    const pred = await svcOnPrecomputed(subKernel(k, rest, rest), rest.map((i) => labels[i]!), subKernel(k, held, rest), C);
    let ok = 0;
    held.forEach((i, a) => pred[a] === labels[i] && ok++);
    foldAccuracies.push(held.length ? ok / held.length : 0);
  }
  return { foldAccuracies, meanAccuracy: foldAccuracies.reduce((s, v) => s + v, 0) / foldAccuracies.length };
}
