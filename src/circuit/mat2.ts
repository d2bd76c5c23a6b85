/**
 * 2×2 complex matrices as the gate tables write them: 8 numbers, row-major, interleaved
 * (m00re, m00im, m01re, m01im, m10re, m10im, m11re, m11im). The one home of the 2×2 product and
 * of the structure tests the engine's dispatchers and the transpiler's one-qubit passes share.
 */

/** A 2×2 complex matrix, row-major: [a, b, c, d] as (re, im) pairs. */
export type Mat2 = Float64Array;

/**
 * The product a·b (b applied first, then a), as a new matrix.
 *
 * @example mul2x2(X, X) = I (X = [0,0, 1,0, 1,0, 0,0]).
 */
export function mul2x2(a: Mat2, b: Mat2): Mat2 {
  const out = new Float64Array(8);
  for (let r = 0; r < 2; r++) {
    for (let c = 0; c < 2; c++) {
      let re = 0;
      let im = 0;
      for (let k = 0; k < 2; k++) {
        const xr = a[2 * (2 * r + k)]!, xi = a[2 * (2 * r + k) + 1]!;
        const yr = b[2 * (2 * k + c)]!, yi = b[2 * (2 * k + c) + 1]!;
        re += xr * yr - xi * yi;
        im += xr * yi + xi * yr;
      }
      out[2 * (2 * r + c)] = re;
      out[2 * (2 * r + c) + 1] = im;
    }
  }
  return out;
}

/** True when every entry is real (exactly: the gate tables write exact zeros). */
export function isReal2x2(m: Mat2): boolean {
  return m[1] === 0 && m[3] === 0 && m[5] === 0 && m[7] === 0;
}

/** True when both off-diagonal entries are exactly zero. */
export function isDiagonal2x2(m: Mat2): boolean {
  return m[2] === 0 && m[3] === 0 && m[4] === 0 && m[5] === 0;
}

/** Euler angles: U = e^{i·phase} RZ(φ)·RY(θ)·RZ(λ), θ ∈ [0, π] (Qiskit's `params_zyz`). */
export function zyzAngles(u: Mat2): { theta: number; phi: number; lam: number; phase: number } {
  const [ar, ai, br, bi, cr, ci, dr, di] = u as unknown as number[];
  const detR = ar! * dr! - ai! * di! - (br! * cr! - bi! * ci!);
  const detI = ar! * di! + ai! * dr! - (br! * ci! + bi! * cr!);
  const phase = Math.atan2(detI, detR) / 2;
  // V = e^{−i·phase}·U has determinant 1
  const cp = Math.cos(-phase), sp = Math.sin(-phase);
  const v = (re: number, im: number): [number, number] => [re * cp - im * sp, re * sp + im * cp];
  const [v00r, v00i] = v(ar!, ai!);
  const [v10r, v10i] = v(cr!, ci!);
  const [v11r, v11i] = v(dr!, di!);
  const theta = 2 * Math.atan2(Math.hypot(v10r, v10i), Math.hypot(v00r, v00i));
  const ppl = Math.atan2(v11i, v11r);
  const pml = Math.atan2(v10i, v10r);
  return { theta, phi: ppl + pml, lam: ppl - pml, phase };
}


/**
 * U^k for a unitary U and a real k, on the principal branch (what Qiskit's `Gate.power` and
 * OpenQASM's `pow(k) @` compute): U = Σ λ_j P_j over its eigenvalues λ_j = e^{iα_j} with
 * α_j ∈ (−π, π], and U^k = Σ e^{ikα_j} P_j. For two distinct eigenvalues the spectral
 * projectors are P_1 = (U − λ_2)/(λ_1 − λ_2) and P_2 = I − P_1; a unitary with one repeated
 * eigenvalue is λ·I (it is normal), whose power is λ^k·I.
 *
 * @example power2x2(X, 0.5) is √X = ½[[1+i, 1−i], [1−i, 1+i]] (Qiskit's SXGate)
 */
export function power2x2(u: Mat2, k: number): Mat2 {
  const [ar, ai, br, bi, cr, ci, dr, di] = u as unknown as number[];
  // λ = (tr ± √(tr² − 4 det)) / 2
  const tr: [number, number] = [ar! + dr!, ai! + di!];
  const det: [number, number] = [ar! * dr! - ai! * di! - (br! * cr! - bi! * ci!), ar! * di! + ai! * dr! - (br! * ci! + bi! * cr!)];
  const disc: [number, number] = [tr[0] * tr[0] - tr[1] * tr[1] - 4 * det[0], 2 * tr[0] * tr[1] - 4 * det[1]];
  const mod = Math.hypot(disc[0], disc[1]);
  const arg = Math.atan2(disc[1], disc[0]) / 2;
  const sq: [number, number] = [Math.sqrt(mod) * Math.cos(arg), Math.sqrt(mod) * Math.sin(arg)];
  const l1: [number, number] = [(tr[0] + sq[0]) / 2, (tr[1] + sq[1]) / 2];
  const l2: [number, number] = [(tr[0] - sq[0]) / 2, (tr[1] - sq[1]) / 2];
  const pw = (l: [number, number]): [number, number] => {
    let a = Math.atan2(l[1], l[0]);
    // −1 computed as −1 − 0i must take the principal angle π, not −π.
    if (a <= -Math.PI + 1e-12) a = Math.PI;
    return [Math.cos(k * a), Math.sin(k * a)];
  };
  if (Math.hypot(sq[0], sq[1]) < 1e-9) {
    const [pr, pi] = pw(l1);
    return Float64Array.of(pr, pi, 0, 0, 0, 0, pr, pi);
  }
  // P1 = (U − λ2 I) / (λ1 − λ2)
  const dl: [number, number] = [l1[0] - l2[0], l1[1] - l2[1]];
  const dn = dl[0] * dl[0] + dl[1] * dl[1];
  const div = (re: number, im: number): [number, number] => [(re * dl[0] + im * dl[1]) / dn, (im * dl[0] - re * dl[1]) / dn];
  const p1 = [
    div(ar! - l2[0], ai! - l2[1]), div(br!, bi!),
    div(cr!, ci!), div(dr! - l2[0], di! - l2[1]),
  ];
  const e1 = pw(l1);
  const e2 = pw(l2);
  const out = new Float64Array(8);
  for (let j = 0; j < 4; j++) {
    const [pr, pi] = p1[j]!;
    // P2 = I − P1
    const idn = j === 0 || j === 3 ? 1 : 0;
    const qr = idn - pr, qi = -pi;
    out[2 * j] = e1[0] * pr - e1[1] * pi + e2[0] * qr - e2[1] * qi;
    out[2 * j + 1] = e1[0] * pi + e1[1] * pr + e2[0] * qi + e2[1] * qr;
  }
  return out;
}
