/**
 * The trainable fidelity kernel K_θ(x, y) = |⟨ψ(y, θ)|ψ(x, θ)⟩|² on the exact statevector path,
 * and its gradient in θ by the parameter-shift rule.
 *
 * θ appears in BOTH states, so every θ-gate occurs twice in the overlap circuit U(y)†U(x): once
 * in ψ(x) and once (inverted) in ψ(y). The shift rule is applied to each occurrence on its own:
 * shifting occurrence o in ψ(x_i) only and in ψ(x_j) only,
 *   ∂K_ij/∂θ_k = Σ_o ½ [ c_o(x_i)·(|⟨ψ_j|ψ_i^{o+}⟩|² − |⟨ψ_j|ψ_i^{o−}⟩|²)
 *                      + c_o(x_j)·(|⟨ψ_j^{o+}|ψ_i⟩|² − |⟨ψ_j^{o−}|ψ_i⟩|²) ],
 * where ψ^{o±} has occurrence o's angle moved by ±π/2 and c_o(x) = ∂angle_o(x, θ)/∂θ_k (chain
 * rule; 1 for a plain θ_k angle). As a function of one gate's angle a (the inverted copy has
 * angle −a, still a first-order trigonometric polynomial in a) each term is A + B cos a + C sin a,
 * for which the two-term rule is exact.
 */
import { InputValidationError } from '../../core/errors';
import { gramCrossRows, gramSymmetricRows, type StateBlock } from '../gram-loops';
import { toFeatureMatrix, type FeatureInput, type FeatureMatrix } from '../inputs';
import { KernelMatrix } from '../kernel-matrix';
import { TrainableFeatureMap } from './trainable-map';

/** Most amplitudes (2^n × points, all shifted copies included) one evaluation may hold: 2^26 (1 GiB). */
export const MAX_TRAINABLE_AMPLITUDES = 2 ** 26;

/** A Gram matrix and its derivatives in θ ({@link TrainableFidelityKernel.gradient}). */
export interface KernelGradient {
  /** K_θ(x, x). */
  value: KernelMatrix;
  /** `gradient[k]`: ∂K/∂θ_k, n×n row-major. */
  gradient: Float64Array[];
}

/** Statistics of a {@link TrainableFidelityKernel}. */
export interface TrainableKernelCounters {
  /** Statevectors simulated so far (shifted copies included). */
  statevectors: number;
}

/**
 * The fidelity kernel of a {@link TrainableFeatureMap}, exact (statevector) path, with the
 * parameter-shift gradient of the Gram matrix in θ.
 *
 * @example
 * const kernel = new TrainableFidelityKernel(trainableRotationFeatureMap({ featureMap: zzFeatureMap({ featureDimension: 2 }) }));
 * const k = kernel.evaluate([0.3, 0.1], [[0.1, 0.2], [1, 2]]);
 * const { value, gradient } = kernel.gradient([0.3, 0.1], [[0.1, 0.2], [1, 2]]); // gradient[k] = ∂K/∂θ_k
 */
export class TrainableFidelityKernel {
  /** The trainable feature map. */
  readonly featureMap: TrainableFeatureMap;
  /** Work counters. */
  readonly counters: TrainableKernelCounters = { statevectors: 0 };

  /**
   * Wraps a trainable feature map.
   * @param featureMap - the map U(x, θ)
   */
  constructor(featureMap: TrainableFeatureMap) {
    this.featureMap = featureMap;
  }

  /** Feature rows checked against the map's dimension. */
  matrix(x: FeatureInput, what = 'x'): FeatureMatrix {
    return toFeatureMatrix(x, this.featureMap.featureDimension, what);
  }

  /**
   * The states of every row of `m` at θ (occurrence `shift` moved by `delta` when given).
   * @internal
   */
  states(theta: ArrayLike<number>, m: FeatureMatrix, shift?: { occurrence: number; delta: number }): StateBlock {
    const dim = 2 ** this.featureMap.numQubits;
    if (m.rows * dim > MAX_TRAINABLE_AMPLITUDES) {
      throw new InputValidationError(
        `the trainable kernel would hold ${m.rows} statevectors of ${this.featureMap.numQubits} qubits at once; use fewer points or qubits`,
      );
    }
    const re = new Float64Array(m.rows * dim);
    const im = new Float64Array(m.rows * dim);
    for (let i = 0; i < m.rows; i++) {
      this.featureMap.stateInto(m.data, i * m.cols, theta, re.subarray(i * dim, (i + 1) * dim), im.subarray(i * dim, (i + 1) * dim), shift);
    }
    this.counters.statevectors += m.rows;
    return { count: m.rows, dim, re, im };
  }

  /**
   * K_θ(x, y): rows = x points, columns = y points; `y` omitted: the symmetric Gram matrix of x.
   * @throws {@link InputValidationError} for a wrong θ length, bad features or too large an input
   */
  evaluate(theta: ArrayLike<number>, x: FeatureInput, y?: FeatureInput): KernelMatrix {
    this.featureMap.checkTheta(theta);
    const X = this.matrix(x, 'x');
    const a = this.states(theta, X);
    if (y === undefined) {
      const out = new Float64Array(X.rows * X.rows);
      gramSymmetricRows(a, out, 0, X.rows);
      return new KernelMatrix(X.rows, X.rows, out);
    }
    const Y = this.matrix(y, 'y');
    const b = this.states(theta, Y);
    const out = new Float64Array(X.rows * Y.rows);
    gramCrossRows(a, b, out, 0, X.rows);
    return new KernelMatrix(X.rows, Y.rows, out);
  }

  /**
   * The symmetric Gram matrix of `x` at θ and its parameter-shift gradient: `gradient[k]` is the
   * n×n matrix ∂K/∂θ_k (row-major). Costs n·(1 + 2·occurrences) statevectors.
   */
  gradient(theta: ArrayLike<number>, x: FeatureInput): KernelGradient {
    const fm = this.featureMap;
    fm.checkTheta(theta);
    const X = this.matrix(x, 'x');
    const n = X.rows;
    const base = this.states(theta, X);
    const value = new Float64Array(n * n);
    gramSymmetricRows(base, value, 0, n);
    const p = fm.numTrainingParameters;
    const gradient = Array.from({ length: p }, () => new Float64Array(n * n));
    const plus = new Float64Array(n * n);
    const minus = new Float64Array(n * n);
    const coef = new Float64Array(n * p);
    const row = new Float64Array(p);
    for (let o = 0; o < fm.occurrences.length; o++) {
      // D[i][j] = |⟨ψ_j|ψ_i^{o+}⟩|² − |⟨ψ_j|ψ_i^{o−}⟩|²: occurrence o shifted in the row state only.
      gramCrossRows(this.states(theta, X, { occurrence: o, delta: TrainableFeatureMap.SHIFT }), base, plus, 0, n);
      gramCrossRows(this.states(theta, X, { occurrence: o, delta: -TrainableFeatureMap.SHIFT }), base, minus, 0, n);
      for (let i = 0; i < n; i++) {
        fm.angleGradientInto(o, X.data, i * X.cols, theta, row);
        coef.set(row, i * p);
      }
      for (const k of fm.occurrences[o]!.thetas) {
        const g = gradient[k]!;
        for (let i = 0; i < n; i++) {
          const ci = coef[i * p + k]!;
          for (let j = 0; j < n; j++) {
            const cj = coef[j * p + k]!;
            // The shift in ψ_i (row i of D) and the shift in ψ_j (row j of D, read transposed).
            g[i * n + j] += 0.5 * (ci * (plus[i * n + j]! - minus[i * n + j]!) + cj * (plus[j * n + i]! - minus[j * n + i]!));
          }
        }
      }
    }
    return { value: new KernelMatrix(n, n, value), gradient };
  }
}
