import type { Target } from '../core/target';

/**
 * The target's connectivity as the router needs it: undirected neighbour lists over the usable
 * (non-faulty) qubits, all-pairs hop distances, and the directed edge set for ISA direction.
 */
export interface CouplingGraph {
  readonly numQubits: number;
  /** Undirected neighbours of each physical qubit (faulty qubits have none). */
  readonly neighbors: readonly (readonly number[])[];
  /** dist[a·n + b] = hops between a and b (Infinity when disconnected). */
  readonly dist: Float64Array;
  /** Directed edges `a·n + b`. */
  readonly directed: ReadonlySet<number>;
  /** Qubits marked faulty in the target (never used). */
  readonly faulty: ReadonlySet<number>;
  /** Undirected edges [a, b] with a < b. */
  readonly edges: readonly (readonly [number, number])[];
}

const cache = new WeakMap<Target, CouplingGraph>();

/** Faulty physical qubits of a target (from its qubit properties). */
export function faultyQubits(target: Target): Set<number> {
  const out = new Set<number>();
  target.qubitProperties?.forEach((p, i) => {
    if (p?.faulty) out.add(i);
  });
  return out;
}

/**
 * The coupling graph of a target (cached per target). A target without a coupling map
 * (all-to-all) gets the complete graph.
 */
export function couplingGraph(target: Target): CouplingGraph {
  const hit = cache.get(target);
  if (hit) return hit;
  const n = target.numQubits;
  const faulty = faultyQubits(target);
  const directed = new Set<number>();
  const und = new Set<number>();
  const edges: [number, number][] = [];
  const addEdge = (a: number, b: number): void => {
    if (faulty.has(a) || faulty.has(b)) return;
    directed.add(a * n + b);
    const lo = Math.min(a, b), hi = Math.max(a, b);
    if (!und.has(lo * n + hi)) {
      und.add(lo * n + hi);
      edges.push([lo, hi]);
    }
  };
  if (target.couplingMap) for (const [a, b] of target.couplingMap) addEdge(a, b);
  else for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (a !== b) addEdge(a, b);
  const neighbors: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of edges) {
    neighbors[a]!.push(b);
    neighbors[b]!.push(a);
  }
  const dist = new Float64Array(n * n).fill(Infinity);
  const queue = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    dist[s * n + s] = 0;
    let head = 0, tail = 0;
    queue[tail++] = s;
    while (head < tail) {
      const u = queue[head++]!;
      const du = dist[s * n + u]!;
      for (const v of neighbors[u]!) {
        if (dist[s * n + v] === Infinity) {
          dist[s * n + v] = du + 1;
          queue[tail++] = v;
        }
      }
    }
  }
  const g: CouplingGraph = { numQubits: n, neighbors, dist, directed, faulty, edges };
  cache.set(target, g);
  return g;
}

/** Error of the two-qubit gate on an edge (either direction), or `fallback` when unknown. */
export function edgeError(target: Target, a: number, b: number, fallback = 0): number {
  const errs = target.gateErrors;
  if (!errs) return fallback;
  for (const name of ['cz', 'ecr', 'cx']) {
    const e = errs.get(`${name}:${a},${b}`) ?? errs.get(`${name}:${b},${a}`);
    if (e !== undefined) return e;
  }
  return fallback;
}

/** Readout error of a qubit, or 0 when unknown. */
export function readoutError(target: Target, q: number): number {
  return target.qubitProperties?.[q]?.readoutError ?? 0;
}
