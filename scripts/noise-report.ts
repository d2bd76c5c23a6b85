/**
 * The noise figures of issue 14, in one run on `fake_fez` (Heron r2 calibration data):
 * - GHZ-5 fidelity P(00000) + P(11111) of the transpiled ISA circuit under the device's noise
 *   model, exactly (density matrix);
 * - the 2-qubit ad hoc kernel (ZZ feature map, the qiskit-machine-learning tutorial setup): mean
 *   absolute error against the exact kernel of the exact noisy kernel, the sampled noisy kernel,
 *   and the sampled noisy kernel with readout mitigation (calibration matrices, M3 solve);
 * - QSVC test accuracy with each of those kernels;
 * - an SVG scatter of noisy and mitigated entries against the exact ones.
 *
 * `node -r ts-node/register/transpile-only scripts/noise-report.ts [OUT.svg] [--shots N]`
 */
import { writeFileSync } from 'node:fs';
import { Circuit } from '../src/circuit/circuit';
import { scatterPlot } from '../src/cli/svg/scatter';
import { zzFeatureMap } from '../src/kernel/feature-map';
import { adHocData } from '../src/kernel/learn/datasets/ad-hoc';
import { QSVC } from '../src/kernel/learn/qsvc';
import { KernelMatrix } from '../src/kernel/kernel-matrix';
import { toFeatureMatrix, type FeatureInput } from '../src/kernel/inputs';
import { noisyExactKernel } from '../src/kernel/noisy-exact';
import { QuantumKernel } from '../src/kernel/quantum-kernel';
import { noiseModelFromDevice } from '../src/noise/from-device';
import { transpile } from '../src/transpiler';
import { measurementProbabilities } from '../simulators/density-matrix';
import { createFakeBackend } from '../simulators/fake';
import { createLocalBackend } from '../simulators/local';

/**
 * A kernel whose entries were computed beforehand (training × training and test × training),
 * looked up by the points' feature values, so QSVC trains and predicts on exactly the matrices
 * reported (after fit it asks for test points against its support vectors only).
 */
class LookupKernel {
  readonly featureMap = { featureDimension: 2 };
  private readonly index = new Map<string, { set: 'train' | 'test'; i: number }>();
  constructor(train: number[][], test: number[][], private readonly gram: KernelMatrix, private readonly cross: KernelMatrix) {
    train.forEach((x, i) => this.index.set(x.join(','), { set: 'train', i }));
    test.forEach((x, i) => this.index.set(x.join(','), { set: 'test', i }));
  }
  async evaluate(x: FeatureInput, y?: FeatureInput): Promise<KernelMatrix> {
    const xs = toFeatureMatrix(x, 2);
    const ys = toFeatureMatrix(y ?? x, 2);
    const data = new Float64Array(xs.rows * ys.rows);
    const find = (m: typeof xs, i: number) => {
      const hit = this.index.get(Array.from(m.data.subarray(i * 2, i * 2 + 2)).join(','));
      if (!hit) throw new Error('point not in the precomputed sets');
      return hit;
    };
    for (let i = 0; i < xs.rows; i++) {
      const a = find(xs, i);
      for (let j = 0; j < ys.rows; j++) {
        const b = find(ys, j);
        if (b.set !== 'train') throw new Error('columns must be training points');
        data[i * ys.rows + j] = (a.set === 'train' ? this.gram : this.cross).get(a.i, b.i);
      }
    }
    return new KernelMatrix(xs.rows, ys.rows, data);
  }
}

function mae(a: KernelMatrix, b: KernelMatrix): number {
  let s = 0;
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) s += Math.abs(a.get(i, j) - b.get(i, j));
  return s / (a.rows * a.cols);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const out = args.find((a) => a.endsWith('.svg')) ?? 'noise-report.svg';
  const shotsAt = args.indexOf('--shots');
  const shots = shotsAt >= 0 ? Number(args[shotsAt + 1]) : 4000;
  const fez = await createFakeBackend('fake_fez');
  const { model } = noiseModelFromDevice(fez.target);

  const ghz = new Circuit(5).h(0);
  for (let q = 0; q < 4; q++) ghz.cx(q, q + 1);
  ghz.measureAll();
  const isa = transpile(ghz, fez.target, { seed: 1 }).circuit;
  const p = measurementProbabilities(isa, { noise: model }).probabilities;
  const ghzFidelity = (p.get('00000') ?? 0) + (p.get('11111') ?? 0);
  console.log(`GHZ-5 on fake_fez with noise: P(00000)+P(11111) = ${ghzFidelity.toFixed(4)} (exact, density matrix)`);

  const data = adHocData({ trainingSize: 20, testSize: 5, n: 2, gap: 0.3, seed: 12345 });
  const fm = zzFeatureMap({ featureDimension: 2, reps: 2 });
  const xTr = data.trainingFeatures;
  const xTe = data.testFeatures;
  const exactK = new QuantumKernel({ featureMap: fm, backend: createLocalBackend(), method: 'statevector', enforcePsd: false });
  const exact = { train: await exactK.evaluate(xTr), test: await exactK.evaluate(xTe, xTr) };
  const noisyExact = { train: await noisyExactKernel(fm, fez.target, model, xTr), test: await noisyExactKernel(fm, fez.target, model, xTe, xTr) };
  const noisyFez = await createFakeBackend('fake_fez', { noise: true });
  const sampled = new QuantumKernel({ featureMap: fm, backend: noisyFez, method: 'sampler', shots, seed: 7, enforcePsd: false });
  const noisy = { train: await sampled.evaluate(xTr), test: await sampled.evaluate(xTe, xTr) };
  const mitigatedK = new QuantumKernel({ featureMap: fm, backend: noisyFez, method: 'sampler', shots, seed: 7, enforcePsd: false, mitigation: { matrices: 'calibration' } });
  const mitigated = { train: await mitigatedK.evaluate(xTr), test: await mitigatedK.evaluate(xTe, xTr) };

  const errNoisyExact = mae(noisyExact.train, exact.train);
  const errNoisy = mae(noisy.train, exact.train);
  const errMitigated = mae(mitigated.train, exact.train);
  console.log(`ad hoc 2-qubit kernel (40×40 training Gram), mean |K − K_exact|:`);
  console.log(`  exact noisy (density matrix): ${errNoisyExact.toFixed(4)}`);
  console.log(`  sampled noisy, ${shots} shots: ${errNoisy.toFixed(4)}`);
  console.log(`  sampled noisy + readout mitigation: ${errMitigated.toFixed(4)} (ratio mitigated/unmitigated ${(errMitigated / errNoisy).toFixed(3)})`);

  for (const [name, k] of [['exact', exact], ['exact noisy', noisyExact], ['sampled noisy', noisy], ['noisy + mitigated', mitigated]] as const) {
    const q = await new QSVC({ kernel: new LookupKernel(xTr, xTe, k.train, k.test) }).fit(xTr, data.trainingLabels);
    const acc = await q.score(xTe, data.testLabels);
    console.log(`QSVC test accuracy, ${name} kernel: ${acc.toFixed(2)}`);
  }

  const points = (k: KernelMatrix): [number, number][] => {
    const pts: [number, number][] = [];
    for (let i = 0; i < k.rows; i++) for (let j = i + 1; j < k.cols; j++) pts.push([exact.train.get(i, j), k.get(i, j)]);
    return pts;
  };
  writeFileSync(out, scatterPlot(
    [{ label: `noisy, ${shots} shots`, points: points(noisy.train) }, { label: 'noisy + mitigation', points: points(mitigated.train) }],
    { title: 'ad hoc kernel on fake_fez with noise', xTitle: 'exact kernel entry', yTitle: 'estimated entry' },
  ));
  console.log(`scatter written to ${out}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
