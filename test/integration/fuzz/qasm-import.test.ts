/**
 * Fuzzing the OpenQASM 3/2 importer: random strings, token soups of the QASM vocabulary, and
 * mutations of valid programs. Every input must parse (and then export and re-import) or throw
 * a QasmSyntaxError with a position inside the source; never another error, never a hang.
 * Runs in a child process with a hard time limit so a hang fails instead of blocking Jest.
 */
import { fuzzTable, runFuzzChild } from '../../support/fuzz/spawn';

const RUNS_PER_GENERATOR = 300;
const SEED = 20261127;

jest.setTimeout(180_000);

it('parseQasm: parses or throws QasmSyntaxError with an in-source position, within the time limit', async () => {
  const { report, hang, crash } = await runFuzzChild('qasm', RUNS_PER_GENERATOR, SEED, 150_000);
  expect(hang).toBeUndefined();
  expect(crash).toBeUndefined();
  console.log(fuzzTable(report!));
  expect(report!.failures).toEqual([]);
  // Each generator ran its full budget and produced both outcomes somewhere.
  expect(report!.runs).toBeGreaterThanOrEqual(5 * RUNS_PER_GENERATOR);
  const all = Object.values(report!.outcomes).reduce<Record<string, number>>((acc, o) => {
    for (const [k, v] of Object.entries(o)) acc[k] = (acc[k] ?? 0) + v;
    return acc;
  }, {});
  expect(all.parsed).toBeGreaterThan(0);
  expect(all['syntax-error']).toBeGreaterThan(0);
});
