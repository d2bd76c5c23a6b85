/** Error messages name the CLI flag (or the data), never the library field behind it. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cleanupTempDirs, runCli, tempDir } from '../../support/cli';

const dir = tempDir('qbridge-flag-messages-');
afterAll(cleanupTempDirs);
const TRAIN = path.join(__dirname, '..', '..', '..', 'fixtures', 'csv', 'train.csv');
const one = path.join(dir, 'one.csv');
fs.writeFileSync(one, 'x0\n0.1\n0.5\n');
const wide = path.join(dir, 'wide.csv');
fs.writeFileSync(wide, `${Array.from({ length: 31 }, (_, i) => `x${i}`).join(',')}\n${Array(31).fill('0.1').join(',')}\n`);

const LIBRARY_FIELDS = /featureDimension|(?<!-)paulis must|^qbridge: InputValidationError: (C|gap|reps|shots|alpha) must/m;

describe('messages use the flag names', () => {
  it.each([
    [['kernel', '--train', one], /--feature-map zz needs at least 2 feature columns, got 1 \(use --feature-map z/],
    [['kernel', '--train', wide], /31 feature columns, but a feature map has at most 30 qubits \(choose the columns with --features\)/],
    [['kernel', '--train', TRAIN, '--feature-map', 'pauli', '--paulis', ','], /--paulis must name at least one Pauli string/],
    [['kernel', '--train', TRAIN, '--feature-map', 'pauli', '--paulis', 'Q'], /--paulis: Pauli string 'Q' may contain only/],
    [['kernel', '--train', TRAIN, '--entanglement', '[[0,5]]'], /--entanglement: entanglement tuple \[0, 5\]/],
    [['qsvc', '--dataset', 'ad-hoc', '--C', '0'], /--C must be a positive number, got '0'/],
    [['qsvc', '--dataset', 'ad-hoc', '--gap', '-1'], /--gap must be a number ≥ 0, got -1/],
  ])('%j → one typed line naming the flag', async (args, msg) => {
    const r = await runCli(args);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(msg);
    expect(r.stderr).not.toMatch(LIBRARY_FIELDS);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('the z feature map takes a single feature column', async () => {
    const r = await runCli(['kernel', '--train', one, '--feature-map', 'z', '--json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { qubits: number }).qubits).toBe(1);
  });
});
