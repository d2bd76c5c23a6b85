/**
 * Small dense complex matrices for noise channels, in the gate tables' layout
 * ({@link GateMatrix}: interleaved (re, im), row-major, index bit j = argument j, so argument 0
 * is the least significant bit). Channels are a few 2×2 or 4×4 Kraus operators: plain loops.
 */
import type { GateMatrix } from '../circuit/gates';

/** The d×d identity. */
export function identityMatrix(dim: number): GateMatrix {
  const data = new Float64Array(2 * dim * dim);
  for (let i = 0; i < dim; i++) data[2 * (i * dim + i)] = 1;
  return { dim, data };
}

/** A·B. */
export function matMul(a: GateMatrix, b: GateMatrix): GateMatrix {
  const d = a.dim;
  const out = new Float64Array(2 * d * d);
  for (let r = 0; r < d; r++) {
    for (let c = 0; c < d; c++) {
      let sr = 0, si = 0;
      for (let k = 0; k < d; k++) {
        const ar = a.data[2 * (r * d + k)]!, ai = a.data[2 * (r * d + k) + 1]!;
        const br = b.data[2 * (k * d + c)]!, bi = b.data[2 * (k * d + c) + 1]!;
        sr += ar * br - ai * bi;
        si += ar * bi + ai * br;
      }
      out[2 * (r * d + c)] = sr;
      out[2 * (r * d + c) + 1] = si;
    }
  }
  return { dim: d, data: out };
}

/** The conjugate transpose A†. */
export function adjoint(a: GateMatrix): GateMatrix {
  const d = a.dim;
  const out = new Float64Array(2 * d * d);
  for (let r = 0; r < d; r++) {
    for (let c = 0; c < d; c++) {
      out[2 * (c * d + r)] = a.data[2 * (r * d + c)]!;
      out[2 * (c * d + r) + 1] = -a.data[2 * (r * d + c) + 1]!;
    }
  }
  return { dim: d, data: out };
}

/** The entrywise complex conjugate Ā (what a Kraus operator becomes on the column index of ρ). */
export function conjugate(a: GateMatrix): GateMatrix {
  const data = a.data.slice();
  for (let i = 1; i < data.length; i += 2) data[i] = -data[i]!;
  return { dim: a.dim, data };
}

/**
 * The Kronecker product A ⊗ B, Qiskit's convention: B acts on the low index bits (the first
 * arguments), A on the high ones; row index = rA·dim(B) + rB.
 */
export function kron(a: GateMatrix, b: GateMatrix): GateMatrix {
  const d = a.dim * b.dim;
  const out = new Float64Array(2 * d * d);
  for (let ra = 0; ra < a.dim; ra++) {
    for (let ca = 0; ca < a.dim; ca++) {
      const xr = a.data[2 * (ra * a.dim + ca)]!, xi = a.data[2 * (ra * a.dim + ca) + 1]!;
      if (xr === 0 && xi === 0) continue;
      for (let rb = 0; rb < b.dim; rb++) {
        for (let cb = 0; cb < b.dim; cb++) {
          const yr = b.data[2 * (rb * b.dim + cb)]!, yi = b.data[2 * (rb * b.dim + cb) + 1]!;
          const at = 2 * ((ra * b.dim + rb) * d + ca * b.dim + cb);
          out[at] = xr * yr - xi * yi;
          out[at + 1] = xr * yi + xi * yr;
        }
      }
    }
  }
  return { dim: d, data: out };
}

/** A scaled by the real number s. */
export function scale(a: GateMatrix, s: number): GateMatrix {
  return { dim: a.dim, data: a.data.map((x) => x * s) };
}

/** A matrix from rows of (re, im) pairs or real numbers. */
export function fromRows(rows: ReadonlyArray<ReadonlyArray<number | readonly [number, number]>>): GateMatrix {
  const d = rows.length;
  const data = new Float64Array(2 * d * d);
  rows.forEach((row, r) =>
    row.forEach((x, c) => {
      const [re, im] = typeof x === 'number' ? [x, 0] : x;
      data[2 * (r * d + c)] = re;
      data[2 * (r * d + c) + 1] = im;
    }),
  );
  return { dim: d, data };
}

/** The largest entry modulus of A − B (same dimension). */
export function maxAbsDiff(a: GateMatrix, b: GateMatrix): number {
  let worst = 0;
  for (let i = 0; i < a.data.length; i += 2) {
    worst = Math.max(worst, Math.hypot(a.data[i]! - b.data[i]!, a.data[i + 1]! - b.data[i + 1]!));
  }
  return worst;
}
