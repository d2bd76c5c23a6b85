/**
 * The server's executor for dynamic circuits (mid-circuit measurement, reset, `if_else`), shot
 * by shot on a dense state of the touched qubits: every gate is a full 2^k × 2^k operator
 * (test/support/dense.ts), a measurement collapses with the seeded PRNG, a condition reads the
 * shot's bits so far. Deliberately plain and separate from the product's branching simulator,
 * so the two cannot share a bug.
 */
import { gateMatrix } from '../../../src/circuit/gates';
import { Prng } from '../../../src/core/random';
import { applyDense, type Vec } from '../dense';

/** A classical bit of a register. */
export interface RegBit {
  reg: string;
  index: number;
}

/** An operation of the server's program on compressed qubits. */
export interface DynOp {
  name: string;
  qubits: number[];
  params: number[];
  clbit?: RegBit;
  /** For `if_else`: the bits read (least significant first), the value they must equal, the bodies. */
  cond?: { bits: RegBit[]; value: number };
  body?: DynOp[];
  orelse?: DynOp[];
}

const key = (b: RegBit): string => `${b.reg}[${b.index}]`;

function probabilityOne(s: Vec, q: number): number {
  let p = 0;
  for (let i = 0; i < s.re.length; i++) if ((i >> q) & 1) p += s.re[i]! ** 2 + s.im[i]! ** 2;
  return p;
}

function collapse(s: Vec, q: number, bit: number, p: number): void {
  const scale = 1 / Math.sqrt(p);
  for (let i = 0; i < s.re.length; i++) {
    if (((i >> q) & 1) === bit) {
      s.re[i]! *= scale;
      s.im[i]! *= scale;
    } else {
      s.re[i] = 0;
      s.im[i] = 0;
    }
  }
}

/** Runs `ops` on `state` for one shot, writing measured bits into `bits`; returns the state. */
function runShot(ops: readonly DynOp[], state: Vec, bits: Map<string, number>, rng: Prng): Vec {
  let s = state;
  for (const op of ops) {
    if (op.name === 'barrier' || op.name === 'delay') continue;
    if (op.name === 'measure' || op.name === 'reset') {
      const q = op.qubits[0]!;
      const p1 = probabilityOne(s, q);
      const bit = rng.next() < p1 ? 1 : 0;
      collapse(s, q, bit, bit ? p1 : 1 - p1);
      if (op.name === 'measure') bits.set(key(op.clbit!), bit);
      else if (bit) s = applyDense(s, gateMatrix('x'), [q]);
      continue;
    }
    if (op.name === 'if_else') {
      const v = op.cond!.bits.reduce((acc, b, k) => acc | ((bits.get(key(b)) ?? 0) << k), 0);
      const body = v === op.cond!.value ? op.body! : op.orelse ?? [];
      s = runShot(body, s, bits, rng);
      continue;
    }
    s = applyDense(s, gateMatrix(op.name, op.params), op.qubits);
  }
  return s;
}

/**
 * Per shot, the value of each register (bit i = register bit i) after running `ops` on
 * `numQubits` compressed qubits from |0…0⟩.
 */
export function sampleDynamic(ops: readonly DynOp[], numQubits: number, registers: readonly { name: string; size: number }[], shots: number, seed: number): Map<string, bigint[]> {
  const rng = new Prng(seed);
  const out = new Map(registers.map((r) => [r.name, new Array<bigint>(shots)]));
  for (let s = 0; s < shots; s++) {
    const state: Vec = { re: new Float64Array(2 ** numQubits), im: new Float64Array(2 ** numQubits) };
    state.re[0] = 1;
    const bits = new Map<string, number>();
    runShot(ops, state, bits, rng);
    for (const r of registers) {
      let v = 0n;
      for (let i = 0; i < r.size; i++) if (bits.get(`${r.name}[${i}]`)) v |= 1n << BigInt(i);
      out.get(r.name)![s] = v;
    }
  }
  return out;
}
