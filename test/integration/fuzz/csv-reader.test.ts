/**
 * Fuzzing the kernel CLI's CSV reader (parseFeatureCsv): random strings, token soups and
 * mutations of valid tables. Each input parses to a consistent finite table or throws an
 * InputValidationError with a line/column inside the source; never another error, never a hang
 * (child process with a hard time limit).
 */
import { fuzzTable, runFuzzChild } from '../../support/fuzz/spawn';

const RUNS_PER_GENERATOR = 400;
const SEED = 20261127;

jest.setTimeout(180_000);

it('parseFeatureCsv: parses or throws InputValidationError with an in-source position, within the time limit', async () => {
  const { report, hang, crash } = await runFuzzChild('csv', RUNS_PER_GENERATOR, SEED, 150_000);
  expect(hang).toBeUndefined();
  expect(crash).toBeUndefined();
  console.log(fuzzTable(report!));
  expect(report!.failures).toEqual([]);
  expect(report!.runs).toBeGreaterThanOrEqual(4 * RUNS_PER_GENERATOR);
  const parsed = Object.values(report!.outcomes).reduce((a, o) => a + (o.parsed ?? 0), 0);
  expect(parsed).toBeGreaterThan(0);
});
