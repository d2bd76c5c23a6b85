import { CircuitValidationError } from '../core/errors';
import type { Target } from '../core/target';
import { edgeError, readoutError, type CouplingGraph } from './coupling';

/**
 * Initial layout: which physical qubit each virtual (circuit) qubit starts on.
 * - `trivial`: virtual i → physical i.
 * - `dense`: the best-connected region of the right size, with busy virtual qubits placed on
 *   well-connected physical ones next to their partners.
 * - `noise`: like `dense`, but regions and placements are ranked by calibrated two-qubit and
 *   readout errors when the target has them.
 */
export type LayoutMethod = 'trivial' | 'dense' | 'noise';

/** Virtual → physical, length = number of virtual qubits. */
export type Layout = number[];

/** Checks a user-given layout: distinct, in range, not faulty. */
export function validateLayout(layout: readonly number[], numVirtual: number, g: CouplingGraph): Layout {
  if (layout.length !== numVirtual) {
    throw new CircuitValidationError(`initialLayout has ${layout.length} entries for ${numVirtual} circuit qubits`);
  }
  const seen = new Set<number>();
  for (const p of layout) {
    if (!Number.isInteger(p) || p < 0 || p >= g.numQubits) {
      throw new CircuitValidationError(`initialLayout qubit ${p} is not a physical qubit of the target`);
    }
    if (g.faulty.has(p)) throw new CircuitValidationError(`initialLayout qubit ${p} is faulty`);
    if (seen.has(p)) throw new CircuitValidationError(`initialLayout repeats physical qubit ${p}`);
    seen.add(p);
  }
  return [...layout];
}

/** Interaction weights between virtual qubits (count of two-qubit gates per pair). */
export function interactionCounts(numVirtual: number, pairs: ReadonlyArray<readonly [number, number]>): Map<number, number> {
  const w = new Map<number, number>();
  for (const [a, b] of pairs) {
    const k = Math.min(a, b) * numVirtual + Math.max(a, b);
    w.set(k, (w.get(k) ?? 0) + 1);
  }
  return w;
}

/** Picks an initial layout by `method`. */
export function chooseLayout(
  method: LayoutMethod,
  numVirtual: number,
  pairs: ReadonlyArray<readonly [number, number]>,
  g: CouplingGraph,
  target: Target,
): Layout {
  const usable = g.numQubits - g.faulty.size;
  if (numVirtual > usable) {
    throw new CircuitValidationError(`circuit needs ${numVirtual} qubits; the target has ${usable} usable qubits`);
  }
  if (method === 'trivial') {
    const out = Array.from({ length: numVirtual }, (_, i) => i);
    if (out.some((p) => g.faulty.has(p))) return chooseLayout('dense', numVirtual, pairs, g, target);
    return out;
  }
  const noise = method === 'noise';
  const region = bestRegion(numVirtual, g, target, noise);
  return place(numVirtual, pairs, region, g, target, noise);
}

/** Grows a connected region of `size` qubits from every start; keeps the best one. */
function bestRegion(size: number, g: CouplingGraph, target: Target, noise: boolean): number[] {
  let best: number[] = [];
  let bestScore = -Infinity;
  for (let s = 0; s < g.numQubits; s++) {
    if (g.faulty.has(s)) continue;
    const region = [s];
    const inRegion = new Set([s]);
    while (region.length < size) {
      let pick = -1;
      let pickScore = -Infinity;
      for (const r of region) {
        for (const nb of g.neighbors[r]!) {
          if (inRegion.has(nb)) continue;
          const links = g.neighbors[nb]!.filter((x) => inRegion.has(x)).length;
          const sc = links * 10 - (noise ? 100 * (edgeError(target, r, nb) + readoutError(target, nb)) : 0) - nb * 1e-9;
          if (sc > pickScore) {
            pickScore = sc;
            pick = nb;
          }
        }
      }
      if (pick < 0) break; // component too small
      region.push(pick);
      inRegion.add(pick);
    }
    if (region.length < size) continue;
    let internal = 0;
    let err = 0;
    for (const a of region) {
      err += readoutError(target, a);
      for (const b of g.neighbors[a]!) {
        if (b > a && inRegion.has(b)) {
          internal++;
          err += edgeError(target, a, b);
        }
      }
    }
    const score = internal - (noise ? 50 * err : 0);
    if (score > bestScore) {
      bestScore = score;
      best = region;
    }
  }
  if (best.length < size) {
    // No connected region is large enough: take any usable qubits (routing will fail loudly).
    for (let p = 0; p < g.numQubits && best.length < size; p++) if (!g.faulty.has(p) && !best.includes(p)) best.push(p);
  }
  return best;
}

/** Places busy virtual qubits first, each next to its already-placed partners. */
function place(
  numVirtual: number,
  pairs: ReadonlyArray<readonly [number, number]>,
  region: readonly number[],
  g: CouplingGraph,
  target: Target,
  noise: boolean,
): Layout {
  const w = interactionCounts(numVirtual, pairs);
  const weight = (a: number, b: number): number => w.get(Math.min(a, b) * numVirtual + Math.max(a, b)) ?? 0;
  const degree = Array.from({ length: numVirtual }, (_, v) => {
    let d = 0;
    for (let u = 0; u < numVirtual; u++) if (u !== v) d += weight(u, v);
    return d;
  });
  const inRegion = new Set(region);
  const physDegree = (p: number): number => g.neighbors[p]!.filter((x) => inRegion.has(x)).length;
  const layout: Layout = new Array(numVirtual).fill(-1);
  const free = new Set(region);
  const placed: number[] = [];
  const n = g.numQubits;
  while (placed.length < numVirtual) {
    // next virtual: most weight towards placed ones, then highest degree
    let v = -1;
    let vs = -Infinity;
    for (let u = 0; u < numVirtual; u++) {
      if (layout[u] !== -1) continue;
      let s = degree[u]! * 1e-3;
      for (const x of placed) s += weight(u, x);
      if (s > vs) {
        vs = s;
        v = u;
      }
    }
    let bestP = -1;
    let bestCost = Infinity;
    for (const p of free) {
      let cost = 0;
      for (const x of placed) cost += weight(v, x) * g.dist[p * n + layout[x]!]!;
      cost -= physDegree(p) * 1e-3 * (placed.length === 0 ? degree[v]! + 1 : 1);
      if (noise) cost += readoutError(target, p);
      if (cost < bestCost) {
        bestCost = cost;
        bestP = p;
      }
    }
    layout[v] = bestP;
    free.delete(bestP);
    placed.push(v);
  }
  return layout;
}
