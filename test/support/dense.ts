/**
 * A tiny dense complex linear-algebra reference for tests: matrices as interleaved (re, im)
 * row-major Float64Arrays. Deliberately naive and independent of the simulator's kernels.
 */
import { gateMatrix } from '../../src/circuit/gates';
import type { Circuit } from '../../src/circuit/circuit';

export interface Mat {
  readonly dim: number;
  readonly data: Float64Array;
}

export const mat = (rows: ReadonlyArray<ReadonlyArray<readonly [number, number] | number>>): Mat => {
  const dim = rows.length;
  const data = new Float64Array(2 * dim * dim);
  rows.forEach((row, r) =>
    row.forEach((e, c) => {
      const [re, im] = typeof e === 'number' ? [e, 0] : e;
      data[2 * (r * dim + c)] = re;
      data[2 * (r * dim + c) + 1] = im;
    }),
  );
  return { dim, data };
};

export const eye = (dim: number): Mat => {
  const data = new Float64Array(2 * dim * dim);
  for (let i = 0; i < dim; i++) data[2 * (i * dim + i)] = 1;
  return { dim, data };
};

export function matmul(a: Mat, b: Mat): Mat {
  const d = a.dim;
  const out = new Float64Array(2 * d * d);
  for (let r = 0; r < d; r++)
    for (let c = 0; c < d; c++) {
      let sr = 0, si = 0;
      for (let k = 0; k < d; k++) {
        const xr = a.data[2 * (r * d + k)]!, xi = a.data[2 * (r * d + k) + 1]!;
        const yr = b.data[2 * (k * d + c)]!, yi = b.data[2 * (k * d + c) + 1]!;
        sr += xr * yr - xi * yi;
        si += xr * yi + xi * yr;
      }
      out[2 * (r * d + c)] = sr;
      out[2 * (r * d + c) + 1] = si;
    }
  return { dim: d, data: out };
}

/** a ⊗ b (b is the less significant factor). */
export function kron(a: Mat, b: Mat): Mat {
  const d = a.dim * b.dim;
  const out = new Float64Array(2 * d * d);
  for (let ar = 0; ar < a.dim; ar++)
    for (let ac = 0; ac < a.dim; ac++)
      for (let br = 0; br < b.dim; br++)
        for (let bc = 0; bc < b.dim; bc++) {
          const xr = a.data[2 * (ar * a.dim + ac)]!, xi = a.data[2 * (ar * a.dim + ac) + 1]!;
          const yr = b.data[2 * (br * b.dim + bc)]!, yi = b.data[2 * (br * b.dim + bc) + 1]!;
          const o = 2 * ((ar * b.dim + br) * d + (ac * b.dim + bc));
          out[o] = xr * yr - xi * yi;
          out[o + 1] = xr * yi + xi * yr;
        }
  return { dim: d, data: out };
}

export function scale(a: Mat, re: number, im = 0): Mat {
  const out = new Float64Array(a.data.length);
  for (let i = 0; i < out.length; i += 2) {
    out[i] = a.data[i]! * re - a.data[i + 1]! * im;
    out[i + 1] = a.data[i]! * im + a.data[i + 1]! * re;
  }
  return { dim: a.dim, data: out };
}

export function add(a: Mat, b: Mat): Mat {
  return { dim: a.dim, data: a.data.map((x, i) => x + b.data[i]!) };
}

export function dagger(a: Mat): Mat {
  const d = a.dim;
  const out = new Float64Array(2 * d * d);
  for (let r = 0; r < d; r++)
    for (let c = 0; c < d; c++) {
      out[2 * (c * d + r)] = a.data[2 * (r * d + c)]!;
      out[2 * (c * d + r) + 1] = -a.data[2 * (r * d + c) + 1]!;
    }
  return { dim: d, data: out };
}

/** A state as interleaved (re, im). */
export interface Vec {
  re: Float64Array;
  im: Float64Array;
}

/**
 * Applies a k-qubit gate matrix (argument j = bit j of its index) to an n-qubit state by
 * building the full 2^n × 2^n operator element by element (no shortcuts).
 */
export function applyDense(state: Vec, m: Mat, qubits: readonly number[]): Vec {
  const N = state.re.length;
  const re = new Float64Array(N), im = new Float64Array(N);
  const local = (i: number): number => qubits.reduce((acc, q, j) => acc | (((i >> q) & 1) << j), 0);
  const rest = (i: number): number => qubits.reduce((acc, q) => acc & ~(1 << q), i);
  for (let r = 0; r < N; r++)
    for (let c = 0; c < N; c++) {
      if (rest(r) !== rest(c)) continue;
      const o = 2 * (local(r) * m.dim + local(c));
      const mr = m.data[o]!, mi = m.data[o + 1]!;
      re[r] += mr * state.re[c]! - mi * state.im[c]!;
      im[r] += mr * state.im[c]! + mi * state.re[c]!;
    }
  return { re, im };
}

/** The dense simulation of a bound circuit from |0…0⟩, gate by gate with full operators. */
export function denseSimulate(circuit: Circuit, initial?: Vec): Vec {
  const N = 2 ** circuit.numQubits;
  let s: Vec = initial ?? { re: new Float64Array(N), im: new Float64Array(N) };
  if (!initial) s.re[0] = 1;
  for (const ins of circuit.instructions) {
    if (ins.name === 'barrier' || ins.name === 'measure') continue;
    s = applyDense(s, gateMatrix(ins.name, ins.params as number[]), ins.qubits);
  }
  const gp = circuit.globalPhase as number;
  const c = Math.cos(gp), sn = Math.sin(gp);
  return { re: s.re.map((x, i) => c * x - sn * s.im[i]!), im: s.im.map((x, i) => c * x + sn * s.re[i]!) };
}

/** Largest |a − b| over all components. */
export function maxDiff(a: { re: ArrayLike<number>; im: ArrayLike<number> }, b: { re: ArrayLike<number>; im: ArrayLike<number> }): number {
  let m = 0;
  for (let i = 0; i < a.re.length; i++) m = Math.max(m, Math.abs(a.re[i]! - b.re[i]!), Math.abs(a.im[i]! - b.im[i]!));
  return m;
}

/** A seeded random normalised state (mulberry32), for kernels fed directly. */
export function randomState(numQubits: number, seed: number): Vec {
  let a = seed >>> 0;
  const rnd = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const N = 2 ** numQubits;
  const re = new Float64Array(N), im = new Float64Array(N);
  let norm = 0;
  for (let i = 0; i < N; i++) {
    re[i] = rnd() - 0.5;
    im[i] = rnd() - 0.5;
    norm += re[i]! ** 2 + im[i]! ** 2;
  }
  const k = 1 / Math.sqrt(norm);
  for (let i = 0; i < N; i++) {
    re[i]! *= k;
    im[i]! *= k;
  }
  return { re, im };
}
