/**
 * Dense references for gate modifiers, built from their definitions (not from qbridge's
 * decompositions): ctrl @ U = |0⟩⟨0| ⊗ I + |1⟩⟨1| ⊗ U (controls are the low qubits),
 * inv @ U = U†, pow(k) @ U = U^k through an explicit eigendecomposition.
 */
import type { Circuit } from '../../src/circuit/circuit';
import { gateMatrix } from '../../src/circuit/gates';
import type { Mat } from './dense';

/**
 * The full unitary of a bound circuit (global phase included): each column is a basis state
 * pushed through the gates one by one, a k-qubit gate mixing the 2^k amplitudes that differ
 * only on its qubits (argument j = bit j of the gate's index), with the matrices of the gate table.
 */
export function denseUnitary(circuit: Circuit): Mat {
  const n = circuit.numQubits;
  const dim = 2 ** n;
  const data = new Float64Array(2 * dim * dim);
  const gp = circuit.globalPhase as number;
  for (let col = 0; col < dim; col++) {
    let re = new Float64Array(dim), im = new Float64Array(dim);
    re[col] = 1;
    for (const ins of circuit.instructions) {
      if (ins.name === 'barrier') continue;
      const m = gateMatrix(ins.name, ins.params as number[]);
      const qs = ins.qubits;
      const d = m.dim;
      const mask = qs.reduce((a, q) => a | (1 << q), 0);
      const spread = (l: number): number => qs.reduce((a, q, j) => a | (((l >> j) & 1) << q), 0);
      const nre = new Float64Array(dim), nim = new Float64Array(dim);
      for (let base = 0; base < dim; base++) {
        if (base & mask) continue;
        for (let r = 0; r < d; r++) {
          let sr = 0, si = 0;
          for (let c = 0; c < d; c++) {
            const k = base | spread(c);
            const mr = m.data[2 * (r * d + c)]!, mi = m.data[2 * (r * d + c) + 1]!;
            sr += mr * re[k]! - mi * im[k]!;
            si += mr * im[k]! + mi * re[k]!;
          }
          nre[base | spread(r)] = sr;
          nim[base | spread(r)] = si;
        }
      }
      re = nre;
      im = nim;
    }
    const c = Math.cos(gp), sn = Math.sin(gp);
    for (let row = 0; row < dim; row++) {
      data[2 * (row * dim + col)] = c * re[row]! - sn * im[row]!;
      data[2 * (row * dim + col) + 1] = c * im[row]! + sn * re[row]!;
    }
  }
  return { dim, data };
}

/**
 * Σ_s |s⟩⟨s| ⊗ (U if s is the control state else I) over the `numCtrl` low qubits;
 * `state` bit i is control i's required value (all ones by default).
 */
export function controlledDense(u: Mat, numCtrl: number, state = 2 ** numCtrl - 1): Mat {
  const c = 2 ** numCtrl;
  const dim = c * u.dim;
  const data = new Float64Array(2 * dim * dim);
  for (let r = 0; r < dim; r++)
    for (let col = 0; col < dim; col++) {
      const rc = r % c, cc = col % c;
      if (rc !== cc) continue;
      const ur = Math.floor(r / c), uc = Math.floor(col / c);
      if (rc === state) {
        data[2 * (r * dim + col)] = u.data[2 * (ur * u.dim + uc)]!;
        data[2 * (r * dim + col) + 1] = u.data[2 * (ur * u.dim + uc) + 1]!;
      } else if (ur === uc) data[2 * (r * dim + col)] = 1;
    }
  return { dim, data };
}

type C = [number, number];
const cmul = (a: C, b: C): C => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
const csub = (a: C, b: C): C => [a[0] - b[0], a[1] - b[1]];

/**
 * U^k for a 2×2 unitary by eigendecomposition: eigenvalues from the characteristic polynomial,
 * eigenvectors (b, λ − a) or (λ − d, c) normalised, U^k = Σ e^{ik·arg λ} v v† with arg λ in (−π, π].
 */
export function power2Dense(u: Mat, k: number): Mat {
  const e = (i: number): C => [u.data[2 * i]!, u.data[2 * i + 1]!];
  const [a, b, c, d] = [e(0), e(1), e(2), e(3)];
  const tr: C = [a[0] + d[0], a[1] + d[1]];
  const det = csub(cmul(a, d), cmul(b, c));
  const disc = csub(cmul(tr, tr), [4 * det[0], 4 * det[1]]);
  const r = Math.sqrt(Math.hypot(disc[0], disc[1]));
  const t = Math.atan2(disc[1], disc[0]) / 2;
  const sq: C = [r * Math.cos(t), r * Math.sin(t)];
  const lams: C[] = [[(tr[0] + sq[0]) / 2, (tr[1] + sq[1]) / 2], [(tr[0] - sq[0]) / 2, (tr[1] - sq[1]) / 2]];
  const powOf = (l: C): C => {
    let ang = Math.atan2(l[1], l[0]);
    if (ang <= -Math.PI + 1e-9) ang = Math.PI;
    return [Math.cos(k * ang), Math.sin(k * ang)];
  };
  const out = new Float64Array(8);
  if (r < 1e-9) {
    const p = powOf(lams[0]!);
    return { dim: 2, data: Float64Array.of(p[0], p[1], 0, 0, 0, 0, p[0], p[1]) };
  }
  for (const l of lams) {
    let v: C[] = [b, csub(l, a)];
    if (Math.hypot(...v[0]!) + Math.hypot(...v[1]!) < 1e-9) v = [csub(l, d), c];
    const n = Math.sqrt(v.reduce((s, x) => s + x[0] ** 2 + x[1] ** 2, 0));
    v = v.map((x) => [x[0] / n, x[1] / n] as C);
    const p = powOf(l);
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 2; j++) {
        const vv = cmul(v[i]!, [v[j]![0], -v[j]![1]]);
        const w = cmul(p, vv);
        out[2 * (2 * i + j)]! += w[0];
        out[2 * (2 * i + j) + 1]! += w[1];
      }
  }
  return { dim: 2, data: out };
}

/** Largest entry-wise |a − b| of two matrices (they must have the same size). */
export function matDiff(a: Mat, b: Mat): number {
  if (a.dim !== b.dim) throw new Error(`dimensions differ: ${a.dim} vs ${b.dim}`);
  let m = 0;
  for (let i = 0; i < a.data.length; i += 2) m = Math.max(m, Math.hypot(a.data[i]! - b.data[i]!, a.data[i + 1]! - b.data[i + 1]!));
  return m;
}
