import type { Angle } from '../circuit/parameter';
import { CircuitValidationError } from '../core/errors';
import { negA, scaleA, subA, addA } from './angles';
import { op, type Op, type Program } from './ir';
import { ONE_QUBIT_GATES } from './synthesis-1q';
import { GATE_DEFINITIONS, definitionOn } from '../circuit/gate-definitions';

/**
 * Basis translation, stage 1: every multi-qubit gate becomes CX plus one-qubit gates (exact,
 * global phase included; the rules below follow Qiskit's standard-gate definitions). One-qubit
 * gates, measurements, resets and barriers pass through; the router then sees only 1q/2q work.
 */

type Rule = (q: readonly number[], p: readonly Angle[]) => Op[];

const g = (name: string, qubits: number[], params: Angle[] = []): Op => op(name, qubits, params);
const half = (a: Angle): Angle => scaleA(a, 0.5);

/** rzz(θ) on (a, b) = cx·rz(θ) on b·cx. */
const rzzOps = (a: number, b: number, t: Angle): Op[] => [g('cx', [a, b]), g('rz', [b], [t]), g('cx', [a, b])];

/** crz(θ) with control c, target t. */
const crzOps = (c: number, t: number, th: Angle): Op[] => [
  g('rz', [t], [half(th)]),
  g('cx', [c, t]),
  g('rz', [t], [negA(half(th))]),
  g('cx', [c, t]),
];

/** ccx with controls a, b and target t (Qiskit's 6-CX definition). */
const ccxOps = (a: number, b: number, t: number): Op[] => [
  g('h', [t]),
  g('cx', [b, t]),
  g('tdg', [t]),
  g('cx', [a, t]),
  g('t', [t]),
  g('cx', [b, t]),
  g('tdg', [t]),
  g('cx', [a, t]),
  g('t', [b]),
  g('t', [t]),
  g('h', [t]),
  g('cx', [a, b]),
  g('t', [a]),
  g('tdg', [b]),
  g('cx', [a, b]),
];

/** RZX(θ) = exp(−iθ/2 Z⊗X), Z on a, X on b. */
const rzxOps = (a: number, b: number, t: Angle): Op[] => [g('h', [b]), ...rzzOps(a, b, t), g('h', [b])];

const RULES: Record<string, Rule> = {
  cx: ([c, t]) => [g('cx', [c!, t!])],
  cz: ([c, t]) => [g('h', [t!]), g('cx', [c!, t!]), g('h', [t!])],
  cy: ([c, t]) => [g('sdg', [t!]), g('cx', [c!, t!]), g('s', [t!])],
  ch: ([c, t]) => [
    g('s', [t!]), g('h', [t!]), g('t', [t!]), g('cx', [c!, t!]), g('tdg', [t!]), g('h', [t!]), g('sdg', [t!]),
  ],
  // The diagonal phases go first (they commute with the diagonal CX·P·CX block), so the rule
  // ends with a CX that a following routing SWAP on the same pair can cancel against.
  cp: ([c, t], [th]) => [
    g('p', [c!], [half(th!)]),
    g('p', [t!], [half(th!)]),
    g('cx', [c!, t!]),
    g('p', [t!], [negA(half(th!))]),
    g('cx', [c!, t!]),
  ],
  crz: ([c, t], [th]) => crzOps(c!, t!, th!),
  // RX = H·RZ·H exactly, so CRX = (I⊗H)·CRZ·(I⊗H)
  crx: ([c, t], [th]) => [g('h', [t!]), ...crzOps(c!, t!, th!), g('h', [t!])],
  cry: ([c, t], [th]) => [
    g('ry', [t!], [half(th!)]),
    g('cx', [c!, t!]),
    g('ry', [t!], [negA(half(th!))]),
    g('cx', [c!, t!]),
  ],
  // Qiskit CUGate definition: phase γ on the control, then a CU3-style construction.
  cu: ([c, t], [th, ph, la, ga]) => [
    g('p', [c!], [ga!]),
    g('p', [c!], [half(addA(la!, ph!))]),
    g('p', [t!], [half(subA(la!, ph!))]),
    g('cx', [c!, t!]),
    g('u', [t!], [negA(half(th!)), 0, negA(half(addA(ph!, la!)))]),
    g('cx', [c!, t!]),
    g('u', [t!], [half(th!), ph!, 0]),
  ],
  swap: ([a, b]) => [g('cx', [a!, b!]), g('cx', [b!, a!]), g('cx', [a!, b!])],
  rzz: ([a, b], [t]) => rzzOps(a!, b!, t!),
  rxx: ([a, b], [t]) => [g('h', [a!]), g('h', [b!]), ...rzzOps(a!, b!, t!), g('h', [a!]), g('h', [b!])],
  ryy: ([a, b], [t]) => [
    g('rx', [a!], [Math.PI / 2]),
    g('rx', [b!], [Math.PI / 2]),
    ...rzzOps(a!, b!, t!),
    g('rx', [a!], [-Math.PI / 2]),
    g('rx', [b!], [-Math.PI / 2]),
  ],
  // Qiskit ECRGate definition: RZX(π/4)·X on the first qubit·RZX(−π/4)
  ecr: ([a, b]) => [...rzxOps(a!, b!, Math.PI / 4), g('x', [a!]), ...rzxOps(a!, b!, -Math.PI / 4)],
  ccx: ([a, b, t]) => ccxOps(a!, b!, t!),
  cswap: ([c, a, b]) => [g('cx', [b!, a!]), ...ccxOps(c!, a!, b!), g('cx', [b!, a!])],
};

/** Gate names {@link unrollToCx} can translate. */
export const UNROLLABLE = new Set([...Object.keys(RULES), ...Object.keys(GATE_DEFINITIONS), ...ONE_QUBIT_GATES]);

/**
 * The qelib1.inc extras (csx, rccx, rc3x, c3x, c3sqrtx, c4x) have no rule of their own: they
 * unroll through Qiskit's definitions, whose steps are rule gates, one-qubit gates or further
 * extras (c4x uses rc3x and c3sqrtx).
 */
function unrollOne(o: Op): Op[] {
  if (o.qubits.length === 1) return [o];
  const rule = RULES[o.name];
  if (rule) return rule(o.qubits, o.params);
  const def = definitionOn(o.name, o.qubits);
  if (!def) return [];
  return def.flatMap((d) => unrollOne(g(d.name, [...d.qubits], [...d.params])));
}

/**
 * Rewrites every gate of more than one qubit into CX plus one-qubit gates (except names in
 * `keep`, e.g. the diagonal gates the router moves as whole blocks). With
 * `fractionalRzz`, a bound `rzz` with |θ| ≤ π/2 stays an `rzz` (the target runs it natively).
 * @throws {CircuitValidationError} for a gate without a rule
 */
export function unrollToCx(p: Program, options: { fractionalRzz?: boolean; keep?: ReadonlySet<string> } = {}): Program {
  const ops: Op[] = [];
  p.ops.forEach((o, i) => {
    if (o.qubits.length === 1 || o.name === 'barrier' || options.keep?.has(o.name)) {
      ops.push(o);
      return;
    }
    const t = o.params[0];
    if (o.name === 'rzz' && options.fractionalRzz && typeof t === 'number' && Math.abs(t) <= Math.PI / 2) {
      // Native fractional rzz takes θ ∈ [0, π/2]; X_a·RZZ(θ)·X_a = RZZ(−θ) covers negative angles.
      const [a, b] = o.qubits as [number, number];
      if (t >= 0) ops.push(o);
      else ops.push(g('x', [a]), g('rzz', [a, b], [-t]), g('x', [a]));
      return;
    }
    if (!RULES[o.name] && !GATE_DEFINITIONS[o.name]) {
      throw new CircuitValidationError(`instruction ${i} (${o.name}): no decomposition rule`, i);
    }
    ops.push(...unrollOne(o));
  });
  return { numQubits: p.numQubits, ops, globalPhase: p.globalPhase };
}
