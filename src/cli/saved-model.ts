/**
 * `qbridge qsvc --save`: the trained QSVC written as a model file, with what the CLI knows and
 * the library does not: the CSV feature column names (so `qbridge predict` matches data by
 * name), the label text of non-numeric labels (the CLI trains on their class indices) and the
 * `--scale` fitted on the training points.
 */
import { InputValidationError } from '../core/errors';
import type { FeatureTable } from '../kernel/learn/csv';
import { writeModelFile } from '../kernel/learn/model-file';
import type { QSVC } from '../kernel/learn/qsvc';
import type { ScaleReport } from './kernel-toolkit';

/** Writes `model` to `file` (the `--save` flag's value); `table` is the training CSV, when there was one. */
export async function saveQsvcFromCli(file: string, model: QSVC<number>, table?: FeatureTable, scaling?: ScaleReport | null): Promise<void> {
  const out = model.toModelFile();
  // The model was trained on scaled features: `qbridge predict` must scale new points the same way.
  if (scaling) out.featureScaling = { kind: scaling.kind, offset: [...scaling.offset], factor: [...scaling.factor] };
  if (table) {
    out.featureColumns = [...table.columns];
    // Text labels became indices by first appearance: write the text back (classes are those indices).
    if (table.labels && table.labelNames && table.labels.some((l, i) => String(l) !== table.labelNames![i])) {
      const names = new Map(table.labels.map((l, i) => [l, table.labelNames![i]!]));
      out.classes = out.classes.map((c) => names.get(c as number) ?? String(c));
    }
  }
  try {
    await writeModelFile(file, out);
  } catch (e) {
    throw new InputValidationError(`cannot write --save file '${file}': ${(e as NodeJS.ErrnoException).code ?? 'write error'}`, undefined, { cause: e });
  }
}
