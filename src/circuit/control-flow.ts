/**
 * Classical control in the circuit model, as Qiskit models `IfElseOp` and `WhileLoopOp`: an
 * instruction named `'if_else'` whose condition compares classical bits with an integer, with a
 * true body and an optional false body, and `'while_loop'` with one body. Bodies are lists of instructions on the enclosing circuit's own qubit and
 * classical-bit indices (no remapping inside), frozen like every other instruction. The
 * `if_else` instruction's own `qubits` and `clbits` are the union of what its bodies touch (and,
 * for clbits, the condition's bits), so depth, layout and "is this qubit used later" questions
 * see the block as one operation.
 */
import { CircuitValidationError } from '../core/errors';
import type { IfCondition, Instruction } from './instruction';

/** The name of a classical-control instruction (Qiskit's `IfElseOp.name`). */
export const IF_ELSE = 'if_else';

export type { IfCondition } from './instruction';

/** How {@link CircuitBase.ifTest} names a condition: one bit or one whole register. */
export type IfConditionSpec =
  | {
      /** The global classical-bit index. */
      readonly clbit: number;
      /** 0 or 1. */
      readonly value: number;
    }
  | {
      /** The classical register's name; its integer value is read, bit 0 least significant. */
      readonly register: string;
      /** The integer the register must hold. */
      readonly value: number;
    };

/**
 * The name of a loop on a classical condition (Qiskit's `WhileLoopOp.name`): its one body runs
 * again as long as the condition holds when the body starts (checked first, so it may run zero
 * times). The condition may be negated (`while (c != 0)`).
 */
export const WHILE_LOOP = 'while_loop';

/**
 * Most iterations a simulator runs one `while_loop` for one measurement history before it gives
 * up with an error naming this limit (a loop that rarely ends would otherwise never return).
 */
export const MAX_WHILE_ITERATIONS = 1000;

/** True when `ins` is a classical-control block. */
export function isIfElse(ins: Instruction): boolean {
  return ins.name === IF_ELSE;
}

/** True when the list (or any body in it) holds a classical-control block (`if_else`, `while_loop`). */
export function hasControlFlow(instructions: readonly Instruction[]): boolean {
  return instructions.some((i) => i.name === IF_ELSE || i.name === WHILE_LOOP);
}

/** The integer value of the condition's bits in `bits` (one 0/1 entry per global clbit). */
export function conditionHolds(cond: IfCondition, bits: ArrayLike<number>): boolean {
  let v = 0;
  for (let k = cond.clbits.length - 1; k >= 0; k--) v = v * 2 + (bits[cond.clbits[k]!]! ? 1 : 0);
  return (v === cond.value) !== (cond.negated === true);
}

/** Checks a condition's bits and value; `numClbits` is the circuit's classical-bit count. */
export function validateCondition(cond: IfCondition, numClbits: number): void {
  if (cond.clbits.length === 0) throw new CircuitValidationError('if_else: the condition reads no classical bit');
  for (const c of cond.clbits) {
    if (!Number.isInteger(c) || c < 0 || c >= numClbits) {
      throw new CircuitValidationError(`if_else: condition bit ${String(c)} out of range (${numClbits} bits)`);
    }
  }
  if (new Set(cond.clbits).size !== cond.clbits.length) throw new CircuitValidationError('if_else: repeated condition bit');
  const max = 2 ** cond.clbits.length;
  if (!Number.isInteger(cond.value) || cond.value < 0 || cond.value >= max) {
    throw new CircuitValidationError(
      `if_else: condition value ${String(cond.value)} cannot be read from ${cond.clbits.length} bit(s) (0 to ${max - 1})`,
    );
  }
}

/**
 * The frozen `if_else` instruction for validated bodies: its qubits are those the bodies touch
 * (sorted), its clbits the condition's bits then those the bodies write.
 */
export function makeIfElse(
  cond: IfCondition,
  trueBody: readonly Instruction[],
  falseBody: readonly Instruction[] | null,
): Instruction {
  const qubits = new Set<number>();
  const clbits = new Set<number>(cond.clbits);
  for (const body of [trueBody, falseBody ?? []]) {
    for (const ins of body) {
      for (const q of ins.qubits) qubits.add(q);
      for (const c of ins.clbits) clbits.add(c);
    }
  }
  const blocks = falseBody ? [trueBody, falseBody] : [trueBody];
  return Object.freeze({
    name: IF_ELSE,
    qubits: Object.freeze([...qubits].sort((a, b) => a - b)),
    clbits: Object.freeze([...clbits]),
    params: Object.freeze([]),
    condition: Object.freeze({ clbits: Object.freeze([...cond.clbits]), value: cond.value }),
    blocks: Object.freeze(blocks.map((b) => Object.freeze([...b]))),
  });
}

/**
 * The frozen `while_loop` instruction for a validated body: qubits those the body touches
 * (sorted), clbits the condition's bits then those the body writes.
 */
export function makeWhileLoop(cond: IfCondition, body: readonly Instruction[]): Instruction {
  const shell = makeIfElse(cond, body, null);
  return Object.freeze({
    ...shell,
    name: WHILE_LOOP,
    condition: Object.freeze({ clbits: Object.freeze([...cond.clbits]), value: cond.value, ...(cond.negated ? { negated: true } : {}) }),
  });
}

/**
 * `ins` with qubits, clbits and parameters rewritten (recursively into bodies): used by
 * compose (index maps) and parameter binding. Returns a new frozen instruction.
 */
export function mapInstruction(
  ins: Instruction,
  qmap: (q: number) => number,
  cmap: (c: number) => number,
  pmap: (p: Instruction['params'][number]) => Instruction['params'][number],
): Instruction {
  if (ins.name !== IF_ELSE && ins.name !== WHILE_LOOP) {
    return Object.freeze({
      name: ins.name,
      qubits: Object.freeze(ins.qubits.map(qmap)),
      clbits: Object.freeze(ins.clbits.map(cmap)),
      params: Object.freeze(ins.params.map(pmap)),
    });
  }
  const cond = ins.condition!;
  const blocks = ins.blocks!.map((b) => b.map((i) => mapInstruction(i, qmap, cmap, pmap)));
  if (ins.name === WHILE_LOOP) return makeWhileLoop({ clbits: cond.clbits.map(cmap), value: cond.value, negated: cond.negated }, blocks[0]!);
  return makeIfElse({ clbits: cond.clbits.map(cmap), value: cond.value }, blocks[0]!, blocks[1] ?? null);
}

/** Every instruction of the list, bodies included (depth first, in program order). */
export function* walkInstructions(instructions: readonly Instruction[]): Generator<Instruction> {
  for (const ins of instructions) {
    yield ins;
    if (ins.blocks) for (const b of ins.blocks) yield* walkInstructions(b);
  }
}
