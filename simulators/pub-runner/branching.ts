/**
 * Exact sampling of dynamic circuits (mid-circuit measurement, reset, `if_else`) by branching:
 * the state is evolved once per distinct measurement history instead of once per shot. At
 * each mid-circuit measurement every branch splits into its two outcomes, each carrying its
 * probability and its classical bits (zero-probability outcomes are dropped; branches with
 * the same bits and the same state merge); `if_else` bodies run on the branches whose bits
 * satisfy the condition; a `while_loop` runs its body on the branches whose bits satisfy its
 * condition, again and again, each branch leaving when its condition fails (a branch still looping
 * with a probability at or below 1e-14 is dropped: it would get a shot less than once in 10^14;
 * past {@link MAX_WHILE_ITERATIONS} iterations with a branch still looping, a ResourceLimitError). Measurements that end their qubit's timeline (nothing later touches
 * the qubit or the bit) are not branched on: they are sampled from each leaf's final state.
 * At the end the shots are split over the leaves multinomially and the shot order is shuffled,
 * all with the row's seeded PRNG.
 *
 * Branching stops at {@link MAX_BRANCHES} live branches or {@link BRANCH_AMPLITUDE_BUDGET}
 * amplitudes held; past that the circuit is sampled by shot groups (./collapse.ts: the shots
 * split at each outcome, a history shared by many shots simulated once), capped by
 * {@link COLLAPSE_WORK_LIMIT}.
 */
import type { Circuit, Instruction } from '../../src/circuit/circuit';
import { conditionHolds, IF_ELSE, MAX_WHILE_ITERATIONS, WHILE_LOOP, walkInstructions } from '../../src/circuit/control-flow';
import { ResourceLimitError, throwIfAborted } from '../../src/core/errors';
import { Prng } from '../../src/core/random';
import { applyGate, assertStateFits, Statevector, zeroState, type StateBuffers } from '../statevector';
import { numericParams } from '../statevector/simulate';
import { probabilityOne, project, samplePerShot, sampleShotGroups, whileLimitError } from './collapse';
import { ShotWriter } from './shot-writer';

/** Most live branches before falling back to per-shot trajectories. */
export const MAX_BRANCHES = 1024;
/** Most amplitudes all live branches may hold together (2^24 complex numbers, 256 MiB). */
export const BRANCH_AMPLITUDE_BUDGET = 2 ** 24;
export { COLLAPSE_WORK_LIMIT } from './collapse';
/** Outcome probabilities at or below this are dropped (rounding residue of an impossible outcome). */
const ZERO_PROBABILITY = 1e-14;

/** How a dynamic circuit was sampled, for the PUB's metadata. */
export interface DynamicSampling {
  readonly method: 'branching' | 'shot-groups' | 'per-shot-collapse';
  /** Leaves of the branching (absent after a fallback). */
  readonly branches?: number;
  /** Shot groups simulated (distinct measurement histories), after a fallback. */
  readonly groups?: number;
  /** Why branching gave way to shot groups. */
  readonly fallback?: string;
}

/** How {@link sampleDynamic} samples: `auto` (branching, else shot groups) or `per-shot` (one trajectory per shot: the bench's reference). */
export type DynamicMethod = 'auto' | 'per-shot';

interface Branch {
  state: StateBuffers;
  prob: number;
  bits: Uint8Array;
}

class BranchOverflow extends Error {}

/**
 * Samples `shots` shots of a dynamic circuit (parameters bound) into classical memory `out`
 * (`wps` words per shot, zero on entry), by branching when it stays within the bounds.
 */
export function sampleDynamic(
  circuit: Circuit,
  shots: number,
  seed: number,
  out: Uint32Array,
  wps: number,
  signal?: AbortSignal,
  method: DynamicMethod = 'auto',
): DynamicSampling {
  const n = circuit.numQubits;
  assertStateFits(n);
  if (method === 'per-shot') {
    samplePerShot(circuit, shots, new Prng(seed), out, wps, signal);
    return { method: 'per-shot-collapse' };
  }
  const maxBranches = Math.max(1, Math.min(MAX_BRANCHES, Math.floor(BRANCH_AMPLITUDE_BUDGET / 2 ** n)));
  const rng = new Prng(seed);
  let leaves: Branch[];
  try {
    leaves = new Brancher(circuit, maxBranches, signal).run();
  } catch (e) {
    if (!(e instanceof BranchOverflow)) throw e;
    const groups = sampleShotGroups(circuit, deferredMeasurements(circuit.instructions), shots, rng, out, wps, signal);
    return { method: 'shot-groups', groups, fallback: `more than ${maxBranches} measurement branches at ${n} qubits` };
  }
  writeLeafShots(circuit, leaves, shots, rng, out, wps);
  return { method: 'branching', branches: leaves.length };
}

/** Top-level measurements after which nothing touches their qubit or their bit. */
function deferredMeasurements(instrs: readonly Instruction[]): Set<number> {
  const laterQubits = new Set<number>();
  const laterClbits = new Set<number>();
  const out = new Set<number>();
  for (let i = instrs.length - 1; i >= 0; i--) {
    const ins = instrs[i]!;
    if (ins.name === 'barrier') continue;
    if (ins.name === 'measure' && !laterQubits.has(ins.qubits[0]!) && !laterClbits.has(ins.clbits[0]!)) out.add(i);
    for (const q of ins.qubits) laterQubits.add(q);
    for (const c of ins.clbits) laterClbits.add(c);
  }
  return out;
}

class Brancher {
  private readonly deferred: Set<number>;
  private steps = 0;
  constructor(
    private readonly circuit: Circuit,
    private readonly maxBranches: number,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.deferred = deferredMeasurements(circuit.instructions);
  }

  run(): Branch[] {
    const root: Branch = { state: zeroState(this.circuit.numQubits), prob: 1, bits: new Uint8Array(this.circuit.numClbits) };
    return this.block(this.circuit.instructions, [root], true);
  }

  private block(instrs: readonly Instruction[], branches: Branch[], top: boolean): Branch[] {
    for (let i = 0; i < instrs.length && branches.length; i++) {
      if ((this.steps++ & 15) === 0) throwIfAborted(this.signal);
      const ins = instrs[i]!;
      if (ins.name === 'barrier' || (top && this.deferred.has(i))) continue;
      if (ins.name === 'measure' || ins.name === 'reset') {
        branches = this.split(branches, ins);
      } else if (ins.name === IF_ELSE) {
        const yes = branches.filter((b) => conditionHolds(ins.condition!, b.bits));
        const no = branches.filter((b) => !conditionHolds(ins.condition!, b.bits));
        const falseBody = ins.blocks![1];
        branches = [...this.block(ins.blocks![0]!, yes, false), ...(falseBody ? this.block(falseBody, no, false) : no)];
      } else if (ins.name === WHILE_LOOP) {
        branches = this.whileLoop(ins, branches);
      } else {
        const params = numericParams(ins, i);
        for (const b of branches) applyGate(b.state, ins.name, ins.qubits, params);
      }
    }
    return branches;
  }

  /** Runs a `while_loop` on every branch until each one's condition fails (see the module comment). */
  private whileLoop(ins: Instruction, branches: Branch[]): Branch[] {
    const done: Branch[] = [];
    let live = branches;
    for (let iteration = 0; ; iteration++) {
      const stay: Branch[] = [];
      for (const b of live) {
        if (!conditionHolds(ins.condition!, b.bits)) done.push(b);
        else if (b.prob > ZERO_PROBABILITY) stay.push(b);
      }
      if (stay.length === 0) return mergeIdentical(done);
      if (iteration >= MAX_WHILE_ITERATIONS) throw whileLimitError();
      live = this.block(ins.blocks![0]!, stay, false);
      if (live.length + done.length > this.maxBranches) throw new BranchOverflow();
    }
  }

  /** Each branch into its two outcomes of measuring (or resetting) the instruction's qubit. */
  private split(branches: readonly Branch[], ins: Instruction): Branch[] {
    const q = ins.qubits[0]!;
    const out: Branch[] = [];
    const record = (b: Branch, bit: number): void => {
      if (ins.name === 'measure') b.bits[ins.clbits[0]!] = bit;
      else if (bit) applyGate(b.state, 'x', [q], []);
      out.push(b);
    };
    for (const b of branches) {
      const p1 = probabilityOne(b.state, q);
      const p0 = Math.max(0, 1 - p1);
      if (p0 > ZERO_PROBABILITY && p1 > ZERO_PROBABILITY) {
        const one: Branch = { state: { numQubits: b.state.numQubits, re: b.state.re.slice(), im: b.state.im.slice() }, prob: b.prob * p1, bits: b.bits.slice() };
        project(b.state, q, 0, p0);
        b.prob *= p0;
        project(one.state, q, 1, p1);
        record(b, 0);
        record(one, 1);
      } else {
        const bit = p1 > ZERO_PROBABILITY ? 1 : 0;
        project(b.state, q, bit, bit ? p1 : p0);
        record(b, bit);
      }
    }
    const merged = mergeIdentical(out);
    if (merged.length > this.maxBranches) throw new BranchOverflow();
    return merged;
  }
}

/** Branches with equal bits and equal states (to 1e-12) become one, their probabilities added. */
function mergeIdentical(branches: Branch[]): Branch[] {
  const byBits = new Map<string, Branch[]>();
  const out: Branch[] = [];
  for (const b of branches) {
    const key = b.bits.join('');
    const group = byBits.get(key) ?? [];
    const same = group.find((g) => sameState(g.state, b.state));
    if (same) {
      same.prob += b.prob;
      continue;
    }
    group.push(b);
    byBits.set(key, group);
    out.push(b);
  }
  return out;
}

function sameState(a: StateBuffers, b: StateBuffers): boolean {
  for (let i = 0; i < a.re.length; i++) {
    if (Math.abs(a.re[i]! - b.re[i]!) > 1e-12 || Math.abs(a.im[i]! - b.im[i]!) > 1e-12) return false;
  }
  return true;
}

/**
 * Splits the shots over the leaves (multinomial, by successive binomials), samples each leaf's
 * deferred measurements from its state, and writes the shots in a shuffled order.
 */
function writeLeafShots(circuit: Circuit, leaves: readonly Branch[], shots: number, rng: Prng, out: Uint32Array, wps: number): void {
  const finals = [...deferredMeasurements(circuit.instructions)].map((i) => circuit.instructions[i]!);
  const writer = new ShotWriter(shots, finals, rng, out, wps);
  let remaining = shots;
  let mass = leaves.reduce((a, b) => a + b.prob, 0);
  for (let l = 0; l < leaves.length && remaining > 0; l++) {
    const leaf = leaves[l]!;
    const k = l === leaves.length - 1 ? remaining : rng.binomial(remaining, Math.min(1, leaf.prob / mass));
    remaining -= k;
    mass -= leaf.prob;
    if (k) writer.write(leaf.state, leaf.bits, k);
  }
}
