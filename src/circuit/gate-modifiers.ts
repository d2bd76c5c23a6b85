import { Circuit } from './circuit';
import { gateDefinition } from './gates';
import type { Angle } from './parameter';
import { applyModifiers, controlStates, type GateModifier, type LocalGate } from './modifiers';
import { CircuitValidationError } from '../core/errors';

/**
 * Gate-level modifiers (Qiskit's `Gate.control`, `Gate.inverse`, `Gate.power`), each returning
 * the result as a small {@link Circuit} on the gate's qubits (controls first) that
 * `compose` places anywhere. Known forms come back under their native names as in Qiskit:
 * `controlGate('x')` is one `cx`, `controlGate('x', [], 3)` one `c3x`, `controlGate('p', [θ])`
 * one `cp`, `inverseGate('s')` one `sdg`.
 */

function base(name: string, params: readonly Angle[]): LocalGate {
  const def = gateDefinition(name);
  if (params.length !== def.numParams) {
    throw new CircuitValidationError(`gate '${name}' expects ${def.numParams} parameter(s), got ${params.length}`);
  }
  return { numQubits: def.numQubits, ops: [{ name, qubits: Array.from({ length: def.numQubits }, (_, i) => i), params: [...params] }], phase: 0 };
}

function toCircuit(g: LocalGate, name: string): Circuit {
  const c = new Circuit(g.numQubits, { name, globalPhase: g.phase });
  for (const o of g.ops) c.append(o.name, o.qubits, o.params);
  return c;
}

/** Applies modifiers (outermost first, as OpenQASM writes them) to a standard gate. */
function modified(name: string, params: readonly Angle[], mods: readonly GateModifier[], label: string): Circuit {
  return toCircuit(applyModifiers(base(name, params), mods, name), label);
}

/**
 * Gate `name` controlled by `numCtrl` qubits (qubits 0..numCtrl−1 of the result; the gate's own
 * qubits follow), on the control state `ctrlState` (Qiskit's `ctrl_state`: an integer whose bit
 * i is control i, or a bit string; default all |1⟩).
 *
 * @example controlGate('x', [], 2).instructions[0].name // 'ccx'
 * @throws {@link CircuitValidationError} for an unknown gate, wrong parameters or a bad control state
 */
export function controlGate(name: string, params: readonly Angle[] = [], numCtrl = 1, ctrlState?: number | string): Circuit {
  const states = controlStates(numCtrl, ctrlState);
  // One ctrl modifier per control keeps each control's own state.
  const mods: GateModifier[] = states.map((on) => ({ kind: 'ctrl', count: 1, negated: !on }));
  return modified(name, params, mods, `c${numCtrl}_${name}`);
}

/**
 * The inverse of gate `name` as a circuit (one gate whenever one is the inverse: s → sdg,
 * rx(θ) → rx(−θ); rc3x and c3sqrtx through their definitions).
 *
 * @example inverseGate('t').instructions[0].name // 'tdg'
 */
export function inverseGate(name: string, params: readonly Angle[] = []): Circuit {
  return modified(name, params, [{ kind: 'inv' }], `${name}_dg`);
}

/**
 * Gate `name` to the power `k` (integer: repetition; real: the principal-branch matrix power,
 * for one-qubit and controlled one-qubit gates).
 *
 * @example powerGate('x', [], 0.5) // the unitary of sx
 * @throws {@link CircuitValidationError} for a real power of a wider gate
 */
export function powerGate(name: string, params: readonly Angle[], k: number): Circuit {
  return modified(name, params, [{ kind: 'pow', exponent: k }], `${name}_pow`);
}
