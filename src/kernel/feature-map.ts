import { Circuit } from '../circuit/circuit';
import { ParameterExpression, ParameterVector, type Angle } from '../circuit/parameter';
import { InputValidationError } from '../core/errors';
import { entanglerMap, type Entanglement } from './entanglement';
import {
  MAT_H,
  MAT_SX,
  MAT_SXDG,
  applyOneQubit,
  applyParityPhases,
  applyParityPhasesGray,
  applyQuadraticPhases,
  hadamardLayer,
  quadraticScratchSize,
  uniformState,
} from './encode-loops';

/** Options of {@link pauliFeatureMap}; defaults are Qiskit's (`pauli_feature_map`). */
export interface PauliFeatureMapOptions {
  /** Number of features = number of qubits. */
  featureDimension: number;
  /** Pauli strings, applied in list order (case-insensitive). Default ['Z', 'ZZ'] (['Z'] for 1 qubit). */
  paulis?: readonly string[];
  /** Repetitions (each starts with an H layer). Default 2. */
  reps?: number;
  /** Default 'full'. A callable receives the rep index. */
  entanglement?: Entanglement;
  /** Angle scale: θ = alpha·φ_S(x). Default 2. */
  alpha?: number;
}

/** One evolution block: a Pauli string on a qubit tuple. */
export interface FeatureMapBlock {
  readonly pauli: string;
  readonly tuple: readonly number[];
}

/**
 * A Pauli feature map exactly as Qiskit ≥ 1.3 builds it (`pauli_feature_map`): per rep an H
 * layer, then for each Pauli string (list order) and each entanglement tuple (map order) the
 * block U_S = B†·diag(e^{iθ·parity})·B with θ = alpha·φ_S(x), φ_S = x_i for one qubit and
 * Π_{j∈S}(π − x_j) otherwise. Build with {@link pauliFeatureMap}, {@link zzFeatureMap} or
 * {@link zFeatureMap}.
 *
 * Two ways to use it: {@link PauliFeatureMap.circuit} gives the parameterised circuit with
 * Qiskit's gate sequence (for hardware), and {@link PauliFeatureMap.encodeInto} writes the exact
 * statevector without simulating gate by gate (Walsh–Hadamard layer + one diagonal pass per rep
 * for Z-only maps; B†·diag·B per block otherwise).
 */
export class PauliFeatureMap {
  readonly featureDimension: number;
  readonly numQubits: number;
  readonly paulis: readonly string[];
  readonly reps: number;
  readonly alpha: number;
  /** The blocks of each rep, entanglement resolved (rep → blocks in application order). */
  readonly layers: ReadonlyArray<readonly FeatureMapBlock[]>;
  /** True when every letter is Z or I: the map is H layers and diagonal phases only. */
  readonly isDiagonal: boolean;
  /** A canonical description: equal ids ⇔ equal maps (cache keys use it). */
  readonly id: string;
  private readonly plan: EncodePlan;
  private template?: Circuit;

  constructor(options: PauliFeatureMapOptions) {
    const n = options.featureDimension;
    if (!Number.isInteger(n) || n < 1 || n > 30) {
      throw new InputValidationError(`featureDimension must be an integer in [1, 30], got ${String(n)}`);
    }
    const reps = options.reps ?? 2;
    if (!Number.isInteger(reps) || reps < 1) throw new InputValidationError(`reps must be an integer ≥ 1, got ${String(reps)}`);
    const alpha = options.alpha ?? 2;
    if (typeof alpha !== 'number' || !Number.isFinite(alpha)) throw new InputValidationError(`alpha must be a finite number`);
    const paulis = (options.paulis ?? (n === 1 ? ['Z'] : ['Z', 'ZZ'])).map((p) => String(p).toUpperCase());
    if (paulis.length === 0) throw new InputValidationError('paulis must name at least one Pauli string');
    for (const p of paulis) {
      if (!/^[IXYZ]+$/.test(p)) throw new InputValidationError(`Pauli string '${p}' may contain only I, X, Y, Z`);
      if (p.length > n) throw new InputValidationError(`Pauli string '${p}' is longer than the ${n} qubits`);
    }
    const ent = options.entanglement ?? 'full';
    const layers: FeatureMapBlock[][] = [];
    for (let rep = 0; rep < reps; rep++) {
      const e = typeof ent === 'function' ? ent(rep) : ent;
      const blocks: FeatureMapBlock[] = [];
      for (const p of paulis) for (const t of entanglerMap(n, p.length, e, rep)) blocks.push({ pauli: p, tuple: t });
      layers.push(blocks);
    }
    this.featureDimension = n;
    this.numQubits = n;
    this.paulis = Object.freeze(paulis);
    this.reps = reps;
    this.alpha = alpha;
    this.layers = Object.freeze(layers.map((l) => Object.freeze(l)));
    this.isDiagonal = paulis.every((p) => /^[IZ]+$/.test(p));
    this.id = `pauli(n=${n};a=${alpha};` + layers.map((l) => l.map((b) => `${b.pauli}@${b.tuple.join('.')}`).join(',')).join('|') + ')';
    this.plan = buildPlan(this);
  }

  /** θ of one block for features `x[off..off+n)` (φ folded left to right from 1.0, alpha last). */
  angle(tuple: readonly number[], x: ArrayLike<number>, off = 0): number {
    if (tuple.length === 1) return x[off + tuple[0]!]! * this.alpha;
    let acc = 1;
    for (const j of tuple) acc *= Math.PI - x[off + j]!;
    return acc * this.alpha;
  }

  /**
   * The parameterised circuit (parameters `name[0..n-1]`), Qiskit's exact gate sequence:
   * H layer; per block basis change (H for X, SX for Y), CX chain onto S[−1], P(θ), chain back,
   * inverse basis change (H, SX†). With the default name the circuit is built once and shared.
   */
  circuit(name = 'x'): Circuit {
    if (name === 'x' && this.template) return this.template;
    const v = new ParameterVector(name, this.featureDimension);
    const c = new Circuit(this.numQubits, { name: 'PauliFeatureMap' });
    const pi = new ParameterExpression({ op: 'const', value: Math.PI });
    for (const blocks of this.layers) {
      for (let q = 0; q < this.numQubits; q++) c.h(q);
      for (const { pauli, tuple } of blocks) {
        let theta: Angle;
        if (tuple.length === 1) theta = v.get(tuple[0]!).mul(this.alpha);
        else {
          let acc: ParameterExpression | undefined;
          for (const j of tuple) acc = acc ? acc.mul(pi.sub(v.get(j))) : pi.sub(v.get(j));
          theta = acc!.mul(this.alpha);
        }
        appendBlock(c, pauli, tuple, theta);
      }
    }
    if (name === 'x') this.template = c;
    return c;
  }

  /** The circuit with features bound (checks the feature count). */
  assign(x: ArrayLike<number>): Circuit {
    if (x.length !== this.featureDimension) {
      throw new InputValidationError(`expected ${this.featureDimension} features, got ${x.length}`);
    }
    const bindings: Record<string, number> = {};
    for (let i = 0; i < x.length; i++) bindings[`x[${i}]`] = x[i]!;
    const c = this.circuit();
    const used = new Set(c.parameters);
    for (const k of Object.keys(bindings)) if (!used.has(k)) delete bindings[k];
    return c.assignParameters(bindings);
  }

  /**
   * Writes the exact statevector (global phase included) for features `x[xOff..xOff+n)` into
   * `z` at `zOff`, interleaved re/im, 2·2^n numbers. `thetas` is scratch of ≥ {@link maxBlocks}.
   */
  encodeInto(x: ArrayLike<number>, xOff: number, z: Float64Array, zOff: number, thetas: Float64Array): void {
    const n = this.numQubits;
    const p = this.plan;
    for (let rep = 0; rep < this.reps; rep++) {
      if (rep === 0) uniformState(z, zOff, n);
      else hadamardLayer(z, zOff, n);
      const from = p.repStart[rep]!;
      const to = p.repStart[rep + 1]!;
      for (let b = from; b < to; b++) {
        const t = p.tuples[b]!;
        thetas[b] = this.angle(t, x, xOff);
      }
      // Runs of diagonal blocks commute: one pass each; a block with X/Y letters is B†·D·B.
      for (const seg of p.segments[rep]!) {
        if (seg.basis === null) {
          if (seg.quadratic) this.quadratic(seg, thetas, z, zOff);
          else if (seg.adj) applyParityPhasesGray(z, zOff, n, thetas, seg.from, seg.to, seg.adjStart!, seg.adj, p.parity);
          else applyParityPhases(z, zOff, n, p.masks, thetas, seg.from, seg.to);
        } else {
          const bc = seg.basis;
          for (let k = 0; k < bc.length; k += 2) applyOneQubit(z, zOff, n, bc[k]!, bc[k + 1] === 1 ? MAT_H : MAT_SX);
          applyParityPhases(z, zOff, n, p.masks, thetas, seg.from, seg.to);
          for (let k = 0; k < bc.length; k += 2) applyOneQubit(z, zOff, n, bc[k]!, bc[k + 1] === 1 ? MAT_H : MAT_SXDG);
        }
      }
    }
  }

  /** A run of Z / ZZ blocks as one quadratic phase (coefficients summed per qubit and pair). */
  private quadratic(seg: Segment, thetas: Float64Array, z: Float64Array, zOff: number): void {
    const n = this.numQubits;
    const p = this.plan;
    const h = p.h;
    const J = p.J;
    h.fill(0);
    J.fill(0);
    const qs = seg.quadratic!;
    // qs: [b, q, r] per block (r = −1 for one-qubit blocks); θ·b_q, or θ·(b_q + b_r − 2·b_q·b_r).
    for (let k = 0; k < qs.length; k += 3) {
      const t = thetas[qs[k]!]!;
      const q = qs[k + 1]!;
      const r = qs[k + 2]!;
      h[q] += t;
      if (r >= 0) {
        h[r] += t;
        if (q < r) J[q * n + r] += t;
        else J[r * n + q] += t;
      }
    }
    applyQuadraticPhases(z, zOff, n, h, J, p.quadScratch);
  }

  /** Number of blocks over all reps (size of the `thetas` scratch). */
  get maxBlocks(): number {
    return this.plan.tuples.length;
  }

  /** The exact statevector of one point (a new interleaved array of 2·2^n numbers). */
  statevector(x: ArrayLike<number>): Float64Array {
    if (x.length !== this.featureDimension) {
      throw new InputValidationError(`expected ${this.featureDimension} features, got ${x.length}`);
    }
    const z = new Float64Array(2 << this.numQubits);
    this.encodeInto(x, 0, z, 0, new Float64Array(this.maxBlocks));
    return z;
  }
}

/** Precomputed per-block data for {@link PauliFeatureMap.encodeInto}. */
interface EncodePlan {
  readonly repStart: Int32Array;
  readonly tuples: ReadonlyArray<readonly number[]>;
  /** Qubit mask of the non-identity letters. */
  readonly masks: Int32Array;
  /** Per rep: runs of diagonal blocks (one pass each) and single blocks with X/Y letters. */
  readonly segments: ReadonlyArray<readonly Segment[]>;
  /** Scratch parities for the Gray-code pass (one byte per block; encoding is synchronous). */
  readonly parity: Uint8Array;
  /** Scratch of the quadratic pass: coefficients and tables. */
  readonly h: Float64Array;
  readonly J: Float64Array;
  readonly quadScratch: Float64Array;
}

/** A run of blocks applied in one pass. */
interface Segment {
  readonly from: number;
  readonly to: number;
  /** null for Z-only runs, else [qubit, 1 (X→H) | 2 (Y→SX), …] of the single block. */
  readonly basis: Int32Array | null;
  /** Gray-code adjacency (qubit → blocks containing it), for long diagonal runs. */
  readonly adjStart?: Int32Array;
  readonly adj?: Int32Array;
  /** For runs of one- and two-qubit Z terms: [block, q, r | −1] triples (the O(1)-per-amplitude pass). */
  readonly quadratic?: Int32Array;
}

function letterQubits(pauli: string, tuple: readonly number[]): Array<[string, number]> {
  // Letter k (from the left) acts on tuple[len−1−k]: the rightmost letter is on S[0].
  const out: Array<[string, number]> = [];
  for (let k = 0; k < pauli.length; k++) out.push([pauli[k]!, tuple[pauli.length - 1 - k]!]);
  return out;
}

function buildPlan(fm: PauliFeatureMap): EncodePlan {
  const repStart = new Int32Array(fm.reps + 1);
  const tuples: Array<readonly number[]> = [];
  const masks: number[] = [];
  const basis: Array<Int32Array | null> = [];
  const segments: Segment[][] = [];
  fm.layers.forEach((blocks, rep) => {
    repStart[rep] = tuples.length;
    for (const { pauli, tuple } of blocks) {
      tuples.push(tuple);
      let mask = 0;
      const bc: number[] = [];
      for (const [letter, q] of letterQubits(pauli, tuple)) {
        if (letter === 'I') continue;
        mask |= 1 << q;
        if (letter === 'X') bc.push(q, 1);
        else if (letter === 'Y') bc.push(q, 2);
      }
      masks.push(mask);
      basis.push(bc.length ? Int32Array.from(bc) : null);
    }
  });
  repStart[fm.reps] = tuples.length;
  for (let rep = 0; rep < fm.reps; rep++) {
    const segs: Segment[] = [];
    let b = repStart[rep]!;
    const end = repStart[rep + 1]!;
    while (b < end) {
      if (basis[b] !== null) {
        segs.push({ from: b, to: b + 1, basis: basis[b]! });
        b++;
        continue;
      }
      let e = b + 1;
      while (e < end && basis[e] === null) e++;
      segs.push(diagonalSegment(b, e, masks, fm.numQubits));
      b = e;
    }
    segments.push(segs);
  }
  const n = fm.numQubits;
  const anyQuadratic = segments.some((r) => r.some((g) => g.quadratic));
  return {
    repStart,
    tuples,
    masks: Int32Array.from(masks),
    segments,
    parity: new Uint8Array(tuples.length),
    h: new Float64Array(n),
    J: new Float64Array(anyQuadratic ? n * n : 0),
    quadScratch: new Float64Array(anyQuadratic ? quadraticScratchSize(n) : 0),
  };
}

/** A diagonal run; with more blocks than qubits the Gray-code pass (with its adjacency) is cheaper. */
function diagonalSegment(from: number, to: number, masks: readonly number[], n: number): Segment {
  if (to - from <= n) return { from, to, basis: null };
  const bits = (m: number): number[] => [...Array(n).keys()].filter((q) => m & (1 << q));
  if (n >= 4 && masks.slice(from, to).every((m) => bits(m).length <= 2)) {
    const triples: number[] = [];
    for (let b = from; b < to; b++) {
      const q = bits(masks[b]!);
      if (q.length === 0) continue; // all-identity block: no phase
      triples.push(b, q[0]!, q.length === 2 ? q[1]! : -1);
    }
    return { from, to, basis: null, quadratic: Int32Array.from(triples) };
  }
  const lists: number[][] = Array.from({ length: n }, () => []);
  for (let b = from; b < to; b++) for (let q = 0; q < n; q++) if (masks[b]! & (1 << q)) lists[q]!.push(b);
  const adjStart = new Int32Array(n + 1);
  for (let q = 0; q < n; q++) adjStart[q + 1] = adjStart[q]! + lists[q]!.length;
  return { from, to, basis: null, adjStart, adj: Int32Array.from(lists.flat()) };
}

/** Appends Qiskit's synthesis of one evolution block (`sparse_term_evolution`, phase gate form). */
function appendBlock(c: Circuit, pauli: string, tuple: readonly number[], theta: Angle): void {
  // Active qubits in reversed-tuple order: q[0] = the last tuple qubit with a non-I letter.
  const active: Array<[string, number]> = [];
  for (let k = 0; k < pauli.length; k++) {
    const letter = pauli[k]!;
    if (letter !== 'I') active.push([letter, tuple[pauli.length - 1 - k]!]);
  }
  if (active.length === 0) return;
  for (const [l, q] of active) {
    if (l === 'X') c.h(q);
    else if (l === 'Y') c.sx(q);
  }
  const qs = active.map(([, q]) => q);
  for (let k = qs.length - 1; k >= 1; k--) c.cx(qs[k]!, qs[k - 1]!);
  c.p(theta, qs[0]!);
  for (let k = 1; k < qs.length; k++) c.cx(qs[k]!, qs[k - 1]!);
  for (const [l, q] of active) {
    if (l === 'X') c.h(q);
    else if (l === 'Y') c.sxdg(q);
  }
}

/** Qiskit's `pauli_feature_map`: defaults reps 2, 'full', alpha 2, paulis ['Z', 'ZZ']. */
export function pauliFeatureMap(options: PauliFeatureMapOptions): PauliFeatureMap {
  return new PauliFeatureMap(options);
}

/** Qiskit's `zz_feature_map` (paulis ['Z', 'ZZ']); needs at least 2 features. */
export function zzFeatureMap(options: Omit<PauliFeatureMapOptions, 'paulis'>): PauliFeatureMap {
  if (!(options.featureDimension >= 2)) {
    throw new InputValidationError(`the ZZ feature map needs at least 2 features, got ${String(options.featureDimension)}`);
  }
  return new PauliFeatureMap({ ...options, paulis: ['Z', 'ZZ'] });
}

/** Qiskit's `z_feature_map` (paulis ['Z']; entanglement is irrelevant). */
export function zFeatureMap(options: Omit<PauliFeatureMapOptions, 'paulis' | 'entanglement'>): PauliFeatureMap {
  return new PauliFeatureMap({ ...options, paulis: ['Z'] });
}
