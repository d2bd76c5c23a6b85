import { readFile } from 'node:fs/promises';
import { InputValidationError } from '../../core/errors';

/** A feature table read from CSV: features row-major by data row, optional labels. */
export interface FeatureTable {
  /** Names of the feature columns, in the order of the feature vectors (one qubit each). */
  readonly columns: string[];
  /** The feature values, one array per data row, in `columns` order. */
  readonly features: number[][];
  /** Values of the label column (numbers; non-numeric labels become class indices by first appearance). */
  readonly labels: number[] | null;
  /** Original label text (same order as labels). */
  readonly labelNames: string[] | null;
  /** Every column name of the header row, in file order. */
  readonly header: string[];
  /** The label column's name, or null. */
  readonly labelColumn: string | null;
  /** The identifier column's name (never a feature), or null. */
  readonly idColumn: string | null;
  /** Columns that are neither features, label nor id (only when the features were chosen by name). */
  readonly ignoredColumns: string[];
}

/**
 * Which columns of a CSV file mean what. Columns are always matched by header name, never by
 * position, so two files with the same columns in another order give the same vectors.
 */
export interface ColumnSelection {
  /** Feature columns by name, in this order. Default: every column that is not the label or id column, in header order. */
  features?: readonly string[];
  /** The label column. Default: a column named `label` (any case), when there is one. */
  label?: string;
  /**
   * The identifier column, never a feature. Default: a column named `id` (any case), when there
   * is one: a row number is a number, so without this rule it would silently become a feature.
   */
  id?: string;
}

interface Cell {
  text: string;
  column: number;
}

/** Splits one CSV line into cells with their 1-based start columns (double quotes supported). */
function splitLine(line: string, lineNo: number, source: string): Cell[] {
  const cells: Cell[] = [];
  let i = 0;
  for (;;) {
    const start = i;
    let text = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) throw new InputValidationError(`${source}: unterminated quoted field (line ${lineNo}, column ${start + 1})`, { line: lineNo, column: start + 1 });
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            text += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += line[i++];
      }
      while (i < line.length && line[i] !== ',') i++;
    } else {
      while (i < line.length && line[i] !== ',') text += line[i++];
    }
    cells.push({ text: text.trim(), column: start + 1 });
    if (i >= line.length) return cells;
    i++; // the comma
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;

/**
 * Parses a CSV feature table: a header row, then one row per point. A column named `label` holds
 * labels; every other column is a feature. Blank lines are skipped.
 *
 * @param source a name for messages (the file path)
 * @throws {InputValidationError} with line and column: empty file, missing header (first row
 * numeric), ragged row, non-numeric cell, NaN/Infinity, no feature column, no data row
 */
export function parseFeatureCsv(text: string, source = 'csv', selection: ColumnSelection = {}): FeatureTable {
  return selectColumns(parseRows(text, source), source, selection);
}

/** The rows of a CSV file, the first one a checked header of unique, non-empty names. */
interface RawTable {
  rows: Array<{ lineNo: number; cells: Cell[] }>;
  names: string[];
}

function parseRows(text: string, source: string): RawTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const rows: Array<{ lineNo: number; cells: Cell[] }> = [];
  lines.forEach((l, k) => {
    if (l.trim() !== '') rows.push({ lineNo: k + 1, cells: splitLine(l, k + 1, source) });
  });
  if (rows.length === 0) throw new InputValidationError(`${source}: empty file (expected a header row and data rows)`, { line: 1, column: 1 });
  const head = rows[0]!;
  if (head.cells.every((c) => NUMBER.test(c.text) || NON_FINITE.test(c.text))) {
    throw new InputValidationError(
      `${source}: missing header: line ${head.lineNo} is numeric; the first row must name the columns (e.g. x0,x1,label)`,
      { line: head.lineNo, column: 1 },
    );
  }
  const names = head.cells.map((c) => c.text);
  names.forEach((n, k) => {
    if (n === '') throw new InputValidationError(`${source}: empty column name (line ${head.lineNo}, column ${head.cells[k]!.column})`, { line: head.lineNo, column: head.cells[k]!.column });
  });
  names.forEach((n, k) => {
    if (names.indexOf(n) !== k) {
      throw new InputValidationError(`${source}: column name '${n}' appears twice in the header (${names.join(',')}); columns are matched by name`, { line: head.lineNo, column: head.cells[k]!.column });
    }
  });
  return { rows, names };
}

function selectColumns({ rows, names }: RawTable, source: string, selection: ColumnSelection): FeatureTable {
  const head = rows[0]!;
  const headerPos = { line: head.lineNo, column: 1 };
  const shown = names.join(',');
  const pick = (name: string | undefined, role: string): number => {
    if (name === undefined) return -1;
    const k = names.indexOf(name);
    if (k < 0) throw new InputValidationError(`${source}: no ${role} column '${name}' in the header (${shown})`, headerPos);
    return k;
  };
  const asked = selection.features;
  const byDefault = (re: RegExp): number => {
    const k = names.findIndex((n) => re.test(n));
    // A column the caller named as a feature is a feature, whatever its name.
    return k >= 0 && asked?.includes(names[k]!) ? -1 : k;
  };
  const labelCol = selection.label !== undefined ? pick(selection.label, 'label') : byDefault(/^label$/i);
  const idCol = selection.id !== undefined ? pick(selection.id, 'id') : byDefault(/^id$/i);
  if (labelCol >= 0 && labelCol === idCol) throw new InputValidationError(`${source}: column '${names[labelCol]}' cannot be both the label and the id column`, headerPos);
  let featureCols: number[];
  if (asked !== undefined) {
    featureCols = asked.map((n) => pick(n, 'feature'));
    featureCols.forEach((k, i) => {
      if (featureCols.indexOf(k) !== i) throw new InputValidationError(`${source}: feature column '${names[k]}' is listed twice`, headerPos);
      if (k === labelCol || k === idCol) throw new InputValidationError(`${source}: column '${names[k]}' cannot be both a feature and the ${k === labelCol ? 'label' : 'id'} column`, headerPos);
    });
  } else {
    featureCols = names.map((_, k) => k).filter((k) => k !== labelCol && k !== idCol);
  }
  const ignored = names.filter((_, k) => k !== labelCol && k !== idCol && !featureCols.includes(k));
  if (featureCols.length === 0) throw new InputValidationError(`${source}: no feature columns (only '${names.join(',')}')`, { line: head.lineNo, column: 1 });
  if (rows.length === 1) throw new InputValidationError(`${source}: no data rows after the header`, { line: head.lineNo + 1, column: 1 });
  const features: number[][] = [];
  const labelNames: string[] = [];
  for (const { lineNo, cells } of rows.slice(1)) {
    if (cells.length !== names.length) {
      const column = cells.length > names.length ? cells[names.length]!.column : (cells.at(-1)?.column ?? 1);
      throw new InputValidationError(
        `${source}: line ${lineNo} has ${cells.length} fields but the header has ${names.length} (line ${lineNo}, column ${column})`,
        { line: lineNo, column },
      );
    }
    const row: number[] = [];
    for (const k of featureCols) {
      const c = cells[k]!;
      if (NON_FINITE.test(c.text)) {
        throw new InputValidationError(`${source}: '${c.text}' in column '${names[k]}' is not a finite number (line ${lineNo}, column ${c.column})`, { line: lineNo, column: c.column });
      }
      if (!NUMBER.test(c.text)) {
        // A text column read as a feature by default is most likely a name or an identifier.
        const hint = asked === undefined ? `; if '${names[k]}' is not a feature, name the feature columns (--features) or the id column (--id)` : '';
        throw new InputValidationError(`${source}: '${c.text.slice(0, 40)}' in column '${names[k]}' is not a number (line ${lineNo}, column ${c.column})${hint}`, { line: lineNo, column: c.column });
      }
      const v = Number(c.text);
      if (!Number.isFinite(v)) {
        throw new InputValidationError(`${source}: '${c.text.slice(0, 40)}' overflows a double (line ${lineNo}, column ${c.column})`, { line: lineNo, column: c.column });
      }
      row.push(v);
    }
    features.push(row);
    if (labelCol >= 0) {
      const c = cells[labelCol]!;
      if (c.text === '') throw new InputValidationError(`${source}: empty label (line ${lineNo}, column ${c.column})`, { line: lineNo, column: c.column });
      labelNames.push(c.text);
    }
  }
  let labels: number[] | null = null;
  if (labelCol >= 0) {
    if (labelNames.every((l) => NUMBER.test(l))) labels = labelNames.map(Number);
    else {
      const ids = new Map<string, number>();
      labels = labelNames.map((l) => {
        if (!ids.has(l)) ids.set(l, ids.size);
        return ids.get(l)!;
      });
    }
  }
  return {
    columns: featureCols.map((k) => names[k]!),
    features,
    labels,
    labelNames: labelCol >= 0 ? labelNames : null,
    header: names,
    labelColumn: labelCol >= 0 ? names[labelCol]! : null,
    idColumn: idCol >= 0 ? names[idCol]! : null,
    ignoredColumns: ignored,
  };
}

/** Reads and parses a CSV feature file ({@link parseFeatureCsv}); a missing file is an InputValidationError. */
export async function readFeatureCsv(path: string, selection: ColumnSelection = {}): Promise<FeatureTable> {
  return parseFeatureCsv(await readText(path), path, selection);
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new InputValidationError(`cannot read '${path}': ${(e as NodeJS.ErrnoException).code ?? String(e)}`, undefined, { cause: e });
  }
}

/** Names of the two files of {@link readFeatureCsvPair} in its messages (e.g. the CLI flags). */
export interface PairNames {
  /** How messages name the training file (e.g. `--train a.csv`). */
  train: string;
  /** How messages name the test file (e.g. `--test b.csv`). */
  test: string;
}

/** A training and a test table whose feature columns are in the same (the training) order. */
export interface FeatureTablePair {
  /** The training table. */
  train: FeatureTable;
  /** The test table, its feature columns reordered to the training table's. */
  test: FeatureTable;
}

/**
 * Parses a training and a test table whose feature columns are matched by header name: the test
 * vectors follow the training table's column order, whatever the order of the test file. When
 * the features were not chosen by name, both files must have the same feature columns (a
 * different set is refused with both headers in the message); when they were, both must hold
 * every chosen column. The test file's label column (the training file's, when present) is optional.
 *
 * @throws {InputValidationError} on a header mismatch, or anything {@link parseFeatureCsv} refuses
 */
export function parseFeatureCsvPair(
  trainText: string,
  testText: string,
  names: PairNames,
  selection: ColumnSelection = {},
): FeatureTablePair {
  const train = parseFeatureCsv(trainText, names.train, selection);
  const testRaw = parseRows(testText, names.test);
  const testHeader = testRaw.names;
  const has = (n: string | null): n is string => n !== null && testHeader.includes(n);
  const mismatch = (): InputValidationError => {
    const missing = train.columns.filter((c) => !testHeader.includes(c));
    const extra = testHeader.filter((c) => !train.columns.includes(c) && c !== train.labelColumn && c !== train.idColumn && !(selection.label === undefined && /^label$/i.test(c)) && !(selection.id === undefined && /^id$/i.test(c)));
    const what = [missing.length ? `feature column(s) ${missing.join(', ')} missing from ${names.test}` : '', extra.length ? `column(s) ${extra.join(', ')} not in ${names.train}` : ''].filter(Boolean).join('; ');
    return new InputValidationError(
      `${names.test} header (${testHeader.join(',')}) does not match ${names.train} header (${train.header.join(',')}): ${what}; columns are matched by name (choose them with --features)`,
    );
  };
  if (train.columns.some((c) => !testHeader.includes(c))) throw mismatch();
  const test = selectColumns(testRaw, names.test, {
    features: train.columns,
    ...(has(train.labelColumn) ? { label: train.labelColumn } : {}),
    ...(has(train.idColumn) ? { id: train.idColumn } : {}),
  });
  if (selection.features === undefined && test.ignoredColumns.length > 0) throw mismatch();
  return { train, test };
}

/** Reads two CSV files and matches their columns by name ({@link parseFeatureCsvPair}). */
export async function readFeatureCsvPair(trainPath: string, testPath: string, names: PairNames, selection: ColumnSelection = {}): Promise<FeatureTablePair> {
  return parseFeatureCsvPair(await readText(trainPath), await readText(testPath), names, selection);
}

/** Writes a matrix as CSV text (one row per line, shortest round-trip numbers). */
export function matrixToCsv(rows: ReadonlyArray<ReadonlyArray<number>>): string {
  return rows.map((r) => r.map((v) => String(v)).join(',')).join('\n') + '\n';
}
