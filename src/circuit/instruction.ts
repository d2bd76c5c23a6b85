/**
 * The data shape of one circuit instruction and of a classical condition, in a module of their
 * own so the circuit class and the control-flow helpers can both use them without a cycle.
 */
import type { Angle } from './parameter';

/**
 * The condition of an `if_else`: the integer read from `clbits` (clbits[0] least significant,
 * Qiskit's register value) equals `value`. One bit compared with 0 or 1 is `c[0] == 1`.
 */
export interface IfCondition {
  /** Global classical-bit indices, least significant first. */
  readonly clbits: readonly number[];
  /** The integer the bits must read, 0 ≤ value < 2^clbits.length. */
  readonly value: number;
  /**
   * Only `while_loop`: true when the loop runs while the bits read anything but `value`
   * (`while (c != 0)`); an `if_else` swaps its bodies instead and never sets it.
   */
  readonly negated?: boolean;
}

/**
 * One operation: a gate, `measure`, `barrier`, `reset`, or a classical-control block `if_else` or
 * `while_loop` (see `control-flow.ts`). Immutable once appended.
 */
export interface Instruction {
  /** The operation's name as in OpenQASM and Qiskit (`'h'`, `'cx'`, `'measure'`, ...). */
  readonly name: string;
  /** Qubit indices (argument order matters: controls first). */
  readonly qubits: readonly number[];
  /** Classical bit indices (only `measure`). */
  readonly clbits: readonly number[];
  /** Gate parameters: numbers or expressions. */
  readonly params: readonly Angle[];
  /** Only `if_else` and `while_loop`: the classical condition that picks the body / keeps looping. */
  readonly condition?: IfCondition;
  /** Only `if_else`: the true body, then the false body when there is one; `while_loop`: the body. */
  readonly blocks?: readonly (readonly Instruction[])[];
}
