import type { Angle } from '../circuit/parameter';
import { addA, normalizeRz } from './angles';
import { op, type Op, type Program } from './ir';
import { identity2, isNumeric, mat2, mul2, synthesizeZsx, type Mat2 } from './synthesis-1q';

/**
 * Optimisation passes (levels ≥ 1):
 * - {@link mergeOneQubitRuns}: each run of one-qubit gates on a wire becomes one exact ZSX
 *   sequence; rz runs are carried through `cz` (either qubit) and the control of `cx`, with
 *   which they commute, so rotations on both sides of an entangler merge.
 * - {@link cancelInversePairs}: adjacent self-inverse entanglers (cz·cz, cx·cx, ecr·ecr) on the
 *   same qubits cancel, also when only rz gates they commute with sit between them.
 */

// A delay ends a run: merging the gates on either side of it would move them in time.
const GATE_1Q = (o: Op): boolean =>
  o.qubits.length === 1 && o.name !== 'measure' && o.name !== 'reset' && o.name !== 'barrier' && o.name !== 'delay';

/** Rewrites one run of one-qubit gates on qubit `q` into `out`; returns the phase to add. */
function flushRun(run: readonly Op[], q: number, out: Op[]): Angle {
  let phase: Angle = 0;
  const seq: Op[] = [];
  let acc: Mat2 | null = null;
  const flushMatrix = (): void => {
    if (!acc) return;
    const s = synthesizeZsx(acc, q);
    phase = addA(phase, s.phase);
    seq.push(...s.ops);
    acc = null;
  };
  for (const o of run) {
    if (isNumeric(o.params)) acc = mul2(mat2(o.name, o.params), acc ?? identity2());
    else {
      flushMatrix();
      seq.push(o);
    }
  }
  flushMatrix();
  // merge neighbouring rz (symbolic ones included): rz(a)·rz(b) = rz(a+b)
  const merged: Op[] = [];
  for (const o of seq) {
    const last = merged[merged.length - 1];
    if (o.name === 'rz' && last?.name === 'rz') {
      merged.pop();
      const n = normalizeRz(addA(last.params[0]!, o.params[0]!));
      phase = addA(phase, n.phase);
      if (!(typeof n.angle === 'number' && Math.abs(n.angle) <= 1e-12)) merged.push(op('rz', [q], [n.angle]));
    } else merged.push(o);
  }
  out.push(...merged);
  return phase;
}

/** Merges runs of one-qubit gates (see module comment). */
export function mergeOneQubitRuns(p: Program): Program {
  const pending = new Map<number, Op[]>();
  const out: Op[] = [];
  let phase = p.globalPhase;
  const flush = (q: number): void => {
    const run = pending.get(q);
    if (!run || !run.length) return;
    pending.delete(q);
    phase = addA(phase, flushRun(run, q, out));
  };
  for (const o of p.ops) {
    if (GATE_1Q(o)) {
      const q = o.qubits[0]!;
      if (!pending.has(q)) pending.set(q, []);
      pending.get(q)!.push(o);
      continue;
    }
    o.qubits.forEach((q, k) => {
      const run = pending.get(q);
      const diagonalRun = run?.every((r) => r.name === 'rz');
      const commutes = diagonalRun && (o.name === 'cz' || o.name === 'rzz' || (o.name === 'cx' && k === 0));
      if (!commutes) flush(q);
    });
    out.push(o);
  }
  for (const q of [...pending.keys()]) flush(q);
  return { numQubits: p.numQubits, ops: out, globalPhase: phase };
}

const SELF_INVERSE = new Set(['cz', 'cx', 'ecr']);

/** Cancels pairs of equal self-inverse entanglers separated only by commuting rz gates. */
export function cancelInversePairs(p: Program): Program {
  let ops = p.ops;
  for (let round = 0; round < 10; round++) {
    const wire = new Map<number, number[]>();
    const pos: Map<number, number>[] = ops.map(() => new Map());
    ops.forEach((o, i) => {
      for (const q of o.qubits) {
        if (!wire.has(q)) wire.set(q, []);
        pos[i]!.set(q, wire.get(q)!.length);
        wire.get(q)!.push(i);
      }
    });
    const removed = new Set<number>();
    const commutesOn = (o: Op, gate: Op, q: number): boolean =>
      o.name === 'rz' && (gate.name === 'cz' || (gate.name === 'cx' && gate.qubits[0] === q));
    ops.forEach((o, i) => {
      if (removed.has(i) || !SELF_INVERSE.has(o.name)) return;
      let partner = -1;
      for (const q of o.qubits) {
        const w = wire.get(q)!;
        let k = pos[i]!.get(q)! + 1;
        while (k < w.length && (removed.has(w[k]!) || commutesOn(ops[w[k]!]!, o, q))) k++;
        const j = k < w.length ? w[k]! : -1;
        if (j < 0 || (partner !== -1 && partner !== j)) return;
        partner = j;
      }
      const other = ops[partner]!;
      const same =
        other.name === o.name &&
        ((other.qubits[0] === o.qubits[0] && other.qubits[1] === o.qubits[1]) ||
          (o.name === 'cz' && other.qubits[0] === o.qubits[1] && other.qubits[1] === o.qubits[0]));
      if (same) {
        removed.add(i);
        removed.add(partner);
      }
    });
    if (!removed.size) break;
    ops = ops.filter((_, i) => !removed.has(i));
  }
  return { numQubits: p.numQubits, ops, globalPhase: p.globalPhase };
}
