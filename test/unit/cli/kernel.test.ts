import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { timeoutFlag } from '../../../src/cli/commands/backends';
import { downsample } from '../../../src/cli/commands/kernel';
import { KernelMatrix, QuantumKernel, zzFeatureMap } from '../../../src/kernel';
import { runCli } from '../../support/cli';

const CSV = (f: string): string => path.join(__dirname, '..', '..', '..', 'fixtures', 'csv', f);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qbridge-kernel-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const TRAIN = [[0.1, 0.2], [1.5, 2.5], [3.0, 0.5]];
const TEST = [[0.3, 0.4], [2.0, 2.0]];

describe('qbridge kernel', () => {
  it('--resume refuses least_busy also when it is only the configured default (QBRIDGE_BACKEND)', async () => {
    const r = await runCli(['kernel', '--train', CSV('train.csv'), '--shots', '100', '--resume', '--json'], { QBRIDGE_BACKEND: 'least_busy' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--resume needs the device .* not least_busy/);
    expect(r.stdout).toBe('');
  });

  it('--json: {"shape", "matrix"}, rows = test points, columns = training points (label column ignored)', async () => {
    const r = await runCli(['kernel', '--train', CSV('train.csv'), '--test', CSV('test.csv'), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { shape: number[]; matrix: number[][] };
    expect(j.shape).toEqual([2, 3]);
    const expected = await new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2 }) }).evaluate(TEST, TRAIN);
    expect(j.matrix).toEqual(expected.toArray());
  });

  it('without --test: the symmetric training matrix; flags choose the feature map', async () => {
    const r = await runCli(['kernel', '--train', CSV('train.csv'), '--feature-map', 'pauli', '--paulis', 'Z,XY', '--reps', '1', '--entanglement', 'linear', '--alpha', '1.5', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { shape: number[]; matrix: number[][] };
    expect(j.shape).toEqual([3, 3]);
    const { pauliFeatureMap } = await import('../../../src/kernel');
    const fm = pauliFeatureMap({ featureDimension: 2, paulis: ['Z', 'XY'], reps: 1, entanglement: 'linear', alpha: 1.5 });
    expect(j.matrix).toEqual((await new QuantumKernel({ featureMap: fm }).evaluate(TRAIN)).toArray());
  });

  it('--out FILE.json / FILE.csv and --svg FILE write the matrix and a heat map', async () => {
    const json = path.join(tmp, 'k.json');
    const csv = path.join(tmp, 'k.csv');
    const svg = path.join(tmp, 'k.svg');
    expect((await runCli(['kernel', '--train', CSV('train.csv'), '--out', json, '--svg', svg])).code).toBe(0);
    expect((await runCli(['kernel', '--train', CSV('train.csv'), '--out', csv])).code).toBe(0);
    const j = JSON.parse(fs.readFileSync(json, 'utf8')) as { shape: number[]; matrix: number[][] };
    expect(j.shape).toEqual([3, 3]);
    expect(fs.readFileSync(csv, 'utf8').trim().split('\n').map((l) => l.split(',').map(Number))).toEqual(j.matrix);
    const s = fs.readFileSync(svg, 'utf8');
    expect(s.startsWith('<svg')).toBe(true);
    // A self-kernel: training points on both axes, named with their file (labels 0, 1, 0: sorted).
    expect(s).toMatch(/>training points \([^)]*train\.csv\), rows, sorted by class</);
    expect(s).toMatch(/>training points \([^)]*train\.csv\), columns, sorted by class</);
  });

  it('heat maps of large matrices are block means (at most 200 cells a side)', () => {
    const k = new KernelMatrix(401, 3, Float64Array.from({ length: 1203 }, (_, i) => (Math.floor(i / 3) < 3 ? 1 : 0)));
    const { values, factor } = downsample(k);
    expect(factor).toBe(3);
    expect(values).toHaveLength(134);
    expect(values[0]).toEqual([1]);
    expect(values[1]).toEqual([0]);
    expect(values[133]).toEqual([0]);
    expect(downsample(new KernelMatrix(2, 2, Float64Array.of(1, 2, 3, 4))).values).toEqual([[1, 2], [3, 4]]);
  });

  it('human output without --json; shots with a seed are reproducible', async () => {
    const r = await runCli(['kernel', '--train', CSV('train.csv')]);
    expect(r.stdout).toMatch(/^kernel 3×3 \(statevector, backend local\)\n1\.000000 /);
    const a = await runCli(['kernel', '--train', CSV('train.csv'), '--shots', '100', '--seed', '4', '--json']);
    const b = await runCli(['kernel', '--train', CSV('train.csv'), '--shots', '100', '--seed', '4', '--json']);
    expect(a.stdout).toBe(b.stdout);
    for (const v of (JSON.parse(a.stdout) as { matrix: number[][] }).matrix.flat()) expect(Math.round(v * 100)).toBeCloseTo(v * 100, 9);
  });

  it('draws a progress bar on stderr only for a TTY and never with --json', async () => {
    const tty = await runCli(['kernel', '--train', CSV('train.csv')], {}, { isTTY: true });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toMatch(/gram|statevectors/);
    expect((await runCli(['kernel', '--train', CSV('train.csv'), '--json'], {}, { isTTY: true })).stderr).toBe('');
    expect((await runCli(['kernel', '--train', CSV('train.csv')], {}, { isTTY: false })).stderr).toBe('');
  });

  it.each([
    [['--train', CSV('empty.csv')], /InputValidationError: .*empty file/],
    [['--train', CSV('no-header.csv')], /missing header/],
    [['--train', CSV('nan.csv')], /not a finite number \(line 2, column 5\)/],
    [['--train', CSV('train.csv'), '--test', CSV('three-features.csv')], /header \(x0,x1,x2\) does not match/],
    [['--train', CSV('train.csv'), '--feature-map', 'xx'], /--feature-map must be/],
    [['--train', CSV('train.csv'), '--entanglement', 'weird'], /--entanglement/],
    [['--train', CSV('train.csv'), '--backend', 'nope'], /BackendNotFoundError/],
    [['--train', CSV('train.csv'), '--shots', '0'], /--shots must be an integer/],
  ])('bad input %j → exit 1 with one clear line', async (args, msg) => {
    const r = await runCli(['kernel', ...args]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(msg);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('--timeout <seconds> (run and kernel): the bound of each job wait', () => {
  it('timeoutFlag: absent = undefined (QBRIDGE_JOB_TIMEOUT or the default applies); seconds become ms', () => {
    expect(timeoutFlag(undefined)).toBeUndefined();
    expect(timeoutFlag('2')).toBe(2_000);
    expect(timeoutFlag('0.5')).toBe(500);
  });

  it.each([['kernel'], ['run']])('qbridge %s refuses a non-positive or non-numeric --timeout with one typed line', async (cmd) => {
    const file = cmd === 'kernel' ? ['--train', CSV('train.csv')] : [path.join(__dirname, '..', '..', '..', 'fixtures', 'csv', 'train.csv')];
    for (const bad of ['0', '-3', 'soon', '1e2']) {
      const r = await runCli([cmd, ...file, '--timeout', bad, '--json']);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`qbridge: InputValidationError: --timeout must be a positive number of seconds (at most 2147483), got '${bad}'\n`);
    }
  });

  it('a valid --timeout leaves a local kernel unchanged', async () => {
    const r = await runCli(['kernel', '--train', CSV('train.csv'), '--timeout', '30', '--json']);
    expect(r.code).toBe(0);
    const expected = await new QuantumKernel({ featureMap: zzFeatureMap({ featureDimension: 2 }) }).evaluate(TRAIN);
    expect((JSON.parse(r.stdout) as { matrix: number[][] }).matrix).toEqual(expected.toArray());
  });
});
