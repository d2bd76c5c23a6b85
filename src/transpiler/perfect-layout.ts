import type { Target } from '../core/target';
import { edgeError, readoutError, type CouplingGraph } from './coupling';

/**
 * Perfect layout (a small VF2-style search, as Qiskit's VF2Layout): map the circuit's
 * interaction graph onto the coupling graph so that every interacting pair is adjacent; then
 * routing inserts no SWAP at all. Depth-first with neighbour-constrained candidates and a step
 * budget; returns `null` when no embedding is found within it. With `noise`, up to
 * `maxSolutions` embeddings are scored by calibrated errors and the best is kept.
 */
export function perfectLayout(
  numVirtual: number,
  pairs: ReadonlyArray<readonly [number, number]>,
  g: CouplingGraph,
  target: Target,
  options: { noise?: boolean; maxSteps?: number; maxSolutions?: number } = {},
): number[] | null {
  const adj: Set<number>[] = Array.from({ length: numVirtual }, () => new Set());
  for (const [a, b] of pairs) {
    adj[a]!.add(b);
    adj[b]!.add(a);
  }
  const maxPhysDegree = Math.max(0, ...g.neighbors.map((n) => n.length));
  if (adj.some((s) => s.size > maxPhysDegree)) return null;
  // Order: BFS per component from its highest-degree node; isolated qubits last.
  const order: number[] = [];
  const seen = new Set<number>();
  const byDegree = [...adj.keys()].sort((a, b) => adj[b]!.size - adj[a]!.size);
  for (const s of byDegree) {
    if (seen.has(s) || adj[s]!.size === 0) continue;
    const queue = [s];
    seen.add(s);
    for (let h = 0; h < queue.length; h++) {
      const v = queue[h]!;
      order.push(v);
      const next = [...adj[v]!].filter((u) => !seen.has(u)).sort((a, b) => adj[b]!.size - adj[a]!.size);
      for (const u of next) {
        seen.add(u);
        queue.push(u);
      }
    }
  }
  const isolated = byDegree.filter((v) => adj[v]!.size === 0);
  const n = g.numQubits;
  const map = new Int32Array(numVirtual).fill(-1);
  const used = new Uint8Array(n);
  let steps = 0;
  const maxSteps = options.maxSteps ?? 200_000;
  const maxSolutions = options.noise ? (options.maxSolutions ?? 16) : 1;
  const solutions: number[][] = [];
  const physOrder = [...Array(n).keys()].filter((p) => !g.faulty.has(p));

  const search = (k: number): boolean => {
    if (++steps > maxSteps) return true; // budget exhausted: stop
    if (k === order.length) {
      solutions.push(Array.from(map));
      return solutions.length >= maxSolutions;
    }
    const v = order[k]!;
    const mappedNb = [...adj[v]!].filter((u) => map[u]! >= 0);
    const candidates = mappedNb.length ? g.neighbors[map[mappedNb[0]!]!]! : physOrder;
    for (const p of candidates) {
      if (used[p] || g.neighbors[p]!.length < adj[v]!.size) continue;
      if (!mappedNb.every((u) => g.dist[p * n + map[u]!] === 1)) continue;
      map[v] = p;
      used[p] = 1;
      if (search(k + 1)) return true;
      map[v] = -1;
      used[p] = 0;
    }
    return false;
  };
  search(0);
  if (!solutions.length) return null;
  const score = (m: number[]): number => {
    let e = 0;
    for (const [a, b] of pairs) e += edgeError(target, m[a]!, m[b]!);
    for (const p of m) if (p >= 0) e += readoutError(target, p);
    return e;
  };
  const best = solutions.reduce((x, y) => (score(y) < score(x) ? y : x));
  // Isolated qubits: the free qubits with the lowest readout error.
  const taken = new Set(best.filter((p) => p >= 0));
  const free = physOrder.filter((p) => !taken.has(p)).sort((a, b) => readoutError(target, a) - readoutError(target, b));
  for (const v of isolated) best[v] = free.shift()!;
  return best;
}
