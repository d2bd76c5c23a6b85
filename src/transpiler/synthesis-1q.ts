import { gateMatrix } from '../circuit/gates';
import { CircuitValidationError } from '../core/errors';
import type { Angle } from '../circuit/parameter';
import { addA, normalizeRz, scaleA } from './angles';
import { op, type Op } from './ir';
import type { Mat2 } from '../circuit/mat2';

/**
 * Exact one-qubit synthesis into IBM's `rz, sx, x` basis (ZSX Euler form), global phase
 * included, for numeric unitaries and for symbolic gates.
 *
 * Identities used (all exact, Qiskit matrices):
 * - U(θ, φ, λ) = e^{i(φ+λ)/2} RZ(φ)·RY(θ)·RZ(λ)
 * - RZ(φ)·RY(θ)·RZ(λ) = e^{iπ/2} RZ(φ+π)·SX·RZ(θ+π)·SX·RZ(λ)   (operators, right acts first)
 * - RY(π/2) = e^{−iπ/4} RZ(π/2)·SX·RZ(−π/2)
 * - RY(π) = i·X·RZ(π), hence RZ(φ)RY(π)RZ(λ) = i·RZ(φ−λ−π)·X
 */

/** The circuit layer's 2×2 type and product (a·b: b first), under the names this module's users know. */
export { mul2x2 as mul2, zyzAngles, type Mat2 } from '../circuit/mat2';
import { zyzAngles } from '../circuit/mat2';

/** The matrix of a one-qubit gate with numeric parameters. */
export function mat2(name: string, params: readonly number[]): Mat2 {
  return Float64Array.from(gateMatrix(name, params).data);
}

/** Identity. */
export function identity2(): Mat2 {
  return Float64Array.of(1, 0, 0, 0, 0, 0, 1, 0);
}

/** Result of a synthesis: operations on qubit `q` and the global phase they leave out. */
export interface Synthesis {
  readonly ops: Op[];
  readonly phase: Angle;
}

const TOL = 1e-12;

/** rz with its angle folded into (−π, π]; dropped when numerically zero. */
function pushRz(ops: Op[], a: Angle, q: number): number {
  const { angle, phase } = normalizeRz(a);
  if (typeof angle === 'number' && Math.abs(angle) <= TOL) return phase;
  ops.push(op('rz', [q], [angle]));
  return phase;
}

/**
 * ZSX synthesis of a numeric unitary on qubit `q`: at most rz·sx·rz·sx·rz, with the special
 * cases θ = 0 (one rz), θ = π/2 (one sx) and θ = π (one x).
 */
export function synthesizeZsx(u: Mat2, q: number): Synthesis {
  const { theta, phi, lam, phase } = zyzAngles(u);
  const ops: Op[] = [];
  let ph = phase;
  if (Math.abs(theta) <= 1e-11) {
    ph += pushRz(ops, phi + lam, q);
  } else if (Math.abs(theta - Math.PI / 2) <= 1e-11) {
    ph -= Math.PI / 4;
    ph += pushRz(ops, lam - Math.PI / 2, q);
    ops.push(op('sx', [q]));
    ph += pushRz(ops, phi + Math.PI / 2, q);
  } else if (Math.abs(theta - Math.PI) <= 1e-11) {
    ph += Math.PI / 2;
    ops.push(op('x', [q]));
    ph += pushRz(ops, phi - lam - Math.PI, q);
  } else {
    ph += Math.PI / 2;
    ph += pushRz(ops, lam, q);
    ops.push(op('sx', [q]));
    ph += pushRz(ops, theta + Math.PI, q);
    ops.push(op('sx', [q]));
    ph += pushRz(ops, phi + Math.PI, q);
  }
  return { ops, phase: ph };
}

/**
 * A (possibly symbolic) one-qubit gate as U(θ, φ, λ) times e^{i·phase}, with angles linear in
 * the gate's parameters; `null` for an unknown name.
 */
export function asU(name: string, p: readonly Angle[]): { theta: Angle; phi: Angle; lam: Angle; phase: Angle } | null {
  const H = Math.PI / 2;
  switch (name) {
    case 'u':
    case 'u3':
      return { theta: p[0]!, phi: p[1]!, lam: p[2]!, phase: 0 };
    case 'u2':
      return { theta: H, phi: p[0]!, lam: p[1]!, phase: 0 };
    case 'p':
    case 'u1':
      return { theta: 0, phi: 0, lam: p[0]!, phase: 0 };
    case 'rz': // RZ(λ) = e^{−iλ/2} U(0, 0, λ)
      return { theta: 0, phi: 0, lam: p[0]!, phase: scaleA(p[0]!, -0.5) };
    case 'ry': // RY(θ) = U(θ, 0, 0)
      return { theta: p[0]!, phi: 0, lam: 0, phase: 0 };
    case 'rx': // RX(θ) = U(θ, −π/2, π/2)
      return { theta: p[0]!, phi: -H, lam: H, phase: 0 };
    default:
      return null;
  }
}

/**
 * Exact ZSX form of a symbolic one-qubit gate on qubit `q`: diagonal gates become one rz,
 * others rz·sx·rz·sx·rz, with a global phase linear in the parameters.
 */
export function synthesizeSymbolic(name: string, params: readonly Angle[], q: number): Synthesis {
  const u = asU(name, params);
  if (!u) throw new CircuitValidationError(`no symbolic one-qubit synthesis rule for '${name}'`);
  const ops: Op[] = [];
  // U(θ,φ,λ) = e^{i(φ+λ)/2} RZ(φ)RY(θ)RZ(λ)
  let phase: Angle = addA(u.phase, scaleA(addA(u.phi, u.lam), 0.5));
  if (typeof u.theta === 'number' && Math.abs(u.theta) <= TOL) {
    phase = addA(phase, pushRz(ops, addA(u.phi, u.lam), q));
    return { ops, phase };
  }
  phase = addA(phase, Math.PI / 2);
  phase = addA(phase, pushRz(ops, u.lam, q));
  ops.push(op('sx', [q]));
  phase = addA(phase, pushRz(ops, addA(u.theta, Math.PI), q));
  ops.push(op('sx', [q]));
  phase = addA(phase, pushRz(ops, addA(u.phi, Math.PI), q));
  return { ops, phase };
}

/** True when every parameter is a number. */
export function isNumeric(params: readonly Angle[]): params is readonly number[] {
  return params.every((p) => typeof p === 'number');
}

/** The one-qubit gate names this module can translate. */
export const ONE_QUBIT_GATES = new Set([
  'id', 'x', 'y', 'z', 'h', 's', 'sdg', 't', 'tdg', 'sx', 'sxdg', 'rx', 'ry', 'rz', 'p', 'u', 'u1', 'u2', 'u3',
]);

/** Translates one 1-qubit op to rz/sx/x (numeric: from its matrix; symbolic: exact rules). */
export function translate1q(o: Op): Synthesis {
  const q = o.qubits[0]!;
  if (isNumeric(o.params)) return synthesizeZsx(mat2(o.name, o.params), q);
  return synthesizeSymbolic(o.name, o.params, q);
}

