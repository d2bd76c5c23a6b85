import type { Mat2 } from '../circuit/mat2';

/**
 * Complex 4×4 matrices for the two-qubit synthesis, in the gate tables' layout: 32 numbers,
 * row-major, interleaved (re, im), row/column index = q0 + 2·q1 (index bit j is qubit j, as
 * Qiskit's little-endian order). The transpiler sits below quantum_info, so it keeps its own
 * small kernels here instead of importing quantum_info's dense module.
 */
export type Mat4 = Float64Array;

/** The 4×4 identity. */
export function identity4(): Mat4 {
  const m = new Float64Array(32);
  for (let i = 0; i < 4; i++) m[2 * (5 * i)] = 1;
  return m;
}

/** The product a·b of two n×n complex matrices (b applied first). */
export function mulN(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(2 * n * n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      let re = 0;
      let im = 0;
      for (let k = 0; k < n; k++) {
        const xr = a[2 * (r * n + k)]!, xi = a[2 * (r * n + k) + 1]!;
        const yr = b[2 * (k * n + c)]!, yi = b[2 * (k * n + c) + 1]!;
        re += xr * yr - xi * yi;
        im += xr * yi + xi * yr;
      }
      out[2 * (r * n + c)] = re;
      out[2 * (r * n + c) + 1] = im;
    }
  }
  return out;
}

/** a·b for 4×4 matrices. */
export function mul4(a: Mat4, b: Mat4): Mat4 {
  return mulN(a, b, 4);
}

/** The conjugate transpose of an n×n complex matrix. */
export function adjointN(a: Float64Array, n: number): Float64Array {
  const out = new Float64Array(2 * n * n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      out[2 * (c * n + r)] = a[2 * (r * n + c)]!;
      out[2 * (c * n + r) + 1] = -a[2 * (r * n + c) + 1]!;
    }
  }
  return out;
}

/** The transpose (no conjugation) of a 4×4 matrix. */
export function transpose4(a: Mat4): Mat4 {
  const out = new Float64Array(32);
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 4; c++) {
      out[2 * (c * 4 + r)] = a[2 * (r * 4 + c)]!;
      out[2 * (c * 4 + r) + 1] = a[2 * (r * 4 + c) + 1]!;
    }
  }
  return out;
}

/** `high ⊗ low`: `high` acts on qubit 1 (index bit 1), `low` on qubit 0. */
export function kron2(high: Mat2, low: Mat2): Mat4 {
  const out = new Float64Array(32);
  for (let i = 0; i < 2; i++)
    for (let j = 0; j < 2; j++)
      for (let k = 0; k < 2; k++)
        for (let l = 0; l < 2; l++) {
          const ar = high[2 * (2 * i + j)]!, ai = high[2 * (2 * i + j) + 1]!;
          const br = low[2 * (2 * k + l)]!, bi = low[2 * (2 * k + l) + 1]!;
          const idx = 2 * ((2 * i + k) * 4 + (2 * j + l));
          out[idx] = ar * br - ai * bi;
          out[idx + 1] = ar * bi + ai * br;
        }
  return out;
}

/** Every entry times e^{iφ} (a new matrix). */
export function withPhase(a: Float64Array, phi: number): Float64Array {
  const c = Math.cos(phi), s = Math.sin(phi);
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i += 2) {
    out[i] = c * a[i]! - s * a[i + 1]!;
    out[i + 1] = s * a[i]! + c * a[i + 1]!;
  }
  return out;
}

/** The determinant of a 4×4 complex matrix (Gaussian elimination with partial pivoting). */
export function det4(a: Mat4): [number, number] {
  const m = Float64Array.from(a);
  let dr = 1, di = 0;
  for (let col = 0; col < 4; col++) {
    let piv = col;
    let best = -1;
    for (let r = col; r < 4; r++) {
      const v = Math.hypot(m[2 * (r * 4 + col)]!, m[2 * (r * 4 + col) + 1]!);
      if (v > best) {
        best = v;
        piv = r;
      }
    }
    if (best === 0) return [0, 0];
    if (piv !== col) {
      for (let c = 0; c < 4; c++) {
        for (let t = 0; t < 2; t++) {
          const x = m[2 * (col * 4 + c) + t]!;
          m[2 * (col * 4 + c) + t] = m[2 * (piv * 4 + c) + t]!;
          m[2 * (piv * 4 + c) + t] = x;
        }
      }
      dr = -dr;
      di = -di;
    }
    const pr = m[2 * (col * 4 + col)]!, pi = m[2 * (col * 4 + col) + 1]!;
    [dr, di] = [dr * pr - di * pi, dr * pi + di * pr];
    const n2 = pr * pr + pi * pi;
    for (let r = col + 1; r < 4; r++) {
      const xr = m[2 * (r * 4 + col)]!, xi = m[2 * (r * 4 + col) + 1]!;
      // f = x / pivot
      const fr = (xr * pr + xi * pi) / n2, fi = (xi * pr - xr * pi) / n2;
      for (let c = col; c < 4; c++) {
        const yr = m[2 * (col * 4 + c)]!, yi = m[2 * (col * 4 + c) + 1]!;
        m[2 * (r * 4 + c)] = m[2 * (r * 4 + c)]! - (fr * yr - fi * yi);
        m[2 * (r * 4 + c) + 1] = m[2 * (r * 4 + c) + 1]! - (fr * yi + fi * yr);
      }
    }
  }
  return [dr, di];
}

/** Largest entry modulus of a − b. */
export function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i += 2) m = Math.max(m, Math.hypot(a[i]! - b[i]!, a[i + 1]! - b[i + 1]!));
  return m;
}

/**
 * Eigenvectors of a real symmetric 4×4 matrix (cyclic Jacobi rotations, accurate to rounding):
 * returns the orthogonal V (row-major, real, 16 numbers) with Vᵀ·S·V diagonal.
 */
export function jacobiEigenvectors4(s: Float64Array): Float64Array {
  const a = Float64Array.from(s);
  const v = new Float64Array(16);
  for (let i = 0; i < 4; i++) v[5 * i] = 1;
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let p = 0; p < 4; p++) for (let q = p + 1; q < 4; q++) off += a[4 * p + q]! ** 2;
    if (off < 1e-40) break;
    for (let p = 0; p < 4; p++) {
      for (let q = p + 1; q < 4; q++) {
        const apq = a[4 * p + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[4 * q + q]! - a[4 * p + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const sn = t * c;
        // A ← Jᵀ A J with J the rotation in the (p, q) plane
        for (let k = 0; k < 4; k++) {
          const akp = a[4 * k + p]!, akq = a[4 * k + q]!;
          a[4 * k + p] = c * akp - sn * akq;
          a[4 * k + q] = sn * akp + c * akq;
        }
        for (let k = 0; k < 4; k++) {
          const apk = a[4 * p + k]!, aqk = a[4 * q + k]!;
          a[4 * p + k] = c * apk - sn * aqk;
          a[4 * q + k] = sn * apk + c * aqk;
        }
        for (let k = 0; k < 4; k++) {
          const vkp = v[4 * k + p]!, vkq = v[4 * k + q]!;
          v[4 * k + p] = c * vkp - sn * vkq;
          v[4 * k + q] = sn * vkp + c * vkq;
        }
      }
    }
  }
  return v;
}
