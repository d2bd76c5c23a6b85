/**
 * `--dataset penguins` for `qsvc` and `kernel-train`: the Palmer penguins shipped in
 * `@observablehq/sample-datasets`, features by `--features` (names), species by `--classes`, split per species by
 * `--data-seed` into `--train-size` / `--test-size` points per species.
 */
import { InputValidationError } from '../core/errors';
import type { FeatureTable } from '../kernel/learn/csv';
import { PENGUIN_FEATURES, PENGUINS_SOURCE, penguinsData, penguinsTable } from '../kernel/learn/datasets/penguins';
import { selectionFromFlags, type ColumnFlags } from './columns';
import { integerFlag } from './flags';

/** The flags `--dataset penguins` reads. */
export interface PenguinsFlags extends ColumnFlags {
  trainSize?: string;
  testSize?: string;
  dataSeed?: string;
  scale?: string;
  /** `--classes A,B`: the species to keep (default all three). */
  classes?: string;
}

/** The penguins split as the kernel commands take their data, with what the output must say. */
export interface PenguinsDataset {
  trainX: number[][];
  trainY: number[];
  testX: number[][];
  testY: number[];
  source: string;
  /** The training points as a feature table: feature names and species names reach `--json` and `--save`. */
  table: FeatureTable;
  /** Lines the output prints: the rows dropped, and a scaling reminder when `--scale` is absent. */
  notes: string[];
  /** The same facts for `--json`. */
  details: Record<string, unknown>;
}

/**
 * Loads the penguins for the flags. The features stay in their units unless `--scale` is given
 * (the command applies it, fitted on the training points): body mass is in the thousands of
 * grams against tens to hundreds of millimetres, so unscaled angles wrap around many times; the output says
 * so rather than scaling behind the user's back.
 *
 * @throws {InputValidationError} naming `--features`, `--train-size`, `--test-size`,
 * `--data-seed`, `--label` or `--id`
 */
export function penguinsFromFlags(o: PenguinsFlags): PenguinsDataset {
  if (o.label !== undefined || o.id !== undefined) throw new InputValidationError('--label and --id apply to --train/--test CSV files; --dataset penguins labels by species');
  const features = selectionFromFlags({ features: o.features }).features ?? PENGUIN_FEATURES;
  let table;
  try {
    table = penguinsTable(features);
  } catch (e) {
    if (e instanceof InputValidationError && o.features !== undefined) throw new InputValidationError(`--features: ${e.message}`, undefined, { cause: e });
    throw e;
  }
  const inFile = [...new Set(table.species)];
  const classNames = o.classes === undefined ? inFile : o.classes.split(',').map((c) => c.trim());
  if (classNames.some((c) => c === '')) throw new InputValidationError(`--classes must be species names separated by commas, got '${o.classes}'`);
  for (const c of classNames) if (!inFile.includes(c)) throw new InputValidationError(`--classes: the penguins have no species '${c}' (they are ${inFile.join(', ')})`);
  if (new Set(classNames).size !== classNames.length) throw new InputValidationError(`--classes names a species twice: '${o.classes}'`);
  if (classNames.length < 2) throw new InputValidationError(`--classes must name at least two species, got '${o.classes}'`);
  const usable = classNames.map((c) => table.species.filter((s) => s === c).length);
  const available = Math.min(...usable);
  const smallest = classNames[usable.indexOf(available)]!;
  const trainingSize = integerFlag('--train-size', o.trainSize ?? '20', 1, available);
  const testSize = integerFlag('--test-size', o.testSize ?? '5', 0, available - 1);
  if (trainingSize + testSize > available) {
    throw new InputValidationError(`the smallest penguin species (${smallest}) has ${available} usable rows: --train-size ${trainingSize} plus --test-size ${testSize} is more`);
  }
  const seed = integerFlag('--data-seed', o.dataSeed ?? '12345', 0, 2 ** 32 - 1);
  const d = penguinsData({ features, classes: classNames, trainingSize, testSize, seed });
  const index = (s: string): number => d.classNames.indexOf(s);
  const trainY = d.trainingLabels.map(index);
  const droppedText = d.dropped.map((r) => `line ${r.line} ${r.species}`).join(', ');
  const notes = [
    `penguins: ${table.features.length} of ${table.rowsInFile} rows usable for ${d.featureNames.join(', ')}` +
      (d.dropped.length ? `; ${d.dropped.length}${d.dropped.length === table.dropped.length ? '' : ' of the kept species'} dropped for a missing value (${droppedText})` : `; none of the kept species dropped`) +
      `; usable per species ${d.classNames.map((c) => `${c} ${d.usablePerClass[c]}`).join(', ')}`,
  ];
  if (o.scale === undefined) {
    notes.push(
      `note: the penguin features are raw units (mm${d.featureNames.includes('body_mass_g') ? ', body_mass_g in grams, about 2700–6300' : ''}), used as angles unchanged; give --scale pi (or standard, minmax, 2pi) to bring them to one range`,
    );
  }
  return {
    trainX: d.trainingFeatures,
    trainY,
    testX: d.testFeatures,
    testY: d.testLabels.map(index),
    source: `Palmer penguins (features ${d.featureNames.join(', ')}; labels ${d.classNames.map((c, i) => `${i}=${c}`).join(', ')}; split seed ${seed}; ${PENGUINS_SOURCE})`,
    table: {
      columns: [...d.featureNames],
      features: d.trainingFeatures,
      labels: trainY,
      labelNames: [...d.trainingLabels],
      header: ['species', 'island', ...PENGUIN_FEATURES, 'sex'],
      labelColumn: 'species',
      idColumn: null,
      ignoredColumns: ['island', ...PENGUIN_FEATURES.filter((f) => !d.featureNames.includes(f)), 'sex'],
    },
    notes,
    details: {
      rows_in_file: table.rowsInFile,
      rows_usable: table.features.length,
      dropped: d.dropped.map((r) => ({ line: r.line, species: r.species, missing: r.missing })),
      usable_per_species: d.usablePerClass,
      scaled: o.scale !== undefined,
    },
  };
}
