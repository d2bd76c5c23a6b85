import { InputValidationError } from '../../../src/core/errors';
import { adHocData, zzFeatureMap } from '../../../src/kernel';
import { alignmentLoss } from '../../../src/kernel/train/losses';
import { PrecomputedSvc } from '../../../src/kernel/train/svc';
import { TrainableFidelityKernel } from '../../../src/kernel/train/trainable-kernel';
import { trainableRotationFeatureMap } from '../../../src/kernel/train/trainable-map';
import { KernelTrainer } from '../../../src/kernel/train/trainer';

// The qiskit-ml kernel-training tutorial's data: ad hoc, 2 features, gap 0.3, seed 12345.
const data = adHocData({ trainingSize: 10, testSize: 10, n: 2, gap: 0.3, seed: 12345 });

function makeKernel(shared = false): TrainableFidelityKernel {
  return new TrainableFidelityKernel(
    trainableRotationFeatureMap({ featureMap: zzFeatureMap({ featureDimension: 2, reps: 2, entanglement: 'linear' }), shared }),
  );
}

/** Test accuracy of libsvm's C-SVC on the kernel at θ. */
async function testAccuracy(kernel: TrainableFidelityKernel, theta: number[]): Promise<number> {
  const svc = await PrecomputedSvc.fit(kernel.evaluate(theta, data.trainingFeatures), data.trainingLabels);
  try {
    return svc.accuracy(kernel.evaluate(theta, data.testFeatures, data.trainingFeatures), data.testLabels);
  } finally {
    svc.dispose();
  }
}

const kta = (kernel: TrainableFidelityKernel, theta: number[]): number =>
  -alignmentLoss(kernel.evaluate(theta, data.trainingFeatures), data.trainingLabels).value;

describe('KernelTrainer on the ad hoc dataset (fixed seed)', () => {
  it.each([
    ['kta', 'adam'],
    ['kta', 'spsa'],
    ['centered-kta', 'cobyla'],
    ['svc', 'spsa'],
  ] as const)('acceptance: %s with %s raises the alignment and the test accuracy is no worse', async (loss, optimizer) => {
    const kernel = makeKernel();
    const result = await new KernelTrainer({ kernel, loss, optimizer, maxiter: 25, seed: 1 }).fit(data.trainingFeatures, data.trainingLabels);
    expect(result.loss).toBeLessThan(result.initialLoss);
    expect(kta(kernel, result.theta)).toBeGreaterThan(kta(kernel, result.initialTheta) + 0.01);
    expect(await testAccuracy(kernel, result.theta)).toBeGreaterThanOrEqual(await testAccuracy(kernel, result.initialTheta));
    // The curve starts at the untrained loss (first point at θ0) and its best point is the reported loss or better.
    expect(result.curve[0]!.loss).toBeCloseTo(result.initialLoss, 12);
    expect(Math.min(...result.curve.map((p) => p.loss))).toBeLessThanOrEqual(result.loss + 1e-12);
    expect(result.initialTheta).toHaveLength(2);
    expect(result.statevectors).toBeGreaterThan(0);
  });

  it('the objective gradient (∂L/∂K · parameter-shift ∂K/∂θ) equals finite differences of the loss to 1e-6', async () => {
    const kernel = makeKernel(true);
    for (const loss of ['kta', 'centered-kta'] as const) {
      const trainer = new KernelTrainer({ kernel, loss });
      const f = trainer.objective(data.trainingFeatures, data.trainingLabels, await trainer.lossFunction());
      const theta = Float64Array.of(0.6);
      const h = 1e-5;
      const fd = (f.value(Float64Array.of(0.6 + h)) - f.value(Float64Array.of(0.6 - h))) / (2 * h);
      const { value, gradient } = f.valueAndGradient!(theta);
      expect(value).toBeCloseTo(f.value(theta), 14);
      expect(Math.abs(gradient[0]! - fd)).toBeLessThan(1e-6);
      expect(Math.abs(fd)).toBeGreaterThan(1e-3);
    }
  });

  it('the default initial point is seeded uniform [0, 1); a given one is used as is', () => {
    const kernel = makeKernel();
    const a = new KernelTrainer({ kernel, seed: 3 }).initialPoint();
    expect(a).toEqual(new KernelTrainer({ kernel, seed: 3 }).initialPoint());
    expect(a).not.toEqual(new KernelTrainer({ kernel, seed: 4 }).initialPoint());
    for (const v of a) expect(v >= 0 && v < 1).toBe(true);
    expect(new KernelTrainer({ kernel, initialPoint: [0.5, -1] }).initialPoint()).toEqual([0.5, -1]);
  });

  it('bad settings: typed errors naming them', async () => {
    const kernel = makeKernel();
    expect(() => new KernelTrainer({ kernel, loss: 'hinge' as never })).toThrow(/loss must be one of kta, centered-kta, svc/);
    expect(() => new KernelTrainer({ kernel, optimizer: 'lbfgs' as never })).toThrow(/optimizer must be one of spsa, adam, cobyla/);
    expect(() => new KernelTrainer({ kernel, initialPoint: [1] })).toThrow(/initial point has 1 values/);
    await expect(new KernelTrainer({ kernel }).fit([[0, 1], [1, 0], [2, 2]], [0, 1, 2])).rejects.toThrow(InputValidationError);
  });
});

describe('public API of kernel training', () => {
  it('the package root exports the trainer, kernel, maps, losses and optimisers', async () => {
    const qbridge = (await import('../../../src')) as Record<string, unknown>;
    for (const name of ['KernelTrainer', 'TrainableFidelityKernel', 'TrainableFeatureMap', 'trainableRotationFeatureMap', 'PrecomputedSvc', 'alignmentLoss', 'centeredAlignmentLoss', 'svcLoss', 'spsa', 'adam', 'cobyla']) {
      expect(typeof qbridge[name]).toBe('function');
    }
    expect(qbridge.KERNEL_LOSSES).toEqual(['kta', 'centered-kta', 'svc']);
    expect(qbridge.KERNEL_OPTIMIZERS).toEqual(['spsa', 'adam', 'cobyla']);
  });
});
