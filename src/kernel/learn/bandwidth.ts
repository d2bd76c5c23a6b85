import { InputValidationError } from '../../core/errors';
import { kernelConcentration, type KernelConcentration } from '../concentration';
import type { EvaluateOptions, QuantumKernel } from '../quantum-kernel';
import { crossValidateKernel, stratifiedKFold } from './cross-validation';

/**
 * The default bandwidth grid of {@link selectBandwidth}: from 0.05 up to 1 (the unscaled map).
 * Shaydulin & Wild (2022) find the useful bandwidths of wide feature maps well below 1 (the
 * smaller the wider the map) and the kernel degenerating to the identity at 1; the grid spans
 * that range with finer steps where accuracy changes fastest, and includes 1 so cross-validation
 * never picks a bandwidth that validates worse than the unscaled map.
 */
export const DEFAULT_BANDWIDTH_GRID: readonly number[] = Object.freeze([0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1]);

/** Default number of cross-validation folds. */
export const DEFAULT_CV_FOLDS = 5;

/** One bandwidth of the grid: its cross-validated accuracy and the training kernel's concentration. */
export interface BandwidthScore {
  /** The bandwidth c (features encoded as c·x). */
  readonly bandwidth: number;
  /** Mean held-out accuracy over the folds. */
  readonly meanAccuracy: number;
  /** Held-out accuracy of each fold. */
  readonly foldAccuracies: readonly number[];
  /** Concentration of the full training kernel at this bandwidth. */
  readonly concentration: KernelConcentration;
}

/** The outcome of {@link selectBandwidth}. */
export interface BandwidthSelection {
  /** The chosen bandwidth: the highest mean accuracy; ties go to the larger bandwidth. */
  readonly bandwidth: number;
  /** Every bandwidth of the grid, in grid order. */
  readonly scores: readonly BandwidthScore[];
  /** Number of folds. */
  readonly folds: number;
  /** Seed of the folds' shuffle. */
  readonly seed: number;
}

/** Options of {@link selectBandwidth}. */
export interface BandwidthSearchOptions {
  /** The kernel to use at bandwidth c (its feature map built with `bandwidth: c`); may be async. */
  kernelFor: (bandwidth: number) => QuantumKernel | Promise<QuantumKernel>;
  /** Training features (rows). */
  x: readonly (readonly number[])[];
  /** Training labels. */
  labels: readonly number[];
  /** Bandwidths to try, each > 0. Default {@link DEFAULT_BANDWIDTH_GRID}. */
  grid?: readonly number[];
  /** Number of stratified folds. Default {@link DEFAULT_CV_FOLDS}. */
  folds?: number;
  /** Seed of the folds' shuffle. Default 0. */
  seed?: number;
  /** SVM regularisation C. Default 1. */
  C?: number;
  /** Passed to each kernel evaluation (progress, abort). */
  evaluate?: EvaluateOptions;
}

/**
 * Picks the bandwidth by stratified k-fold cross-validation on the training set only (the test
 * set is never seen): for each bandwidth of the grid the training Gram matrix is computed once,
 * a C-SVC is trained on k − 1 folds and scored on the held-out one, and the bandwidth with the
 * highest mean held-out accuracy wins. Ties go to the larger bandwidth, the map closer to the
 * unscaled one. All bandwidths share the same folds.
 *
 * @throws {@link InputValidationError} for an empty grid, a bandwidth that is not > 0, or folds
 * that the classes cannot fill ({@link stratifiedKFold})
 */
export async function selectBandwidth(options: BandwidthSearchOptions): Promise<BandwidthSelection> {
  const grid = options.grid ?? DEFAULT_BANDWIDTH_GRID;
  if (grid.length === 0) throw new InputValidationError('the bandwidth grid is empty');
  for (const c of grid) if (!(c > 0) || !Number.isFinite(c)) throw new InputValidationError(`bandwidths must be finite numbers > 0, got ${String(c)}`);
  const k = options.folds ?? DEFAULT_CV_FOLDS;
  const seed = options.seed ?? 0;
  const folds = stratifiedKFold(options.labels, k, seed);
  const scores: BandwidthScore[] = [];
  for (const c of grid) {
    const kernel = await options.kernelFor(c);
    const gram = await kernel.evaluate(options.x.map((r) => [...r]), undefined, options.evaluate);
    const { meanAccuracy, foldAccuracies } = await crossValidateKernel(gram, options.labels, folds, options.C ?? 1);
    scores.push({ bandwidth: c, meanAccuracy, foldAccuracies, concentration: kernelConcentration(gram) });
  }
  let best = scores[0]!;
  for (const s of scores) {
    const better = s.meanAccuracy > best.meanAccuracy + 1e-12;
    const tieLarger = Math.abs(s.meanAccuracy - best.meanAccuracy) <= 1e-12 && s.bandwidth > best.bandwidth;
    if (better || tieLarger) best = s;
  }
  return { bandwidth: best.bandwidth, scores, folds: k, seed };
}
