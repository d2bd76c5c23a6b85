import { Matrix } from 'ml-matrix';
import { InputValidationError } from '../../../src/core/errors';
import { Prng } from '../../../src/core/random';
import { KernelMatrix } from '../../../src/kernel';
import { alignmentLoss, centeredAlignmentLoss, signedLabels, svcLoss } from '../../../src/kernel/train/losses';
import { PrecomputedSvc, parseDualCoefficients } from '../../../src/kernel/train/svc';

/** A random symmetric PSD matrix (Gram of random vectors) of size n, seeded. */
function randomGram(n: number, seed: number): KernelMatrix {
  const rng = new Prng(seed);
  const v = new Matrix(Array.from({ length: n }, () => [0, 0, 0].map(() => rng.next() * 2 - 1)));
  const k = v.mmul(v.transpose());
  return new KernelMatrix(n, n, Float64Array.from(k.to1DArray()));
}

const frob = (a: Matrix, b: Matrix): number => a.clone().mul(b).sum();
const labels = [3, 7, 7, 3, 7, 3];
const y = Matrix.columnVector(labels.map((l) => (l === 3 ? -1 : 1)));

/** Central finite differences of a loss in each entry K_ij on its own. */
function entryDifferences(loss: (k: KernelMatrix) => number, k: KernelMatrix): Float64Array {
  const h = 1e-6;
  return k.data.map((_, idx) => {
    const up = Float64Array.from(k.data);
    const down = Float64Array.from(k.data);
    up[idx] += h;
    down[idx] -= h;
    return (loss(new KernelMatrix(k.rows, k.cols, up)) - loss(new KernelMatrix(k.rows, k.cols, down))) / (2 * h);
  });
}

describe('kernel-target alignment losses', () => {
  const k = randomGram(6, 4);
  const K = new Matrix(k.toArray());

  it('KTA: −⟨K, yyᵀ⟩_F/(‖K‖_F‖yyᵀ‖_F) (Cristianini et al.), against traces of dense matrices', () => {
    const Y = y.mmul(y.transpose());
    const ref = frob(K, Y) / Math.sqrt(frob(K, K) * frob(Y, Y));
    expect(alignmentLoss(k, labels).value).toBeCloseTo(-ref, 12);
    // A perfectly aligned kernel (K = yyᵀ) has alignment 1.
    expect(alignmentLoss(new KernelMatrix(6, 6, Float64Array.from(Y.to1DArray())), labels).value).toBeCloseTo(-1, 12);
  });

  it('centered KTA: −⟨HKH, HYH⟩_F/(‖HKH‖_F‖HYH‖_F) (Cortes et al.), H = I − 11ᵀ/n built explicitly', () => {
    const n = 6;
    const H = Matrix.eye(n).sub(Matrix.ones(n, n).div(n));
    const Kc = H.mmul(K).mmul(H);
    const Yc = H.mmul(y.mmul(y.transpose())).mmul(H);
    const ref = frob(Kc, Yc) / Math.sqrt(frob(Kc, Kc) * frob(Yc, Yc));
    expect(centeredAlignmentLoss(k, labels).value).toBeCloseTo(-ref, 12);
    // Centering matters: adding a constant to K moves KTA but not the centered alignment.
    const shifted = new KernelMatrix(6, 6, k.data.map((v) => v + 5));
    expect(centeredAlignmentLoss(shifted, labels).value).toBeCloseTo(-ref, 12);
    expect(Math.abs(alignmentLoss(shifted, labels).value - alignmentLoss(k, labels).value)).toBeGreaterThan(1e-3);
  });

  it.each([
    ['kta', alignmentLoss],
    ['centered-kta', centeredAlignmentLoss],
  ] as const)('%s: the gradient in K equals finite differences', (_name, loss) => {
    const g = loss(k, labels).gradient;
    const fd = entryDifferences((m) => loss(m, labels).value, k);
    fd.forEach((v, i) => expect(Math.abs(g[i]! - v)).toBeLessThan(1e-8));
    expect(Math.max(...fd.map(Math.abs))).toBeGreaterThan(1e-3);
  });

  it('labels: two classes by value (any two numbers); other counts are typed errors', () => {
    expect(Array.from(signedLabels([5, 2, 5], 3))).toEqual([1, -1, 1]);
    expect(() => signedLabels([0, 1, 2], 3)).toThrow(/exactly two classes, got 3/);
    expect(() => alignmentLoss(k, [0, 1])).toThrow(InputValidationError);
    expect(() => centeredAlignmentLoss(new KernelMatrix(2, 2, Float64Array.of(1, 1, 1, 1)), [0, 1])).toThrow(/centered kernel matrix is zero/);
  });
});

describe('SVC loss (qiskit-ml SVCLoss: the C-SVC dual objective at the optimum)', () => {
  it('two points, K = [[1, κ], [κ, 1]]: closed-form dual optimum α = min(C, 1/(1−κ))', async () => {
    const k = new KernelMatrix(2, 2, Float64Array.of(1, 0.5, 0.5, 1));
    // α1 = α2 = a maximises 2a − a²(1 − κ): a = 2 when C ≥ 2 (value 1/(1−κ) = 2), a = C otherwise.
    expect((await svcLoss({ C: 10, tolerance: 1e-10 })).evaluate(k, [0, 1]).value).toBeCloseTo(2, 8);
    expect((await svcLoss({ C: 1, tolerance: 1e-10 })).evaluate(k, [0, 1]).value).toBeCloseTo(2 - 0.5, 8);
    const g = (await svcLoss({ C: 1, tolerance: 1e-10 })).evaluate(k, [0, 1]).gradient;
    // −½ c_i c_j with c = (±1, ∓1): diagonal −½, off-diagonal +½.
    expect(Array.from(g).map((v) => Number(v.toFixed(8)))).toEqual([-0.5, 0.5, 0.5, -0.5]);
  });

  it('its gradient in K (α held fixed) equals finite differences of the re-solved optimum', async () => {
    const k = randomGram(6, 9);
    // A diagonal shift keeps K well conditioned, so the support set is stable under 1e-6 moves.
    const kk = new KernelMatrix(6, 6, k.data.map((v, i) => (i % 7 === 0 ? v + 0.5 : v)));
    const loss = await svcLoss({ C: 1, tolerance: 1e-12 });
    const g = loss.evaluate(kk, labels).gradient;
    const fd = entryDifferences((m) => loss.evaluate(m, labels).value, kk);
    fd.forEach((v, i) => expect(Math.abs(g[i]! - v)).toBeLessThan(1e-4));
    expect(Math.max(...fd.map(Math.abs))).toBeGreaterThan(1e-2);
  });

  it('dual coefficients parsed from libsvm satisfy Σ y_iα_i = 0 and 0 ≤ α ≤ C; a 3-class model is refused', async () => {
    const svc = await PrecomputedSvc.fit(randomGram(6, 2), labels, { C: 0.7 });
    const c = svc.dualCoefficients;
    expect(Math.abs(c.reduce((s, v) => s + v, 0))).toBeLessThan(1e-9);
    for (const v of c) expect(Math.abs(v)).toBeLessThanOrEqual(0.7 + 1e-12);
    expect(c.some((v) => v !== 0)).toBe(true);
    svc.dispose();
    expect(() => parseDualCoefficients('svm_type c_svc\nnr_class 3\nSV\n', 3)).toThrow(/exactly two classes, the libsvm model has 3/);
  });
});
