import { CircuitValidationError } from '../core/errors';
import type { CouplingGraph } from './coupling';
import type { Entangler } from '../core/target';
import { addPhase, op, type Op, type Program } from './ir';

/**
 * Basis translation, stage 2 (after routing): every `cx` and `swap` on physical qubits becomes
 * the target's native entangler on a directed coupling edge, with one-qubit corrections that
 * later passes fold into rz/sx/x.
 *
 * - cx, edge (a,b): as is; only (b,a): H⊗H·CX(b,a)·H⊗H.
 * - cz (symmetric): CX(a,b) = H_b·CZ·H_b on whichever direction the target lists.
 * - ecr: CX(a,b) = e^{−iπ/4}·(X_a ⊗ RX(−π/2)_b)·ECR(a,b)·RZ(−π/2)_a (checked against the matrices);
 *   reversed edges go through the H⊗H identity first.
 */

const H = Math.PI / 2;

/** Emits CX(a, b) in the native entangler; returns the global phase it adds. */
function cxNative(out: Op[], a: number, b: number, kind: Entangler, g: CouplingGraph): number {
  const n = g.numQubits;
  const fwd = g.directed.has(a * n + b);
  const rev = g.directed.has(b * n + a);
  if (!fwd && !rev) throw new CircuitValidationError(`internal: qubits ${a} and ${b} are not coupled after routing`);
  if (kind === 'cz') {
    out.push(op('h', [b]), op('cz', fwd ? [a, b] : [b, a]), op('h', [b]));
    return 0;
  }
  if (!fwd) {
    out.push(op('h', [a]), op('h', [b]));
    const ph = cxNative(out, b, a, kind, g);
    out.push(op('h', [a]), op('h', [b]));
    return ph;
  }
  if (kind === 'cx') {
    out.push(op('cx', [a, b]));
    return 0;
  }
  out.push(op('rz', [a], [-H]), op('ecr', [a, b]), op('x', [a]), op('rx', [b], [-H]));
  return -Math.PI / 4;
}

/**
 * Expands routing SWAPs into three CXs. The orientation follows a CX on the same pair right
 * before (or else right after) the SWAP, so that CX·CX pairs cancel: CX(a,b)·SWAP(a,b) needs
 * only two CXs. Otherwise the listed edge direction is used (only the middle CX flips).
 */
export function expandSwaps(p: Program, g: CouplingGraph): Program {
  const n = g.numQubits;
  const nextOnWire = new Map<number, number>();
  const next: Int32Array[] = p.ops.map(() => new Int32Array(0));
  for (let i = p.ops.length - 1; i >= 0; i--) {
    const o = p.ops[i]!;
    next[i] = Int32Array.from(o.qubits.map((q) => nextOnWire.get(q) ?? -1));
    for (const q of o.qubits) nextOnWire.set(q, i);
  }
  const ops: Op[] = [];
  const lastOut = new Map<number, number>();
  const isCxOn = (o: Op | undefined, a: number, b: number): boolean =>
    !!o && o.name === 'cx' && ((o.qubits[0] === a && o.qubits[1] === b) || (o.qubits[0] === b && o.qubits[1] === a));
  p.ops.forEach((o, i) => {
    if (o.name !== 'swap') {
      for (const q of o.qubits) lastOut.set(q, ops.length);
      ops.push(o);
      return;
    }
    const [a, b] = o.qubits as [number, number];
    let orient: [number, number] = g.directed.has(a * n + b) ? [a, b] : [b, a];
    const pa = lastOut.get(a), pb = lastOut.get(b);
    const [na, nb] = next[i]!;
    if (pa !== undefined && pa === pb && isCxOn(ops[pa], a, b)) orient = [ops[pa]!.qubits[0]!, ops[pa]!.qubits[1]!];
    else if (na! >= 0 && na === nb && isCxOn(p.ops[na!], a, b)) orient = [p.ops[na!]!.qubits[0]!, p.ops[na!]!.qubits[1]!];
    const [x, y] = orient;
    ops.push(op('cx', [x, y]), op('cx', [y, x]), op('cx', [x, y]));
    lastOut.set(a, ops.length - 1);
    lastOut.set(b, ops.length - 1);
  });
  return { numQubits: p.numQubits, ops, globalPhase: p.globalPhase };
}

/** Translates `cx` (and orients `rzz`) to `kind` on directed edges; other ops pass through. */
export function translateEntanglers(p: Program, kind: Entangler, g: CouplingGraph): Program {
  const ops: Op[] = [];
  const out: Program = { numQubits: p.numQubits, ops, globalPhase: p.globalPhase };
  for (const o of p.ops) {
    if (o.name === 'cx') {
      addPhase(out, cxNative(ops, o.qubits[0]!, o.qubits[1]!, kind, g));
    } else if (o.name === 'rzz') {
      // symmetric: use the listed direction
      const [a, b] = o.qubits as [number, number];
      ops.push(g.directed.has(a * g.numQubits + b) ? o : op('rzz', [b, a], o.params));
    } else if (o.name === 'swap') {
      ops.push(...expandSwaps({ numQubits: p.numQubits, ops: [o], globalPhase: 0 }, g).ops);
    } else ops.push(o);
  }
  return out;
}
