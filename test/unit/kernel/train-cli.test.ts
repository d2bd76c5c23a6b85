import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Interrupt } from '../../../src/cli/interrupt';
import { main } from '../../../src/cli/main';
import { lineChart } from '../../../src/cli/svg';
import { adHocData, zzFeatureMap } from '../../../src/kernel';
import { alignmentLoss } from '../../../src/kernel/train/losses';
import { TrainableFidelityKernel } from '../../../src/kernel/train/trainable-kernel';
import { trainableRotationFeatureMap } from '../../../src/kernel/train/trainable-map';
import { capturedIo, cleanupTempDirs, runCli, tempDir } from '../../support/cli';
import { declaredSize, fontsAvailable, overlaps, renderPng, textBoxes } from '../../support/render-svg';

afterAll(cleanupTempDirs);

const small = ['--dataset', 'ad-hoc', '--train-size', '6', '--test-size', '3', '--entanglement', 'linear'];

describe('qbridge kernel-train', () => {
  it('writes the loss curve JSON (curve + initial and trained theta) and its SVG; the trained theta reproduces the reported alignment', async () => {
    const dir = tempDir('qbridge-kernel-train-');
    const curve = path.join(dir, 'curve.json');
    const svg = path.join(dir, 'curve.svg');
    const r = await runCli(['kernel-train', ...small, '--loss', 'kta', '--optimizer', 'adam', '--maxiter', '8', '--seed', '2', '--curve', curve, '--svg', svg, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const file = JSON.parse(fs.readFileSync(curve, 'utf8'));
    expect(file.theta).toEqual(out.theta);
    expect(file.theta_names).toEqual(['theta[0]', 'theta[1]']);
    expect(file.curve).toHaveLength(9); // θ0 and 8 Adam iterates
    expect(file.curve[0].loss).toBeCloseTo(file.initial_loss, 12);
    expect(file.curve[8].loss).toBeCloseTo(file.final_loss, 12);
    expect(out.feature_map.trainable_layer).toEqual({ rotation: 'ry', shared: false, parameters: ['theta[0]', 'theta[1]'], placement: 'before the data map' });
    // Independently of the CLI: rebuild the same data and map, evaluate KTA at the file's θ.
    const d = adHocData({ trainingSize: 6, testSize: 3, n: 2, gap: 0.3, seed: 12345 });
    const kernel = new TrainableFidelityKernel(trainableRotationFeatureMap({ featureMap: zzFeatureMap({ featureDimension: 2, entanglement: 'linear' }) }));
    const kta = (theta: number[]): number => -alignmentLoss(kernel.evaluate(theta, d.trainingFeatures), d.trainingLabels).value;
    expect(out.kernel_target_alignment.trained).toBeCloseTo(kta(file.theta), 12);
    expect(out.kernel_target_alignment.initial).toBeCloseTo(kta(file.initial_theta), 12);
    expect(out.kernel_target_alignment.trained).toBeGreaterThan(out.kernel_target_alignment.initial);
    const chart = fs.readFileSync(svg, 'utf8');
    expect(chart).toContain('<title>kernel training: kta with adam (ad hoc (n=2))</title>');
    expect(chart.match(/<circle class="point"/g)).toHaveLength(9);
    expect(chart).toContain('loss = −kernel-target alignment');
  });

  it('text output names the loss, the optimiser, the map and both theta vectors', async () => {
    const r = await runCli(['kernel-train', ...small, '--optimizer', 'spsa', '--loss', 'centered-kta', '--maxiter', '5', '--shared-theta']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('centered-kta with spsa, 5 iterations, seed 0 (loss = −centered kernel-target alignment)');
    expect(r.stdout).toContain('after a trainable RY layer (one shared angle)');
    expect(r.stdout).toMatch(/initial theta: theta\[0\]=-?\d\.\d{6}\ntrained theta: theta\[0\]=-?\d\.\d{6}\n/);
    expect(r.stdout).toMatch(/test accuracy: \d\.\d{4} -> \d\.\d{4}/);
  });

  it('Ctrl-C stops a long Adam run between iterations: exit 130, the curve so far written and said', async () => {
    const curve = path.join(tempDir('qbridge-kernel-train-int-'), 'curve.json');
    const cap = capturedIo();
    const exits: number[] = [];
    // An exit stub: a SIGINT that lands before training begins would otherwise end the test process.
    const interrupt = new Interrupt({ stream: cap.io.stderr, isTTY: false, exit: (c) => exits.push(c) });
    const signals = new EventEmitter();
    // Press Ctrl-C every 100 ms until the run ends; the first press after training began stops it.
    const presses = setInterval(() => signals.emit('SIGINT'), 100);
    let code: number;
    try {
      code = await main(['kernel-train', ...small, '--maxiter', '100000', '--curve', curve], { ...cap.io, signals, interrupt });
    } finally {
      clearInterval(presses);
    }
    expect(code).toBe(130);
    expect(cap.stderr()).toMatch(/kernel-train stopped after \d+ curve points \(last loss -?\d\.\d{6}\); no trained theta; the curve so far is in /);
    const file = JSON.parse(fs.readFileSync(curve, 'utf8'));
    expect(file.interrupted).toBe(true);
    expect(file.curve.length).toBeGreaterThan(0);
    expect(file.curve.length).toBeLessThan(100000);
    expect(file.curve[0].step).toBe(0);
    expect(cap.stdout()).toBe('');
  });

  it.each([
    [['--loss', 'hinge'], /--loss must be one of kta, centered-kta, svc, got 'hinge'/],
    [['--optimizer', 'lbfgs'], /--optimizer must be one of spsa, adam, cobyla/],
    [['--rotation', 'rzz'], /--rotation must be rx, ry or rz/],
    [['--maxiter', '0'], /--maxiter must be an integer from 1/],
    [['--initial-theta', '0.1'], /--initial-theta has 1 values, the trainable layer has 2 \(one angle per qubit\)/],
    [['--initial-theta', '0.1,x'], /--initial-theta: value 2 \('x'\) is not a finite number/],
    [['--learning-rate', '0'], /--learning-rate must be a positive number/],
  ])('bad flags %j: one error line naming the flag', async (flags, message) => {
    const r = await runCli(['kernel-train', ...small, ...flags]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });
});

describe('lineChart (the loss curve SVG)', () => {
  it('places the points by value: equal x steps for equal iteration steps, a lower loss lower on the page', () => {
    const svg = lineChart([[0, 3], [1, 1], [2, 2]], { title: 't', xTitle: 'iteration', yTitle: 'loss' });
    const pts = [...svg.matchAll(/<circle class="point" cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(pts).toHaveLength(3);
    expect(pts[1]![1]).toBeGreaterThan(pts[2]![1]!); // loss 1 is drawn below loss 2
    expect(pts[2]![1]).toBeGreaterThan(pts[0]![1]!);
    expect(pts[1]![0]! - pts[0]![0]!).toBeCloseTo(pts[2]![0]! - pts[1]![0]!, 1);
    expect(() => lineChart([], { title: 't', xTitle: 'x', yTitle: 'y' })).toThrow(/at least one point/);
    expect(() => lineChart([[0, NaN]], { title: 't', xTitle: 'x', yTitle: 'y' })).toThrow(/not finite/);
  });

  it('renders cleanly (resvg): declared size, every text inside the canvas, no overlapping text', () => {
    if (!fontsAvailable()) throw new Error('the DejaVu fonts under /usr/share/fonts/truetype/dejavu are needed (apt-get install fonts-dejavu-core)');
    const curve = Array.from({ length: 51 }, (_, k) => [k, -0.18 - 0.1 * (1 - Math.exp(-k / 10))] as const);
    const svg = lineChart(curve, { title: 'kernel training: centered-kta with adam (ad hoc (n=2))', xTitle: 'iteration', yTitle: 'loss = −centered kernel-target alignment' });
    const { width, height } = declaredSize(svg);
    const png = renderPng(svg);
    expect([png.width, png.height]).toEqual([width, height]);
    const boxes = textBoxes(svg);
    for (const b of boxes) {
      expect(b.x >= 0 && b.y >= 0 && b.x + b.width <= width && b.y + b.height <= height).toBe(true);
    }
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect([boxes[i]!.text, boxes[j]!.text, overlaps(boxes[i]!, boxes[j]!)]).toEqual([boxes[i]!.text, boxes[j]!.text, false]);
  });
});
