import { addA, scaleA } from './angles';
import { op, type Op, type Program } from './ir';

/**
 * Recognises CX(a,b)·P(θ)_b·CX(a,b) (and the RZ/U1 forms) and rewrites it as one RZZ(θ)
 * (exact: CX·RZ(θ)_b·CX = RZZ(θ); P(θ) = e^{iθ/2}RZ(θ) adds θ/2 to the global phase). Feature
 * maps are written this way; as a single diagonal block the router can reorder it with the
 * other diagonal gates it commutes with, and a fractional-gate target runs it as one `rzz`.
 */
export function fuseZzBlocks(p: Program): Program {
  const ops = p.ops;
  const nextOn: Map<number, number>[] = ops.map(() => new Map());
  const last = new Map<number, number>();
  ops.forEach((o, i) => {
    for (const q of o.qubits) {
      const prev = last.get(q);
      if (prev !== undefined) nextOn[prev]!.set(q, i);
      last.set(q, i);
    }
    for (const c of o.clbits) last.delete(-1 - c);
  });
  const out: Op[] = [];
  const skip = new Set<number>();
  let phase = p.globalPhase;
  ops.forEach((o, i) => {
    if (skip.has(i)) return;
    if (o.name === 'cx') {
      const [a, b] = o.qubits as [number, number];
      const j = nextOn[i]!.get(b);
      const mid = j !== undefined ? ops[j]! : undefined;
      if (mid && (mid.name === 'p' || mid.name === 'rz' || mid.name === 'u1')) {
        const k = nextOn[j!]!.get(b);
        const end = k !== undefined ? ops[k]! : undefined;
        if (end && end.name === 'cx' && end.qubits[0] === a && end.qubits[1] === b && nextOn[i]!.get(a) === k) {
          const theta = mid.params[0]!;
          out.push(op('rzz', [a, b], [theta]));
          if (mid.name !== 'rz') phase = addA(phase, scaleA(theta, 0.5));
          skip.add(j!);
          skip.add(k!);
          return;
        }
      }
    }
    out.push(o);
  });
  return { numQubits: p.numQubits, ops: out, globalPhase: phase };
}
