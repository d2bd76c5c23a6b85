/**
 * Gate fusion: turns a gate list into fewer passes over the state, exactly (only operations
 * that truly commute are reordered; products are taken in circuit order).
 *
 * 1. CX(c,t)·D·CX(c,t) blocks (the ZZ feature map's `cx; p; cx`) whose inner diagonal gates act
 *    on t (and c) become one two-qubit diagonal term: CX·D·CX|b⟩ = D(b with b_t ⊕= b_c)|b⟩.
 *    Inner diagonal gates that avoid t commute with the CX and pass through unchanged.
 * 2. A scheduler keeps, per qubit, a pending 2×2 (the product of that qubit's one-qubit gates
 *    since its last multi-qubit gate, split as a non-diagonal part followed by a diagonal part;
 *    a product that comes out exactly diagonal, such as H·H or SX†·SX, counts as diagonal) and
 *    one open diagonal D (one- and two-qubit phase terms, and in parametric plans parity phases
 *    whose angles come per run). A pending 2×2 that must precede a new term of D is not emitted
 *    at once but kept as "before D" and emitted, two per pass, just before D goes out. The
 *    circuit so far equals: emitted ops, the before-D 2×2s, D, the pending 2×2s. Multi-qubit
 *    gates flush only what they must; pending 2×2s go out two at a time (one pass for two
 *    qubits); trailing phases of real 2×2s (H then RZ) join D rather than make the pass complex;
 *    D becomes one pass of `applyPhaseTerms` whatever the number of terms.
 * 3. `fusion-post.ts` then writes the leading one-qubit layer as an initial product state and
 *    merges runs of CX/SWAP into single gather passes.
 *
 * @example The ZZ feature map on d qubits, reps 2, becomes: one product pass, one diagonal
 * pass, d/2 real pair passes (the second H layer), one diagonal pass — instead of ~3d²/2 + 2d
 * gate passes.
 */
import { gateDefinition } from '../../../src/circuit/gates';
import { isDiagonal2x2, isReal2x2, mul2x2 } from '../../../src/circuit/mat2';
import { diagonalOf } from '../apply-gate';
import { mulInto } from '../ops/apply-phase-terms';
import { DiagonalAccumulator } from './diagonal-accumulator';
import type { FusedOp, GateCall, ParityPhase, PlanInput, PlanOp } from './fused-op';

export type { FusedOp, GateCall };

/** What a gate (or a parametric parity phase) is to the scheduler. */
type Item =
  | { kind: 'u1'; q: number; m: Float64Array; diagonal: boolean }
  | { kind: 'd2'; a: number; b: number; d: Float64Array }
  | { kind: 'pd'; term: ParityPhase; qubits: number[] }
  | { kind: 'other'; gate: GateCall };

/** True for a parametric parity phase among the planner's inputs. */
export function isParityPhase(x: PlanInput): x is ParityPhase {
  return (x as ParityPhase).mask !== undefined;
}

/** How far ahead to look for the closing CX of a CX·D·CX block. */
const CONJUGATION_WINDOW = 64;

/**
 * Fuses a gate list for an n-qubit state.
 *
 * @example [h 0, p(θ) 0, h 1, cx 0 1, p(φ) 1, cx 0 1] gives one `pair` pass (H·… on qubits 0 and
 * 1) followed by one `diag2` pass with phase φ where bits 0 and 1 differ.
 */
export function fuseGates(numQubits: number, gates: readonly GateCall[], globalPhase = 0): FusedOp[] {
  // Gates alone never give an `angles` op (only parity phases do).
  return schedule(numQubits, toItems(gates), globalPhase) as FusedOp[];
}

/**
 * Fuses gates and parametric parity phases: a parity phase is a diagonal term like a fixed one
 * (it joins the open diagonal, so runs of commuting blocks become one pass), but the diagonal it
 * lands in is emitted as an `angles` op, filled from the angles of each run.
 */
export function fuseInputs(numQubits: number, inputs: readonly PlanInput[], globalPhase = 0): PlanOp[] {
  return schedule(numQubits, toItems(inputs), globalPhase);
}

function classify(g: GateCall): Item | null {
  if (g.name === 'id') return null;
  const def = gateDefinition(g.name);
  if (def.numQubits === 1) {
    return { kind: 'u1', q: g.qubits[0]!, m: Float64Array.from(def.matrix(g.params).data), diagonal: def.diagonal };
  }
  if (def.numQubits === 2 && def.diagonal) {
    return { kind: 'd2', a: g.qubits[0]!, b: g.qubits[1]!, d: diagonalOf(def.matrix(g.params)) };
  }
  return { kind: 'other', gate: g };
}

/** Classifies the gates and rewrites CX·D·CX blocks into two-qubit diagonal terms. */
function toItems(gates: readonly PlanInput[]): Item[] {
  const out: Item[] = [];
  for (let i = 0; i < gates.length; i++) {
    const g = gates[i]!;
    if (isParityPhase(g)) {
      const qubits: number[] = [];
      for (let q = 0; q < 31; q++) if (g.mask & (1 << q)) qubits.push(q);
      out.push({ kind: 'pd', term: g, qubits });
      continue;
    }
    if (g.name === 'cx') {
      const end = matchConjugation(gates, i, out);
      if (end >= 0) {
        i = end;
        continue;
      }
    }
    const item = classify(g);
    if (item) out.push(item);
  }
  return out;
}

/**
 * If gates[i] = CX(c,t) opens a CX·D·CX block, pushes its items and returns the index of the
 * closing CX; otherwise returns −1 and pushes nothing.
 */
function matchConjugation(gates: readonly PlanInput[], i: number, out: Item[]): number {
  const open = gates[i] as GateCall;
  const c = open.qubits[0]!, t = open.qubits[1]!;
  const passThrough: Item[] = [];
  // D on (c, t) at local index bit_c + 2·bit_t, before conjugation.
  const d = Float64Array.of(1, 0, 1, 0, 1, 0, 1, 0);
  let inner = 0;
  for (let j = i + 1; j < gates.length && j <= i + CONJUGATION_WINDOW; j++) {
    const g = gates[j]!;
    if (isParityPhase(g)) return -1;
    if (g.name === 'cx' && g.qubits[0] === c && g.qubits[1] === t) {
      // Conjugate: D'(b_c, b_t) = D(b_c, b_t ⊕ b_c): entries 1 (c=1,t=0) and 3 (c=1,t=1) swap.
      out.push(...passThrough);
      if (inner > 0) out.push({ kind: 'd2', a: c, b: t, d: Float64Array.of(d[0]!, d[1]!, d[6]!, d[7]!, d[4]!, d[5]!, d[2]!, d[3]!) });
      return j;
    }
    if (g.name === 'id') continue;
    const def = gateDefinition(g.name);
    if (!def.diagonal) return -1;
    if (!g.qubits.includes(t)) {
      passThrough.push(classify(g)!);
      continue;
    }
    const q0 = g.qubits[0]!, q1 = g.qubits.length > 1 ? g.qubits[1]! : -1;
    if (g.qubits.length > 2 || (q0 !== c && q0 !== t) || (q1 >= 0 && q1 !== c && q1 !== t)) return -1;
    const gd = diagonalOf(def.matrix(g.params));
    for (let k = 0; k < 4; k++) {
      const bc = k & 1, bt = k >> 1;
      // index into the gate's own diagonal: bit j = bit of its argument j
      const b0 = q0 === c ? bc : bt;
      const gi = q1 < 0 ? b0 : b0 | ((q1 === c ? bc : bt) << 1);
      mulInto(d, 2 * k, gd[2 * gi]!, gd[2 * gi + 1]!);
    }
    inner++;
  }
  return -1;
}

function schedule(n: number, items: readonly Item[], globalPhase: number): PlanOp[] {
  const out: PlanOp[] = [];
  // Pending on qubit q: pendM[q] (non-diagonal part, or null) followed by pendD[q] (a trailing
  // diagonal 2×2, or null). The trailing diagonal can join D when a phase term arrives.
  const pendM: (Float64Array | null)[] = new Array<Float64Array | null>(n).fill(null);
  const pendD: (Float64Array | null)[] = new Array<Float64Array | null>(n).fill(null);
  const D = new DiagonalAccumulator(n);
  // Pending 2×2s that must precede D (a term of D on their qubit came after them): kept until D
  // goes out, then emitted together just before it, two per pass. So the circuit so far is:
  // emitted ops, the preD 2×2s, D, the pending 2×2s.
  const preD: (Float64Array | null)[] = new Array<Float64Array | null>(n).fill(null);

  const emitD = (): void => {
    const qs: number[] = [];
    for (let q = 0; q < n; q++) if (preD[q]) qs.push(q);
    while (qs.length) {
      const q = qs.shift()!;
      const m = preD[q]!;
      preD[q] = null;
      let r = -1;
      let mr: Float64Array | null = null;
      if (qs.length) {
        r = qs.shift()!;
        mr = preD[r]!;
        preD[r] = null;
      } else {
        r = partnerFor(q);
        if (r >= 0) mr = take(r, false);
      }
      out.push(mr ? { kind: 'pair', qa: q, ma: m, qb: r, mb: mr } : { kind: 'one', q, m });
    }
    if (!D.empty) out.push(D.toOp());
    D.reset();
  };
  /** Moves a purely diagonal pending of q into D (valid: both diagonal, D is before it). */
  const foldPendingDiagonal = (q: number): void => {
    const m = pendD[q]!;
    D.addOne(q, m[0]!, m[1]!, m[6]!, m[7]!);
    pendD[q] = null;
  };
  /** A partner for a pending 2×2 being emitted: another non-diagonal pending that may move before D. */
  const partnerFor = (q: number): number => {
    for (let k = 1; k < n; k++) {
      const r = (q + k) % n;
      if (pendM[r] && !D.touches(r)) return r;
    }
    return -1;
  };
  /**
   * Emits the pending 2×2s of `qs` (D must not touch them, or have just been emitted). With
   * `full` the trailing diagonal goes out too; otherwise it stays pending (now purely diagonal).
   */
  const take = (q: number, full: boolean): Float64Array => {
    const m = pendM[q]!;
    pendM[q] = null;
    if (!full || !pendD[q]) return m;
    const d = pendD[q]!;
    pendD[q] = null;
    return mul2x2(d, m);
  };
  const flush = (qs: readonly number[], full: boolean): void => {
    const todo = qs.filter((q) => pendM[q]);
    while (todo.length) {
      const q = todo.shift()!;
      const r = todo.length ? todo.shift()! : partnerFor(q);
      if (r >= 0) out.push({ kind: 'pair', qa: q, ma: take(q, full), qb: r, mb: take(r, full) });
      else out.push({ kind: 'one', q, m: take(q, full) });
    }
    if (full) {
      for (const q of qs) if (pendD[q]) out.push({ kind: 'one', q, m: take0(q) });
    }
  };
  const take0 = (q: number): Float64Array => {
    const d = pendD[q]!;
    pendD[q] = null;
    return d;
  };
  /** Before a new diagonal term on `qs`: their pending 2×2s move to preD, trailing diagonals join D. */
  const beforeDiagonalTerm = (qs: readonly number[]): void => {
    for (const q of qs) {
      if (pendM[q]) {
        if (D.touches(q)) emitD(); // the pending 2×2 sits after D and before this term
        preD[q] = take(q, false);
      }
      if (pendD[q]) foldPendingDiagonal(q);
    }
  };

  /**
   * A real 2×2 followed by a phase (H then RZ, …) is cheaper as a real pass plus a share of one
   * diagonal pass than as a complex pass. When a multi-qubit gate needs such a pending, every
   * pending of that shape (whose qubit D does not touch) goes out as real pairs and its
   * trailing phase joins D.
   */
  const splitRealLayer = (): void => {
    const qs: number[] = [];
    for (let q = 0; q < n; q++) if (pendM[q] && pendD[q] && isReal2x2(pendM[q]!) && !D.touches(q)) qs.push(q);
    for (let k = 0; k + 1 < qs.length; k += 2) {
      const a = qs[k]!, b = qs[k + 1]!;
      out.push({ kind: 'pair', qa: a, ma: take(a, false), qb: b, mb: take(b, false) });
    }
    if (qs.length & 1) {
      const a = qs[qs.length - 1]!;
      out.push({ kind: 'one', q: a, m: take(a, false) });
    }
    for (const q of qs) foldPendingDiagonal(q);
  };

  for (const it of items) {
    if (it.kind === 'u1') {
      const q = it.q;
      if (it.diagonal) {
        pendD[q] = pendD[q] ? mul2x2(it.m, pendD[q]!) : it.m;
      } else {
        let m = pendM[q];
        if (pendD[q]) m = m ? mul2x2(pendD[q]!, m) : pendD[q]!;
        pendM[q] = m ? mul2x2(it.m, m) : it.m;
        pendD[q] = null;
        // A product that came out exactly diagonal (H·H, SX†·SX) is a diagonal: it can join D.
        if (isDiagonal2x2(pendM[q]!)) {
          pendD[q] = pendM[q]!;
          pendM[q] = null;
        }
      }
    } else if (it.kind === 'd2') {
      beforeDiagonalTerm([it.a, it.b]);
      D.addPair(it.a, it.b, it.d);
    } else if (it.kind === 'pd') {
      beforeDiagonalTerm(it.qubits);
      D.addParity(it.term);
    } else {
      const qs = it.gate.qubits;
      if (qs.some((q) => pendM[q] && pendD[q] && isReal2x2(pendM[q]!))) splitRealLayer();
      if (qs.some((q) => D.touches(q))) {
        for (const q of qs) if (!pendM[q] && pendD[q]) foldPendingDiagonal(q);
        emitD();
      }
      flush(qs, true);
      out.push({ kind: 'gate', gate: it.gate });
    }
  }

  // End: purely diagonal pendings join D; D (with the global phase) goes out before the others.
  for (let q = 0; q < n; q++) if (!pendM[q] && pendD[q]) foldPendingDiagonal(q);
  const c = Math.cos(globalPhase), s = Math.sin(globalPhase);
  const rest: number[] = [];
  for (let q = 0; q < n; q++) if (pendM[q]) rest.push(q);
  if (globalPhase !== 0) {
    if (!D.empty) D.multiplyScalar(c, s);
    else if (rest.length) {
      const q = rest[0]!;
      pendD[q] = pendD[q] ? mul2x2(Float64Array.of(c, s, 0, 0, 0, 0, c, s), pendD[q]!) : Float64Array.of(c, s, 0, 0, 0, 0, c, s);
    } else out.push({ kind: 'scalar', c, s });
  }
  emitD();
  flush(rest, true);
  return out;
}
