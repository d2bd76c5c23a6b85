import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../support/cli';

const CSV = (f: string): string => path.join(__dirname, '..', '..', '..', 'fixtures', 'csv', f);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qbridge-qsvc-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Writes the ad hoc fixture's tutorial data as CSV files with a label column. */
function tutorialCsv(): { train: string; test: string } {
  const ref = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'fixtures', 'kernel-cases', 'adhoc_seed12345_n2.json'), 'utf8'));
  const write = (name: string, xs: number[][], ys: number[]): string => {
    const p = path.join(tmp, name);
    fs.writeFileSync(p, ['x0,x1,label', ...xs.map((x, i) => `${x[0]},${x[1]},${ys[i]}`)].join('\n') + '\n');
    return p;
  };
  return { train: write('train.csv', ref.training_features, ref.training_labels), test: write('test.csv', ref.test_features, ref.test_labels) };
}

describe('qbridge qsvc', () => {
  it('on the tutorial data as CSV (zz, reps 2, linear): train and test accuracy 1.0', async () => {
    const { train, test } = tutorialCsv();
    const r = await runCli(['qsvc', '--train', train, '--test', test, '--entanglement', 'linear', '--json']);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout) as Record<string, unknown>;
    expect([j.train_accuracy, j.test_accuracy, j.train_size, j.test_size]).toEqual([1, 1, 40, 10]);
  });

  it('--dataset ad-hoc prints both accuracies and writes the kernel heat map', async () => {
    const svg = path.join(tmp, 'q.svg');
    const r = await runCli(['qsvc', '--dataset', 'ad-hoc', '--train-size', '10', '--test-size', '3', '--svg', svg]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/train accuracy: \d\.\d{4}\ntest accuracy: \d\.\d{4}\n/);
    expect(fs.readFileSync(svg, 'utf8')).toContain('<svg');
  });

  it('matches the test file\'s columns by name: a reordered test header gives the same result and the output names the columns', async () => {
    const { train, test } = tutorialCsv();
    const rows = fs.readFileSync(test, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const swapped = path.join(tmp, 'test-swapped.csv');
    fs.writeFileSync(swapped, ['label,x1,x0', ...rows.map(([a, b, y]) => `${y},${b},${a}`)].join('\n') + '\n');
    const run = async (t: string): Promise<Record<string, unknown>> => JSON.parse((await runCli(['qsvc', '--train', train, '--test', t, '--entanglement', 'linear', '--json'])).stdout) as Record<string, unknown>;
    const [a, b] = [await run(test), await run(swapped)];
    expect({ ...b, dataset: a.dataset }).toEqual(a);
    expect(b.test_accuracy).toBe(1);
    expect([b.features, b.qubits, b.label_column]).toEqual([['x0', 'x1'], 2, 'label']);
    expect(b.feature_map).toMatchObject({ name: 'ZZFeatureMap', reps: 2, entanglement: 'linear' });
  });

  it('--seed (shot noise) leaves the generated dataset alone; --data-seed changes it', async () => {
    // On the exact path the training kernel (drawn to --svg) depends on the data alone.
    const svgOf = async (...flags: string[]): Promise<string> => {
      const svg = path.join(tmp, `seed-${flags.join('_')}.svg`);
      const r = await runCli(['qsvc', '--dataset', 'ad-hoc', '--train-size', '4', '--test-size', '1', '--svg', svg, ...flags]);
      expect(r.stderr).toBe('');
      return fs.readFileSync(svg, 'utf8');
    };
    const base = await svgOf('--data-seed', '7');
    expect(await svgOf('--data-seed', '7', '--seed', '1')).toBe(base);
    expect(await svgOf('--data-seed', '7', '--seed', '99')).toBe(base);
    expect(await svgOf('--data-seed', '8', '--seed', '1')).not.toBe(base);
    expect(await svgOf('--seed', '3')).toBe(await svgOf('--data-seed', '12345'));
  });

  it('refuses a missing label column, mixed sources and unknown datasets', async () => {
    expect((await runCli(['qsvc', '--train', CSV('test.csv'), '--test', CSV('test.csv')])).stderr).toMatch(/has no label column \(name one with --label\)/);
    expect((await runCli(['qsvc', '--train', CSV('train.csv'), '--test', CSV('train.csv'), '--data-seed', '3'])).stderr).toMatch(/--data-seed applies to --dataset ad-hoc, iris and penguins only/);
    expect((await runCli(['qsvc', '--dataset', 'wine'])).stderr).toMatch(/--dataset must be 'ad-hoc'/);
    expect((await runCli(['qsvc', '--dataset', 'ad-hoc', '--train', CSV('train.csv')])).stderr).toMatch(/not both/);
    expect((await runCli(['qsvc', '--dataset', 'ad-hoc', '--qubits', '5'])).stderr).toMatch(/--qubits must be an integer from 2 to 3/);
  });
});

describe('qbridge main-job', () => {
  it('QSVC on the ad hoc dataset (tutorial setup) on the local simulator, heat map written, path printed', async () => {
    const svg = path.join(tmp, 'main.svg');
    const r = await runCli(['main-job', '--svg', svg]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('40 training / 10 test points, statevector kernel on backend local');
    expect(r.stdout).toMatch(/test accuracy: 1\.0000/);
    expect(r.stdout).toContain(`kernel heat map written to ${svg}`);
    expect(fs.readFileSync(svg, 'utf8')).toMatch(/^<svg/);
  });
});
