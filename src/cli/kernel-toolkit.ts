/**
 * The CLI side of the kernel researcher's toolkit: `--bandwidth` (a number, or `auto` on
 * `qsvc`: chosen by cross-validation), `--scale` (fitted on the training points, applied to
 * the test points), `--dataset iris`, and the concentration diagnostic printed with every kernel.
 */
import { InputValidationError } from '../core/errors';
import { concentrationLines, kernelConcentration, type KernelConcentration } from '../kernel/concentration';
import type { KernelMatrix } from '../kernel/kernel-matrix';
import { DEFAULT_BANDWIDTH_GRID, type BandwidthSelection } from '../kernel/learn/bandwidth';
import { irisData } from '../kernel/learn/datasets/iris';
import { describeScale, fitScaler, isScaleKind, SCALE_KINDS, type ScaleKind } from '../kernel/learn/scaling';
import { integerFlag } from './flags';

/**
 * `--bandwidth`: undefined when not given (bandwidth 1), a number > 0, or `'auto'` where the
 * command allows it (`qsvc`).
 *
 * @throws {InputValidationError} naming `--bandwidth`
 */
export function bandwidthFlag(raw: string | undefined, allowAuto: boolean): number | 'auto' | undefined {
  if (raw === undefined) return undefined;
  if (raw.trim() === 'auto') {
    if (!allowAuto) throw new InputValidationError("--bandwidth auto is for qbridge qsvc (it cross-validates on the training labels); give a number here, e.g. --bandwidth 0.1");
    return 'auto';
  }
  const v = raw.trim() === '' ? NaN : Number(raw);
  if (!(v > 0) || !Number.isFinite(v)) throw new InputValidationError(`--bandwidth must be a number > 0${allowAuto ? " or 'auto'" : ''}, got '${raw}'`);
  return v;
}

/**
 * `--bandwidth-grid`: comma-separated bandwidths > 0, default {@link DEFAULT_BANDWIDTH_GRID}.
 *
 * @throws {InputValidationError} naming `--bandwidth-grid`
 */
export function bandwidthGridFlag(raw: string | undefined): number[] {
  if (raw === undefined) return [...DEFAULT_BANDWIDTH_GRID];
  const parts = raw.split(',').map((p) => p.trim());
  const vals = parts.map((p) => (p === '' ? NaN : Number(p)));
  if (vals.length === 0 || vals.some((v) => !(v > 0) || !Number.isFinite(v))) {
    throw new InputValidationError(`--bandwidth-grid must be numbers > 0 separated by commas (e.g. 0.1,0.5,1), got '${raw}'`);
  }
  if (new Set(vals).size !== vals.length) throw new InputValidationError(`--bandwidth-grid lists a bandwidth twice: '${raw}'`);
  return vals;
}

/** `--cv-folds` (default 5, at least 2). */
export function cvFoldsFlag(raw: string | undefined): number {
  return integerFlag('--cv-folds', raw ?? '5', 2, 1000);
}

/** `--cv-seed` (default 0): the seed of the folds' shuffle. */
export function cvSeedFlag(raw: string | undefined): number {
  return integerFlag('--cv-seed', raw ?? '0', 0, 2 ** 32 - 1);
}

/**
 * Checks that the smallest class has at least `folds` training points, naming the flag (the
 * library's own check would name no flag).
 */
export function checkFolds(folds: number, labels: readonly number[]): void {
  const counts = new Map<number, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const smallest = Math.min(...counts.values());
  if (folds > smallest) {
    throw new InputValidationError(`--cv-folds ${folds}: the smallest class has only ${smallest} training points; use --cv-folds ${smallest} or fewer`);
  }
}

/** `--scale`: undefined when not given (features as read), else a {@link ScaleKind}. */
export function scaleFlag(raw: string | undefined): ScaleKind | undefined {
  if (raw === undefined) return undefined;
  if (!isScaleKind(raw)) throw new InputValidationError(`--scale must be ${SCALE_KINDS.join(', ')}, got '${raw}'`);
  return raw;
}

/** What a scaling did, for `--json` and the human line. */
export interface ScaleReport {
  kind: ScaleKind;
  /** Per feature: the training value subtracted. */
  offset: number[];
  /** Per feature: the factor applied after subtracting. */
  factor: number[];
}

/**
 * Scales the training points with a scaling fitted on them alone and applies that same fitted
 * scaling to the test points (no test statistics reach the model). `kind` undefined: unchanged.
 */
export function scaleSplit(kind: ScaleKind | undefined, train: number[][], test: number[][] | null): { train: number[][]; test: number[][] | null; report: ScaleReport | null } {
  if (!kind) return { train, test, report: null };
  const s = fitScaler(kind, train);
  return { train: s.transform(train), test: test ? s.transform(test) : null, report: { kind, offset: [...s.offset], factor: [...s.factor] } };
}

/** The output line of a scaling (or of none). */
export function scaleLine(report: ScaleReport | null): string {
  return report ? `scaling: ${describeScale(report.kind)}, fitted on the training points and applied to the test points` : 'scaling: none (features as given)';
}

/** `--dataset iris` for `qsvc`: sizes per species from `--train-size` / `--test-size`, split by `--data-seed`. */
export function irisFromFlags(o: { trainSize?: string; testSize?: string; dataSeed?: string }): {
  trainX: number[][];
  trainY: number[];
  testX: number[][];
  testY: number[];
  source: string;
} {
  const trainingSize = integerFlag('--train-size', o.trainSize ?? '20', 1, 50);
  const testSize = integerFlag('--test-size', o.testSize ?? '5', 0, 49);
  if (trainingSize + testSize > 50) throw new InputValidationError(`Iris has 50 points per species: --train-size ${trainingSize} plus --test-size ${testSize} is more`);
  const seed = integerFlag('--data-seed', o.dataSeed ?? '12345', 0, 2 ** 32 - 1);
  const d = irisData({ trainingSize, testSize, seed });
  return {
    trainX: d.trainingFeatures,
    trainY: d.trainingLabels,
    testX: d.testFeatures,
    testY: d.testLabels,
    source: `Iris (features ${d.featureNames.join(', ')}; labels ${d.classNames.map((c, i) => `${i}=${c}`).join(', ')}; split seed ${seed})`,
  };
}

/** The concentration diagnostic as JSON (snake_case, as the rest of the CLI's JSON). */
export function concentrationJson(c: KernelConcentration): Record<string, unknown> {
  return {
    over: c.symmetric ? 'off_diagonal' : 'all_values',
    values: c.values,
    mean: c.mean,
    variance: c.variance,
    std: c.std,
    effective_dimension: c.effectiveDimension,
    effective_dimension_ratio: c.effectiveDimensionRatio,
    concentrated: c.concentrated,
  };
}

/** The diagnostic of `k` as output lines (figures, and a warning when the values concentrate). */
export function kernelDiagnostic(k: KernelMatrix, remedy: string): { c: KernelConcentration; lines: string[] } {
  const c = kernelConcentration(k);
  return { c, lines: concentrationLines(c, remedy) };
}

/** The cross-validation table of `--bandwidth auto`, one line per bandwidth. */
export function bandwidthTable(sel: BandwidthSelection): string[] {
  const lines = [
    `bandwidth by ${sel.folds}-fold stratified cross-validation on the training points (fold seed ${sel.seed}; ties go to the larger bandwidth):`,
    '  bandwidth  cv accuracy  off-diag std  eff. dim  concentrated',
  ];
  for (const s of sel.scores) {
    const mark = s.bandwidth === sel.bandwidth ? '  <- chosen' : '';
    const eff = s.concentration.effectiveDimension === null ? 'n/a' : s.concentration.effectiveDimension.toFixed(2);
    lines.push(`  ${String(s.bandwidth).padStart(9)}  ${s.meanAccuracy.toFixed(4).padStart(11)}  ${s.concentration.std.toFixed(4).padStart(12)}  ${eff.padStart(8)}  ${(s.concentration.concentrated ? 'yes' : 'no').padStart(12)}${mark}`);
  }
  // A choice at an end of the grid may be the grid's limit rather than the best bandwidth.
  const bws = sel.scores.map((s) => s.bandwidth);
  if (bws.length > 1 && sel.bandwidth === Math.min(...bws)) lines.push(`  note: ${sel.bandwidth} is the smallest bandwidth of the grid; a smaller one may validate better (extend --bandwidth-grid)`);
  else if (bws.length > 1 && sel.bandwidth === Math.max(...bws) && sel.bandwidth < 1) lines.push(`  note: ${sel.bandwidth} is the largest bandwidth of the grid; a larger one may validate better (extend --bandwidth-grid)`);
  return lines;
}

/** The selection as JSON. */
export function bandwidthSelectionJson(sel: BandwidthSelection): Record<string, unknown> {
  return {
    chosen: sel.bandwidth,
    folds: sel.folds,
    fold_seed: sel.seed,
    tie_rule: 'larger bandwidth',
    scores: sel.scores.map((s) => ({ bandwidth: s.bandwidth, cv_accuracy: s.meanAccuracy, fold_accuracies: s.foldAccuracies, concentration: concentrationJson(s.concentration) })),
  };
}
