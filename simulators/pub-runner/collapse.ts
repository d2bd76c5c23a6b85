/**
 * Sampling a dynamic circuit by collapse, for when branching on every outcome would hold too
 * many states (simulators/pub-runner/branching.ts falls back to it).
 *
 * Shot groups (the default): all shots start as one group on one state. At a mid-circuit
 * measurement (or reset) the group's shots are split binomially between the two outcomes,
 * each part continuing on its collapsed state with its own classical bits; the larger part goes
 * on in place and the smaller one is run to the end first on a copy, so at most
 * log2(shots) + 1 states are alive. Conditions and loops read the group's bits. At the end the
 * group's final measurements are sampled from its state. Splitting the shots multinomially at
 * each outcome gives exactly the distribution of simulating the shots one by one, while a
 * history shared by many shots is simulated once.
 *
 * Per shot (kept to measure the grouping against): one trajectory per shot.
 */
import { isIdleInstruction } from '../../src/circuit/gates';
import type { Circuit, Instruction } from '../../src/circuit/circuit';
import { conditionHolds, IF_ELSE, MAX_WHILE_ITERATIONS, WHILE_LOOP } from '../../src/circuit/control-flow';
import { ResourceLimitError, throwIfAborted } from '../../src/core/errors';
import type { Prng } from '../../src/core/random';
import { applyGate, assertStateFits, zeroState, type StateBuffers } from '../statevector';
import { ShotWriter } from './shot-writer';
import { numericParams } from '../statevector/simulate';

/**
 * Most amplitude updates a collapse run may need, bounded before it starts by
 * min(shots, 2^measurements) × instructions × 2^n (2^36: a minute or two on one core; the
 * bound is a worst case, most runs need far less). Larger jobs get a ResourceLimitError instead
 * of an unbounded wait.
 */
export const COLLAPSE_WORK_LIMIT = 2 ** 36;

/** Probability that qubit `q` reads 1. */
export function probabilityOne(state: StateBuffers, q: number): number {
  const { re, im } = state;
  const mask = 1 << q;
  let p1 = 0;
  for (let i = 0; i < re.length; i++) if (i & mask) p1 += re[i]! * re[i]! + im[i]! * im[i]!;
  return p1;
}

/** Projects qubit `q` onto `bit` (whose probability is `p`) and renormalises. */
export function project(state: StateBuffers, q: number, bit: number, p: number): void {
  const { re, im } = state;
  const mask = 1 << q;
  const scale = 1 / Math.sqrt(p);
  for (let i = 0; i < re.length; i++) {
    if (((i & mask) !== 0) === (bit === 1)) {
      re[i]! *= scale;
      im[i]! *= scale;
    } else {
      re[i] = 0;
      im[i] = 0;
    }
  }
}

/** The error for a loop that does not end. */
export function whileLimitError(): ResourceLimitError {
  return new ResourceLimitError(
    `a while_loop is still running after ${MAX_WHILE_ITERATIONS} iterations (the simulator's limit for one loop): its condition does not become false`,
  );
}

/**
 * Measurements and resets that split shots, counted into bodies (a loop counts as unbounded);
 * `skip` are top-level indices that do not split (final measurements, sampled at the end).
 */
function collapsePoints(instrs: readonly Instruction[], skip: ReadonlySet<number> = new Set()): number {
  let k = 0;
  for (const [i, ins] of instrs.entries()) {
    if (skip.has(i)) continue;
    if (ins.name === 'measure' || ins.name === 'reset') k++;
    else if (ins.name === WHILE_LOOP) return Infinity;
    else if (ins.blocks) k += Math.max(...ins.blocks.map((b) => collapsePoints(b)));
  }
  return k;
}

/** Instructions, bodies included (a loop body once: its iterations are bounded by MAX_WHILE_ITERATIONS on their own). */
function countInstructions(instrs: readonly Instruction[]): number {
  let k = 0;
  for (const ins of instrs) k += 1 + (ins.blocks ? ins.blocks.reduce((a, b) => a + countInstructions(b), 0) : 0);
  return k;
}

/** Refuses, before any work, a run whose worst case exceeds {@link COLLAPSE_WORK_LIMIT}. */
function checkWork(circuit: Circuit, shots: number, histories: number): void {
  const n = circuit.numQubits;
  const instrs = countInstructions(circuit.instructions);
  const work = Math.min(shots, histories) * instrs * 2 ** n;
  if (work > COLLAPSE_WORK_LIMIT) {
    throw new ResourceLimitError(
      `this dynamic circuit branches too much to sample exactly: up to ${Math.min(shots, histories)} measurement histories × ${instrs} instructions × 2^${n} ` +
        `amplitudes exceeds the local simulator's limit of 2^36 updates; use fewer shots, qubits or mid-circuit measurements`,
    );
  }
}

/** Where a group is: a stack of (instructions, next index, loop iterations so far). */
interface Frame {
  readonly instrs: readonly Instruction[];
  pc: number;
  /** For a while_loop body: the loop instruction and how often the body ran. */
  readonly loop?: { readonly ins: Instruction; iterations: number };
}

interface Group {
  state: StateBuffers;
  shots: number;
  bits: Uint8Array;
  stack: Frame[];
}

/**
 * Samples `shots` shots of a bound dynamic circuit into `out` (`wps` words per shot) by shot
 * groups; `deferred` are the top-level measurements sampled from each group's final state.
 * Returns how many groups (distinct measurement histories) were simulated.
 *
 * @throws {ResourceLimitError} past {@link COLLAPSE_WORK_LIMIT}, or a while_loop past its limit
 */
export function sampleShotGroups(
  circuit: Circuit,
  deferred: ReadonlySet<number>,
  shots: number,
  rng: Prng,
  out: Uint32Array,
  wps: number,
  signal?: AbortSignal,
): number {
  const n = circuit.numQubits;
  checkWork(circuit, shots, 2 ** collapsePoints(circuit.instructions, deferred));
  const finals = [...deferred].map((i) => circuit.instructions[i]!);
  const writer = new ShotWriter(shots, finals, rng, out, wps);
  let groups = 0;
  let live = 1;
  let steps = 0;
  const finish = (g: Group): void => {
    groups++;
    writer.write(g.state, g.bits, g.shots);
  };
  const run = (g: Group): void => {
    for (;;) {
      const frame = g.stack[g.stack.length - 1];
      if (!frame) return finish(g);
      if (frame.pc >= frame.instrs.length) {
        if (frame.loop && conditionHolds(frame.loop.ins.condition!, g.bits)) {
          if (++frame.loop.iterations >= MAX_WHILE_ITERATIONS) throw whileLimitError();
          frame.pc = 0;
        } else g.stack.pop();
        continue;
      }
      const top = g.stack.length === 1;
      const i = frame.pc++;
      const ins = frame.instrs[i]!;
      if ((steps++ & 15) === 0) throwIfAborted(signal);
      if (isIdleInstruction(ins.name) || (top && deferred.has(i))) continue;
      if (ins.name === IF_ELSE) {
        const body = conditionHolds(ins.condition!, g.bits) ? ins.blocks![0] : ins.blocks![1];
        if (body) g.stack.push({ instrs: body, pc: 0 });
        continue;
      }
      if (ins.name === WHILE_LOOP) {
        if (conditionHolds(ins.condition!, g.bits)) g.stack.push({ instrs: ins.blocks![0]!, pc: 0, loop: { ins, iterations: 0 } });
        continue;
      }
      if (ins.name !== 'measure' && ins.name !== 'reset') {
        applyGate(g.state, ins.name, ins.qubits, numericParams(ins, i));
        continue;
      }
      const q = ins.qubits[0]!;
      const p1 = Math.min(1, Math.max(0, probabilityOne(g.state, q)));
      const ones = g.shots === 1 ? (rng.next() < p1 ? 1 : 0) : rng.binomial(g.shots, p1);
      const zeros = g.shots - ones;
      const record = (h: Group, bit: number): void => {
        project(h.state, q, bit, bit ? p1 : 1 - p1);
        if (ins.name === 'measure') h.bits[ins.clbits[0]!] = bit;
        else if (bit) applyGate(h.state, 'x', [q], []);
      };
      if (ones && zeros) {
        // The smaller part runs to the end first on a copy; the larger one goes on in place.
        const minorBit = ones < zeros ? 1 : 0;
        assertStateFits(n, live + 1);
        live++;
        const minor: Group = {
          state: { numQubits: n, re: g.state.re.slice(), im: g.state.im.slice() },
          shots: minorBit ? ones : zeros,
          bits: g.bits.slice(),
          stack: g.stack.map((f) => ({ ...f, ...(f.loop ? { loop: { ...f.loop } } : {}) })),
        };
        record(minor, minorBit);
        run(minor);
        live--;
        g.shots = minorBit ? zeros : ones;
        record(g, 1 - minorBit);
      } else record(g, ones ? 1 : 0);
    }
  };
  run({ state: zeroState(n), shots, bits: new Uint8Array(circuit.numClbits), stack: [{ instrs: circuit.instructions, pc: 0 }] });
  return groups;
}

/**
 * One trajectory per shot, collapsing at each measurement/reset with `rng` (every measurement
 * simulated, the final ones too): the reference the shot groups are measured against.
 *
 * @throws {ResourceLimitError} past {@link COLLAPSE_WORK_LIMIT}, or a while_loop past its limit
 */
export function samplePerShot(circuit: Circuit, shots: number, rng: Prng, out: Uint32Array, wps: number, signal?: AbortSignal): void {
  const n = circuit.numQubits;
  checkWork(circuit, shots, Infinity);
  assertStateFits(n, 2);
  const bits = new Uint8Array(circuit.numClbits);
  for (let s = 0; s < shots; s++) {
    if ((s & 255) === 0) throwIfAborted(signal);
    const state = zeroState(n);
    bits.fill(0);
    trajectory(circuit.instructions, state, bits, rng);
    for (let c = 0; c < bits.length; c++) if (bits[c]) out[s * wps + (c >>> 5)]! |= 1 << (c & 31);
  }
}

function trajectory(instrs: readonly Instruction[], state: StateBuffers, bits: Uint8Array, rng: Prng): void {
  instrs.forEach((ins, i) => {
    if (isIdleInstruction(ins.name)) return;
    if (ins.name === 'measure' || ins.name === 'reset') {
      const q = ins.qubits[0]!;
      const p1 = probabilityOne(state, q);
      const bit = rng.next() < p1 ? 1 : 0;
      project(state, q, bit, bit ? p1 : 1 - p1);
      if (ins.name === 'measure') bits[ins.clbits[0]!] = bit;
      else if (bit) applyGate(state, 'x', [q], []);
      return;
    }
    if (ins.name === IF_ELSE) {
      const body = conditionHolds(ins.condition!, bits) ? ins.blocks![0] : ins.blocks![1];
      if (body) trajectory(body, state, bits, rng);
      return;
    }
    if (ins.name === WHILE_LOOP) {
      for (let iteration = 0; conditionHolds(ins.condition!, bits); iteration++) {
        if (iteration >= MAX_WHILE_ITERATIONS) throw whileLimitError();
        trajectory(ins.blocks![0]!, state, bits, rng);
      }
      return;
    }
    applyGate(state, ins.name, ins.qubits, numericParams(ins, i));
  });
}
