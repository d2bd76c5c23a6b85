/**
 * Unravelling a Kraus channel E(ρ) = Σ_k K_k ρ K_k† on a statevector: branch k happens with
 * p_k = ‖K_k ψ‖² = Tr(K_k†K_k·ρ_Q), ρ_Q the reduced density matrix of the channel's qubits
 * (one pass over ψ, a 2×2 or 4×4 accumulator), and leaves K_k ψ/√p_k. When every K_k†K_k is
 * c_k·I (a mixed-unitary channel: Pauli, depolarizing) p_k = c_k whatever the state, no pass
 * is needed and the branch applies the unitary K_k/√c_k (skipped when it is the identity).
 * When every K_k†K_k is diagonal (amplitude and phase damping, thermal relaxation) p_k needs
 * only the populations of the channel's qubits, not the whole ρ_Q; a diagonal K_k is applied
 * as a diagonal gate.
 */
import type { GateMatrix } from '../../src/circuit/gates';
import type { Prng } from '../../src/core/random';
import type { QuantumError } from '../../src/noise/channels';
import { adjoint, matMul, scale } from '../../src/noise/matrix';
import { apply2x2 } from '../statevector/apply-gate';
import { applyDense } from '../statevector/ops/apply-dense';
import { applyDiagonal } from '../statevector/ops/apply-diagonal';
import { localOffsets } from '../statevector/ops/local-offsets';
import type { StateBuffers } from '../statevector/state';

/** How far K†K may be from c·I (entry modulus) for a branch to count as unitary. */
const UNITARY_ATOL = 1e-12;

/** A channel ready to unravel. */
export interface PreparedChannel {
  /** The matrix dimension 2^k. */
  readonly dim: number;
  /** The Kraus operators (interleaved re, im, row-major). */
  readonly kraus: readonly Float64Array[];
  /** K_k†K_k, for state-dependent branch probabilities. */
  readonly gram: readonly Float64Array[];
  /** p_k when the channel is mixed unitary, else null (p_k depends on the state). */
  readonly fixed: Float64Array | null;
  /** For a mixed-unitary channel, U_k = K_k/√p_k, or null where U_k is the identity. */
  readonly unitaries: readonly (Float64Array | null)[] | null;
  /** Every K_k†K_k is diagonal: p_k = Σ_a G_k[a][a]·P(a), P the populations of the channel's qubits. */
  readonly diagonalGram: boolean;
  /** Per operator, its diagonal (interleaved re, im, length 2·dim) when K_k is diagonal, else null. */
  readonly diagonals: readonly (Float64Array | null)[];
}

const prepared = new WeakMap<QuantumError, PreparedChannel>();

/** c when m = c·I to {@link UNITARY_ATOL}, else null. */
function multipleOfIdentity(m: GateMatrix): number | null {
  const d = m.dim;
  const c = m.data[0]!;
  for (let r = 0; r < d; r++) {
    for (let col = 0; col < d; col++) {
      const at = 2 * (r * d + col);
      const want = r === col ? c : 0;
      if (Math.hypot(m.data[at]! - want, m.data[at + 1]!) > UNITARY_ATOL) return null;
    }
  }
  return c;
}

/** The diagonal of m (interleaved) when every off-diagonal entry is exactly 0, else null. */
function diagonalOf(m: Float64Array, dim: number): Float64Array | null {
  const d = new Float64Array(2 * dim);
  for (let r = 0; r < dim; r++) {
    for (let c = 0; c < dim; c++) {
      const at = 2 * (r * dim + c);
      if (r === c) {
        d[2 * r] = m[at]!;
        d[2 * r + 1] = m[at + 1]!;
      } else if (m[at] !== 0 || m[at + 1] !== 0) return null;
    }
  }
  return d;
}

function isIdentity(m: Float64Array, dim: number): boolean {
  for (let r = 0; r < dim; r++) {
    for (let c = 0; c < dim; c++) {
      const at = 2 * (r * dim + c);
      if (Math.abs(m[at]! - (r === c ? 1 : 0)) > UNITARY_ATOL || Math.abs(m[at + 1]!) > UNITARY_ATOL) return false;
    }
  }
  return true;
}

/** The unravelling data of a channel (computed once per error, then cached). */
export function prepareChannel(error: QuantumError): PreparedChannel {
  const cached = prepared.get(error);
  if (cached) return cached;
  const gramMats = error.kraus.map((k) => matMul(adjoint(k), k));
  const weights = gramMats.map(multipleOfIdentity);
  const mixedUnitary = weights.every((w) => w !== null);
  let fixed: Float64Array | null = null;
  let unitaries: (Float64Array | null)[] | null = null;
  if (mixedUnitary) {
    const ws = weights as number[];
    const total = ws.reduce((a, b) => a + b, 0);
    fixed = Float64Array.from(ws, (w) => Math.max(0, w) / total);
    unitaries = error.kraus.map((k, i) => {
      const u = scale(k, 1 / Math.sqrt(ws[i]!)).data;
      return isIdentity(u, k.dim) ? null : u;
    });
  }
  const dim = error.kraus[0]!.dim;
  const out: PreparedChannel = {
    dim,
    kraus: error.kraus.map((k) => k.data),
    gram: gramMats.map((g) => g.data),
    fixed,
    unitaries,
    diagonalGram: gramMats.every((g) => diagonalOf(g.data, dim) !== null),
    diagonals: error.kraus.map((k) => diagonalOf(k.data, dim)),
  };
  prepared.set(error, out);
  return out;
}

/**
 * ρ_Q[a][b] = Σ ψ[rest|a]·conj(ψ[rest|b]) over the other qubits, interleaved row-major (one
 * pass over the state).
 */
export function reducedDensityMatrix(state: StateBuffers, bits: readonly number[]): Float64Array {
  const dim = 1 << bits.length;
  const offs = localOffsets(bits);
  let mask = 0;
  for (const b of bits) mask |= 1 << b;
  const rho = new Float64Array(2 * dim * dim);
  const vr = new Float64Array(dim), vi = new Float64Array(dim);
  const { re, im } = state;
  for (let base = 0; base < re.length; base++) {
    if (base & mask) continue;
    for (let s = 0; s < dim; s++) {
      vr[s] = re[base + offs[s]!]!;
      vi[s] = im[base + offs[s]!]!;
    }
    for (let a = 0; a < dim; a++) {
      const ar = vr[a]!, ai = vi[a]!;
      if (ar === 0 && ai === 0) continue;
      for (let b = 0; b < dim; b++) {
        const at = 2 * (a * dim + b);
        rho[at] = rho[at]! + ar * vr[b]! + ai * vi[b]!;
        rho[at + 1] = rho[at + 1]! + ai * vr[b]! - ar * vi[b]!;
      }
    }
  }
  return rho;
}

/**
 * P(a) for the 2^k local basis states a of `bits` (one pass over the state, no products
 * between amplitudes).
 */
export function populations(state: StateBuffers, bits: readonly number[]): Float64Array {
  const { re, im } = state;
  const pop = new Float64Array(1 << bits.length);
  if (bits.length === 1) {
    const bit = 1 << bits[0]!;
    let p0 = 0, p1 = 0;
    for (let base = 0; base < re.length; base += bit << 1) {
      for (let i = base; i < base + bit; i++) p0 += re[i]! * re[i]! + im[i]! * im[i]!;
      for (let i = base + bit; i < base + 2 * bit; i++) p1 += re[i]! * re[i]! + im[i]! * im[i]!;
    }
    pop[0] = p0;
    pop[1] = p1;
    return pop;
  }
  for (let i = 0; i < re.length; i++) {
    let a = 0;
    for (let j = 0; j < bits.length; j++) a |= ((i >>> bits[j]!) & 1) << j;
    pop[a] = pop[a]! + re[i]! * re[i]! + im[i]! * im[i]!;
  }
  return pop;
}

/**
 * The branch probabilities of a channel on the state's `bits` (the channel's argument j is
 * bit `bits[j]`), normalised to sum 1 (rounding can leave Σ p_k a few ulps off, or an entry a
 * few ulps below zero).
 */
export function branchProbabilities(channel: PreparedChannel, state: StateBuffers, bits: readonly number[]): Float64Array {
  if (channel.fixed) return channel.fixed;
  const d = channel.dim;
  const p = new Float64Array(channel.gram.length);
  let total = 0;
  if (channel.diagonalGram) {
    const pop = populations(state, bits);
    channel.gram.forEach((g, k) => {
      let s = 0;
      for (let a = 0; a < d; a++) s += g[2 * (a * d + a)]! * pop[a]!;
      p[k] = Math.max(0, s);
      total += p[k]!;
    });
    for (let k = 0; k < p.length; k++) p[k] = p[k]! / total;
    return p;
  }
  const rho = reducedDensityMatrix(state, bits);
  channel.gram.forEach((g, k) => {
    // Tr(G ρ) = Σ_ab G[a][b]·ρ[b][a]; real for Hermitian G and ρ.
    let s = 0;
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) {
        const ga = 2 * (a * d + b), rb = 2 * (b * d + a);
        s += g[ga]! * rho[rb]! - g[ga + 1]! * rho[rb + 1]!;
      }
    }
    p[k] = Math.max(0, s);
    total += p[k]!;
  });
  for (let k = 0; k < p.length; k++) p[k] = p[k]! / total;
  return p;
}

const scratch = new Float64Array(4 * 32);

function applyMatrix(state: StateBuffers, bits: readonly number[], m: Float64Array): void {
  if (bits.length === 1) apply2x2(state.re, state.im, bits[0]!, m);
  else applyDense(state.re, state.im, bits, m, scratch);
}

/** ψ → K_k ψ/√p_k in place, `p` the probability {@link branchProbabilities} gave branch k. */
export function applyBranch(channel: PreparedChannel, k: number, p: number, state: StateBuffers, bits: readonly number[]): void {
  if (channel.unitaries) {
    const u = channel.unitaries[k];
    if (u) applyMatrix(state, bits, u);
    return;
  }
  const s = 1 / Math.sqrt(p);
  const diagonal = channel.diagonals[k];
  if (diagonal) {
    applyDiagonal(state.re, state.im, bits, diagonal.map((x) => x * s));
    return;
  }
  applyMatrix(state, bits, channel.kraus[k]!.map((x) => x * s));
}

/**
 * Splits `n` trials over outcomes of probabilities `p` (summing to 1): a multinomial draw as
 * successive binomials in index order, reproducible for the generator's state.
 */
export function multinomial(rng: Prng, n: number, p: ArrayLike<number>): Int32Array {
  const out = new Int32Array(p.length);
  let left = n;
  let mass = 0;
  let last = -1;
  for (let k = 0; k < p.length; k++) {
    mass += p[k]!;
    if (p[k]! > 0) last = k;
  }
  for (let k = 0; k < p.length && left > 0; k++) {
    const pk = p[k]!;
    // The last possible outcome takes what is left, so rounding in `mass` never loses a trial.
    const c = k === last ? left : pk > 0 ? (mass > pk ? rng.binomial(left, pk / mass) : left) : 0;
    out[k] = c;
    left -= c;
    mass -= pk;
  }
  return out;
}
