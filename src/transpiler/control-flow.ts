/**
 * Transpiling classical control (`if_else`, `while_loop`), as Qiskit lays out and routes
 * control-flow blocks:
 *
 * - The top level is transpiled with each `if_else` standing in as a placeholder barrier on
 *   the block's qubits and classical bits (its condition bits and what its bodies measure): a
 *   barrier is what every pass already carries through untouched and never optimises across,
 *   and the router keeps the placeholder after the measurements that feed its condition.
 * - One layout serves the whole circuit. Where the placeholder lands, its qubits' physical
 *   positions are the body's starting layout; each body is unrolled, routed from there (the
 *   router may move the block's states through any physical qubit: the others are idle during
 *   the block), and the SWAPs it inserted are undone in reverse before the body ends, so the
 *   layout after the block is the layout before it whichever branch ran (and however often a
 *   loop body repeats). Then the body gets the
 *   same translation as the top level (CX → the target's entangler, one-qubit gates → rz/sx/x,
 *   one-qubit runs merged).
 * - A body's global phase is dropped: it would multiply only the shots whose classical bits
 *   chose that body, and states with different measurement records never interfere, so no
 *   result can see it.
 * - Control flow nested inside a body is handled the same way one level down: the body's own
 *   blocks are placeholders while the body is routed, then transpiled from where they land.
 */
import { IF_ELSE, makeIfElse, makeWhileLoop, mapInstruction, WHILE_LOOP } from '../circuit/control-flow';
import type { Instruction } from '../circuit/instruction';
import type { Entangler, Target } from '../core/target';
import { translateOneQubit } from './basis-1q';
import type { CouplingGraph } from './coupling';
import { op, type Op, type Program } from './ir';
import { expandSwaps, translateEntanglers } from './native-2q';
import { cancelInversePairs, mergeOneQubitRuns } from './optimize';
import { sabreRoute } from './routing';
import { unrollToCx } from './unroll';

/** The placeholder's marker: a barrier whose one parameter is −(k + 1) for block k. */
function markerOf(o: Op): number | null {
  if (o.name !== 'barrier' || o.params.length !== 1) return null;
  const v = o.params[0];
  return typeof v === 'number' && v < 0 && Number.isInteger(v) ? -v - 1 : null;
}

/** The top level with placeholders, and the blocks they stand for (by placeholder index). */
export interface LiftedControlFlow {
  readonly program: Program;
  readonly blocks: readonly Instruction[];
}

/**
 * Replaces each `if_else`/`while_loop` of `p` (not those nested in their bodies) by its
 * placeholder barrier (qubits in the instruction's order, its classical bits kept so the router
 * orders it after the measurements it reads).
 */
export function liftControlFlow(p: Program): LiftedControlFlow {
  const blocks: Instruction[] = [];
  const ops = p.ops.map((o) => {
    if (o.name !== IF_ELSE && o.name !== WHILE_LOOP) return o;
    blocks.push(o);
    return op('barrier', o.qubits, [-blocks.length], o.clbits);
  });
  return { program: { ...p, ops }, blocks };
}

/** What a body's translation needs from the top-level transpilation. */
export interface BodyContext {
  readonly target: Target;
  readonly graph: CouplingGraph;
  readonly entangler: Entangler;
  readonly fractionalRzz: boolean;
  readonly optimizationLevel: number;
  readonly seed: number;
}

/**
 * One body on physical qubits: `physical[j]` holds the block's j-th qubit (the placeholder's
 * j-th qubit) when the block starts, and again when it ends.
 */
function transpileBody(body: readonly Instruction[], blockQubits: readonly number[], physical: readonly number[], ctx: BodyContext, seed: number): Op[] {
  const local = new Map(blockQubits.map((q, j) => [q, j]));
  // Nested blocks are renumbered too (their bodies' qubits are among this block's).
  const ops = body.map((b) => (b.blocks ? mapInstruction(b, (q) => local.get(q)!, (c) => c, (p) => p) : op(b.name, b.qubits.map((q) => local.get(q)!), b.params, b.clbits)));
  const nested = liftControlFlow({ numQubits: blockQubits.length, ops, globalPhase: 0 });
  const unrolled = unrollToCx(nested.program, { fractionalRzz: ctx.fractionalRzz });
  const routed = sabreRoute(unrolled.ops, blockQubits.length, ctx.graph, [...physical], seed, true);
  // Undo the body's SWAPs, last first: the layout after the block is the one before it.
  const undo = routed.ops.filter((o) => o.name === 'swap').reverse();
  const n = ctx.target.numQubits;
  let p: Program = expandSwaps(
    unrollToCx({ numQubits: n, ops: [...routed.ops, ...undo], globalPhase: 0 }, { fractionalRzz: ctx.fractionalRzz, keep: new Set(['swap']) }),
    ctx.graph,
  );
  if (ctx.optimizationLevel >= 1) p = cancelInversePairs(p);
  p = translateEntanglers(p, ctx.entangler, ctx.graph);
  p = translateOneQubit(p, new Set(ctx.target.basisGates.filter((g) => g === 'rz' || g === 'sx' || g === 'x')));
  if (ctx.optimizationLevel >= 1) for (let i = 0; i < 2; i++) p = mergeOneQubitRuns(cancelInversePairs(mergeOneQubitRuns(p)));
  return nested.blocks.length ? lowerControlFlow(p.ops, nested.blocks, { ...ctx, seed: seed + 104729 }) : p.ops;
}

/**
 * The final top-level operations with each placeholder replaced by its `if_else`, whose bodies
 * are transpiled from the physical qubits the placeholder landed on.
 */
export function lowerControlFlow(ops: readonly Op[], blocks: readonly Instruction[], ctx: BodyContext): Op[] {
  return ops.map((o) => {
    const k = markerOf(o);
    if (k === null) return o;
    const block = blocks[k]!;
    const bodies = (block.blocks ?? []).map((body, b) => transpileBody(body, block.qubits, o.qubits, ctx, ctx.seed + 7919 * (k + 1) + b));
    if (block.name === WHILE_LOOP) return makeWhileLoop(block.condition!, bodies[0] ?? []);
    return makeIfElse(block.condition!, bodies[0] ?? [], bodies[1] ?? null);
  });
}
