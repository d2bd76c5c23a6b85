import { InputValidationError } from '../../core/errors';

/**
 * How features are scaled before encoding: `standard` (zero mean, unit variance per column),
 * `minmax` (each column onto [0, 1]), `pi` (onto [0, π]) and `2pi` (onto [0, 2π]); the last two
 * are the usual step before angle encoding, where a feature is a rotation angle.
 */
export type ScaleKind = 'standard' | 'minmax' | 'pi' | '2pi';

/** The scale kinds, in the order messages list them. */
export const SCALE_KINDS: readonly ScaleKind[] = ['standard', 'minmax', 'pi', '2pi'];

/** Whether `s` names a {@link ScaleKind}. */
export function isScaleKind(s: string): s is ScaleKind {
  return (SCALE_KINDS as readonly string[]).includes(s);
}

/**
 * A per-column affine scaling fitted on training data: x'_j = (x_j − offset_j) · factor_j.
 * Apply the same fitted scaler to the test data (never refit on it: that would leak the test
 * set's range or moments into the model). Test values may land outside the training range
 * (they are not clipped, as sklearn's scalers do not clip by default).
 */
export interface FeatureScaler {
  /** Which scaling this is. */
  readonly kind: ScaleKind;
  /** Per column: the value subtracted (the training mean, or the training minimum). */
  readonly offset: readonly number[];
  /** Per column: the factor applied after subtracting (1/std, or (upper end)/(max − min)). */
  readonly factor: readonly number[];
  /** Scales rows of features with the fitted parameters. */
  transform(x: readonly (readonly number[])[]): number[][];
}

/** Upper end of the target range of the range scalings. */
const RANGE_TOP: Record<Exclude<ScaleKind, 'standard'>, number> = { minmax: 1, pi: Math.PI, '2pi': 2 * Math.PI };

/**
 * Fits a {@link FeatureScaler} of kind `kind` on the training rows `x`. `standard` uses the
 * population standard deviation (divided by the count, as sklearn's StandardScaler). A column
 * that is constant in training has no range or spread to divide by: under `standard` it gets
 * factor 1 (sklearn's convention), under the range scalings factor 0, so it maps to 0 for test
 * points too (training gave it no scale to place other values on).
 *
 * @throws {@link InputValidationError} for no rows or ragged rows
 */
export function fitScaler(kind: ScaleKind, x: readonly (readonly number[])[]): FeatureScaler {
  if (x.length === 0) throw new InputValidationError('cannot fit a feature scaling on no data points');
  const d = x[0]!.length;
  if (x.some((r) => r.length !== d)) throw new InputValidationError('cannot fit a feature scaling: rows have different numbers of features');
  const offset: number[] = [];
  const factor: number[] = [];
  for (let j = 0; j < d; j++) {
    const col = x.map((r) => r[j]!);
    if (kind === 'standard') {
      const mean = col.reduce((s, v) => s + v, 0) / col.length;
      const std = Math.sqrt(col.reduce((s, v) => s + (v - mean) ** 2, 0) / col.length);
      offset.push(mean);
      factor.push(std > 0 ? 1 / std : 1);
    } else {
      const min = Math.min(...col);
      const max = Math.max(...col);
      offset.push(min);
      factor.push(max > min ? RANGE_TOP[kind] / (max - min) : 0);
    }
  }
  return {
    kind,
    offset,
    factor,
    transform(rows) {
      return rows.map((r) => {
        if (r.length !== d) throw new InputValidationError(`the feature scaling was fitted on ${d} features, got a row of ${r.length}`);
        return r.map((v, j) => (v - offset[j]!) * factor[j]!);
      });
    },
  };
}

/** What a scale kind does, for output lines ("standardised (mean 0, variance 1)", "min-max onto [0, π]"). */
export function describeScale(kind: ScaleKind): string {
  if (kind === 'standard') return 'standardised (training mean 0, variance 1 per column)';
  const top = kind === 'minmax' ? '1' : kind === 'pi' ? 'π' : '2π';
  return `min-max onto [0, ${top}] (training range per column)`;
}
