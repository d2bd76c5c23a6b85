/**
 * Whole-plan passes over the fused op list (after {@link fuseGates}): the initial product state
 * and gather passes for CX/SWAP runs. Both only move ops past ops on disjoint qubits.
 */
import type { FusedOp, GateCall, PlanOp } from './fused-op';

/**
 * From |0…0⟩, one-qubit passes on qubits that no earlier pass touched act on a |0⟩ factor of a
 * product state: they are hoisted and merged into one `product` op that writes the initial
 * state ⊗_q M_q|0⟩ directly (one write pass instead of one read-write pass per pair).
 */
export function hoistInitialProduct<T extends PlanOp>(numQubits: number, ops: readonly T[]): Array<T | FusedOp> {
  const touched = new Uint8Array(numQubits);
  const v = new Float64Array(4 * numQubits);
  for (let q = 0; q < numQubits; q++) v[4 * q] = 1;
  const rest: T[] = [];
  let hoisted = 0;
  const column0 = (q: number, m: Float64Array): void => {
    v.set([m[0]!, m[1]!, m[4]!, m[5]!], 4 * q);
    touched[q] = 1;
    hoisted++;
  };
  for (const op of ops) {
    if (op.kind === 'one' && !touched[op.q]) column0(op.q, op.m);
    else if (op.kind === 'pair' && !touched[op.qa] && !touched[op.qb]) {
      column0(op.qa, op.ma);
      column0(op.qb, op.mb);
    } else {
      rest.push(op);
      for (const q of opQubits(op, numQubits)) touched[q] = 1;
    }
  }
  return hoisted ? [{ kind: 'product', v }, ...rest] : rest;
}

/** The qubits an op acts on (all of them for a diagonal or scalar pass: conservative). */
function opQubits(op: PlanOp, n: number): number[] {
  switch (op.kind) {
    case 'one':
      return [op.q];
    case 'pair':
      return [op.qa, op.qb];
    case 'diag2':
      return [op.a, op.b];
    case 'gate':
      return [...op.gate.qubits];
    default:
      return Array.from({ length: n }, (_, q) => q);
  }
}

/**
 * Smallest run weight (CX = 1, SWAP = 2: the in-place SWAP kernel visits every index) worth one
 * gather pass. Measured: a gather costs about as much as 5 (n = 16) to 9 (n = 20–24) in-place
 * CX passes, since an in-place CX touches only a quarter of the pairs.
 */
export const MIN_GATHER_WEIGHT = 8;

const isPermutationGate = (op: FusedOp): op is { kind: 'gate'; gate: GateCall } =>
  op.kind === 'gate' && (op.gate.name === 'cx' || op.gate.name === 'swap');

function maskOf(op: FusedOp, n: number): number {
  let m = 0;
  for (const q of opQubits(op, n)) m |= 1 << q;
  return m;
}

/**
 * Collects runs of CX/SWAP ops into gather passes. Ops met after a run has started move before
 * it when they act on none of its qubits (nor on those of ops already held after it); the others
 * are held after it, and a CX/SWAP touching a held op's qubits closes the run. Each move swaps
 * two ops on disjoint qubits, so the product is unchanged.
 *
 * @example The W1 layer [pair(0,1), cx(0,1), pair(2,3), cx(1,2), cx(2,3)] becomes
 * [pair(0,1), pair(2,3), gather(cx(0,1)·cx(1,2)·cx(2,3))].
 */
export function mergePermutationRuns(numQubits: number, ops: readonly FusedOp[]): FusedOp[] {
  const out: FusedOp[] = [];
  let run: GateCall[] = [];
  let runMask = 0;
  let held: FusedOp[] = [];
  let heldMask = 0;
  const close = (): void => {
    const weight = run.reduce((w, g) => w + (g.name === 'swap' ? 2 : 1), 0);
    if (weight >= MIN_GATHER_WEIGHT) out.push(gatherOp(numQubits, run));
    else for (const gate of run) out.push({ kind: 'gate', gate });
    out.push(...held);
    run = [];
    runMask = 0;
    held = [];
    heldMask = 0;
  };
  for (const op of ops) {
    if (isPermutationGate(op)) {
      const m = maskOf(op, numQubits);
      if (run.length === 0 || (m & heldMask) !== 0) {
        close();
      }
      run.push(op.gate);
      runMask |= m;
      continue;
    }
    if (run.length === 0) {
      out.push(op);
      continue;
    }
    const m = maskOf(op, numQubits);
    if ((m & (runMask | heldMask)) === 0) out.push(op);
    else {
      held.push(op);
      heldMask |= m;
    }
  }
  close();
  return out;
}

/** The gather tables of a CX/SWAP run: Pinv = f_1 ∘ … ∘ f_m (each gate is its own inverse). */
function gatherOp(n: number, gates: readonly GateCall[]): FusedOp {
  const pinv = (x: number): number => {
    for (let g = gates.length - 1; g >= 0; g--) {
      const { name, qubits } = gates[g]!;
      const a = qubits[0]!, b = qubits[1]!;
      if (name === 'cx') x ^= ((x >>> a) & 1) << b;
      else if (((x >>> a) & 1) !== ((x >>> b) & 1)) x ^= (1 << a) | (1 << b);
    }
    return x;
  };
  const lowBits = Math.min(n, 12);
  const tl = new Int32Array(1 << lowBits);
  const th = new Int32Array(1 << (n - lowBits));
  for (let k = 0; k < lowBits; k++) {
    const col = pinv(1 << k), half = 1 << k;
    for (let j = 0; j < half; j++) tl[j + half] = tl[j]! ^ col;
  }
  for (let k = 0; k < n - lowBits; k++) {
    const col = pinv(1 << (lowBits + k)), half = 1 << k;
    for (let j = 0; j < half; j++) th[j + half] = th[j]! ^ col;
  }
  return { kind: 'gather', lowBits, tl, th, gates: gates.length };
}
