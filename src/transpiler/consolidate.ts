import { gateMatrix } from '../circuit/gates';
import { addA } from './angles';
import { type Op, type Program } from './ir';
import { identity4, kron2, mul4, type Mat4 } from './mat4';
import { isNumeric } from './synthesis-1q';
import { synthesizeTwoQubit } from './synthesis-2q';

/**
 * Two-qubit block consolidation (Qiskit's Collect2qBlocks + ConsolidateBlocks +
 * UnitarySynthesis, in one pass): maximal runs of consecutive gates that act only on one pair
 * of qubits (one-qubit gates on either, two-qubit gates on exactly that pair) are multiplied
 * into one 4×4 unitary and resynthesised by the KAK decomposer into at most three CX, when
 * that needs fewer CX than the run already costs. Two CX·CX·CX SWAPs and a CX on one pair, for
 * example, cost seven and become three.
 *
 * Only bound gates with a matrix take part; measurements, resets, barriers, symbolic gates,
 * gates of three or more qubits and the names in `opaque` end the blocks on their qubits and
 * pass unchanged. A block is emitted where the next operation on one of its qubits starts,
 * which keeps the order valid: nothing in between touches the pair.
 */

/** CX cost of a two-qubit gate once unrolled (cx/cz/ecr 1; cp, crz, rzz... 2; swap 3). */
function cxCost(name: string): number {
  if (name === 'cx' || name === 'cz' || name === 'ecr' || name === 'cy' || name === 'ch') return 1;
  if (name === 'swap') return 3;
  return 2;
}

interface Block {
  readonly pair: readonly [number, number];
  readonly ops: Op[];
  cost: number;
}

/** Options of {@link consolidateTwoQubitBlocks}. */
export interface ConsolidateOptions {
  /** Two-qubit gate names never merged (e.g. a native fractional `rzz`). */
  readonly opaque?: ReadonlySet<string>;
}

const NON_GATES = new Set(['measure', 'reset', 'barrier', 'delay']);

function hasMatrix(o: Op): boolean {
  if (NON_GATES.has(o.name) || o.clbits.length > 0 || !isNumeric(o.params)) return false;
  try {
    gateMatrix(o.name, o.params as number[]);
    return true;
  } catch {
    return false;
  }
}

const SWAP4 = Float64Array.from(gateMatrix('swap').data);

/** The block's unitary, local qubit 0 = pair[0] (index bit 0), local qubit 1 = pair[1]. */
function blockUnitary(b: Block): Mat4 {
  let u = identity4();
  const id = Float64Array.from(gateMatrix('id').data);
  for (const o of b.ops) {
    const g = Float64Array.from(gateMatrix(o.name, o.params as number[]).data);
    let m: Mat4;
    if (o.qubits.length === 1) m = o.qubits[0] === b.pair[0] ? kron2(id, g) : kron2(g, id);
    else m = o.qubits[0] === b.pair[0] ? g : mul4(SWAP4, mul4(g, SWAP4));
    u = mul4(m, u);
  }
  return u;
}

/**
 * Resynthesises two-qubit blocks (see the module comment). The result has the same unitary,
 * global phase included; synthesised blocks use `cx` and rz/sx/x.
 */
export function consolidateTwoQubitBlocks(p: Program, options: ConsolidateOptions = {}): Program {
  const opaque = options.opaque ?? new Set<string>();
  const out: Op[] = [];
  let phase = p.globalPhase;
  const pending = new Map<number, Op[]>();
  const open = new Map<number, Block>();

  const close = (b: Block | undefined): void => {
    if (!b) return;
    open.delete(b.pair[0]);
    open.delete(b.pair[1]);
    if (b.cost >= 2) {
      const s = synthesizeTwoQubit(blockUnitary(b), [b.pair[0], b.pair[1]]);
      if (s.entanglers < b.cost) {
        out.push(...s.ops);
        phase = addA(phase, s.phase);
        return;
      }
    }
    out.push(...b.ops);
  };
  const flush = (q: number): void => {
    const run = pending.get(q);
    if (run) out.push(...run);
    pending.delete(q);
  };

  for (const o of p.ops) {
    const gate = hasMatrix(o);
    if (gate && o.qubits.length === 1) {
      const q = o.qubits[0]!;
      const b = open.get(q);
      if (b) b.ops.push(o);
      else if (pending.has(q)) pending.get(q)!.push(o);
      else pending.set(q, [o]);
      continue;
    }
    if (gate && o.qubits.length === 2 && !opaque.has(o.name)) {
      const [a, c] = o.qubits as [number, number];
      const ba = open.get(a);
      if (ba && ba === open.get(c)) {
        ba.ops.push(o);
        ba.cost += cxCost(o.name);
        continue;
      }
      close(ba);
      close(open.get(c));
      const b: Block = { pair: [a, c], ops: [...(pending.get(a) ?? []), ...(pending.get(c) ?? []), o], cost: cxCost(o.name) };
      pending.delete(a);
      pending.delete(c);
      open.set(a, b);
      open.set(c, b);
      continue;
    }
    for (const q of o.qubits) {
      close(open.get(q));
      flush(q);
    }
    out.push(o);
  }
  for (const b of new Set(open.values())) close(b);
  for (const q of [...pending.keys()]) flush(q);
  return { numQubits: p.numQubits, ops: out, globalPhase: phase };
}
