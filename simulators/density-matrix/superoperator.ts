/**
 * A channel on the vectorised density matrix: S = Σ_k K_k ⊗ K̄_k, one 4^k × 4^k matrix on the
 * row and column bits of the channel's qubits together, applied in place in one pass however
 * many Kraus operators the channel has (a device's two-qubit error has 256).
 *
 * The superoperators of noise channels are mostly zeros: depolarizing is (1 − λ)·1 plus λ/d on
 * the |vec I⟩⟨vec I| block, relaxation moves populations and scales coherences, so a device's
 * two-qubit error keeps about 40 of the 256 entries of its 16 × 16 superoperator. The pass
 * therefore runs over the nonzero entries only, row by row.
 */
import type { GateMatrix } from '../../src/circuit/gates';
import { conjugate, kron } from '../../src/noise/matrix';
import { localOffsets } from '../statevector/ops/local-offsets';

/** A superoperator in compressed rows: row r has entries start[r] … start[r+1]−1. */
export interface Superoperator {
  /** The matrix dimension 4^k. */
  readonly dim: number;
  /** Row starts, length dim + 1. */
  readonly start: Int32Array;
  /** Column of each entry. */
  readonly col: Int32Array;
  /** Real part of each entry. */
  readonly re: Float64Array;
  /** Imaginary part of each entry. */
  readonly im: Float64Array;
}

const cache = new WeakMap<readonly GateMatrix[], Superoperator>();

/**
 * S = Σ_k K_k ⊗ K̄_k for the argument order [column bits…, row bits…] (K̄ on the low, column
 * half; K on the high, row half: Qiskit's kron order), so that
 * vec(KρK†)[r', c'] = Σ K[r'][r]·K̄[c'][c]·vec(ρ)[r, c]. Cached per operator list.
 */
export function superoperator(kraus: readonly GateMatrix[]): Superoperator {
  const cached = cache.get(kraus);
  if (cached) return cached;
  let sum: Float64Array | null = null;
  let dim = 0;
  for (const k of kraus) {
    const term = kron(k, conjugate(k));
    dim = term.dim;
    if (!sum) sum = term.data;
    else for (let i = 0; i < sum.length; i++) sum[i] = sum[i]! + term.data[i]!;
  }
  const start = new Int32Array(dim + 1);
  const cols: number[] = [], res: number[] = [], ims: number[] = [];
  for (let r = 0; r < dim; r++) {
    for (let c = 0; c < dim; c++) {
      const at = 2 * (r * dim + c);
      // Exact zeros only: an entry of 1e-300 is still applied.
      if (sum![at] === 0 && sum![at + 1] === 0) continue;
      cols.push(c);
      res.push(sum![at]!);
      ims.push(sum![at + 1]!);
    }
    start[r + 1] = cols.length;
  }
  const out: Superoperator = Object.freeze({ dim, start, col: Int32Array.from(cols), re: Float64Array.from(res), im: Float64Array.from(ims) });
  cache.set(kraus, out);
  return out;
}

/**
 * v → S·v on the given bits of the vectorised ρ (argument j of S is bit `bits[j]`), in place:
 * for each block of the 4^k entries the bits address, the block is read, multiplied by the
 * nonzero entries of S and written back.
 */
export function applySuperoperator(re: Float64Array, im: Float64Array, bits: readonly number[], s: Superoperator): void {
  const dim = s.dim;
  let mask = 0;
  for (const b of bits) mask |= 1 << b;
  const offs = localOffsets(bits);
  const vr = new Float64Array(dim), vi = new Float64Array(dim);
  const { start, col, re: sr, im: si } = s;
  for (let base = 0; base < re.length; base++) {
    if (base & mask) continue;
    for (let a = 0; a < dim; a++) {
      vr[a] = re[base + offs[a]!]!;
      vi[a] = im[base + offs[a]!]!;
    }
    for (let r = 0; r < dim; r++) {
      let accR = 0, accI = 0;
      for (let e = start[r]!; e < start[r + 1]!; e++) {
        const c = col[e]!, mr = sr[e]!, mi = si[e]!;
        accR += mr * vr[c]! - mi * vi[c]!;
        accI += mr * vi[c]! + mi * vr[c]!;
      }
      re[base + offs[r]!] = accR;
      im[base + offs[r]!] = accI;
    }
  }
}
