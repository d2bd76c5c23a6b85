import { readFile } from 'node:fs/promises';
import { InputValidationError } from '../../core/errors';

/** A feature table read from CSV: features row-major by data row, optional labels. */
export interface FeatureTable {
  /** Names of the feature columns (header order, `label` excluded). */
  readonly columns: string[];
  /** The feature values, one array per data row, in `columns` order. */
  readonly features: number[][];
  /** Values of the `label` column (numbers; non-numeric labels become class indices by first appearance). */
  readonly labels: number[] | null;
  /** Original label text (same order as labels). */
  readonly labelNames: string[] | null;
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
export function parseFeatureCsv(text: string, source = 'csv'): FeatureTable {
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
  const labelCol = names.findIndex((n) => n.toLowerCase() === 'label');
  const featureCols = names.map((_, k) => k).filter((k) => k !== labelCol);
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
        throw new InputValidationError(`${source}: '${c.text.slice(0, 40)}' in column '${names[k]}' is not a number (line ${lineNo}, column ${c.column})`, { line: lineNo, column: c.column });
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
  return { columns: featureCols.map((k) => names[k]!), features, labels, labelNames: labelCol >= 0 ? labelNames : null };
}

/** Reads and parses a CSV feature file ({@link parseFeatureCsv}); a missing file is an InputValidationError. */
export async function readFeatureCsv(path: string): Promise<FeatureTable> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new InputValidationError(`cannot read '${path}': ${(e as NodeJS.ErrnoException).code ?? String(e)}`, undefined, { cause: e });
  }
  return parseFeatureCsv(text, path);
}

/** Writes a matrix as CSV text (one row per line, shortest round-trip numbers). */
export function matrixToCsv(rows: ReadonlyArray<ReadonlyArray<number>>): string {
  return rows.map((r) => r.map((v) => String(v)).join(',')).join('\n') + '\n';
}
