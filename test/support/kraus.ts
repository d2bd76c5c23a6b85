/**
 * Independent, deliberately naive reference for the noise tests (it shares nothing with
 * src/noise or simulators/density-matrix): complex numbers as [re, im] pairs, matrices as arrays
 * of rows, ρ' = Σ K ρ K† by the textbook triple loop; small complex matrices, the Kraus operators of
 * thermal relaxation (amplitude damping followed by the extra pure dephasing that brings the
 * coherence to e^(−t/T2)) and of depolarizing, and the average gate fidelity of a channel from
 * its Kraus operators, F = (Σ_k |Tr K_k|² + d) / (d(d + 1)) (Nielsen, Phys. Lett. A 303, 249
 * (2002)). Built from the channel definitions, not from the Pauli-transfer closed form the
 * library uses.
 */
import type { GateMatrix } from '../../src/circuit/gates';

export type C = readonly [number, number];
export type M = C[][];

export const cmul = (a: C, b: C): C => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
export const cadd = (a: C, b: C): C => [a[0] + b[0], a[1] + b[1]];
export const conj = (a: C): C => [a[0], -a[1]];

/** A real matrix as complex. */
export const real = (rows: number[][]): M => rows.map((r) => r.map((x): C => [x, 0]));

export function matmul(a: M, b: M): M {
  return a.map((row) => b[0]!.map((_, j) => row.reduce<C>((s, x, k) => cadd(s, cmul(x, b[k]![j]!)), [0, 0])));
}

export function kron(a: M, b: M): M {
  const out: M = [];
  for (const ra of a) for (const rb of b) out.push(ra.flatMap((x) => rb.map((y) => cmul(x, y))));
  return out;
}

export function scale(a: M, s: number): M {
  return a.map((r) => r.map((x): C => [x[0] * s, x[1] * s]));
}

const I: M = real([[1, 0], [0, 1]]);
const X: M = real([[0, 1], [1, 0]]);
const Y: M = [[[0, 0], [0, -1]], [[0, 1], [0, 0]]];
const Z: M = real([[1, 0], [0, -1]]);

/** Kraus operators of one qubit's relaxation over `time` at temperature 0; needs t2 ≤ 2·t1. */
export function relaxationKraus(t1: number, t2: number, time: number): M[] {
  const gamma = 1 - Math.exp(-time / t1);
  const ad = [real([[1, 0], [0, Math.sqrt(1 - gamma)]]), real([[0, Math.sqrt(gamma)], [0, 0]])];
  // Amplitude damping leaves coherence √(1−γ) = e^(−t/2T1); a phase flip with probability p
  // multiplies it by 1 − 2p, so p makes the total e^(−t/T2).
  const f = Math.exp(-time / t2) / Math.sqrt(1 - gamma);
  if (f > 1 + 1e-15) throw new Error(`T2 ${t2} > 2·T1 ${t1}: not a channel`);
  const p = (1 - Math.min(1, f)) / 2;
  const pf = [scale(I, Math.sqrt(1 - p)), scale(Z, Math.sqrt(p))];
  return pf.flatMap((b) => ad.map((a) => matmul(b, a)));
}

/** Kraus operators of (1 − λ)ρ + λ·Tr(ρ)·I/d on n qubits: the n-qubit Paulis. */
export function depolarizingKraus(n: number, lambda: number): M[] {
  let paulis: M[] = [[[[1, 0]]]];
  for (let i = 0; i < n; i++) paulis = paulis.flatMap((p) => [I, X, Y, Z].map((s) => kron(p, s)));
  const d2 = 4 ** n;
  return paulis.map((p, i) => scale(p, Math.sqrt(i === 0 ? 1 - lambda + lambda / d2 : lambda / d2)));
}

/** Kraus operators of the tensor product of channels. */
export function tensorKraus(a: M[], b: M[]): M[] {
  return a.flatMap((x) => b.map((y) => kron(x, y)));
}

/** Kraus operators of `second ∘ first`. */
export function composeKraus(first: M[], second: M[]): M[] {
  return second.flatMap((s) => first.map((f) => matmul(s, f)));
}

/** Average gate fidelity (to the identity) of a channel given by Kraus operators. */
export function averageGateFidelity(kraus: M[]): number {
  const d = kraus[0]!.length;
  let sum = 0;
  for (const k of kraus) {
    const tr = k.reduce<C>((s, row, i) => cadd(s, row[i]!), [0, 0]);
    sum += tr[0] * tr[0] + tr[1] * tr[1];
  }
  return (sum + d) / (d * (d + 1));
}

/** A gate table's interleaved matrix as rows of complex pairs. */
export function toM(g: GateMatrix): M {
  const rows: M = [];
  for (let r = 0; r < g.dim; r++) {
    const row: C[] = [];
    for (let c = 0; c < g.dim; c++) row.push([g.data[2 * (r * g.dim + c)]!, g.data[2 * (r * g.dim + c) + 1]!]);
    rows.push(row);
  }
  return rows;
}

export const dagger = (a: M): M => a[0]!.map((_, c) => a.map((row) => conj(row[c]!)));

/** Σ K ρ K†. */
export function applyKraus(kraus: readonly GateMatrix[], rho: M): M {
  const d = rho.length;
  let out: M = Array.from({ length: d }, () => Array.from({ length: d }, (): C => [0, 0]));
  for (const g of kraus) {
    const k = toM(g);
    const t = matmul(matmul(k, rho), dagger(k));
    out = out.map((row, r) => row.map((x, c) => cadd(x, t[r]![c]!)));
  }
  return out;
}

/** |ψ⟩⟨ψ| for a vector of complex amplitudes. */
export function projector(psi: readonly C[]): M {
  return psi.map((a) => psi.map((b) => cmul(a, conj(b))));
}

/** Σ K†K. */
export function completeness(kraus: readonly GateMatrix[]): M {
  const d = kraus[0]!.dim;
  let out: M = Array.from({ length: d }, () => Array.from({ length: d }, (): C => [0, 0]));
  for (const g of kraus) {
    const k = toM(g);
    const t = matmul(dagger(k), k);
    out = out.map((row, r) => row.map((x, c) => cadd(x, t[r]![c]!)));
  }
  return out;
}

export function maxDiff(a: M, b: M): number {
  let w = 0;
  a.forEach((row, r) => row.forEach((x, c) => (w = Math.max(w, Math.hypot(x[0] - b[r]![c]![0], x[1] - b[r]![c]![1])))));
  return w;
}

export const identity = (d: number): M =>
  Array.from({ length: d }, (_, r) => Array.from({ length: d }, (_, c): C => [r === c ? 1 : 0, 0]));
