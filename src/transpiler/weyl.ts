import { mul2x2, type Mat2 } from '../circuit/mat2';
import { CircuitValidationError } from '../core/errors';
import { Prng } from '../core/random';
import { adjointN, det4, jacobiEigenvectors4, kron2, maxAbsDiff, mul4, mulN, transpose4, withPhase, type Mat4 } from './mat4';

/**
 * The KAK (Cartan) decomposition of a two-qubit unitary, with Weyl-chamber coordinates as
 * Qiskit's `TwoQubitWeylDecomposition` reports them:
 *
 *   U = e^{iφ} · (K1₁ ⊗ K1₀) · exp(i(a·XX + b·YY + c·ZZ)) · (K2₁ ⊗ K2₀),
 *   π/4 ≥ a ≥ b ≥ |c|, and c ≥ 0 when a = π/4,
 *
 * where K·₁ acts on qubit 1 and K·₀ on qubit 0. (a, b, c) names the local-equivalence class:
 * CX is (π/4, 0, 0), iSWAP (π/4, π/4, 0), SWAP (π/4, π/4, π/4).
 *
 * How: in the magic basis M, local gates SU(2)⊗SU(2) become real rotations SO(4) and the
 * canonical gate becomes diagonal, so U' = M†·U·M = O₁·Δ·O₂. Then U'ᵀU' = O₂ᵀΔ²O₂ is a
 * symmetric unitary whose real and imaginary parts commute; one real orthogonal P
 * diagonalises both (found by Jacobi on a random real combination). Δ is a square root of the
 * eigenvalues, O₁ = U'·P·Δ⁻¹, and (a, b, c) follow from Δ's phases. A last step moves the
 * coordinates into the chamber with local Paulis and Cliffords, each tracked exactly.
 */

/** The KAK factors and Weyl coordinates of a two-qubit unitary (see the module comment). */
export interface WeylDecomposition {
  /** Coefficient of XX in the canonical gate. */
  readonly a: number;
  /** Coefficient of YY. */
  readonly b: number;
  /** Coefficient of ZZ. */
  readonly c: number;
  /** φ: U's global phase relative to the product of the factors. */
  readonly globalPhase: number;
  /** Applied after the canonical gate: [on qubit 1, on qubit 0], each in SU(2), 2×2 row-major interleaved (re, im). */
  readonly k1: readonly [Float64Array, Float64Array];
  /** Applied before the canonical gate: [on qubit 1, on qubit 0], each in SU(2), 2×2 row-major interleaved (re, im). */
  readonly k2: readonly [Float64Array, Float64Array];
}

const R = Math.SQRT1_2;
/** Qiskit's magic basis (columns), row-major interleaved. */
const MAGIC = Float64Array.of(
  R, 0, 0, 0, 0, 0, 0, R,
  0, 0, 0, R, R, 0, 0, 0,
  0, 0, 0, R, -R, 0, 0, 0,
  R, 0, 0, 0, 0, 0, 0, -R,
);
const MAGIC_DAG = adjointN(MAGIC, 4);

/** The Paulis and the Cliffords that permute them, as 2×2 matrices. */
export const PAULI: Readonly<Record<'I' | 'X' | 'Y' | 'Z', Mat2>> = Object.freeze({
  I: Float64Array.of(1, 0, 0, 0, 0, 0, 1, 0),
  X: Float64Array.of(0, 0, 1, 0, 1, 0, 0, 0),
  Y: Float64Array.of(0, 0, 0, -1, 0, 1, 0, 0),
  Z: Float64Array.of(1, 0, 0, 0, 0, 0, -1, 0),
});
const AXES = [PAULI.X, PAULI.Y, PAULI.Z] as const;
/** W with W·Pᵢ·W† = ±Pⱼ, W·Pⱼ·W† = ±Pᵢ and the third Pauli fixed up to sign: S (X↔Y), H (X↔Z), RX(π/2) (Y↔Z). */
const SWAPPERS: Record<string, Mat2> = {
  '0,1': Float64Array.of(1, 0, 0, 0, 0, 0, 0, 1),
  '0,2': Float64Array.of(R, 0, R, 0, R, 0, -R, 0),
  '1,2': Float64Array.of(R, 0, 0, -R, 0, -R, R, 0),
};

/** The signs of P⊗P on the magic basis (diagonal there, entries ±1), for P = X, Y, Z. */
const MAGIC_SIGNS: Float64Array[] = AXES.map((p) => {
  const d = mul4(MAGIC_DAG, mul4(kron2(p, p), MAGIC));
  return Float64Array.from({ length: 4 }, (_, k) => Math.sign(d[2 * 5 * k]!));
});

/** exp(i(a·XX + b·YY + c·ZZ)), built from its commuting factors cos x·I + i sin x·P⊗P. */
export function canonicalGate(a: number, b: number, c: number): Mat4 {
  let m: Mat4 | null = null;
  [a, b, c].forEach((x, j) => {
    const pp = kron2(AXES[j]!, AXES[j]!);
    const f = new Float64Array(32);
    for (let i = 0; i < 32; i += 2) {
      // cos x·I + i·sin x·PP (PP is real)
      f[i] = Math.sin(x) * -pp[i + 1]!;
      f[i + 1] = Math.sin(x) * pp[i]!;
    }
    for (let k = 0; k < 4; k++) f[2 * 5 * k] = f[2 * 5 * k]! + Math.cos(x);
    m = m ? mul4(m, f) : f;
  });
  return m!;
}

/** The 4×4 matrix of a decomposition (its product), for checks. */
export function weylProduct(d: WeylDecomposition): Mat4 {
  const m = mul4(kron2(d.k1[0], d.k1[1]), mul4(canonicalGate(d.a, d.b, d.c), kron2(d.k2[0], d.k2[1])));
  return withPhase(m, d.globalPhase);
}

/**
 * Splits a 4×4 tensor product into [on qubit 1, on qubit 0] (the qubit-0 factor has
 * determinant 1; the other carries any phase). Reads the largest 2×2 block, which is
 * (qubit-1 entry)·(qubit-0 factor).
 */
function splitProduct(k: Mat4): [Mat2, Mat2] {
  let bi = 0, bj = 0, best = -1;
  for (let i = 0; i < 2; i++)
    for (let j = 0; j < 2; j++) {
      let s = 0;
      for (let x = 0; x < 2; x++) for (let y = 0; y < 2; y++) s += k[2 * ((2 * i + x) * 4 + 2 * j + y)]! ** 2 + k[2 * ((2 * i + x) * 4 + 2 * j + y) + 1]! ** 2;
      if (s > best) {
        best = s;
        bi = i;
        bj = j;
      }
    }
  const blk = new Float64Array(8);
  for (let x = 0; x < 2; x++)
    for (let y = 0; y < 2; y++) {
      blk[2 * (2 * x + y)] = k[2 * ((2 * bi + x) * 4 + 2 * bj + y)]!;
      blk[2 * (2 * x + y) + 1] = k[2 * ((2 * bi + x) * 4 + 2 * bj + y) + 1]!;
    }
  const detR = blk[0]! * blk[6]! - blk[1]! * blk[7]! - (blk[2]! * blk[4]! - blk[3]! * blk[5]!);
  const detI = blk[0]! * blk[7]! + blk[1]! * blk[6]! - (blk[2]! * blk[5]! + blk[3]! * blk[4]!);
  const mod = Math.sqrt(Math.hypot(detR, detI));
  const arg = Math.atan2(detI, detR) / 2;
  const low = withPhase(blk, -arg).map((x) => x / mod) as Float64Array;
  // high_ij = ⟨low, block_ij⟩ / ⟨low, low⟩ (= 2 for a unitary)
  const high = new Float64Array(8);
  for (let i = 0; i < 2; i++)
    for (let j = 0; j < 2; j++) {
      let re = 0, im = 0;
      for (let x = 0; x < 2; x++)
        for (let y = 0; y < 2; y++) {
          const lr = low[2 * (2 * x + y)]!, li = low[2 * (2 * x + y) + 1]!;
          const kr = k[2 * ((2 * i + x) * 4 + 2 * j + y)]!, ki = k[2 * ((2 * i + x) * 4 + 2 * j + y) + 1]!;
          re += lr * kr + li * ki;
          im += lr * ki - li * kr;
        }
      high[2 * (2 * i + j)] = re / 2;
      high[2 * (2 * i + j) + 1] = im / 2;
    }
  return [high, low];
}

/** Mutable working form of the decomposition while the coordinates move into the chamber. */
interface Work {
  x: [number, number, number];
  phase: number;
  l: [Mat2, Mat2];
  r: [Mat2, Mat2];
}

/** x_j → x_j − k·π/2: C(x) = C(x')·(i·P⊗P)^k, so (P⊗P)^k joins the right factors. */
function shift(w: Work, j: number, k: number): void {
  if (k === 0) return;
  w.x[j] -= (k * Math.PI) / 2;
  w.phase += (k * Math.PI) / 2;
  if (k % 2 !== 0) w.r = [mul2x2(AXES[j]!, w.r[0]), mul2x2(AXES[j]!, w.r[1])];
}

/** Swaps x_i and x_j: C(x) = (W†⊗W†)·C(x')·(W⊗W). */
function swapAxes(w: Work, i: number, j: number): void {
  const m = SWAPPERS[`${Math.min(i, j)},${Math.max(i, j)}`]!;
  const mDag = adjointN(m, 2);
  [w.x[i], w.x[j]] = [w.x[j], w.x[i]];
  w.l = [mul2x2(w.l[0], mDag), mul2x2(w.l[1], mDag)];
  w.r = [mul2x2(m, w.r[0]), mul2x2(m, w.r[1])];
}

/** Negates x_i and x_j (k the third axis): C(x) = (P_k⊗I)·C(x')·(P_k⊗I). */
function flipPair(w: Work, i: number, j: number): void {
  const k = 3 - i - j;
  w.x[i] = -w.x[i];
  w.x[j] = -w.x[j];
  w.l = [mul2x2(w.l[0], AXES[k]!), w.l[1]];
  w.r = [mul2x2(AXES[k]!, w.r[0]), w.r[1]];
}

/** Residual of Pᵀ·M·P off the diagonal (P real 4×4, M complex). */
function offDiagonal(p: Float64Array, m: Mat4): { d: Float64Array; off: number } {
  const pc = new Float64Array(32);
  for (let i = 0; i < 16; i++) pc[2 * i] = p[i]!;
  const t = mul4(transpose4(pc), mul4(m, pc));
  let off = 0;
  for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) if (r !== c) off = Math.max(off, Math.hypot(t[2 * (r * 4 + c)]!, t[2 * (r * 4 + c) + 1]!));
  return { d: Float64Array.from({ length: 8 }, (_, i) => t[2 * 5 * (i >> 1) + (i & 1)]!), off };
}

const PI4 = Math.PI / 4;

/**
 * The KAK decomposition and Weyl coordinates of a 4×4 unitary (see the module comment).
 * `u` is row-major interleaved (re, im), index bit j = qubit j.
 *
 * @throws {CircuitValidationError} when `u` is not a 4×4 unitary (tolerance 1e-9)
 */
export function weylDecomposition(u: Float64Array): WeylDecomposition {
  if (u.length !== 32 || !u.every(Number.isFinite)) throw new CircuitValidationError('two-qubit synthesis needs a finite 4×4 matrix (32 interleaved numbers)');
  const uu = mulN(adjointN(u, 4), u, 4);
  let dev = 0;
  for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) dev = Math.max(dev, Math.hypot(uu[2 * (r * 4 + c)]! - (r === c ? 1 : 0), uu[2 * (r * 4 + c) + 1]!));
  if (dev > 1e-9) throw new CircuitValidationError(`two-qubit synthesis needs a unitary matrix (U†U deviates from I by ${dev.toExponential(2)})`);
  // SU(4): divide by det^{1/4}
  const [dr, di] = det4(u);
  const phase0 = Math.atan2(di, dr) / 4;
  const up = mul4(MAGIC_DAG, mul4(withPhase(u, -phase0), MAGIC));
  const m2 = mul4(transpose4(up), up);
  // One real orthogonal P for Re(M2) and Im(M2): Jacobi on a random combination; retry on
  // an unlucky one (equal combined eigenvalues of distinct eigenvalues of M2).
  const rng = new Prng(0x4b414b);
  let best: { p: Float64Array; d: Float64Array; off: number } | null = null;
  for (let attempt = 0; attempt < 20 && !(best && best.off < 1e-14); attempt++) {
    const [w1, w2] = attempt === 0 ? [1, 0.4142135623730951] : [rng.nextUint32() / 2 ** 32 + 0.1, rng.nextUint32() / 2 ** 32 - 0.5];
    const s = new Float64Array(16);
    for (let r = 0; r < 4; r++)
      for (let c = 0; c < 4; c++) {
        // symmetrised: rounding leaves M2 a few ulps from symmetric
        const re = (m2[2 * (r * 4 + c)]! + m2[2 * (c * 4 + r)]!) / 2;
        const im = (m2[2 * (r * 4 + c) + 1]! + m2[2 * (c * 4 + r) + 1]!) / 2;
        s[4 * r + c] = w1 * re + w2 * im;
      }
    const p = jacobiEigenvectors4(s);
    const { d, off } = offDiagonal(p, m2);
    if (!best || off < best.off) best = { p, d, off };
  }
  const p = best!.p;
  // det P = +1 (so that both orthogonal factors are rotations, i.e. local gates)
  const detP = det4(Float64Array.from({ length: 32 }, (_, i) => (i & 1 ? 0 : p[i >> 1]!)))[0];
  if (detP < 0) for (let r = 0; r < 4; r++) p[4 * r + 3] = -p[4 * r + 3]!;
  const d = Float64Array.from({ length: 4 }, (_, k) => Math.atan2(best!.d[2 * k + 1]!, best!.d[2 * k]!) / 2);
  // det Δ = 1 needs Σd ≡ 0 (mod 2π); the eigenvalues' product is 1, so Σd ≡ 0 or π
  const sum = d.reduce((s, x) => s + x, 0);
  if (Math.cos(sum) < 0) d[3] += Math.PI;
  const pc = Float64Array.from({ length: 32 }, (_, i) => (i & 1 ? 0 : p[i >> 1]!));
  const deltaInv = new Float64Array(32);
  for (let k = 0; k < 4; k++) {
    deltaInv[2 * 5 * k] = Math.cos(d[k]!);
    deltaInv[2 * 5 * k + 1] = -Math.sin(d[k]!);
  }
  const o1 = mul4(up, mul4(pc, deltaInv));
  const k1 = mul4(MAGIC, mul4(o1, MAGIC_DAG));
  const k2 = mul4(MAGIC, mul4(transpose4(pc), MAGIC_DAG));
  // d_k = φ₀ + a·sX_k + b·sY_k + c·sZ_k (the sign vectors and the all-ones vector are orthogonal)
  const coord = (s: Float64Array): number => (s[0]! * d[0]! + s[1]! * d[1]! + s[2]! * d[2]! + s[3]! * d[3]!) / 4;
  const w: Work = {
    x: [coord(MAGIC_SIGNS[0]!), coord(MAGIC_SIGNS[1]!), coord(MAGIC_SIGNS[2]!)],
    phase: phase0 + (d[0]! + d[1]! + d[2]! + d[3]!) / 4,
    l: splitProduct(k1),
    r: splitProduct(k2),
  };
  canonicalise(w);
  return finish(w);
}

/** The frozen result, each factor moved into SU(2) as Qiskit's K1l, K1r, K2l, K2r (its phase into φ). */
function finish(w: Work): WeylDecomposition {
  // K = e^{iθ/2}·(K·e^{−iθ/2}) with det K = e^{iθ}
  const special = (k: Mat2): Mat2 => {
    const theta = Math.atan2(
      k[0]! * k[7]! + k[1]! * k[6]! - (k[2]! * k[5]! + k[3]! * k[4]!),
      k[0]! * k[6]! - k[1]! * k[7]! - (k[2]! * k[4]! - k[3]! * k[5]!),
    );
    w.phase += theta / 2;
    return withPhase(k, -theta / 2);
  };
  const after = Object.freeze([special(w.l[0]), special(w.l[1])] as const);
  const before = Object.freeze([special(w.r[0]), special(w.r[1])] as const);
  return Object.freeze({ a: w.x[0], b: w.x[1], c: w.x[2], globalPhase: w.phase, k1: after, k2: before });
}

/** Moves (a, b, c) into π/4 ≥ a ≥ b ≥ |c| (c ≥ 0 when a = π/4), updating the factors. */
function canonicalise(w: Work): void {
  // each coordinate into [−π/4, π/4]
  for (let j = 0; j < 3; j++) shift(w, j, Math.round(w.x[j] / (Math.PI / 2)));
  // |a| ≥ |b| ≥ |c|
  for (let pass = 0; pass < 2; pass++)
    for (let j = 0; j < 2; j++) if (Math.abs(w.x[j]!) < Math.abs(w.x[j + 1]!)) swapAxes(w, j, j + 1);
  // signs: a, b ≥ 0 (an even number of flips; an odd leftover sits on c, the smallest)
  if (w.x[0] < 0) flipPair(w, 0, 1);
  if (w.x[1] < 0) flipPair(w, 1, 2);
  // On the face a = π/4, (π/4, b, c) ~ (π/4, b, −c): shift a to −π/4, then flip a and c.
  if (Math.abs(w.x[0] - PI4) < 1e-13 && w.x[2] < 0) {
    shift(w, 0, 1);
    flipPair(w, 0, 2);
  }
}

/**
 * The same product with c negated and a → π/2 − a: (π/4, b, c) and (π/4, b, −c) are one class,
 * so on the face a = π/4 either sign is a valid decomposition (rounding decides which one
 * {@link weylDecomposition} reports when a is within 1e-13 of π/4).
 */
export function mirrorOnFace(d: WeylDecomposition): WeylDecomposition {
  const w: Work = { x: [d.a, d.b, d.c], phase: d.globalPhase, l: [d.k1[0], d.k1[1]], r: [d.k2[0], d.k2[1]] };
  shift(w, 0, 1);
  flipPair(w, 0, 2);
  return finish(w);
}

/** Largest entry modulus of the difference between a decomposition's product and `u`. */
export function weylError(d: WeylDecomposition, u: Mat4): number {
  return maxAbsDiff(weylProduct(d), u);
}
