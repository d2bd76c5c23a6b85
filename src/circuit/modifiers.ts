import { CircuitValidationError } from '../core/errors';
import { angle, type Angle } from './parameter';
import { invertOps, type DefinitionOp } from './gate-definitions';
import { asControlledOneQubit, controlled, controlOps, mcpOps, oneQubitGate, oneQubitMatrix, phaseOnControls } from './multi-controlled';
import { GATES, gateMatrix, isIdleInstruction } from './gates';
import { power2x2 } from './mat2';

/**
 * Gate modifiers, the one home of their semantics for the circuit API (`inverse`, `power`,
 * `control`) and for OpenQASM 3's `inv @`, `pow(k) @`, `ctrl @`, `negctrl @`:
 * - inv @ U = U† (gates reversed and inverted, phase negated);
 * - pow(k) @ U = U^k: an integer k repeats U (or U† for k < 0); a real k takes the principal
 *   branch of the matrix power, which qbridge writes exactly for one-qubit gates and for
 *   controlled one-qubit gates (pow(k) @ ctrl @ U = ctrl @ pow(k) @ U) and for diagonal gates
 *   of up to five qubits; other real powers are refused by name (they would need a general
 *   unitary synthesis);
 * - ctrl @ U = |0⟩⟨0| ⊗ I + |1⟩⟨1| ⊗ U, the control being the first argument; negctrl swaps
 *   the projectors. Under control U's global phase becomes a phase on the controls.
 * Every result is a list of standard gates (see `multi-controlled.ts`), so the simulators, the
 * transpiler and the exporter need nothing new.
 */

/** A gate application on local qubits 0..numQubits−1 with its global phase: what modifiers act on. */
export interface LocalGate {
  /** How many qubits it acts on. */
  readonly numQubits: number;
  /** Standard gates on local qubit indices, in order. */
  readonly ops: readonly DefinitionOp[];
  /** Global phase in radians. */
  readonly phase: Angle;
}

/** One modifier: `ctrl(count) @` / `negctrl(count) @`, `inv @`, `pow(exponent) @`. */
export type GateModifier =
  | { readonly kind: 'ctrl'; readonly count: number; readonly negated: boolean }
  | { readonly kind: 'inv' }
  | { readonly kind: 'pow'; readonly exponent: number };

const range = (n: number, from = 0): number[] => Array.from({ length: n }, (_, i) => from + i);
const shift = (ops: readonly DefinitionOp[], by: number): DefinitionOp[] =>
  ops.map((o) => ({ name: o.name, qubits: o.qubits.map((q) => q + by), params: o.params }));
const scalePhase = (a: Angle, k: number): Angle => (typeof a === 'number' ? a * k : a.mul(k));

/** U† of a local gate. */
export function inverseLocal(g: LocalGate): LocalGate {
  return { numQubits: g.numQubits, ops: invertOps(g.ops), phase: angle.neg(g.phase) };
}

/** The most gates one modified gate may expand to (nested powers and controls multiply). */
export const MAX_EXPANDED_OPS = 2_000_000;

/** The most repetitions an integer power may write out. */
export const MAX_REPETITIONS = 1024;

/**
 * U^k of a local gate (see the module comment for what is exact and what is refused).
 * @param what - the gate's name, for messages
 * @throws {@link CircuitValidationError} for a real power qbridge cannot write, an unbound
 * parameter under a real power, or more than {@link MAX_REPETITIONS} repetitions
 */
export function powerLocal(g: LocalGate, k: number, what: string): LocalGate {
  if (!Number.isFinite(k)) throw new CircuitValidationError(`pow(${k}) @ ${what}: the exponent must be a finite number`);
  if (Number.isInteger(k)) {
    if (Math.abs(k) > MAX_REPETITIONS) {
      throw new CircuitValidationError(`pow(${k}) @ ${what}: at most ${MAX_REPETITIONS} repetitions are written out`);
    }
    if (g.ops.length * Math.abs(k) > MAX_EXPANDED_OPS) {
      throw new CircuitValidationError(`pow(${k}) @ ${what}: the power expands to more than ${MAX_EXPANDED_OPS} gates`);
    }
    const base = k < 0 ? inverseLocal(g) : g;
    const ops: DefinitionOp[] = [];
    for (let i = 0; i < Math.abs(k); i++) ops.push(...base.ops);
    return { numQubits: g.numQubits, ops, phase: scalePhase(base.phase, Math.abs(k)) };
  }
  if (typeof g.phase !== 'number') throw new CircuitValidationError(`pow(${k}) @ ${what}: a real power needs a numeric phase`);
  if (g.numQubits === 0) {
    // (e^{iφ})^k on the principal branch: φ folded into (−π, π] first.
    let p = Math.atan2(Math.sin(g.phase), Math.cos(g.phase));
    if (p <= -Math.PI + 1e-12) p = Math.PI;
    return { numQubits: 0, ops: [], phase: p * k };
  }
  if (g.numQubits === 1) {
    const w = power2x2(oneQubitMatrix(g.ops, g.phase), k);
    return { numQubits: 1, ...oneQubitGate(w, 0) };
  }
  const only = g.ops.length === 1 ? g.ops[0]! : undefined;
  // A global phase next to the controlled gate is not controlled (it multiplies the control-0
  // block too), so only a phase-free controlled gate takes this route.
  const form = only && g.phase === 0 && only.qubits.every((q, i) => q === i) ? asControlledOneQubit(only.name, only.params) : undefined;
  if (form && form.numControls === g.numQubits - 1) {
    // pow(k) @ ctrl(n) @ V = ctrl(n) @ pow(k) @ V: the control projectors are unchanged.
    const inner = powerLocal({ numQubits: 1, ops: [{ name: form.base, qubits: [0], params: form.params }], phase: form.phase }, k, what);
    const n = form.numControls;
    return { numQubits: g.numQubits, ops: controlled(shift(inner.ops, n), inner.phase, range(n), range(n).map(() => true)), phase: 0 };
  }
  const diagonal = g.numQubits <= MAX_DIAGONAL_QUBITS ? diagonalPower(g, k) : undefined;
  if (diagonal) return diagonal;
  throw new CircuitValidationError(
    `pow(${k}) @ ${what}: a non-integer power is supported for one-qubit gates, controlled one-qubit gates and ` +
      `diagonal gates of up to ${MAX_DIAGONAL_QUBITS} qubits only ` +
      `(this gate acts on ${g.numQubits} qubits; it would need a general unitary synthesis)`,
  );
}

/** The widest diagonal gate a real power is written for (its synthesis has 2^n − 1 terms). */
export const MAX_DIAGONAL_QUBITS = 5;

/**
 * The real power of a diagonal gate (cz, cp, crz, rzz, mcp, … and products of them, even
 * when written with cx gates), or undefined when the unitary is not diagonal. The diagonal's phases θ_x are raised on the principal
 * branch, then written exactly as a global phase θ_0 and one mcp(g(S)) on each non-empty qubit set
 * S, with g the Möbius transform g(S) = Σ_{T⊆S} (−1)^{|S|−|T|} θ_T: the phase on basis state x is
 * then Σ_{S⊆x} g(S) = θ_x.
 */
function diagonalPower(g: LocalGate, k: number): LocalGate | undefined {
  if (!g.ops.every((o) => GATES.has(o.name) && o.params.every((p) => typeof p === 'number'))) return undefined;
  const n = g.numQubits;
  const dim = 1 << n;
  const mats = g.ops.map((o) => gateMatrix(o.name, o.params as number[]));
  const theta = new Float64Array(dim);
  // Follow each basis state through the gates: every gate must send it to one basis state
  // (a permutation with phases, like cx or cp), and the whole circuit back to itself.
  for (let x = 0; x < dim; x++) {
    let state = x;
    let phase = g.phase as number;
    for (let i = 0; i < g.ops.length; i++) {
      const o = g.ops[i]!;
      const m = mats[i]!;
      const col = o.qubits.reduce((a, q, j) => a | (((state >> q) & 1) << j), 0);
      let row = -1;
      for (let r = 0; r < m.dim; r++) {
        const re = m.data[2 * (r * m.dim + col)]!, im = m.data[2 * (r * m.dim + col) + 1]!;
        if (Math.hypot(re, im) < 1e-12) continue;
        if (row >= 0) return undefined;
        row = r;
        phase += Math.atan2(im, re);
      }
      for (let j = 0; j < o.qubits.length; j++) {
        const q = o.qubits[j]!;
        state = (state & ~(1 << q)) | (((row >> j) & 1) << q);
      }
    }
    if (state !== x) return undefined;
    theta[x] = phase;
  }
  for (let x = 0; x < dim; x++) {
    let a = Math.atan2(Math.sin(theta[x]!), Math.cos(theta[x]!));
    if (a <= -Math.PI + 1e-12) a = Math.PI;
    theta[x] = a * k;
  }
  // In-place Möbius transform over subsets: afterwards theta[S] = g(S).
  for (let b = 0; b < n; b++) for (let x = 0; x < dim; x++) if (x & (1 << b)) theta[x]! -= theta[x ^ (1 << b)]!;
  const ops: DefinitionOp[] = [];
  for (let s = 1; s < dim; s++) {
    if (Math.abs(theta[s]!) < 1e-15) continue;
    const qs = range(n).filter((q) => s & (1 << q));
    ops.push(...mcpOps(theta[s]!, qs.slice(0, -1), qs[qs.length - 1]!));
  }
  return { numQubits: n, ops, phase: theta[0]! };
}

/**
 * Applies modifiers listed as written (outermost first: `ctrl @ inv @ pow(0.5) @ x` is
 * [ctrl, inv, pow]); the control qubits come first in the result, in the order written.
 */
export function applyModifiers(base: LocalGate, modifiers: readonly GateModifier[], what: string): LocalGate {
  let core = base;
  let ctrl: boolean[] = [];
  for (let i = modifiers.length - 1; i >= 0; i--) {
    const m = modifiers[i]!;
    // inv and pow commute with control (they act on the controlled block only), so they go to the core.
    if (m.kind === 'ctrl') ctrl = [...range(m.count).map(() => !m.negated), ...ctrl];
    else if (m.kind === 'inv') core = inverseLocal(core);
    else core = powerLocal(core, m.exponent, what);
  }
  if (!ctrl.length) return core;
  const c = ctrl.length;
  // Each gate under c controls becomes up to ~2^c gates (the Gray-code constructions).
  if (core.ops.length * 2 ** Math.min(c, 30) > MAX_EXPANDED_OPS) {
    throw new CircuitValidationError(`${what} under ${c} control(s) expands to more than ${MAX_EXPANDED_OPS} gates`);
  }
  return { numQubits: c + core.numQubits, ops: controlled(shift(core.ops, c), core.phase, range(c), ctrl), phase: 0 };
}

/**
 * The control states of `numCtrl` controls, Qiskit's `ctrl_state`: an integer whose bit i is
 * control i's state, or a bit string read as a binary number (its last character is control 0).
 * Default: all controls on |1⟩.
 */
export function controlStates(numCtrl: number, ctrlState?: number | string): boolean[] {
  if (!Number.isInteger(numCtrl) || numCtrl < 1) {
    throw new CircuitValidationError(`number of control qubits must be an integer ≥ 1, got ${numCtrl}`);
  }
  if (ctrlState === undefined) return range(numCtrl).map(() => true);
  let s: number;
  if (typeof ctrlState === 'string') {
    if (!/^[01]+$/.test(ctrlState) || ctrlState.length !== numCtrl) {
      throw new CircuitValidationError(`control state '${ctrlState}' must be ${numCtrl} characters of 0 and 1`);
    }
    s = parseInt(ctrlState, 2);
  } else s = ctrlState;
  if (!Number.isInteger(s) || s < 0 || s >= 2 ** numCtrl) {
    throw new CircuitValidationError(`control state ${String(ctrlState)} is out of range for ${numCtrl} control(s) (0 to ${2 ** numCtrl - 1})`);
  }
  return range(numCtrl).map((i) => Math.floor(s / 2 ** i) % 2 === 1);
}

/** One instruction of a circuit, as the circuit-level operations below read it. */
export interface PlainInstruction {
  readonly name: string;
  readonly qubits: readonly number[];
  readonly params: readonly Angle[];
}

/**
 * A circuit's instructions controlled by `numCtrl` new qubits 0..numCtrl−1 (the circuit's
 * qubits move up by numCtrl, as in Qiskit's `QuantumCircuit.control`). Barriers are kept on the
 * moved qubits; measurements and resets have no controlled form and are refused.
 */
export function controlInstructions(
  instructions: readonly PlainInstruction[],
  globalPhase: Angle,
  ctrlState: readonly boolean[],
): DefinitionOp[] {
  const c = ctrlState.length;
  const controls = range(c);
  const flips: DefinitionOp[] = controls.filter((i) => !ctrlState[i]).map((q) => ({ name: 'x', qubits: [q], params: [] }));
  const out: DefinitionOp[] = [...flips];
  instructions.forEach((ins, i) => {
    const qubits = ins.qubits.map((q) => q + c);
    // A barrier or delay stays what it is (a delay waits whether or not the controls are set).
    if (isIdleInstruction(ins.name)) out.push({ name: ins.name, qubits, params: ins.params });
    else if (ins.name === 'measure' || ins.name === 'reset') {
      throw new CircuitValidationError(`instruction ${i} (${ins.name}) has no controlled form`, i);
    } else out.push(...controlOps([{ name: ins.name, qubits, params: ins.params }], controls));
  });
  out.push(...phaseOnControls(globalPhase, controls), ...flips);
  return out;
}

/** A circuit's gates as one local gate (barriers and delays dropped: they do not change the unitary). */
export function asLocalGate(numQubits: number, instructions: readonly PlainInstruction[], globalPhase: Angle): LocalGate {
  const ops: DefinitionOp[] = [];
  instructions.forEach((ins, i) => {
    if (isIdleInstruction(ins.name)) return;
    if (ins.name === 'measure' || ins.name === 'reset') {
      throw new CircuitValidationError(`instruction ${i} (${ins.name}) is not unitary: the circuit has no matrix power`, i);
    }
    ops.push(ins);
  });
  return { numQubits, ops, phase: globalPhase };
}
