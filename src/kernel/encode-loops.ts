/**
 * Pure typed-array loops behind the fast exact feature-map encoder. States are INTERLEAVED
 * complex arrays (`z[2k]` = Re ψ_k, `z[2k+1]` = Im ψ_k) starting at `off`, little-endian index
 * (qubit 0 = least significant bit), as Qiskit. No allocation, closures or iterators inside.
 *
 * Why a local copy instead of the simulator's kernels: `src/` may not import `simulators/`, and
 * a feature map needs only three operations: a Hadamard layer (a Walsh–Hadamard transform), a
 * diagonal parity phase, and single-qubit basis changes (H / SX / SX†) for X and Y letters.
 */
import { parity } from '../core/bits';

/**
 * Writes the uniform superposition H^{⊗n}|0…0⟩ (what the first H layer gives), with the same
 * amplitude a gate-by-gate product of 1/√2 factors gives.
 */
export function uniformState(z: Float64Array, off: number, numQubits: number): void {
  let a = 1;
  for (let q = 0; q < numQubits; q++) a *= Math.SQRT1_2;
  const end = off + (2 << numQubits);
  for (let i = off; i < end; i += 2) {
    z[i] = a;
    z[i + 1] = 0;
  }
}

/**
 * Applies H to every qubit in place: an unnormalised Walsh–Hadamard butterfly per qubit with the
 * 1/√2 of each H folded into the butterfly. Example: n = 1, (1, 0) → (1/√2, 1/√2).
 */
export function hadamardLayer(z: Float64Array, off: number, numQubits: number): void {
  const dim = 1 << numQubits;
  const s = Math.SQRT1_2;
  for (let bit = 1; bit < dim; bit <<= 1) {
    for (let base = 0; base < dim; base += bit << 1) {
      const end = base + bit;
      for (let k = base; k < end; k++) {
        const i0 = off + 2 * k;
        const i1 = i0 + 2 * bit;
        const ar = z[i0]!, ai = z[i0 + 1]!, br = z[i1]!, bi = z[i1 + 1]!;
        z[i0] = (ar + br) * s;
        z[i0 + 1] = (ai + bi) * s;
        z[i1] = (ar - br) * s;
        z[i1 + 1] = (ai - bi) * s;
      }
    }
  }
}


/**
 * Multiplies amplitude k by exp(i·Σ_b θ_b·parity(k & mask_b)) for blocks `from..to-1`: the
 * product of commuting diagonal blocks diag(e^{iθ·parity}) = CX-chain · P(θ) · CX-chain.
 * Example: one block, mask 0b11, θ: amplitudes 1 and 2 (odd parity) gain e^{iθ}.
 */
export function applyParityPhases(
  z: Float64Array,
  off: number,
  numQubits: number,
  masks: Int32Array,
  thetas: Float64Array,
  from: number,
  to: number,
): void {
  const dim = 1 << numQubits;
  for (let k = 0; k < dim; k++) {
    let phi = 0;
    for (let b = from; b < to; b++) if (parity(k & masks[b]!) === 1) phi += thetas[b]!;
    if (phi === 0) continue;
    const c = Math.cos(phi);
    const s = Math.sin(phi);
    const i = off + 2 * k;
    const xr = z[i]!, xi = z[i + 1]!;
    z[i] = c * xr - s * xi;
    z[i + 1] = c * xi + s * xr;
  }
}

/**
 * Applies a 2×2 matrix `m` (interleaved re/im, row-major: m00, m01, m10, m11) to qubit `q`.
 * Example: H on qubit 0 of (1, 0) gives (1/√2, 1/√2).
 */
export function applyOneQubit(z: Float64Array, off: number, numQubits: number, q: number, m: Float64Array): void {
  const dim = 1 << numQubits;
  const bit = 1 << q;
  const ar = m[0]!, ai = m[1]!, br = m[2]!, bi = m[3]!, cr = m[4]!, ci = m[5]!, dr = m[6]!, di = m[7]!;
  for (let base = 0; base < dim; base += bit << 1) {
    const end = base + bit;
    for (let k = base; k < end; k++) {
      const i0 = off + 2 * k;
      const i1 = i0 + 2 * bit;
      const x0r = z[i0]!, x0i = z[i0 + 1]!, x1r = z[i1]!, x1i = z[i1 + 1]!;
      z[i0] = ar * x0r - ai * x0i + br * x1r - bi * x1i;
      z[i0 + 1] = ar * x0i + ai * x0r + br * x1i + bi * x1r;
      z[i1] = cr * x0r - ci * x0i + dr * x1r - di * x1i;
      z[i1 + 1] = cr * x0i + ci * x0r + dr * x1i + di * x1r;
    }
  }
}

const h = Math.SQRT1_2;
/** Qiskit's H, SX and SX† (interleaved re/im, row-major). */
export const MAT_H = Float64Array.of(h, 0, h, 0, h, 0, -h, 0);
export const MAT_SX = Float64Array.of(0.5, 0.5, 0.5, -0.5, 0.5, -0.5, 0.5, 0.5);
export const MAT_SXDG = Float64Array.of(0.5, -0.5, 0.5, 0.5, 0.5, 0.5, 0.5, -0.5);

/**
 * Same result as {@link applyParityPhases} for blocks `from..to-1`, in O(2^n · n) instead of
 * O(2^n · blocks): amplitudes are visited in Gray-code order, so one step flips one qubit q and
 * only the blocks containing q change parity (`adj[adjStart[q] .. adjStart[q+1])` lists them).
 * The running phase is recomputed exactly every 1024 steps to bound rounding drift.
 * `par` is scratch (≥ `to` bytes).
 */
export function applyParityPhasesGray(
  z: Float64Array,
  off: number,
  numQubits: number,
  thetas: Float64Array,
  from: number,
  to: number,
  adjStart: Int32Array,
  adj: Int32Array,
  par: Uint8Array,
): void {
  const dim = 1 << numQubits;
  for (let b = from; b < to; b++) par[b] = 0;
  let phi = 0;
  let k = 0;
  for (let step = 1; step < dim; step++) {
    const q = 31 - Math.clz32(step & -step);
    k ^= 1 << q;
    const end = adjStart[q + 1]!;
    for (let a = adjStart[q]!; a < end; a++) {
      // Branch-free toggle: parity 0 → 1 adds θ_b, 1 → 0 subtracts it.
      const b = adj[a]!;
      const pb = par[b]!;
      phi += thetas[b]! * (1 - 2 * pb);
      par[b] = pb ^ 1;
    }
    if ((step & 1023) === 0) {
      phi = 0;
      for (let b = from; b < to; b++) if (par[b] === 1) phi += thetas[b]!;
    }
    const c = Math.cos(phi);
    const s = Math.sin(phi);
    const i = off + 2 * k;
    const xr = z[i]!, xi = z[i + 1]!;
    z[i] = c * xr - s * xi;
    z[i + 1] = c * xi + s * xr;
  }
}

/** Scratch size (Float64 elements) {@link applyQuadraticPhases} needs for `numQubits`. */
export function quadraticScratchSize(numQubits: number): number {
  const L = (numQubits + 1) >> 1;
  const H = numQubits - L;
  return 5 * (1 << L) + 3 * (1 << H) + 3 * L;
}

/**
 * Multiplies amplitude k by exp(i·φ(k)) for a phase with one- and two-qubit parity terms only,
 * φ(k) = Σ_q h_q·b_q − 2·Σ_{q<r} J_qr·b_q·b_r (b_q = bit q of k): what Z and ZZ blocks give,
 * since θ·(b_q ⊕ b_r) = θ·(b_q + b_r − 2·b_q·b_r). O(1) work per amplitude and no cos/sin per
 * amplitude: the qubits are split into a low half (L) and a high half (H);
 * e^{iφ} = F_lo[k_lo] · F_hi[k_hi] · G_{k_hi}[k_lo], where F_lo/F_hi hold the terms inside each
 * half (2^L + 2^H cos/sin) and G, the cross terms, is built per k_hi by a multiplicative
 * prefix over the low bits (depth ≤ L, so rounding stays ~L·ε).
 *
 * @param h linear coefficients (length n)
 * @param J couplings, row-major n×n; only q < r entries are read
 * @param s scratch of {@link quadraticScratchSize}(n) elements
 */
export function applyQuadraticPhases(z: Float64Array, off: number, numQubits: number, h: Float64Array, J: Float64Array, s: Float64Array): void {
  const n = numQubits;
  const L = (n + 1) >> 1;
  const H = n - L;
  const nLo = 1 << L;
  const nHi = 1 << H;
  // Scratch layout: phiLo | flo (re,im) | g (re,im) | phiHi | fhi (re,im) | w | gq (re,im)
  const oPhiLo = 0;
  const oFlo = nLo;
  const oG = 3 * nLo;
  const oPhiHi = 5 * nLo;
  const oFhi = oPhiHi + nHi;
  const oW = oFhi + 2 * nHi;
  const oGq = oW + L;
  // Phases inside the low half, by a prefix over the lowest set bit.
  s[oPhiLo] = 0;
  for (let k = 1; k < nLo; k++) {
    const q = 31 - Math.clz32(k & -k);
    const prev = k ^ (1 << q);
    let p = s[oPhiLo + prev]! + h[q]!;
    for (let r = q + 1; r < L; r++) if ((prev >> r) & 1) p -= 2 * J[q * n + r]!;
    s[oPhiLo + k] = p;
  }
  for (let k = 0; k < nLo; k++) {
    s[oFlo + 2 * k] = Math.cos(s[oPhiLo + k]!);
    s[oFlo + 2 * k + 1] = Math.sin(s[oPhiLo + k]!);
  }
  // Phases inside the high half.
  s[oPhiHi] = 0;
  for (let k = 1; k < nHi; k++) {
    const t = 31 - Math.clz32(k & -k);
    const q = L + t;
    const prev = k ^ (1 << t);
    let p = s[oPhiHi + prev]! + h[q]!;
    for (let r = t + 1; r < H; r++) if ((prev >> r) & 1) p -= 2 * J[q * n + L + r]!;
    s[oPhiHi + k] = p;
  }
  for (let k = 0; k < nHi; k++) {
    s[oFhi + 2 * k] = Math.cos(s[oPhiHi + k]!);
    s[oFhi + 2 * k + 1] = Math.sin(s[oPhiHi + k]!);
  }
  for (let kh = 0; kh < nHi; kh++) {
    // Cross terms for this k_hi: w_q = Σ_{r in hi, b_r = 1} J_qr, factor g_q = e^{−2i·w_q}.
    for (let q = 0; q < L; q++) {
      let w = 0;
      for (let t = 0; t < H; t++) if ((kh >> t) & 1) w += J[q * n + L + t]!;
      s[oW + q] = w;
      s[oGq + 2 * q] = Math.cos(-2 * w);
      s[oGq + 2 * q + 1] = Math.sin(-2 * w);
    }
    s[oG] = 1;
    s[oG + 1] = 0;
    for (let k = 1; k < nLo; k++) {
      const q = 31 - Math.clz32(k & -k);
      const prev = k ^ (1 << q);
      const ar = s[oG + 2 * prev]!, ai = s[oG + 2 * prev + 1]!, br = s[oGq + 2 * q]!, bi = s[oGq + 2 * q + 1]!;
      s[oG + 2 * k] = ar * br - ai * bi;
      s[oG + 2 * k + 1] = ar * bi + ai * br;
    }
    const fr = s[oFhi + 2 * kh]!, fi = s[oFhi + 2 * kh + 1]!;
    const base = off + 2 * kh * nLo;
    for (let k = 0; k < nLo; k++) {
      // e = F_lo[k] · G[k] · F_hi[kh]
      const lr = s[oFlo + 2 * k]!, li = s[oFlo + 2 * k + 1]!, gr = s[oG + 2 * k]!, gi = s[oG + 2 * k + 1]!;
      const tr = lr * gr - li * gi, ti = lr * gi + li * gr;
      const er = tr * fr - ti * fi, ei = tr * fi + ti * fr;
      const i = base + 2 * k;
      const xr = z[i]!, xi = z[i + 1]!;
      z[i] = er * xr - ei * xi;
      z[i + 1] = er * xi + ei * xr;
    }
  }
}
