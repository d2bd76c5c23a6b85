import type { Circuit, Instruction } from '../../src/circuit/circuit';
import { isIdleInstruction } from '../../src/circuit/gates';
import { isReal2x2 } from '../../src/circuit/mat2';
import { CircuitValidationError, InputValidationError, throwIfAborted } from '../../src/core/errors';
import { apply2x2, applyGate, isHadamardShaped } from './apply-gate';
import { allocateZero, type StateBuffers, type WorkState } from './state';
import { fuseGates, type FusedOp, type GateCall } from './plan/fusion';
import { hoistInitialProduct, mergePermutationRuns } from './plan/fusion-post';
import { applyGather } from './ops/apply-gather';
import { apply1qPair, apply1qPairHadamard, apply1qPairReal } from './ops/apply-1q';
import { writeProductState } from './ops/product-state';
import { applyDiagonal, applyScalar } from './ops/apply-diagonal';
import { applyPhaseTerms } from './ops/apply-phase-terms';
import { assertStateFits, availableMemoryBytes, BYTES_PER_AMPLITUDE } from './memory-guard';
import { acquireArena } from './wasm/runtime';
import { applyFusedOpWasm } from './wasm/ops';
import { defaultThreads, detachArena } from './wasm/thread-pool';

export { applyGate } from './apply-gate';
export type { StateBuffers, WorkState } from './state';

/** Options for {@link simulateStatevector}. */
export interface SimulateOptions {
  /** Checked between passes: a long simulation can be aborted. */
  signal?: AbortSignal;
  /**
   * Gate fusion: runs of one-qubit gates become one 2×2, pairs of those share a pass, runs of
   * diagonal gates (including CX·P·CX blocks) become one diagonal pass, runs of CX/SWAP one
   * gather pass. The result equals the gate-by-gate one to rounding (~1e-14).
   * `'auto'` (default) fuses from `AUTO_FUSION_MIN_QUBITS` (10) qubits up (below that, planning
   * costs more than it saves); `true` always fuses; `false` applies gate by gate.
   */
  fusion?: boolean | 'auto';
  /**
   * Fused passes run on WebAssembly SIMD kernels where one applies (states of 14 to 26 qubits,
   * the state then lives in WebAssembly memory); `false` keeps them on the TypeScript kernels
   * (the path above 26 qubits and without WebAssembly). Same amplitudes either way. Default true.
   */
  wasm?: boolean;
  /**
   * Runs of CX/SWAP as one out-of-place gather pass (needs a second state buffer, used only when
   * two fit in memory). Default true.
   */
  gather?: boolean;
  /**
   * Threads a fused pass over a large state (from 18 qubits, on the WebAssembly kernels) may use:
   * worker threads share the state and each runs chunks of the pass. Default: every core
   * (at most 8); 1 keeps everything on the calling thread. Same amplitudes, bit for bit.
   */
  threads?: number;
}

/** The state size from which `fusion: 'auto'` fuses (measured crossover: 9–10 qubits). */
export const AUTO_FUSION_MIN_QUBITS = 10;

/** Allocates |0…0⟩ after checking that it fits in memory. */
export function zeroState(numQubits: number): StateBuffers {
  assertStateFits(numQubits);
  return allocateZero(numQubits);
}

/**
 * Numeric parameters of an instruction, or a {@link CircuitValidationError} naming the
 * unbound parameter.
 */
export function numericParams(ins: Instruction, index: number): number[] {
  return ins.params.map((p) => {
    if (typeof p === 'number') return p;
    throw new CircuitValidationError(
      `instruction ${index} (${ins.name}): unbound parameter(s) ${p.parameterNames().join(', ')}; bind values first`,
      index,
    );
  });
}

/** Multiplies every amplitude by e^{iφ}. */
export function applyGlobalPhase(state: StateBuffers, phi: number): void {
  if (phi !== 0) applyScalar(state.re, state.im, Math.cos(phi), Math.sin(phi));
}

/**
 * The circuit's unitary gates with numeric parameters (barriers and final measurements
 * dropped) and its numeric global phase, after the checks {@link simulateStatevector} makes.
 */
export function unitaryGates(circuit: Circuit): { gates: GateCall[]; globalPhase: number } {
  assertTerminalMeasurementsOnly(circuit);
  const gates: GateCall[] = [];
  circuit.instructions.forEach((ins, i) => {
    // Only leading resets pass the check above: on a fresh |0⟩ a reset is the identity.
    if (isIdleInstruction(ins.name) || ins.name === 'measure' || ins.name === 'reset') return;
    gates.push({ name: ins.name, qubits: ins.qubits, params: numericParams(ins, i) });
  });
  const gp = circuit.globalPhase;
  if (typeof gp !== 'number') {
    throw new CircuitValidationError(`global phase has unbound parameter(s): ${gp.parameterNames().join(', ')}`);
  }
  return { gates, globalPhase: gp };
}

/** Options for {@link planFusedOps}. */
export interface PlanOptions {
  /** Allow out-of-place gather passes (they need a second state buffer). Default true. */
  gather?: boolean;
}

/**
 * The passes the fused simulator makes for `circuit` from |0…0⟩ (for inspection and the bench).
 *
 * @example planFusedOps(new Circuit(2).h(0).h(1)) is one `product` pass.
 */
export function planFusedOps(circuit: Circuit, options: PlanOptions = {}): FusedOp[] {
  const { gates, globalPhase } = unitaryGates(circuit);
  return planFromGates(circuit.numQubits, gates, globalPhase, options.gather ?? true);
}

function planFromGates(n: number, gates: readonly GateCall[], globalPhase: number, gather: boolean): FusedOp[] {
  const ops = hoistInitialProduct(n, fuseGates(n, gates, globalPhase));
  return gather ? mergePermutationRuns(n, ops) : ops;
}

/** Runs one fused pass on the state. */
export function applyFusedOp(state: WorkState, op: FusedOp): void {
  if (state.arena && applyFusedOpWasm(state.arena, state, op)) return;
  const { re, im } = state;
  switch (op.kind) {
    case 'one':
      apply2x2(re, im, op.q, op.m);
      return;
    case 'pair':
      if (isHadamardShaped(op.ma) && isHadamardShaped(op.mb)) apply1qPairHadamard(re, im, op.qa, op.qb, op.ma[0]! * op.mb[0]!);
      else if (isReal2x2(op.ma) && isReal2x2(op.mb)) apply1qPairReal(re, im, op.qa, op.ma, op.qb, op.mb);
      else apply1qPair(re, im, op.qa, op.ma, op.qb, op.mb);
      return;
    case 'product':
      writeProductState(re, im, state.numQubits, op.v);
      return;
    case 'phases':
      applyPhaseTerms(re, im, state.numQubits, op.one, op.pairQubits, op.pairDiag, op.scalarRe, op.scalarIm);
      return;
    case 'diag2':
      applyDiagonal(re, im, [op.a, op.b], op.d);
      return;
    case 'gather': {
      const dr = state.spareRe ?? new Float64Array(re.length);
      const di = state.spareIm ?? new Float64Array(re.length);
      applyGather(re, im, dr, di, op.lowBits, op.tl, op.th);
      state.spareRe = re;
      state.spareIm = im;
      state.re = dr;
      state.im = di;
      return;
    }
    case 'gate':
      applyGate(state, op.gate.name, op.gate.qubits, op.gate.params);
      return;
    case 'scalar':
      applyScalar(re, im, op.c, op.s);
      return;
  }
}

/**
 * The final statevector of a circuit's unitary part, from |0…0⟩. Barriers are skipped;
 * measurements are allowed only at the end of their qubit's timeline and are ignored here
 * (the sampler draws them from this state). Resets and mid-circuit measurements are refused.
 * Gates are fused per `options.fusion` (default `'auto'`: from 10 qubits up).
 *
 * @example simulateStatevector(new Circuit(2).h(0).cx(0, 1)).re ≈ [1/√2, 0, 0, 1/√2]
 * @throws {CircuitValidationError} for unbound parameters or mid-circuit measurement/reset
 * @throws {ResourceLimitError} when the state would not fit in memory (before allocating)
 */
export function simulateStatevector(circuit: Circuit, options: SimulateOptions = {}): StateBuffers {
  assertStateFits(circuit.numQubits);
  const { gates, globalPhase } = unitaryGates(circuit);
  const { signal } = options;
  const fusion = options.fusion ?? 'auto';
  if (fusion === false || (fusion === 'auto' && circuit.numQubits < AUTO_FUSION_MIN_QUBITS)) {
    const state = allocateZero(circuit.numQubits);
    for (let i = 0; i < gates.length; i++) {
      if ((i & 15) === 0) throwIfAborted(signal);
      const g = gates[i]!;
      applyGate(state, g.name, g.qubits, g.params);
    }
    applyGlobalPhase(state, globalPhase);
    return state;
  }
  const threads = threadCount(options.threads);
  throwIfAborted(signal);
  // Gather passes need a second state buffer: only when two fit.
  const twoFit = 2 * 2 ** circuit.numQubits * BYTES_PER_AMPLITUDE <= availableMemoryBytes();
  const ops = planFromGates(circuit.numQubits, gates, globalPhase, twoFit && (options.gather ?? true));
  const work = fusedWorkState(circuit.numQubits, ops, options.wasm ?? true);
  work.threads = threads;
  try {
    for (let i = 0; i < ops.length; i++) {
      if ((i & 7) === 0) throwIfAborted(signal);
      applyFusedOp(work, ops[i]!);
    }
  } finally {
    // A fresh arena leaves with the result: worker threads must let go of it.
    if (work.arena && !work.arena.reusable) detachArena(work.arena);
  }
  // A reused arena keeps its memory: the result leaves in plain arrays (a memcpy).
  if (work.arena?.reusable) return { numQubits: circuit.numQubits, re: work.re.slice(), im: work.im.slice() };
  return { numQubits: circuit.numQubits, re: work.re, im: work.im };
}

function threadCount(threads: number | undefined): number {
  if (threads === undefined) return defaultThreads();
  if (!Number.isInteger(threads) || threads < 1) throw new InputValidationError(`threads must be a positive integer, got ${String(threads)}`);
  return threads;
}

/**
 * The buffers of a fused simulation: in a WebAssembly arena (SIMD kernels; the spare pair
 * reserved up front when the plan has a gather pass) when one can be made for this size, else
 * plain typed arrays. A fresh arena's memory stays with the returned state (its views); a
 * cached one is copied out.
 */
function fusedWorkState(numQubits: number, ops: readonly FusedOp[], wasm: boolean): WorkState {
  const arena = wasm ? acquireArena(numQubits, ops.some((op) => op.kind === 'gather')) : null;
  if (!arena) return { ...allocateZero(numQubits), spareRe: null, spareIm: null, arena: null };
  arena.re[0] = 1;
  return { numQubits, re: arena.re, im: arena.im, spareRe: arena.spareRe, spareIm: arena.spareIm, arena };
}

/**
 * Throws unless every measurement is final on its qubit (no gate, reset or second
 * measurement after it) and every reset is leading: on a qubit nothing but barriers and
 * resets touched before (still |0⟩, where a reset changes nothing, as in `reset q;` at the
 * top of a program). A reset after operations would need a mixed state.
 */
export function assertTerminalMeasurementsOnly(circuit: Circuit): void {
  const measured = new Set<number>();
  const touched = new Set<number>();
  circuit.instructions.forEach((ins, i) => {
    if (isIdleInstruction(ins.name)) return;
    if (ins.name === 'if_else' || ins.name === 'while_loop') {
      throw new CircuitValidationError(
        `instruction ${i} (${ins.name}): classical control has no single statevector (each measurement outcome gives its own); sample the circuit instead`,
        i,
      );
    }
    if (ins.name === 'reset') {
      if (touched.has(ins.qubits[0]!)) {
        throw new CircuitValidationError(
          `instruction ${i} (reset): a reset after operations on qubit ${ins.qubits[0]} is not supported by the statevector simulator (only leading resets on fresh qubits are)`,
          i,
        );
      }
      return;
    }
    for (const q of ins.qubits) touched.add(q);
    for (const q of ins.qubits) {
      if (measured.has(q)) {
        throw new CircuitValidationError(
          `instruction ${i} (${ins.name}) acts on qubit ${q} after it was measured; only final measurements are supported`,
          i,
        );
      }
    }
    if (ins.name === 'measure') measured.add(ins.qubits[0]!);
  });
}
