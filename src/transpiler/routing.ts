import { CircuitValidationError } from '../core/errors';
import { op, type Op } from './ir';
import type { CouplingGraph } from './coupling';
import { Prng } from '../core/random';

/**
 * SABRE-style routing (Li, Ding, Xie 2019): keep a front layer of operations whose
 * predecessors are done; run every front operation that is executable under the current layout;
 * when none is, insert the SWAP on an edge touching the front layer that minimises
 * H = mean front distance + W·mean look-ahead distance, scaled by a decay that discourages
 * swapping the same qubits again. Ties are broken by a seeded generator.
 */

/** Routing result: physical operations (with `swap`s), the final layout, the swap count. */
export interface Routed {
  readonly ops: Op[];
  /** virtual → physical after the last operation, for the circuit's virtual qubits. */
  readonly finalLayout: number[];
  readonly swaps: number;
}

/** Gates diagonal in the computational basis: they commute with each other on shared qubits. */
export const DIAGONAL = new Set(['rz', 'p', 'u1', 'z', 's', 'sdg', 't', 'tdg', 'cz', 'cp', 'crz', 'rzz']);

const EXTENDED_SIZE = 20;
const EXTENDED_WEIGHT = 0.5;
const DECAY_STEP = 0.001;
const DECAY_RESET = 5;

/** Full virtual↔physical permutation: the circuit's virtual qubits, then ancillas. */
function fullLayout(initial: readonly number[], n: number): { v2p: Int32Array; p2v: Int32Array } {
  const v2p = new Int32Array(n).fill(-1);
  const p2v = new Int32Array(n).fill(-1);
  initial.forEach((p, v) => {
    v2p[v] = p;
    p2v[p] = v;
  });
  let next = initial.length;
  for (let p = 0; p < n; p++) {
    if (p2v[p] === -1) {
      v2p[next] = p;
      p2v[p] = next++;
    }
  }
  return { v2p, p2v };
}

/**
 * Routes `ops` (virtual qubits; two-qubit gates need adjacent physical qubits) on `g`
 * starting from `initial`. With `emit: false` only the layout and swap count are computed
 * (used by the forward-backward layout search). `absorb` < 1 scales the score of a SWAP on a
 * pair whose last operation was a two-qubit gate on that same pair (block consolidation then
 * merges the two); 1, the default, leaves SABRE's scores as they are.
 */
export function sabreRoute(
  ops: readonly Op[],
  numVirtual: number,
  g: CouplingGraph,
  initial: readonly number[],
  seed: number,
  emit = true,
  absorb = 1,
): Routed {
  const n = g.numQubits;
  const { v2p, p2v } = fullLayout(initial, n);
  const rng = new Prng(seed);
  // Dependency graph over qubit and classical-bit wires, commutation-aware: consecutive
  // diagonal gates on a wire commute, so they depend only on the last non-diagonal op.
  const succ: number[][] = ops.map(() => []);
  const predCount = new Int32Array(ops.length);
  const lastOnQ = new Map<number, number>();
  const groupOnQ = new Map<number, number[]>();
  const lastOnC = new Map<number, number>();
  ops.forEach((o, i) => {
    const preds = new Set<number>();
    const diagonal = DIAGONAL.has(o.name);
    for (const q of o.qubits) {
      const p = lastOnQ.get(q);
      if (p !== undefined) preds.add(p);
      const group = groupOnQ.get(q);
      if (diagonal) {
        if (group) group.push(i);
        else groupOnQ.set(q, [i]);
      } else {
        if (group) for (const x of group) preds.add(x);
        groupOnQ.delete(q);
        lastOnQ.set(q, i);
      }
    }
    for (const c of o.clbits) {
      const p = lastOnC.get(c);
      if (p !== undefined) preds.add(p);
      lastOnC.set(c, i);
    }
    for (const p of preds) succ[p]!.push(i);
    predCount[i] = preds.size;
  });
  const out: Op[] = [];
  let front: number[] = [];
  ops.forEach((_, i) => {
    if (predCount[i] === 0) front.push(i);
  });
  const decay = new Float64Array(n).fill(1);
  let swaps = 0;
  let swapsSinceProgress = 0;
  const d = (a: number, b: number): number => g.dist[a * n + b]!;
  const is2q = (o: Op): boolean => o.qubits.length === 2 && o.name !== 'barrier';

  // Terminal measurements (nothing but barriers after them on their qubit) are emitted at the
  // end on the qubit's final position: SWAPs may still move the measured state, and the ISA
  // circuit then measures each qubit once, after its last gate.
  const terminal = new Set<number>();
  const seenLater = new Set<number>();
  const clbitLater = new Set<number>();
  for (let i = ops.length - 1; i >= 0; i--) {
    const o = ops[i]!;
    // A barrier only orders; one with classical bits stands for an if_else block (./control-flow.ts),
    // which reads them: a measurement it depends on is not terminal.
    if (o.name === 'barrier' && !o.clbits.length) continue;
    if (o.name === 'measure' && !seenLater.has(o.qubits[0]!) && !clbitLater.has(o.clbits[0]!)) terminal.add(i);
    for (const q of o.qubits) seenLater.add(q);
    for (const c of o.clbits) clbitLater.add(c);
  }
  const deferred: Op[] = [];
  const execute = (i: number): void => {
    const o = ops[i]!;
    if (terminal.has(i)) deferred.push(o);
    else if (emit) out.push(op(o.name, o.qubits.map((q) => v2p[q]!), o.params, o.clbits));
    if (is2q(o)) {
      lastOn[v2p[o.qubits[0]!]!] = opId;
      lastOn[v2p[o.qubits[1]!]!] = opId++;
    }
    for (const s of succ[i]!) if (--predCount[s] === 0) front.push(s);
  };
  // Id of the last two-qubit operation on each physical qubit: a SWAP on a pair whose last
  // operation was a gate on that same pair joins its block (`absorb` < 1 favours those).
  const lastOn = new Int32Array(n).fill(-1);
  let opId = 0;
  const applySwap = (a: number, b: number): void => {
    // distinct ids: a second SWAP on the pair is not favoured (it would undo this one)
    lastOn[a] = opId++;
    lastOn[b] = opId++;
    const va = p2v[a]!, vb = p2v[b]!;
    p2v[a] = vb;
    p2v[b] = va;
    v2p[va] = b;
    v2p[vb] = a;
    if (emit) out.push(op('swap', [a, b]));
    swaps++;
  };

  while (front.length) {
    // Run everything executable (repeat: executing may release more work).
    let progressed = true;
    while (progressed) {
      progressed = false;
      const keep: number[] = [];
      const current = front;
      front = [];
      for (const i of current) {
        const o = ops[i]!;
        if (!is2q(o) || d(v2p[o.qubits[0]!]!, v2p[o.qubits[1]!]!) === 1) {
          execute(i);
          progressed = true;
        } else keep.push(i);
      }
      front.push(...keep);
    }
    if (!front.length) break;
    if (swapsSinceProgress === 0) decay.fill(1);
    // Release valve: after too many fruitless swaps, walk the first gate's qubits together.
    if (swapsSinceProgress > 10 * Math.max(4, Math.sqrt(n))) {
      const o = ops[front[0]!]!;
      let a = v2p[o.qubits[0]!]!;
      const b = v2p[o.qubits[1]!]!;
      if (d(a, b) === Infinity) {
        throw new CircuitValidationError(`qubits ${o.qubits.join(', ')} cannot be connected on this coupling map`);
      }
      while (d(a, b) > 1) {
        const step = g.neighbors[a]!.find((x) => d(x, b) === d(a, b) - 1)!;
        applySwap(a, step);
        a = step;
      }
      swapsSinceProgress = 0;
      continue;
    }
    const frontPairs = front.map((i) => ops[i]!.qubits);
    const extended = lookAhead(ops, succ, front);
    const active = new Set<number>();
    for (const [a, b] of frontPairs) {
      active.add(v2p[a!]!);
      active.add(v2p[b!]!);
    }
    let best: [number, number][] = [];
    let bestScore = Infinity;
    for (const p of active) {
      for (const q of g.neighbors[p]!) {
        if (active.has(q) && q < p) continue; // each edge once
        const absorbed = lastOn[p]! >= 0 && lastOn[p] === lastOn[q];
        const score = swapScore(p, q, frontPairs, extended, v2p, p2v, d) * Math.max(decay[p]!, decay[q]!) * (absorbed ? absorb : 1);
        if (score < bestScore - 1e-12) {
          bestScore = score;
          best = [[p, q]];
        } else if (Math.abs(score - bestScore) <= 1e-12) best.push([p, q]);
      }
    }
    const [a, b] = best[rng.integer(best.length)]!;
    applySwap(a, b);
    swapsSinceProgress++;
    decay[a]! += DECAY_STEP;
    decay[b]! += DECAY_STEP;
    if (swaps % DECAY_RESET === 0) decay.fill(1);
    // a swap that makes a front gate executable counts as progress
    if (frontPairs.some(([x, y]) => d(v2p[x!]!, v2p[y!]!) === 1)) swapsSinceProgress = 0;
  }
  if (emit) for (const o of deferred) out.push(op(o.name, [v2p[o.qubits[0]!]!], o.params, o.clbits));
  return { ops: out, finalLayout: Array.from(v2p.subarray(0, numVirtual)), swaps };
}

/** The next two-qubit gates after the front layer (breadth-first over successors). */
function lookAhead(ops: readonly Op[], succ: readonly number[][], front: readonly number[]): (readonly number[])[] {
  const out: (readonly number[])[] = [];
  const seen = new Set<number>(front);
  const queue = [...front];
  for (let h = 0; h < queue.length && out.length < EXTENDED_SIZE; h++) {
    for (const s of succ[queue[h]!]!) {
      if (seen.has(s)) continue;
      seen.add(s);
      queue.push(s);
      const o = ops[s]!;
      if (o.qubits.length === 2 && o.name !== 'barrier') out.push(o.qubits);
      if (out.length >= EXTENDED_SIZE) break;
    }
  }
  return out;
}

function swapScore(
  a: number,
  b: number,
  front: readonly (readonly number[])[],
  extended: readonly (readonly number[])[],
  v2p: Int32Array,
  p2v: Int32Array,
  d: (x: number, y: number) => number,
): number {
  const va = p2v[a]!, vb = p2v[b]!;
  const pos = (v: number): number => (v === va ? b : v === vb ? a : v2p[v]!);
  let f = 0;
  for (const [x, y] of front) f += d(pos(x!), pos(y!));
  let e = 0;
  for (const [x, y] of extended) e += d(pos(x!), pos(y!));
  return f / front.length + (extended.length ? (EXTENDED_WEIGHT * e) / extended.length : 0);
}
