import { Prng } from '../../../core/random';

/** Row indices of a per-class split, with each row's label (index into the class names). */
export interface ClassSplit {
  /** Training rows: index into the table, label = index of its class in the class names. */
  training: Array<{ row: number; label: number }>;
  /** Test rows, as {@link training}. */
  test: Array<{ row: number; label: number }>;
}

/**
 * The seeded stratified split of the shipped data sets: one generator seeded with `seed`
 * shuffles each class's rows in turn (Fisher–Yates, classes in `classNames` order), then the
 * first `testSize` rows of a shuffled class are test rows and the next `trainingSize` training
 * rows, so both sets hold every class in equal numbers and the draw of one class does not depend
 * on how many rows another has. The caller checks that the sizes fit.
 *
 * @param rowClass the class name of every row of the table
 */
export function splitPerClass(rowClass: readonly string[], classNames: readonly string[], testSize: number, trainingSize: number, seed: number): ClassSplit {
  const rng = new Prng(seed);
  const out: ClassSplit = { training: [], test: [] };
  classNames.forEach((c, label) => {
    const idx = rowClass.map((s, i) => (s === c ? i : -1)).filter((i) => i >= 0);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = rng.integer(i + 1);
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    for (const row of idx.slice(0, testSize)) out.test.push({ row, label });
    for (const row of idx.slice(testSize, testSize + trainingSize)) out.training.push({ row, label });
  });
  return out;
}
