import { CircuitValidationError } from '../../core/errors';
import { applyModifiers, MAX_EXPANDED_OPS, type GateModifier, type LocalGate } from '../modifiers';
import { angle, type Angle } from '../parameter';
import type { DefinitionOp } from '../gate-definitions';
import { evalExpr, type Scope } from './evaluate';
import { gateScope, type GateEntry } from './gate-def';
import type { ModifiedCall } from './modifiers';
import { errorAt } from './stream';

/**
 * A gate call as a {@link LocalGate} (standard gates on the call's local qubits plus a global
 * phase), user gates inlined: what modifiers act on. Unmodified calls keep the program's own
 * inlining; this path is for calls under modifiers and for modified calls inside gate bodies.
 */


const addPhase = (a: Angle, b: Angle): Angle => (a === 0 ? b : b === 0 ? a : angle.add(a, b));

const sizes = new WeakMap<GateEntry, number>();

/** How many gates `gate` inlines to without its modifiers (a lower bound with them), memoised. */
function inlinedSize(gate: GateEntry): number {
  if (gate.kind === 'native') return 1;
  let n = sizes.get(gate);
  if (n === undefined) {
    n = 0;
    for (const op of gate.body) {
      if (op.kind === 'call') n += inlinedSize(op.gate);
      else if (op.kind === 'mod' && op.call.gate !== 'gphase') n += inlinedSize(op.call.gate);
    }
    sizes.set(gate, n);
  }
  return n;
}

/** The gate `gate` with parameter values `params`, inlined to standard gates. */
export function expandGate(gate: GateEntry, params: readonly Angle[], constants: Record<string, number>): LocalGate {
  if (gate.kind === 'user' && inlinedSize(gate) > MAX_EXPANDED_OPS) {
    // Refused before building anything: a doubling chain of definitions grows exponentially.
    throw errorAt(gate.tok, `gate '${gate.name}' expands to more than ${MAX_EXPANDED_OPS} gates`);
  }
  if (gate.kind === 'native') {
    const qubits = Array.from({ length: gate.numQubits }, (_, i) => i);
    return { numQubits: gate.numQubits, ops: [{ name: gate.target, qubits, params: gate.mapParams ? gate.mapParams(params) : [...params] }], phase: 0 };
  }
  const scope = gateScope(gate, params, constants);
  const ops: DefinitionOp[] = [];
  let phase: Angle = 0;
  const place = (g: LocalGate, qubits: readonly number[]): void => {
    if (ops.length + g.ops.length > MAX_EXPANDED_OPS) {
      throw errorAt(gate.tok, `gate '${gate.name}' expands to more than ${MAX_EXPANDED_OPS} gates`);
    }
    for (const o of g.ops) ops.push({ name: o.name, qubits: o.qubits.map((k) => qubits[k]!), params: o.params });
    phase = addPhase(phase, g.phase);
  };
  for (const op of gate.body) {
    if (op.kind === 'gphase') phase = addPhase(phase, evalExpr(op.arg, scope));
    else if (op.kind === 'call') place(expandGate(op.gate, op.args.map((a) => evalExpr(a, scope)), constants), op.qubits);
    else place(expandModified(op.call, scope, constants), op.qubits);
  }
  return { numQubits: gate.numQubits, ops, phase };
}

/**
 * A modified call evaluated in `scope`: the base gate (or gphase) expanded, then the modifiers
 * applied. Problems (a non-numeric exponent, a real power qbridge cannot write, too many
 * controls) are syntax errors at the call.
 */
export function expandModified(call: ModifiedCall<GateEntry>, scope: Scope, constants: Record<string, number>): LocalGate {
  const params = call.args.map((a) => evalExpr(a, scope));
  const base: LocalGate = call.gate === 'gphase' ? { numQubits: 0, ops: [], phase: params[0]! } : expandGate(call.gate, params, constants);
  const mods: GateModifier[] = call.modifiers.map((m) => {
    if (m.kind !== 'pow') return m.kind === 'inv' ? { kind: 'inv' } : { kind: 'ctrl', count: m.count, negated: m.negated };
    const k = evalExpr(m.exponent, scope);
    if (typeof k !== 'number') throw errorAt(m.tok, 'the exponent of pow must evaluate to a number (it depends on an unbound parameter)');
    return { kind: 'pow', exponent: k };
  });
  try {
    return applyModifiers(base, mods, call.nameTok.text);
  } catch (e) {
    // Positioned at the statement's first modifier, where the modified call begins.
    if (e instanceof CircuitValidationError) throw errorAt(call.modifiers[0]?.tok ?? call.nameTok, e.message);
    throw e;
  }
}
