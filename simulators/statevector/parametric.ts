/**
 * Parametric plans: a circuit of fixed gates and parity phases whose angles change from run to
 * run (a feature map's evolution blocks), planned ONCE and then run for many angle vectors with
 * no per-run planning, binding or circuit building.
 *
 * Compiling runs the engine's fusion on the whole input list, parity phases included as diagonal
 * terms whose values come later: fixed one-qubit gates around them (H layers, the H/SX/SX† basis
 * changes of X and Y letters) fuse into product, pair and one-qubit passes exactly as in
 * `simulateStatevector`, and each run of commuting diagonal terms becomes one `angles` step.
 * A run fills that step's tables from its angles:
 * - one- and two-qubit parity terms → the engine's `phases` pass (per-qubit factor
 *   diag(1, e^{iφ_q}), per-pair factor e^{iφ_ab} where the two bits differ; low/high table split,
 *   so no cos/sin per amplitude), on the WebAssembly SIMD kernel where the state lives in an arena;
 * - wider terms → one parity pass per term (two values: no trigonometry per amplitude), or a
 *   single Gray-code pass when there are many of them.
 * Every angle is reduced modulo 2π (see {@link reduceAngle}) before it is summed into a table:
 * e^{iθ} is periodic, so this is exact, and it keeps sums of large angles (features of magnitude
 * 1e3 give block angles of 1e6) from losing digits.
 */
import { gateDefinition } from '../../src/circuit/gates';
import { InputValidationError } from '../../src/core/errors';
import {
  allocatePhaseScratch,
  applyPhaseTerms,
  chooseLowBits,
  hasCrossPairs,
  mulInto,
  type PhaseScratch,
} from './ops/apply-phase-terms';
import { applyParityPhase, applyParityPhasesGray, parityAdjacency } from './ops/apply-parity';
import type { AnglesOp, FusedOp, ParityPhase, PlanInput } from './plan/fused-op';
import { fuseInputs, isParityPhase } from './plan/fusion';
import { hoistInitialProduct } from './plan/fusion-post';
import { applyFusedOp } from './simulate';
import type { StateBuffers, WorkState } from './state';
import { acquireArena } from './wasm/runtime';
import { defaultThreads, detachArena } from './wasm/thread-pool';

export type { ParityPhase, PlanInput };

/**
 * From this many terms of weight ≥ 3 per qubit in one diagonal, one Gray-code pass (a cos/sin
 * per amplitude) is cheaper than one parity pass per term (a complex product on half the
 * amplitudes). Measured (medians, one core): the crossover is ~16 terms at 10 qubits, ~30 at 14,
 * 30–48 at 16, where a per-term pass costs more as the state leaves the caches.
 */
export const GRAY_MIN_TERMS_PER_QUBIT = 2;

/** The one- and two-qubit terms of an `angles` step: a `phases` pass refilled per run. */
interface PhasesPart {
  readonly fixedOne: Float64Array;
  readonly fixedPairDiag: Float64Array;
  /** The pass the engine runs; its `one` and `pairDiag` arrays are refilled per run. */
  readonly op: Extract<FusedOp, { kind: 'phases' }>;
  /** [qubit, slot] per weight-1 term, and the distinct qubits. */
  readonly oneTerms: Int32Array;
  readonly oneQubits: Int32Array;
  /** [pair index into op.pairQubits, slot] per weight-2 term, and the distinct pairs. */
  readonly pairTerms: Int32Array;
  readonly pairIndices: Int32Array;
  readonly lowBits: number;
  /** Tables of the TypeScript pass (made on first use). */
  scratch: PhaseScratch | null;
}

/** The terms of weight ≥ 3 of an `angles` step. */
interface WidePart {
  readonly masks: Int32Array;
  readonly slots: Int32Array;
  /** Gray-code data when there are at least {@link GRAY_MIN_TERMS_PER_QUBIT}·n terms. */
  readonly gray: { adjStart: Int32Array; adj: Int32Array; par: Uint8Array; thetas: Float64Array } | null;
}

interface AnglesStep {
  readonly kind: 'angles';
  readonly phases: PhasesPart | null;
  readonly wide: WidePart | null;
}

type Step = FusedOp | AnglesStep;

/**
 * A compiled parametric circuit (see the module comment). Runs are synchronous; a plan holds the
 * scratch of its runs, so one plan serves one run at a time (JavaScript runs one at a time anyway).
 */
export interface ParametricPlan {
  readonly numQubits: number;
  /** Angles a run needs: one more than the largest slot. */
  readonly numSlots: number;
  /** The passes, for inspection (`angles` steps are the parametric diagonals). */
  readonly steps: ReadonlyArray<{ readonly kind: string }>;
}

/** The plan's internals (the interface above is what callers see). */
interface Compiled extends ParametricPlan {
  readonly steps: readonly Step[];
  readonly startsWithProduct: boolean;
  readonly reduced: Float64Array;
  readonly phiOne: Float64Array;
  readonly phiPair: Float64Array;
}

/** Options of {@link runParametricPlan}; as for `simulateStatevector`. */
export interface RunPlanOptions {
  /** Run passes on the WebAssembly SIMD kernels where they apply (14 to 26 qubits). Default true. */
  wasm?: boolean;
  /** Threads a WebAssembly pass may use from 18 qubits. Default: every core (at most 8). */
  threads?: number;
}

/**
 * Plans a circuit of fixed gates (numeric parameters) and parity phases on `numQubits` qubits,
 * from |0…0⟩, with a numeric global phase.
 *
 * @example compileParametricPlan(2, [{name:'h',qubits:[0],params:[]}, {name:'h',qubits:[1],params:[]},
 *   {mask: 0b11, slot: 0}]) is a product pass then one `angles` step; a run with angles [θ] gives
 *   ½(1, e^{iθ}, e^{iθ}, 1).
 * @throws {InputValidationError} for a bad qubit count, qubit, mask or slot
 * @throws {CircuitValidationError} for an unknown gate
 */
export function compileParametricPlan(numQubits: number, inputs: readonly PlanInput[], globalPhase = 0): ParametricPlan {
  if (!Number.isInteger(numQubits) || numQubits < 1 || numQubits > 30) {
    throw new InputValidationError(`numQubits must be an integer in [1, 30], got ${String(numQubits)}`);
  }
  if (!Number.isFinite(globalPhase)) throw new InputValidationError('globalPhase must be a finite number');
  let numSlots = 0;
  inputs.forEach((x, i) => {
    if (isParityPhase(x)) {
      if (!Number.isInteger(x.mask) || x.mask < 1 || x.mask >= 2 ** numQubits) {
        throw new InputValidationError(`input ${i}: parity mask ${String(x.mask)} is not a non-empty set of the ${numQubits} qubits`);
      }
      if (!Number.isInteger(x.slot) || x.slot < 0) throw new InputValidationError(`input ${i}: slot must be an integer ≥ 0, got ${String(x.slot)}`);
      numSlots = Math.max(numSlots, x.slot + 1);
      return;
    }
    const def = gateDefinition(x.name);
    if (x.qubits.length !== def.numQubits || x.qubits.some((q) => !Number.isInteger(q) || q < 0 || q >= numQubits)) {
      throw new InputValidationError(`input ${i} (${x.name}): qubits ${x.qubits.join(', ')} do not fit ${numQubits} qubits`);
    }
    if (x.params.length !== def.numParams || x.params.some((p) => !Number.isFinite(p))) {
      throw new InputValidationError(`input ${i} (${x.name}): needs ${def.numParams} finite parameter(s)`);
    }
  });
  const ops = hoistInitialProduct(numQubits, fuseInputs(numQubits, inputs, globalPhase));
  let pairCount = 0;
  const steps: Step[] = ops.map((op) => {
    if (op.kind !== 'angles') return op;
    const step = anglesStep(numQubits, op);
    pairCount = Math.max(pairCount, step.phases?.op.pairQubits.length ?? 0);
    return step;
  });
  const plan: Compiled = {
    numQubits,
    numSlots,
    steps,
    startsWithProduct: steps[0]?.kind === 'product',
    reduced: new Float64Array(numSlots),
    phiOne: new Float64Array(numQubits),
    phiPair: new Float64Array(pairCount >> 1),
  };
  return plan;
}

/** Sorts an `angles` op's terms into the phases part (weight 1 and 2) and the wide part. */
function anglesStep(n: number, op: AnglesOp): AnglesStep {
  const oneTerms: number[] = [];
  const pairTerms: number[] = [];
  const wideMasks: number[] = [];
  const wideSlots: number[] = [];
  const pairQubits = Array.from(op.pairQubits);
  const pairOf = new Map<number, number>();
  for (let p = 0; p < pairQubits.length; p += 2) pairOf.set(pairQubits[p]! * n + pairQubits[p + 1]!, p >> 1);
  for (const { mask, slot } of op.terms) {
    const qs: number[] = [];
    for (let q = 0; q < n; q++) if (mask & (1 << q)) qs.push(q);
    if (qs.length === 1) oneTerms.push(qs[0]!, slot);
    else if (qs.length === 2) {
      const key = qs[0]! * n + qs[1]!;
      let p = pairOf.get(key);
      if (p === undefined) {
        p = pairQubits.length >> 1;
        pairQubits.push(qs[0]!, qs[1]!);
        pairOf.set(key, p);
      }
      pairTerms.push(p, slot);
    } else {
      wideMasks.push(mask);
      wideSlots.push(slot);
    }
  }
  const fixedPairDiag = new Float64Array(4 * pairQubits.length);
  fixedPairDiag.set(op.pairDiag);
  for (let k = op.pairDiag.length; k < fixedPairDiag.length; k += 2) fixedPairDiag[k] = 1;
  const fixedIdentity =
    op.pairQubits.length === 0 && op.scalarRe === 1 && op.scalarIm === 0 && op.one.every((v, k) => v === ((k & 1) === 0 ? 1 : 0));
  let phases: PhasesPart | null = null;
  if (oneTerms.length || pairTerms.length || !fixedIdentity) {
    const pq = Int32Array.from(pairQubits);
    const distinct = (terms: number[]): Int32Array => Int32Array.from(new Set(terms.filter((_, k) => k % 2 === 0)));
    phases = {
      fixedOne: op.one,
      fixedPairDiag,
      op: { kind: 'phases', one: Float64Array.from(op.one), pairQubits: pq, pairDiag: Float64Array.from(fixedPairDiag), scalarRe: op.scalarRe, scalarIm: op.scalarIm },
      oneTerms: Int32Array.from(oneTerms),
      oneQubits: distinct(oneTerms),
      pairTerms: Int32Array.from(pairTerms),
      pairIndices: distinct(pairTerms),
      lowBits: chooseLowBits(n, pq),
      scratch: null,
    };
  }
  let wide: WidePart | null = null;
  if (wideMasks.length) {
    const masks = Int32Array.from(wideMasks);
    const count = masks.length;
    const gray = count >= GRAY_MIN_TERMS_PER_QUBIT * n ? { ...parityAdjacency(n, masks), par: new Uint8Array(count), thetas: new Float64Array(count) } : null;
    wide = { masks, slots: Int32Array.from(wideSlots), gray };
  }
  return { kind: 'angles', phases, wide };
}

/** 2π in three parts (4 × fdlibm's π/2 split): the first two have 33 significant bits, so k·part is exact for |k| < 2^20. */
const TWO_PI_1 = 6.28318530693650245667;
const TWO_PI_2 = 2.43084020252158639064e-10;
const TWO_PI_3 = 8.0890649948446658232e-21;

/**
 * θ reduced to about [−π, π] with e^{i·result} = e^{iθ} to rounding of the result (not of θ):
 * Cody–Waite subtraction of k·2π in three exact parts for |θ| < 2^20·π, else the argument
 * reduction of Math.sin/Math.cos (exact for every double) through atan2.
 *
 * @example reduceAngle(1e6) ≈ 1e6 − 159155·2π ≈ −0.4102 (cos and sin agree with cos(1e6), sin(1e6) to ~1e-16)
 */
export function reduceAngle(theta: number): number {
  if (theta >= -Math.PI && theta <= Math.PI) return theta;
  const k = Math.round(theta / (2 * Math.PI));
  if (Math.abs(k) < 2 ** 20) return theta - k * TWO_PI_1 - k * TWO_PI_2 - k * TWO_PI_3;
  return Math.atan2(Math.sin(theta), Math.cos(theta));
}

/**
 * Runs `plan` with `angles` (angle s is the θ of the parity phases with slot s) from |0…0⟩ and
 * writes the final state into `out` (its re/im of 2^n each are overwritten).
 *
 * @throws {InputValidationError} for too few or non-finite angles, or an `out` of the wrong size
 */
export function runParametricPlan(plan: ParametricPlan, angles: ArrayLike<number>, out: StateBuffers, options: RunPlanOptions = {}): void {
  const p = plan as Compiled;
  const n = p.numQubits;
  if (angles.length < p.numSlots) throw new InputValidationError(`the plan needs ${p.numSlots} angles, got ${angles.length}`);
  if (out.re.length !== 2 ** n || out.im.length !== 2 ** n) throw new InputValidationError(`a ${n}-qubit state needs ${2 ** n} amplitudes`);
  for (let s = 0; s < p.numSlots; s++) {
    const a = angles[s]!;
    if (!Number.isFinite(a)) throw new InputValidationError(`angle ${s} is not finite (${String(a)})`);
    p.reduced[s] = reduceAngle(a);
  }
  // A plan that starts with the product pass writes every amplitude: no need to zero the arena.
  const arena = (options.wasm ?? true) ? acquireArena(n, false, !p.startsWithProduct) : null;
  const work: WorkState = arena
    ? { numQubits: n, re: arena.re, im: arena.im, spareRe: null, spareIm: null, arena, threads: options.threads ?? defaultThreads() }
    : { numQubits: n, re: out.re, im: out.im, spareRe: null, spareIm: null, arena: null };
  if (!p.startsWithProduct) {
    // An arena comes zeroed; plain output arrays hold anything.
    if (!arena) {
      work.re.fill(0);
      work.im.fill(0);
    }
    work.re[0] = 1;
  }
  try {
    for (const step of p.steps) {
      if (step.kind === 'angles') runAngles(p, work, step);
      else applyFusedOp(work, step);
    }
  } finally {
    // A fresh (large) arena is this run's alone: worker threads must let go of it.
    if (arena && !arena.reusable) detachArena(arena);
  }
  if (arena) {
    out.re.set(work.re);
    out.im.set(work.im);
  }
}

function runAngles(p: Compiled, work: WorkState, step: AnglesStep): void {
  const n = p.numQubits;
  const red = p.reduced;
  const ph = step.phases;
  if (ph) {
    const { one, pairDiag } = ph.op;
    one.set(ph.fixedOne);
    pairDiag.set(ph.fixedPairDiag);
    // diag(1, e^{iφ_q}) per qubit, φ_q the sum of its terms' reduced angles.
    const phiOne = p.phiOne;
    for (let k = 0; k < ph.oneQubits.length; k++) phiOne[ph.oneQubits[k]!] = 0;
    for (let k = 0; k < ph.oneTerms.length; k += 2) phiOne[ph.oneTerms[k]!] += red[ph.oneTerms[k + 1]!]!;
    for (let k = 0; k < ph.oneQubits.length; k++) {
      const q = ph.oneQubits[k]!;
      mulInto(one, 4 * q + 2, Math.cos(phiOne[q]!), Math.sin(phiOne[q]!));
    }
    // e^{iφ_ab} where bits a and b differ: entries 1 (b_a = 1, b_b = 0) and 2 of the pair's diagonal.
    const phiPair = p.phiPair;
    for (let k = 0; k < ph.pairIndices.length; k++) phiPair[ph.pairIndices[k]!] = 0;
    for (let k = 0; k < ph.pairTerms.length; k += 2) phiPair[ph.pairTerms[k]!] += red[ph.pairTerms[k + 1]!]!;
    for (let k = 0; k < ph.pairIndices.length; k++) {
      const pi = ph.pairIndices[k]!;
      const c = Math.cos(phiPair[pi]!), s = Math.sin(phiPair[pi]!);
      mulInto(pairDiag, 8 * pi + 2, c, s);
      mulInto(pairDiag, 8 * pi + 4, c, s);
    }
    if (work.arena) applyFusedOp(work, ph.op);
    else {
      ph.scratch ??= allocatePhaseScratch(n, ph.lowBits, hasCrossPairs(ph.op.pairQubits, ph.lowBits));
      const o = ph.op;
      applyPhaseTerms(work.re, work.im, n, o.one, o.pairQubits, o.pairDiag, o.scalarRe, o.scalarIm, ph.lowBits, ph.scratch);
    }
  }
  const wide = step.wide;
  if (!wide) return;
  if (wide.gray) {
    const g = wide.gray;
    for (let t = 0; t < wide.slots.length; t++) g.thetas[t] = red[wide.slots[t]!]!;
    applyParityPhasesGray(work.re, work.im, n, g.thetas, wide.slots.length, g.adjStart, g.adj, g.par);
    return;
  }
  for (let t = 0; t < wide.slots.length; t++) {
    const theta = red[wide.slots[t]!]!;
    applyParityPhase(work.re, work.im, n, wide.masks[t]!, Math.cos(theta), Math.sin(theta));
  }
}
