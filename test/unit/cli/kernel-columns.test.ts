/**
 * `qbridge kernel` matches CSV columns by header name (never by position), keeps an `id` column
 * out of the features, and says which columns, qubits and feature map it used. Expected values
 * come from the library kernel on vectors built here by column name, and from K(x, x) = 1.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { QuantumKernel, zzFeatureMap } from '../../../src/kernel';
import { cleanupTempDirs, runCli, tempDir } from '../../support/cli';

const dir = tempDir('qbridge-kernel-columns-');
afterAll(cleanupTempDirs);

const POINTS = [[0.1, 0.2], [1.5, 2.5], [3.0, 0.5]];
function write(name: string, header: string[], rows: Array<Array<number | string>>): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n');
  return p;
}
const ordered = write('ordered.csv', ['x0', 'x1'], POINTS);
const reordered = write('reordered.csv', ['x1', 'x0'], POINTS.map(([a, b]) => [b!, a!]));
const withId = write('with-id.csv', ['id', 'x0', 'x1', 'label'], POINTS.map((p, i) => [i + 7, ...p, i % 2]));

interface KernelJson {
  shape: number[];
  matrix: number[][];
  features: string[];
  qubits: number;
  id_column: string | null;
  feature_map: { name: string; reps: number; entanglement: unknown };
}
async function kernelJson(args: string[]): Promise<KernelJson> {
  const r = await runCli(['kernel', ...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as KernelJson;
}

describe('kernel: columns matched by header name', () => {
  it('a test file with the same columns in another order gives the same kernel (self-kernel diagonal 1)', async () => {
    const a = await kernelJson(['--train', ordered, '--test', ordered]);
    const b = await kernelJson(['--train', ordered, '--test', reordered]);
    expect(b.matrix).toEqual(a.matrix);
    for (let i = 0; i < POINTS.length; i++) expect(b.matrix[i]![i]).toBeCloseTo(1, 12);
    const ref = await new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2 }) }).evaluate(POINTS, POINTS);
    expect(b.matrix).toEqual(ref.toArray());
  });

  it('an id column is not a feature: 2 qubits, the same kernel as the file without it, and the output says so', async () => {
    const j = await kernelJson(['--train', withId]);
    expect(j.qubits).toBe(2);
    expect(j.features).toEqual(['x0', 'x1']);
    expect(j.id_column).toBe('id');
    expect(j.matrix).toEqual((await kernelJson(['--train', ordered])).matrix);
    const human = await runCli(['kernel', '--train', withId]);
    expect(human.stdout).toContain('features: x0, x1 (2 qubits); label column: label; id column: id (not a feature)');
    expect(human.stdout).toMatch(/feature map: ZZFeatureMap \(paulis Z,ZZ, reps 2, entanglement full, alpha 2, bandwidth 1\) on 2 qubits/);
  });

  it('--json reports the feature map actually used', async () => {
    const j = await kernelJson(['--train', ordered, '--reps', '3', '--entanglement', 'linear']);
    expect(j.feature_map).toMatchObject({ name: 'ZZFeatureMap', reps: 3, entanglement: 'linear' });
    expect((await kernelJson(['--train', ordered, '--feature-map', 'z'])).feature_map).toMatchObject({ name: 'ZFeatureMap', entanglement: null });
  });

  it('--features picks columns by name in the given order; --id names an identifier column', async () => {
    const swapped = await kernelJson(['--train', withId, '--features', 'x1,x0']);
    expect(swapped.features).toEqual(['x1', 'x0']);
    const ref = await new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2 }) }).evaluate(POINTS.map(([a, b]) => [b!, a!]));
    expect(swapped.matrix).toEqual(ref.toArray());
    const named = write('named.csv', ['key', 'x0', 'x1'], POINTS.map((p, i) => [`row${i}`, ...p]));
    const j = await kernelJson(['--train', named, '--id', 'key']);
    expect([j.qubits, j.id_column]).toEqual([2, 'key']);
    // Without --id the text column is refused with a hint, not guessed.
    const r = await runCli(['kernel', '--train', named]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/'row0' in column 'key' is not a number .*--id/);
  });

  it('a header mismatch is refused with both headers in one line', async () => {
    const other = write('other.csv', ['x0', 'x2'], POINTS);
    const r = await runCli(['kernel', '--train', withId, '--test', other]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`--test ${other} header (x0,x2) does not match --train ${withId} header (id,x0,x1,label)`);
    expect(r.stderr).toMatch(/x1 missing from .*x2 not in/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    [['--features', 'x0,nope'], /no feature column 'nope' in the header \(id,x0,x1,label\)/],
    [['--label', 'y'], /no label column 'y'/],
    [['--features', 'x0,id', '--id', 'id'], /cannot be both a feature and the id column/],
    [['--features', 'x0,,x1'], /--features must be column names/],
  ])('bad column flags %j → one typed line', async (flags, msg) => {
    const r = await runCli(['kernel', '--train', withId, ...flags]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(msg);
  });
});
