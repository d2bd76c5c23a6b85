/**
 * The kernel trainer (qiskit-machine-learning's QuantumKernelTrainer): chooses θ of a
 * {@link TrainableFidelityKernel} that minimises a loss of the training Gram matrix, with SPSA,
 * Adam (exact parameter-shift gradients) or COBYLA, and records the loss curve.
 */
import { InputValidationError } from '../../core/errors';
import { Prng } from '../../core/random';
import { toFeatureMatrix, type FeatureInput } from '../inputs';
import type { KernelMatrix } from '../kernel-matrix';
import { ALIGNMENT_LOSSES, KERNEL_LOSSES, signedLabels, svcLoss, type KernelLoss, type KernelLossName } from './losses';
import { adam, cobyla, spsa, type LossPoint, type RunControl, type Objective, type OptimizerResult, type SpsaGains } from './optimizers';
import type { TrainableFidelityKernel } from './trainable-kernel';

/** The optimisers {@link KernelTrainer} offers. */
export type KernelOptimizerName = 'spsa' | 'adam' | 'cobyla';

/** Every {@link KernelOptimizerName}. */
export const KERNEL_OPTIMIZERS: readonly KernelOptimizerName[] = ['spsa', 'adam', 'cobyla'];

/** Options of {@link KernelTrainer}. */
export interface KernelTrainerOptions {
  /** The kernel whose θ is trained. */
  kernel: TrainableFidelityKernel;
  /** Default 'kta'. */
  loss?: KernelLossName;
  /** Default 'adam'. */
  optimizer?: KernelOptimizerName;
  /** Iterations (SPSA, Adam) or objective evaluations (COBYLA). Default 50. */
  maxiter?: number;
  /** Starting θ; default uniform in [0, 1) from `seed` (qiskit-ml draws `random(num_params)`). */
  initialPoint?: readonly number[];
  /** Seed of the default initial point and of SPSA's perturbations. Default 0. */
  seed?: number;
  /** Adam's step size (default 0.05), or SPSA's a (calibrated when absent). */
  learningRate?: number;
  /** SPSA's perturbation c. Default 0.2. */
  perturbation?: number;
  /** C of the SVC loss. Default 1. */
  C?: number;
}

/** What {@link KernelTrainer.fit} returns. */
export interface KernelTrainingResult {
  /** The trained θ. */
  theta: number[];
  /** θ the training started from. */
  initialTheta: number[];
  /** The loss at `theta` and at `initialTheta`. */
  loss: number;
  /** The loss at `initialTheta`. */
  initialLoss: number;
  /** Which loss and which optimiser. */
  lossName: KernelLossName;
  /** Which optimiser. */
  optimizer: KernelOptimizerName;
  /** The loss curve (see {@link LossPoint}). */
  curve: LossPoint[];
  /** Objective evaluations. */
  evaluations: number;
  /** Statevectors simulated during training (shifted copies included). */
  statevectors: number;
  /** SPSA's gains, when SPSA ran. */
  gains?: SpsaGains;
}

/**
 * Trains a {@link TrainableFidelityKernel}.
 *
 * @example
 * const kernel = new TrainableFidelityKernel(trainableRotationFeatureMap({ featureMap: zzFeatureMap({ featureDimension: 2 }) }));
 * const result = await new KernelTrainer({ kernel, loss: 'centered-kta', optimizer: 'adam', maxiter: 30 }).fit(x, labels);
 * result.theta; // the trained parameters; result.curve: the loss per iteration
 */
export class KernelTrainer {
  /** The trainer's settings, defaults filled in. */
  readonly options: Required<Omit<KernelTrainerOptions, 'initialPoint' | 'learningRate'>> & Pick<KernelTrainerOptions, 'initialPoint' | 'learningRate'>;

  /**
   * @param options - kernel, loss, optimiser and their settings
   * @throws {@link InputValidationError} for an unknown loss or optimiser name, or a bad initial point
   */
  constructor(options: KernelTrainerOptions) {
    const loss = options.loss ?? 'kta';
    const optimizer = options.optimizer ?? 'adam';
    if (!KERNEL_LOSSES.includes(loss)) throw new InputValidationError(`loss must be one of ${KERNEL_LOSSES.join(', ')}, got '${String(loss)}'`);
    if (!KERNEL_OPTIMIZERS.includes(optimizer)) {
      throw new InputValidationError(`optimizer must be one of ${KERNEL_OPTIMIZERS.join(', ')}, got '${String(optimizer)}'`);
    }
    if (options.initialPoint) options.kernel.featureMap.checkTheta(options.initialPoint, 'the initial point');
    this.options = { ...options, loss, optimizer, maxiter: options.maxiter ?? 50, seed: options.seed ?? 0, perturbation: options.perturbation ?? 0.2, C: options.C ?? 1 };
  }

  /** The loss object (the SVC loss loads libsvm). */
  async lossFunction(): Promise<KernelLoss> {
    return this.options.loss === 'svc' ? svcLoss({ C: this.options.C }) : ALIGNMENT_LOSSES[this.options.loss];
  }

  /** The starting θ: the given one, or uniform [0, 1) from the seed. */
  initialPoint(): number[] {
    if (this.options.initialPoint) return [...this.options.initialPoint];
    const rng = new Prng(this.options.seed);
    return Array.from({ length: this.options.kernel.featureMap.numTrainingParameters }, () => rng.next());
  }

  /**
   * The loss of θ on (x, labels) and its gradient ∂L/∂θ_k = Σ_ij ∂L/∂K_ij · ∂K_ij/∂θ_k (K from the
   * parameter-shift rule), as the optimisers' objective.
   */
  objective(x: FeatureInput, labels: readonly number[], loss: KernelLoss): Objective {
    const kernel = this.options.kernel;
    const X = toFeatureMatrix(x, kernel.featureMap.featureDimension, 'x');
    signedLabels(labels, X.rows);
    return {
      value: (theta) => loss.evaluate(kernel.evaluate(theta, X), labels).value,
      valueAndGradient: (theta) => {
        const { value: k, gradient: dk } = kernel.gradient(theta, X);
        const { value, gradient: dl } = loss.evaluate(k, labels);
        return { value, gradient: Float64Array.from(dk, (d) => dot(dl, d)) };
      },
    };
  }

  /**
   * Trains θ on (x, labels): two classes, any two label values. `control` passes an abort signal
   * and a per-point callback to the optimiser.
   * @throws {@link InputValidationError} for bad features, labels or settings; `AbortedError` when `control.signal` fires
   */
  async fit(x: FeatureInput, labels: readonly number[], control: RunControl = {}): Promise<KernelTrainingResult> {
    const o = this.options;
    const before = o.kernel.counters.statevectors;
    const loss = await this.lossFunction();
    const objective = this.objective(x, labels, loss);
    const x0 = this.initialPoint();
    const initialLoss = objective.value(Float64Array.from(x0));
    let r: OptimizerResult;
    if (o.optimizer === 'adam') r = await adam(objective, x0, { ...control, maxiter: o.maxiter, learningRate: o.learningRate });
    else if (o.optimizer === 'spsa') r = await spsa(objective, x0, { ...control, maxiter: o.maxiter, a: o.learningRate, c: o.perturbation, seed: o.seed });
    else r = await cobyla(objective, x0, { ...control, maxiter: o.maxiter });
    return {
      theta: r.x,
      initialTheta: x0,
      loss: r.fun,
      initialLoss,
      lossName: o.loss,
      optimizer: o.optimizer,
      curve: r.curve,
      evaluations: r.evaluations + 1,
      statevectors: o.kernel.counters.statevectors - before,
      ...(r.gains ? { gains: r.gains } : {}),
    };
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** The loss of a fixed Gram matrix (helper for reports: the loss of the untrained kernel). */
export async function kernelLoss(name: KernelLossName, k: KernelMatrix, labels: readonly number[], C = 1): Promise<number> {
  const loss = name === 'svc' ? await svcLoss({ C }) : ALIGNMENT_LOSSES[name];
  return loss.evaluate(k, labels).value;
}
