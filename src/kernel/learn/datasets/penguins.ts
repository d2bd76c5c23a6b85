/**
 * The Palmer penguins table (Gorman, Williams & Fraser 2014; 344 penguins of three species
 * observed near Palmer Station, Antarctica; data by Dr. Kristen Gorman, released CC0 through the
 * palmerpenguins R package), as shipped in `penguins.csv` of the npm package
 * `@observablehq/sample-datasets` (ISC). The file is read from the installed package: nothing is
 * downloaded. Its columns are species, island, culmen_length_mm, culmen_depth_mm,
 * flipper_length_mm, body_mass_g and sex; missing values are written `NaN` (measurements) or left
 * empty (sex).
 */
import { readFileSync } from 'node:fs';
import { InputValidationError } from '../../../core/errors';
import { splitPerClass } from './split';

/** The four numeric measurements of the table, in file order (millimetres and grams). */
export const PENGUIN_FEATURES: readonly string[] = Object.freeze(['culmen_length_mm', 'culmen_depth_mm', 'flipper_length_mm', 'body_mass_g']);

/** The three species of the table, in the order the file lists them. */
export const PENGUIN_SPECIES: readonly string[] = Object.freeze(['Adelie', 'Chinstrap', 'Gentoo']);

/** Where the shipped table comes from, for output lines. */
export const PENGUINS_SOURCE = 'penguins.csv of @observablehq/sample-datasets (Palmer penguins, Dr. Kristen Gorman, CC0)';

/** The columns a penguin row must have (matched by name, not position). */
const REQUIRED = ['species', ...PENGUIN_FEATURES];

/** Cells that mean "not measured": the file writes NaN; NA (the R package's spelling) and an empty cell are accepted too. */
const MISSING = /^(nan|na)?$/i;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A row left out because a chosen measurement is missing. */
export interface DroppedPenguin {
  /** 1-based line of the CSV file (line 1 is the header). */
  line: number;
  /** The row's species. */
  species: string;
  /** The chosen feature columns that are missing in the row. */
  missing: string[];
}

/** The usable rows of the table for some feature columns. */
export interface PenguinsTable {
  /** The feature columns, in the order of the feature vectors. */
  featureNames: string[];
  /** One vector per usable row, in file order. */
  features: number[][];
  /** The species of each usable row. */
  species: string[];
  /** The CSV line of each usable row. */
  lines: number[];
  /** Data rows in the file (344 in the published table). */
  rowsInFile: number;
  /** Rows left out because a chosen feature is missing, in file order. */
  dropped: DroppedPenguin[];
}

/** Options of {@link penguinsData}. */
export interface PenguinsOptions {
  /** Feature columns by name, in this order (default all of {@link PENGUIN_FEATURES}). */
  features?: readonly string[];
  /** Species to keep, by name (default all three of {@link PENGUIN_SPECIES}). */
  classes?: readonly string[];
  /** Test points per species (default 10). */
  testSize?: number;
  /** Training points per species (default: the smallest species' usable rows − testSize). */
  trainingSize?: number;
  /** Seed of the per-species shuffle that splits training and test points (default 12345). */
  seed?: number;
}

/** A training/test split of the penguins: labels are species names. */
export interface PenguinsData {
  /** Training features, {@link featureNames} order, raw units (mm, g). */
  trainingFeatures: number[][];
  /** Training labels: species names. */
  trainingLabels: string[];
  /** Test features. */
  testFeatures: number[][];
  /** Test labels: species names. */
  testLabels: string[];
  /** The species kept, in the order of {@link PenguinsOptions.classes} (default {@link PENGUIN_SPECIES}). */
  classNames: string[];
  /** The feature columns used. */
  featureNames: string[];
  /** Usable rows per kept species (the most a species can give to training plus test). */
  usablePerClass: Record<string, number>;
  /** Rows of the kept species left out for a missing feature value. */
  dropped: DroppedPenguin[];
}

let cachedText: string | undefined;

/** The shipped CSV text, read once from the installed package. */
function penguinsCsv(): string {
  cachedText ??= readFileSync(require.resolve('@observablehq/sample-datasets/penguins.csv'), 'utf8');
  return cachedText;
}

/**
 * Parses a penguins CSV text (the shipped file when `text` is omitted) into its usable rows for
 * the feature columns `features` (by name; default all four measurements): a row with any of
 * them missing is dropped and listed in {@link PenguinsTable.dropped}, never filled in.
 *
 * @throws {@link InputValidationError} for a feature name that is not a numeric column, a
 * header without the species or a measurement column, a ragged row, or a cell that is neither a
 * number nor a missing value (with its line)
 */
export function penguinsTable(features: readonly string[] = PENGUIN_FEATURES, text?: string): PenguinsTable {
  const featureNames = [...features];
  if (featureNames.length === 0) throw new InputValidationError(`name at least one penguin feature (${PENGUIN_FEATURES.join(', ')})`);
  for (const f of featureNames) {
    if (!PENGUIN_FEATURES.includes(f)) {
      const why = f === 'island' || f === 'sex' ? ` ('${f}' is a category, not a measurement)` : '';
      throw new InputValidationError(`the penguins have no numeric feature '${f}'${why}; the features are ${PENGUIN_FEATURES.join(', ')}`);
    }
  }
  if (new Set(featureNames).size !== featureNames.length) throw new InputValidationError(`a penguin feature is named twice (${featureNames.join(', ')})`);
  const lines = (text ?? penguinsCsv()).replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const header = lines[0]!.split(',').map((h) => h.trim());
  for (const r of REQUIRED) if (!header.includes(r)) throw new InputValidationError(`penguins.csv: no column '${r}' in the header (${header.join(',')})`, { line: 1, column: 1 });
  const speciesCol = header.indexOf('species');
  const cols = featureNames.map((f) => header.indexOf(f));
  const out: PenguinsTable = { featureNames, features: [], species: [], lines: [], rowsInFile: 0, dropped: [] };
  lines.slice(1).forEach((l, k) => {
    const line = k + 2;
    if (l.trim() === '') return;
    // The shipped file has no quoted cells; a quote would mean another file, which this simple
    // split would misread, so it is refused rather than guessed at.
    if (l.includes('"')) throw new InputValidationError(`penguins.csv: quoted cells are not supported (line ${line})`, { line });
    const cells = l.split(',').map((c) => c.trim());
    if (cells.length !== header.length) throw new InputValidationError(`penguins.csv: line ${line} has ${cells.length} fields but the header has ${header.length}`, { line });
    out.rowsInFile++;
    const species = cells[speciesCol]!;
    if (species === '') throw new InputValidationError(`penguins.csv: empty species (line ${line})`, { line });
    const missing: string[] = [];
    const row: number[] = [];
    cols.forEach((c, j) => {
      const cell = cells[c]!;
      if (MISSING.test(cell)) missing.push(featureNames[j]!);
      else if (NUMBER.test(cell)) row.push(Number(cell));
      else throw new InputValidationError(`penguins.csv: '${cell.slice(0, 40)}' in column '${featureNames[j]}' is not a number (line ${line}, column ${c + 1})`, { line, column: c + 1 });
    });
    if (missing.length) out.dropped.push({ line, species, missing });
    else {
      out.features.push(row);
      out.species.push(species);
      out.lines.push(line);
    }
  });
  return out;
}

/**
 * The Palmer penguins as a training/test split for a classifier: the chosen measurements of
 * every row that has all of them (rows with a missing one are dropped and reported in
 * {@link PenguinsData.dropped}: with the four measurements, two of the 344 rows), split per
 * species by a seeded shuffle (the one Iris uses): `testSize` test and `trainingSize`
 * training points of every kept species. The features are raw millimetres and grams, body mass
 * in the thousands against tens to hundreds of millimetres: scale them (e.g. onto [0, π]) before angle encoding; this
 * loader never does.
 *
 * @throws {@link InputValidationError} for an unknown species or feature, fewer than two
 * species, or sizes that do not fit the smallest kept species
 */
export function penguinsData(options: PenguinsOptions = {}): PenguinsData {
  const table = penguinsTable(options.features ?? PENGUIN_FEATURES);
  const classNames = options.classes ? [...options.classes] : [...PENGUIN_SPECIES];
  const inFile = [...new Set([...table.species, ...table.dropped.map((d) => d.species)])];
  for (const c of classNames) if (!inFile.includes(c)) throw new InputValidationError(`the penguins have no species '${c}' (they are ${inFile.join(', ')})`);
  if (new Set(classNames).size !== classNames.length) throw new InputValidationError('a penguin species is named twice');
  if (classNames.length < 2) throw new InputValidationError('a classifier needs at least two penguin species');
  const usablePerClass: Record<string, number> = {};
  for (const c of classNames) usablePerClass[c] = table.species.filter((s) => s === c).length;
  const available = Math.min(...Object.values(usablePerClass));
  const smallest = classNames.find((c) => usablePerClass[c] === available)!;
  const testSize = options.testSize ?? 10;
  const trainingSize = options.trainingSize ?? available - testSize;
  if (!Number.isInteger(testSize) || testSize < 0 || !Number.isInteger(trainingSize) || trainingSize < 1 || testSize + trainingSize > available) {
    throw new InputValidationError(
      `the smallest kept penguin species (${smallest}) has ${available} usable rows: training (${trainingSize}) and test (${testSize}) points per species must be whole numbers that fit, training ≥ 1`,
    );
  }
  const split = splitPerClass(table.species, classNames, testSize, trainingSize, options.seed ?? 12345);
  const pick = (rows: Array<{ row: number; label: number }>): { x: number[][]; y: string[] } => ({
    x: rows.map(({ row }) => [...table.features[row]!]),
    y: rows.map(({ label }) => classNames[label]!),
  });
  const train = pick(split.training);
  const test = pick(split.test);
  return {
    trainingFeatures: train.x,
    trainingLabels: train.y,
    testFeatures: test.x,
    testLabels: test.y,
    classNames,
    featureNames: table.featureNames,
    usablePerClass,
    dropped: table.dropped.filter((d) => classNames.includes(d.species)),
  };
}
