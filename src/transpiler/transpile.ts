/** The `transpile` function and its options and results (the pipeline is described in ./index.ts). */
import type { Circuit } from '../circuit/circuit';
import { IF_ELSE, walkInstructions } from '../circuit/control-flow';
import { liftControlFlow, lowerControlFlow } from './control-flow';
import { CircuitValidationError } from '../core/errors';
import { ENTANGLERS, findEntangler, type Entangler, type Target } from '../core/target';
import { wrapPhase } from './angles';
import { translateOneQubit } from './basis-1q';
import { couplingGraph, type CouplingGraph } from './coupling';
import { circuitFromProgram, programFromCircuit, type Op, type Program } from './ir';
import { chooseLayout, validateLayout, type LayoutMethod } from './layout';
import { perfectLayout } from './perfect-layout';
import { expandSwaps, translateEntanglers } from './native-2q';
import { cancelInversePairs, mergeOneQubitRuns } from './optimize';
import { Prng, deriveSeed } from '../core/random';
import { DIAGONAL, sabreRoute, type Routed } from './routing';
import { fuseZzBlocks } from './fuse-zz';
import { unrollToCx } from './unroll';
import { consolidateTwoQubitBlocks } from './consolidate';

/** Options of {@link transpile}. */
export interface TranspileOptions {
  /** 0: trivial layout, one routing trial, no optimisation; 1–3: more layout/routing trials and optimisation. Default 1. */
  optimizationLevel?: 0 | 1 | 2 | 3;
  /** Seed of the layout/routing trials (default 0): equal seeds give equal circuits. */
  seed?: number;
  /** Physical qubit for each circuit qubit (skips the layout search). */
  initialLayout?: readonly number[];
  /** Override the layout method chosen by the level. */
  layoutMethod?: LayoutMethod;
  /**
   * Resynthesise runs of gates on one qubit pair with the KAK decomposer (at most three CX per
   * block), before routing and again after it (where SWAPs meet the gates next to them), as
   * Qiskit's ConsolidateBlocks + UnitarySynthesis. Default false; the preset pass manager turns
   * it on at levels 2 and 3.
   */
  consolidateBlocks?: boolean;
}

/** Where each circuit qubit sits: `initial[v]` before the first gate, `final[v]` after routing. */
export interface TranspileLayout {
  /** Physical qubit of circuit qubit `v` before the first gate. */
  readonly initial: number[];
  /** Physical qubit of circuit qubit `v` after routing's SWAPs (where measurements read it). */
  readonly final: number[];
}

/** Figures of a transpilation. */
export interface TranspileStats {
  /** SWAPs routing inserted. */
  readonly swaps: number;
  /** Two-qubit gates in the output (barriers excluded). */
  readonly twoQubitGates: number;
  /** Depth of the output circuit. */
  readonly depth: number;
  /**
   * Two-qubit gates after unrolling to CX (and, with `consolidateBlocks`, after block
   * resynthesis), before routing: the count with all-to-all connectivity, a lower bound for
   * routed counts.
   */
  readonly twoQubitGatesBeforeRouting: number;
}

/** What {@link transpile} returns. */
export interface TranspileResult {
  /** The ISA circuit: `target.numQubits` qubits, physical indices, the input's classical registers. */
  readonly circuit: Circuit;
  /** Where the circuit's qubits were placed, before and after routing. */
  readonly layout: TranspileLayout;
  /** Counts that say how costly the result is. */
  readonly stats: TranspileStats;
}

const TRIALS = [1, 8, 16, 32] as const;

/**
 * With block consolidation, the router scores a SWAP right after a gate on the same pair at
 * 0.9×: it joins that gate's block, which then needs at most three CX in all (a CP and a SWAP
 * cost five written out, any block plus a SWAP at most three after KAK). 0.9 gave the lowest
 * routed/lower-bound ratio on seeded random 12-qubit circuits (0.95: 2.96, 0.9: 2.90,
 * 0.85: 2.96, 0.7 and below: more SWAPs than they save).
 */
const ABSORB_WEIGHT = 0.9;

/** The target's native two-qubit gate. */
export function nativeEntangler(target: Target): Entangler {
  const e = findEntangler(target.basisGates);
  if (!e) {
    throw new CircuitValidationError(`target has no supported two-qubit gate (needs one of ${ENTANGLERS.join(', ')})`);
  }
  return e;
}

/**
 * Transpiles `circuit` for `target` (see the module comment for the passes). Parameterised
 * circuits stay parameterised: bind the result many times instead of transpiling each binding.
 *
 * @throws {CircuitValidationError} when the circuit does not fit or the target lacks a usable gate set
 */
export function transpile(circuit: Circuit, target: Target, options: TranspileOptions = {}): TranspileResult {
  const level = options.optimizationLevel ?? 1;
  if (![0, 1, 2, 3].includes(level)) throw new CircuitValidationError(`optimizationLevel must be 0..3, got ${level}`);
  const seed = options.seed ?? 0;
  // if_else bodies count too: a body's two-qubit gates need the target's entangler.
  const kind = [...walkInstructions(circuit.instructions)].some((i) => i.qubits.length >= 2 && i.name !== 'barrier' && i.name !== IF_ELSE)
    ? nativeEntangler(target)
    : 'cx';
  if (circuit.numQubits > target.numQubits) {
    throw new CircuitValidationError(`circuit has ${circuit.numQubits} qubits but the target has ${target.numQubits}`);
  }
  const missing = ['rz', 'sx', 'x'].filter((n) => !target.basisGates.includes(n));
  if (missing.length) {
    throw new CircuitValidationError(`transpile targets IBM's rz/sx/x one-qubit basis; the target lacks ${missing.join(', ')}`);
  }
  const g = couplingGraph(target);
  const nv = circuit.numQubits;
  // Level ≥ 1: SWAP gates become a relabelling of the wires (no gates), as Qiskit's ElidePermutations.
  // Classical control: each if_else becomes a placeholder the passes carry (./control-flow.ts).
  const lifted = liftControlFlow(programFromCircuit(circuit));
  const elided = level >= 1 ? elideSwaps(lifted.program) : { program: lifted.program, wireOf: range(nv) };
  const fractionalRzz = target.basisGates.includes('rzz');
  // Lower bound: two-qubit gates with all-to-all connectivity (before routing).
  const consolidate = options.consolidateBlocks === true;
  // A native fractional rzz stays one gate: never merged into a CX block.
  const merge = (q: Program): Program => consolidateTwoQubitBlocks(q, { opaque: fractionalRzz ? new Set(['rzz']) : undefined });
  const allToAll = unrollToCx(elided.program, { fractionalRzz });
  const twoQubitGatesBeforeRouting = countTwoQubit((consolidate ? merge(allToAll) : allToAll).ops);
  // The router sees CX plus whole diagonal two-qubit blocks (cz, cp, crz, rzz), which it may reorder.
  const absorb = consolidate ? ABSORB_WEIGHT : 1;
  const fused = level >= 1 ? fuseZzBlocks(elided.program) : elided.program;
  const unrolled = consolidate ? merge(unrollToCx(fused, { keep: DIAGONAL })) : unrollToCx(fused, { keep: DIAGONAL });
  const twoQ = unrolled.ops.filter((o) => o.qubits.length === 2 && o.name !== 'barrier');
  const pairs = twoQ.map((o) => [o.qubits[0]!, o.qubits[1]!] as const);

  // Trials are ranked by the two-qubit gate count after SWAP expansion and CX cancellation.
  const toCx = (ops: Op[]): Program => {
    const cx = expandSwaps(unrollToCx({ numQubits: target.numQubits, ops, globalPhase: 0 }, { fractionalRzz, keep: new Set(['swap']) }), g);
    return level >= 1 ? cancelInversePairs(cx) : cx;
  };
  const score = (r: Routed): number => countTwoQubit(toCx(r.ops).ops);
  let routed: Routed;
  let initial: number[];
  if (options.initialLayout) {
    initial = validateLayout(options.initialLayout, nv, g);
    routed = bestRoute(unrolled.ops, nv, g, [initial], seed, TRIALS[level]!, score, absorb).routed;
  } else {
    const method = options.layoutMethod ?? (level === 0 ? 'trivial' : level === 3 || (level === 2 && target.gateErrors) ? 'noise' : 'dense');
    const perfect = level > 0 && method !== 'trivial' ? perfectLayout(nv, pairs, g, target, { noise: method === 'noise' }) : null;
    const base = perfect ?? chooseLayout(method, nv, pairs, g, target);
    const candidates = [base];
    if (!perfect && level > 0 && method !== 'trivial') candidates.push(...refineLayouts(base, twoQ, nv, g, seed, TRIALS[level]!));
    const best = bestRoute(unrolled.ops, nv, g, candidates, seed, level === 0 ? 1 : 2, score, absorb);
    routed = best.routed;
    initial = best.initial;
  }

  let p: Program = { numQubits: target.numQubits, ops: routed.ops, globalPhase: unrolled.globalPhase };
  p = { ...toCx(p.ops), globalPhase: unrolled.globalPhase }; // CX·CX left by SWAP expansion cancel
  // SWAPs next to gates on the same pair: one block of at most three CX
  if (consolidate) p = cancelInversePairs(merge(p));
  p = translateEntanglers(p, kind, g);
  p = translateOneQubit(p, new Set(target.basisGates.filter((n) => n === 'rz' || n === 'sx' || n === 'x')));
  if (level >= 1) {
    for (let i = 0; i < 2; i++) p = mergeOneQubitRuns(cancelInversePairs(mergeOneQubitRuns(p)));
  }
  p.globalPhase = wrapPhase(p.globalPhase);
  if (lifted.blocks.length) {
    p = { ...p, ops: lowerControlFlow(p.ops, lifted.blocks, { target, graph: g, entangler: kind, fractionalRzz, optimizationLevel: level, seed }) };
  }
  const out = circuitFromProgram(p, circuit, target.numQubits);
  return {
    circuit: out,
    layout: { initial, final: elided.wireOf.map((w) => routed.finalLayout[w]!) },
    stats: {
      swaps: routed.swaps,
      twoQubitGates: out.instructions.filter((i) => i.qubits.length === 2 && i.name !== 'barrier').length,
      depth: out.depth(),
      twoQubitGatesBeforeRouting,
    },
  };
}

/** Routes from each candidate layout with `trials` seeds each; keeps the lowest `score`. */
function bestRoute(
  ops: readonly Op[],
  nv: number,
  g: CouplingGraph,
  candidates: readonly number[][],
  seed: number,
  trials: number,
  score: (r: Routed) => number,
  absorb = 1,
): { routed: Routed; initial: number[] } {
  let best: { routed: Routed; initial: number[]; cost: number } | null = null;
  candidates.forEach((initial, c) => {
    for (let t = 0; t < trials; t++) {
      const routed = sabreRoute(ops, nv, g, initial, deriveSeed(seed, c * 997 + t), true, absorb);
      const cost = score(routed);
      if (!best || cost < best.cost) best = { routed, initial, cost };
    }
  });
  return best!;
}

/**
 * SABRE layout refinement: route forward, then the reversed two-qubit sequence from where the
 * forward pass ended; the backward pass's final layout is a good initial layout. One candidate
 * per trial (different seeds), starting from `base` or a shuffle of its qubits.
 */
function refineLayouts(base: readonly number[], twoQ: readonly Op[], nv: number, g: CouplingGraph, seed: number, trials: number): number[][] {
  if (!twoQ.length) return [];
  const reversed = [...twoQ].reverse();
  const out: number[][] = [];
  for (let t = 0; t < trials; t++) {
    const rng = new Prng(deriveSeed(seed, 7919 + t));
    let layout = [...base];
    if (t % 2 === 1) {
      for (let i = layout.length - 1; i > 0; i--) {
        const j = rng.integer(i + 1);
        [layout[i], layout[j]] = [layout[j]!, layout[i]!];
      }
    }
    for (let round = 0; round < 3; round++) {
      const fwd = sabreRoute(twoQ, nv, g, layout, deriveSeed(seed, t * 31 + round), false);
      const back = sabreRoute(reversed, nv, g, fwd.finalLayout, deriveSeed(seed, t * 37 + round), false);
      layout = back.finalLayout;
    }
    out.push(layout);
  }
  return out;
}

/**
 * Removes `swap` gates by relabelling the wires after them. Returns the program and, for each
 * circuit qubit, the wire that holds its state at the end.
 */
function elideSwaps(p: Program): { program: Program; wireOf: number[] } {
  const wireOf = range(p.numQubits); // logical qubit → wire
  const ops: Op[] = [];
  for (const o of p.ops) {
    const qs = o.qubits.map((q) => wireOf[q]!);
    if (o.name === 'swap') {
      const [a, b] = o.qubits as [number, number];
      [wireOf[a], wireOf[b]] = [wireOf[b]!, wireOf[a]!];
      continue;
    }
    ops.push({ ...o, qubits: qs });
  }
  return { program: { numQubits: p.numQubits, ops, globalPhase: p.globalPhase }, wireOf };
}

function countTwoQubit(ops: readonly Op[]): number {
  return ops.filter((o) => o.qubits.length === 2 && o.name !== 'barrier').length;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
