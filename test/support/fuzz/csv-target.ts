/**
 * The CSV fuzz target (the kernel CLI's feature-table reader): every input must either give a
 * consistent table of finite numbers or throw an InputValidationError whose line/column lie in
 * the source (end-of-file allowed). Any other throwable is a finding.
 */
import fc from 'fast-check';
import { InputValidationError } from '../../../src/core/errors';
import { parseFeatureCsv } from '../../../src/kernel/learn/csv';
import { mutations, type FuzzTarget, type Verdict } from './shared';

export const VALID_CSVS: readonly string[] = [
  'x0,x1,label\n0.1,0.2,0\n0.3,-0.4,1\n',
  'a,b,c\n1,2,3\n4,5,6\n7,8,9',
  'x0,label\n1e-3,cat\n2.5E+2,dog\n-.5,cat\n',
  '"x,0","x""1",label\r\n1,2,A\r\n3,4,B\r\n',
  '\uFEFFf1,f2\n 1 , 2 \n\n3,4\n',
];

const CSV_VOCABULARY = [',', '"', '""', '\n', '\r\n', '\r', ' ', 'label', 'x0', 'x1', '1', '0', '-2.5e3', '.5', '+', 'NaN', 'inf',
  '-Infinity', '1e999', 'abc', '\uFEFF', '\t', '0x10', '1_000'];

function checkPosition(text: string, e: InputValidationError): string | undefined {
  const p = e.position;
  if (!p || !Number.isInteger(p.line) || !Number.isInteger(p.column) || p.line! < 1 || p.column! < 1) {
    return `no valid line/column: ${JSON.stringify(p)}`;
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const atEof = p.line === lines.length + 1 && p.column === 1;
  if (p.line! > lines.length && !atEof) return `line ${p.line} beyond the ${lines.length} line(s)`;
  if (!atEof && p.column! > lines[p.line! - 1]!.length + 1) return `column ${p.column} beyond line ${p.line} (length ${lines[p.line! - 1]!.length})`;
  return undefined;
}

/** Classifies one input. */
export function judgeCsv(text: string): Verdict {
  try {
    const t = parseFeatureCsv(text, 'fuzz.csv');
    const width = t.columns.length;
    if (!t.features.length) return { ok: false, problem: 'a table without rows was returned' };
    for (const row of t.features) {
      if (row.length !== width) return { ok: false, problem: `row of ${row.length} values for ${width} columns` };
      if (!row.every(Number.isFinite)) return { ok: false, problem: `non-finite value in ${JSON.stringify(row)}` };
    }
    if (t.labels && (t.labels.length !== t.features.length || !t.labels.every(Number.isFinite))) return { ok: false, problem: 'labels inconsistent' };
    return { ok: true, outcome: 'parsed' };
  } catch (e) {
    if (e instanceof InputValidationError) {
      const bad = checkPosition(text, e);
      return bad ? { ok: false, problem: `${bad}; message: ${e.message}` } : { ok: true, outcome: 'input-error' };
    }
    return { ok: false, problem: `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}` };
  }
}

export const csvTarget: FuzzTarget = {
  name: 'csv',
  judge: judgeCsv,
  generators: {
    'random ascii': fc.string({ unit: 'binary-ascii', maxLength: 200 }),
    'random unicode': fc.string({ unit: 'binary', maxLength: 120 }),
    'token soup': fc.array(fc.constantFrom(...CSV_VOCABULARY), { maxLength: 60 }).map((t) => t.join('')),
    'mutated valid table': mutations(VALID_CSVS, CSV_VOCABULARY),
  },
};
