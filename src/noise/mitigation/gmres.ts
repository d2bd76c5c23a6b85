/**
 * Restarted GMRES (Saad & Schultz 1986) with a Jacobi (diagonal) left preconditioner, for the
 * large reduced assignment systems of readout mitigation, given only a matrix-vector product
 * (the matrix is never stored). Arnoldi by modified Gram–Schmidt, the small least-squares
 * problem by Givens rotations: the textbook algorithm, nothing tuned.
 */

/** Options of {@link gmres}. */
export interface GmresOptions {
  /** Krylov vectors per cycle. */
  readonly restart: number;
  /** Restart cycles at most. */
  readonly maxCycles: number;
  /** Stop when ‖D⁻¹(b − A·x)‖ ≤ tol · ‖D⁻¹b‖. */
  readonly tol: number;
}

/** What {@link gmres} found. */
export interface GmresResult {
  /** The solution estimate. */
  readonly x: Float64Array;
  /** Arnoldi steps taken over all cycles. */
  readonly iterations: number;
  /** The last preconditioned relative residual. */
  readonly relativeResidual: number;
  /** Whether the tolerance was met. */
  readonly converged: boolean;
}

const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

/**
 * Solves A·x = b for x with restarted GMRES on D⁻¹A·x = D⁻¹b.
 * @param matvec - writes A·v into `out`
 * @param diagonal - A's diagonal (the Jacobi preconditioner); no entry may be 0
 */
export function gmres(
  matvec: (v: Float64Array, out: Float64Array) => void,
  diagonal: Float64Array,
  b: Float64Array,
  options: GmresOptions,
): GmresResult {
  const n = b.length;
  const m = Math.max(1, Math.min(options.restart, n));
  const x = new Float64Array(n);
  const pb = b.map((v, i) => v / diagonal[i]!);
  const bnorm = Math.sqrt(dot(pb, pb)) || 1;
  const V = Array.from({ length: m + 1 }, () => new Float64Array(n));
  const H = Array.from({ length: m + 1 }, () => new Float64Array(m));
  const cs = new Float64Array(m);
  const sn = new Float64Array(m);
  const g = new Float64Array(m + 1);
  const w = new Float64Array(n);
  let iterations = 0;
  let rel = Infinity;
  // Preconditioned residual D⁻¹(b − A·x) into r.
  const residual = (r: Float64Array): void => {
    matvec(x, w);
    for (let i = 0; i < n; i++) r[i] = (b[i]! - w[i]!) / diagonal[i]!;
  };
  for (let cycle = 0; cycle < options.maxCycles; cycle++) {
    const r = V[0]!;
    residual(r);
    const beta = Math.sqrt(dot(r, r));
    rel = beta / bnorm;
    if (rel <= options.tol) return { x, iterations, relativeResidual: rel, converged: true };
    for (let i = 0; i < n; i++) r[i] = r[i]! / beta;
    g.fill(0);
    g[0] = beta;
    let k = 0;
    for (; k < m; k++) {
      iterations++;
      const vk1 = V[k + 1]!;
      matvec(V[k]!, w);
      for (let i = 0; i < n; i++) vk1[i] = w[i]! / diagonal[i]!;
      for (let j = 0; j <= k; j++) {
        const h = dot(vk1, V[j]!);
        H[j]![k] = h;
        const vj = V[j]!;
        for (let i = 0; i < n; i++) vk1[i] = vk1[i]! - h * vj[i]!;
      }
      const hk1 = Math.sqrt(dot(vk1, vk1));
      H[k + 1]![k] = hk1;
      if (hk1 > 0) for (let i = 0; i < n; i++) vk1[i] = vk1[i]! / hk1;
      // Earlier rotations on the new column, then the one that zeroes H[k+1][k].
      for (let j = 0; j < k; j++) {
        const a = H[j]![k]!, c = H[j + 1]![k]!;
        H[j]![k] = cs[j]! * a + sn[j]! * c;
        H[j + 1]![k] = -sn[j]! * a + cs[j]! * c;
      }
      const a = H[k]![k]!, c = H[k + 1]![k]!;
      const d = Math.hypot(a, c) || 1;
      cs[k] = a / d;
      sn[k] = c / d;
      H[k]![k] = cs[k]! * a + sn[k]! * c;
      H[k + 1]![k] = 0;
      g[k + 1] = -sn[k]! * g[k]!;
      g[k] = cs[k]! * g[k]!;
      rel = Math.abs(g[k + 1]!) / bnorm;
      if (rel <= options.tol || hk1 === 0) {
        k++;
        break;
      }
    }
    // Back substitution for the k coefficients, then x += V·y.
    const y = new Float64Array(k);
    for (let i = k - 1; i >= 0; i--) {
      let s = g[i]!;
      for (let j = i + 1; j < k; j++) s -= H[i]![j]! * y[j]!;
      y[i] = s / H[i]![i]!;
    }
    for (let j = 0; j < k; j++) {
      const vj = V[j]!;
      for (let i = 0; i < n; i++) x[i] = x[i]! + y[j]! * vj[i]!;
    }
  }
  const r = new Float64Array(n);
  residual(r);
  rel = Math.sqrt(dot(r, r)) / bnorm;
  return { x, iterations, relativeResidual: rel, converged: rel <= options.tol };
}
