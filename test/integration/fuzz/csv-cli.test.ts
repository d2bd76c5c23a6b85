/**
 * The kernel CLI on malformed CSV files (shapes the fuzzer produces): exit 1 and ONE stderr line
 * naming an InputValidationError with the line and column of the problem.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanupTempDirs, runCli, tempDir } from '../../support/cli';

jest.setTimeout(60_000);
afterAll(() => cleanupTempDirs());

it.each([
  ['a ragged row', 'x0,x1\n0.1,0.2\n0.3\n', 3],
  ['a NaN cell', 'x0,x1\n0.1,NaN\n', 2],
  ['an unterminated quote', 'x0,x1\n"0.1,0.2\n', 2],
  ['binary garbage', '\u0000\u0001\ufffd,\u0002\n\u00ff,\u0000\n', 2],
])('%s → exit 1, one InputValidationError line with its line and column', async (_name, csv, line) => {
  const dir = tempDir();
  const file = path.join(dir, 'train.csv');
  fs.writeFileSync(file, csv);
  const run = await runCli(['kernel', '--train', file], { HOME: dir, QBRIDGE_HOME: dir });
  expect(run.timedOut).toBe(false);
  expect(run.code).toBe(1);
  const lines = run.stderr.split('\n').filter((l) => l.trim());
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^qbridge: InputValidationError: .*\\(line ${line}, column \\d+\\)`));
});
