/**
 * Optimisers of kernel training, each recording a loss curve:
 * - SPSA (Spall, "Implementation of the simultaneous perturbation algorithm for stochastic
 *   optimization", 1998): gains a_k = a/(A + k + 1)^α, c_k = c/(k + 1)^γ with Spall's α = 0.602,
 *   γ = 0.101 and A = 10 % of the iterations; Bernoulli ±1 perturbations from a seeded PRNG;
 *   without `a`, a is calibrated as qiskit's SPSA.calibrate does: a = target·(A + 1)^α / mean
 *   |f(θ + cΔ) − f(θ − cΔ)| / (2c) over a few random Δ, target 2π/10.
 * - Adam (Kingma and Ba, 2015) on exact gradients (the parameter-shift rule).
 * - COBYLA: NLopt's LN_COBYLA (Powell's algorithm) compiled to WebAssembly, the nlopt-js
 *   package; nlopt-js exposes no initial step size, so NLopt's default applies.
 */
import { yieldToEventLoop } from '../../core/abort';
import { InputValidationError, throwIfAborted } from '../../core/errors';
import { Prng } from '../../core/random';

/** One point of a loss curve. */
export interface LossPoint {
  /** Iteration (SPSA, Adam) or objective evaluation (COBYLA), from 0 = the initial point. */
  step: number;
  /** The loss at this step's parameters. */
  loss: number;
  /** Objective evaluations spent up to and including this point. */
  evaluations: number;
}

/** A value and its gradient. */
export interface ValueAndGradient {
  /** f(θ). */
  value: number;
  /** ∇f(θ), one entry per parameter. */
  gradient: Float64Array;
}

/** SPSA's gain constants: a_k = a/(A + k + 1)^alpha, c_k = c/(k + 1)^gamma. */
export interface SpsaGains {
  /** Learning-rate numerator. */
  a: number;
  /** Perturbation numerator. */
  c: number;
  /** Stability constant. */
  A: number;
  /** Learning-rate decay exponent. */
  alpha: number;
  /** Perturbation decay exponent. */
  gamma: number;
}

/** What an optimiser minimises: the value, and for Adam the gradient. Both synchronous. */
export interface Objective {
  /** f(θ). */
  value(theta: Float64Array): number;
  /** f(θ) and ∇f(θ) (needed by Adam only). */
  valueAndGradient?(theta: Float64Array): ValueAndGradient;
}

/** What an optimiser returns. */
export interface OptimizerResult {
  /** The optimiser's name. */
  optimizer: 'spsa' | 'adam' | 'cobyla';
  /** The final parameters (SPSA, Adam: the last iterate; COBYLA: NLopt's result). */
  x: number[];
  /** The loss at `x`. */
  fun: number;
  /** Objective evaluations (a gradient counts as one; it costs more statevectors). */
  evaluations: number;
  /** The loss curve. */
  curve: LossPoint[];
  /** The gains SPSA used (calibrated or given). */
  gains?: SpsaGains;
}

/** What every optimiser takes besides its own settings. */
export interface RunControl {
  /**
   * Stops the run with an `AbortedError` between iterations (SPSA, Adam; they yield to the
   * event loop after each iteration so a Ctrl-C handler can run). COBYLA runs inside NLopt's
   * synchronous loop and sees the signal only when it starts.
   */
  signal?: AbortSignal;
  /** Called with each curve point as it is recorded. */
  onPoint?: (point: LossPoint) => void;
}

/** Options of {@link spsa}. */
export interface SpsaOptions extends RunControl {
  /** Iterations. Default 100. */
  maxiter?: number;
  /** Learning-rate numerator a; calibrated when absent. */
  a?: number;
  /** Perturbation numerator c. Default 0.2 (qiskit's calibration default). */
  c?: number;
  /** Stability constant A. Default 10 % of `maxiter` (Spall's guideline). */
  A?: number;
  /** Learning-rate decay exponent. Default 0.602. */
  alpha?: number;
  /** Perturbation decay exponent. Default 0.101. */
  gamma?: number;
  /** PRNG seed of the perturbations. Default 0. */
  seed?: number;
  /** Random perturbations averaged by the calibration of a. Default 10 (2 evaluations each). */
  calibrationSteps?: number;
  /** First-step magnitude the calibration aims for. Default 2π/10. */
  targetMagnitude?: number;
}

function positiveInt(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) throw new InputValidationError(`${name} must be an integer ≥ 1, got ${String(v)}`);
  return v;
}

function positive(name: string, v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) throw new InputValidationError(`${name} must be a positive number, got ${String(v)}`);
  return v;
}

function checkStart(x0: ArrayLike<number>): Float64Array {
  const x = Float64Array.from(x0);
  if (x.length === 0) throw new InputValidationError('the initial point has no parameters');
  x.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new InputValidationError(`initial point entry ${i} is not a finite number`);
  });
  return x;
}

/** A ±1 vector from `rng`. */
function bernoulli(rng: Prng, n: number): Float64Array {
  return Float64Array.from({ length: n }, () => (rng.next() < 0.5 ? -1 : 1));
}

/**
 * SPSA: per iteration two evaluations at θ ± c_kΔ, the gradient estimate
 * ĝ_i = (f(θ + c_kΔ) − f(θ − c_kΔ)) / (2c_kΔ_i), the step θ ← θ − a_k·ĝ; the curve records the
 * loss at each new θ (one more evaluation per iteration, so the curve is the loss itself, not the
 * perturbed evaluations' mean).
 */
export async function spsa(objective: Objective, x0: ArrayLike<number>, options: SpsaOptions = {}): Promise<OptimizerResult> {
  const maxiter = positiveInt('maxiter', options.maxiter ?? 100);
  const c = positive('the SPSA perturbation c', options.c ?? 0.2);
  const alpha = positive('the SPSA exponent alpha', options.alpha ?? 0.602);
  const gamma = positive('the SPSA exponent gamma', options.gamma ?? 0.101);
  const A = options.A ?? 0.1 * maxiter;
  if (!(A >= 0) || !Number.isFinite(A)) throw new InputValidationError(`the SPSA stability constant A must be ≥ 0, got ${String(A)}`);
  const rng = new Prng(options.seed ?? 0);
  const x = checkStart(x0);
  const n = x.length;
  let evaluations = 0;
  const f = (t: Float64Array): number => {
    evaluations++;
    return objective.value(t);
  };
  const plus = new Float64Array(n);
  const minus = new Float64Array(n);
  const perturbed = (delta: Float64Array, ck: number): number => {
    for (let i = 0; i < n; i++) {
      plus[i] = x[i]! + ck * delta[i]!;
      minus[i] = x[i]! - ck * delta[i]!;
    }
    return (f(plus) - f(minus)) / (2 * ck);
  };
  let a = options.a;
  if (a === undefined) {
    const steps = positiveInt('calibrationSteps', options.calibrationSteps ?? 10);
    const target = positive('targetMagnitude', options.targetMagnitude ?? (2 * Math.PI) / 10);
    let mag = 0;
    for (let s = 0; s < steps; s++) mag += Math.abs(perturbed(bernoulli(rng, n), c)) / steps;
    // A flat loss around θ0 gives no scale; fall back to the target itself.
    a = mag > 0 ? (target * (A + 1) ** alpha) / mag : target;
  }
  positive('the SPSA learning rate a', a);
  throwIfAborted(options.signal);
  const curve: LossPoint[] = [];
  const record = (p: LossPoint): void => {
    curve.push(p);
    options.onPoint?.(p);
  };
  record({ step: 0, loss: f(x), evaluations });
  let loss = curve[0]!.loss;
  for (let k = 0; k < maxiter; k++) {
    await yieldToEventLoop();
    throwIfAborted(options.signal);
    const ak = a / (A + k + 1) ** alpha;
    const ck = c / (k + 1) ** gamma;
    const delta = bernoulli(rng, n);
    const g = perturbed(delta, ck);
    for (let i = 0; i < n; i++) x[i] = x[i]! - (ak * g) / delta[i]!;
    loss = f(x);
    record({ step: k + 1, loss, evaluations });
  }
  return { optimizer: 'spsa', x: Array.from(x), fun: loss, evaluations, curve, gains: { a, c, A, alpha, gamma } };
}

/** Options of {@link adam}. */
export interface AdamOptions extends RunControl {
  /** Iterations. Default 100. */
  maxiter?: number;
  /** Step size. Default 0.05. */
  learningRate?: number;
  /** First-moment decay. Default 0.9. */
  beta1?: number;
  /** Second-moment decay. Default 0.999. */
  beta2?: number;
  /** Denominator guard. Default 1e-8. */
  epsilon?: number;
}

/**
 * Adam: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − lr·m̂/(√v̂ + ε) with the bias
 * corrections m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ). The curve records the loss at each iterate
 * (computed with its gradient); the last point is the loss at the returned θ.
 */
export async function adam(objective: Objective, x0: ArrayLike<number>, options: AdamOptions = {}): Promise<OptimizerResult> {
  if (!objective.valueAndGradient) throw new InputValidationError('Adam needs the gradient of the loss');
  const maxiter = positiveInt('maxiter', options.maxiter ?? 100);
  const lr = positive('the Adam learning rate', options.learningRate ?? 0.05);
  const b1 = options.beta1 ?? 0.9;
  const b2 = options.beta2 ?? 0.999;
  if (!(b1 >= 0 && b1 < 1) || !(b2 >= 0 && b2 < 1)) throw new InputValidationError('Adam betas must be in [0, 1)');
  const eps = options.epsilon ?? 1e-8;
  const x = checkStart(x0);
  const n = x.length;
  const m = new Float64Array(n);
  const v = new Float64Array(n);
  const curve: LossPoint[] = [];
  const record = (p: LossPoint): void => {
    curve.push(p);
    options.onPoint?.(p);
  };
  let evaluations = 0;
  for (let t = 1; t <= maxiter; t++) {
    throwIfAborted(options.signal);
    const { value, gradient } = objective.valueAndGradient(x);
    evaluations++;
    record({ step: t - 1, loss: value, evaluations });
    for (let i = 0; i < n; i++) {
      const g = gradient[i]!;
      m[i] = b1 * m[i]! + (1 - b1) * g;
      v[i] = b2 * v[i]! + (1 - b2) * g * g;
      const mh = m[i]! / (1 - b1 ** t);
      const vh = v[i]! / (1 - b2 ** t);
      x[i] = x[i]! - (lr * mh) / (Math.sqrt(vh) + eps);
    }
    await yieldToEventLoop();
  }
  throwIfAborted(options.signal);
  const fun = objective.value(x);
  evaluations++;
  record({ step: maxiter, loss: fun, evaluations });
  return { optimizer: 'adam', x: Array.from(x), fun, evaluations, curve };
}

/** Options of {@link cobyla}. */
export interface CobylaOptions extends RunControl {
  /** Most objective evaluations. Default 100. */
  maxiter?: number;
  /** Relative tolerance on the loss (NLopt's ftol_rel, the only stop besides maxiter nlopt-js takes). Default 1e-8. */
  tolerance?: number;
}

interface NloptModule {
  ready: Promise<unknown>;
  Algorithm: Record<string, number>;
  Optimize: new (algorithm: number, n: number) => {
    setMinObjective(f: (x: number[], grad: number[] | null) => number, tol: number): void;
    setMaxeval(n: number): void;
    optimize(x0: number[]): { success: boolean; x: number[]; value: number };
  };
  GC: { flush(): void };
}

let nloptModule: Promise<NloptModule> | undefined;

/** Loads nlopt-js and waits for its WebAssembly module, once. */
function loadNlopt(): Promise<NloptModule> {
  nloptModule ??= (async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const m = require('nlopt-js') as NloptModule;
    await m.ready;
    return m;
  })();
  return nloptModule;
}

/**
 * COBYLA (derivative-free, NLopt's LN_COBYLA through nlopt-js). Every objective evaluation is a
 * curve point; an error thrown by the objective ends the run and is rethrown as is.
 */
export async function cobyla(objective: Objective, x0: ArrayLike<number>, options: CobylaOptions = {}): Promise<OptimizerResult> {
  const maxiter = positiveInt('maxiter', options.maxiter ?? 100);
  const tol = options.tolerance ?? 1e-8;
  if (!(tol >= 0)) throw new InputValidationError(`the COBYLA tolerance must be ≥ 0, got ${String(tol)}`);
  const x = checkStart(x0);
  const nlopt = await loadNlopt();
  throwIfAborted(options.signal);
  const curve: LossPoint[] = [];
  let failure: { error: unknown } | undefined;
  const opt = new nlopt.Optimize(nlopt.Algorithm.LN_COBYLA!, x.length);
  try {
    opt.setMinObjective((p) => {
      // Once the objective has failed, report a constant so NLopt stops soon; the error is rethrown after.
      if (failure) return curve.length ? curve[curve.length - 1]!.loss : 0;
      try {
        const loss = objective.value(Float64Array.from(p));
        const point = { step: curve.length, loss, evaluations: curve.length + 1 };
        curve.push(point);
        options.onPoint?.(point);
        return loss;
      } catch (error) {
        failure = { error };
        throw error;
      }
    }, tol);
    opt.setMaxeval(maxiter);
    let result: { x: number[]; value: number } | undefined;
    try {
      result = opt.optimize(Array.from(x));
    } catch (error) {
      throw failure ? failure.error : error;
    }
    if (failure) throw failure.error;
    return { optimizer: 'cobyla', x: Array.from(result.x), fun: result.value, evaluations: curve.length, curve };
  } finally {
    nlopt.GC.flush();
  }
}
