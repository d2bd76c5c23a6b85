import * as path from 'node:path';
import { InputValidationError } from '../../../src/core/errors';
import { parseFeatureCsv, readFeatureCsv } from '../../../src/kernel';

const CSV = (f: string): string => path.join(__dirname, '..', '..', '..', 'fixtures', 'csv', f);

async function failure(file: string): Promise<InputValidationError> {
  try {
    await readFeatureCsv(CSV(file));
  } catch (e) {
    expect(e).toBeInstanceOf(InputValidationError);
    return e as InputValidationError;
  }
  throw new Error(`${file} was accepted`);
}

describe('CSV feature files', () => {
  it('reads features and a label column (not a feature)', async () => {
    const t = await readFeatureCsv(CSV('train.csv'));
    expect(t.columns).toEqual(['x0', 'x1']);
    expect(t.features).toEqual([[0.1, 0.2], [1.5, 2.5], [3.0, 0.5]]);
    expect(t.labels).toEqual([0, 1, 0]);
    const u = await readFeatureCsv(CSV('test.csv'));
    expect(u.labels).toBeNull();
  });
  it('maps text labels to class indices by first appearance; the label column may be anywhere', async () => {
    const t = await readFeatureCsv(CSV('labels-text.csv'));
    expect(t.columns).toEqual(['a', 'b']);
    expect(t.labels).toEqual([0, 1, 0]);
    expect(t.labelNames).toEqual(['A', 'B', 'A']);
  });
  it('accepts CRLF, quoted numbers, exponents and blank lines', async () => {
    expect((await readFeatureCsv(CSV('crlf-quoted.csv'))).features).toEqual([[0.5, 0.001], [2, 3]]);
  });
  it.each([
    ['empty.csv', /empty file/, 1, 1],
    ['blank.csv', /empty file/, 1, 1],
    ['no-header.csv', /missing header/, 1, 1],
    ['ragged.csv', /line 3 has 1 fields but the header has 2/, 3, 1],
    ['non-numeric.csv', /'abc' in column 'x1' is not a number/, 3, 5],
    ['nan.csv', /'NaN' in column 'x1' is not a finite number/, 2, 5],
    ['infinity.csv', /'-Infinity' in column 'x0' is not a finite number/, 3, 1],
    ['header-only.csv', /no data rows/, 2, 1],
  ])('%s → typed error %s at line %i, column %i', async (file, msg, line, column) => {
    const e = await failure(file);
    expect(e.message).toMatch(msg);
    expect(e.position).toEqual({ line, column });
    expect(e.message).toContain(CSV(file));
  });
  it('a missing file is an InputValidationError', async () => {
    const e = await failure('does-not-exist.csv');
    expect(e.message).toMatch(/cannot read .*ENOENT/);
  });
  it('parses text directly', () => {
    expect(parseFeatureCsv('a,label\n1,x\n', 'inline').features).toEqual([[1]]);
    expect(() => parseFeatureCsv('label\nx\n', 'inline')).toThrow(/no feature columns/);
    expect(() => parseFeatureCsv('a,b\n"1,2\n', 'inline')).toThrow(/unterminated quoted field/);
  });
});
