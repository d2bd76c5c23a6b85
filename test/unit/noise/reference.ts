/**
 * An independent, deliberately naive reference for the noise tests: complex numbers as
 * [re, im] pairs, matrices as arrays of rows, ρ' = Σ K ρ K† by the textbook triple loop.
 * It shares nothing with src/noise or simulators/density-matrix.
 */
import type { GateMatrix } from '../../../src/circuit/gates';

export type C = [number, number];
export type M = C[][];

export const cmul = (a: C, b: C): C => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
export const cadd = (a: C, b: C): C => [a[0] + b[0], a[1] + b[1]];
export const conj = (a: C): C => [a[0], -a[1]];

export function toM(g: GateMatrix): M {
  const rows: M = [];
  for (let r = 0; r < g.dim; r++) {
    const row: C[] = [];
    for (let c = 0; c < g.dim; c++) row.push([g.data[2 * (r * g.dim + c)]!, g.data[2 * (r * g.dim + c) + 1]!]);
    rows.push(row);
  }
  return rows;
}

export function mul(a: M, b: M): M {
  return a.map((row, r) =>
    b[0]!.map((_, c) => row.reduce<C>((s, x, k) => cadd(s, cmul(x, b[k]![c]!)), [0, 0])),
  );
}

export const dagger = (a: M): M => a[0]!.map((_, c) => a.map((row) => conj(row[c]!)));

/** Σ K ρ K†. */
export function applyKraus(kraus: readonly GateMatrix[], rho: M): M {
  const d = rho.length;
  let out: M = Array.from({ length: d }, () => Array.from({ length: d }, (): C => [0, 0]));
  for (const g of kraus) {
    const k = toM(g);
    const t = mul(mul(k, rho), dagger(k));
    out = out.map((row, r) => row.map((x, c) => cadd(x, t[r]![c]!)));
  }
  return out;
}

/** |ψ⟩⟨ψ| for a vector of complex amplitudes. */
export function projector(psi: C[]): M {
  return psi.map((a) => psi.map((b) => cmul(a, conj(b))));
}

/** Σ K†K. */
export function completeness(kraus: readonly GateMatrix[]): M {
  const d = kraus[0]!.dim;
  let out: M = Array.from({ length: d }, () => Array.from({ length: d }, (): C => [0, 0]));
  for (const g of kraus) {
    const k = toM(g);
    const t = mul(dagger(k), k);
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
