import type { Circuit, Instruction } from '../circuit/circuit';
import { IF_ELSE, WHILE_LOOP } from '../circuit/control-flow';
import type { Angle } from '../circuit/parameter';
import { CircuitValidationError } from '../core/errors';
import type { Target } from '../core/target';
import { faultyQubits } from './coupling';

/**
 * The ISA check IBM applies before running a primitive (qiskit-ibm-runtime `is_isa_circuit`,
 * server error 1517): the circuit fits the target, every instruction is a native operation on
 * physical qubits the target allows (two-qubit gates on a listed directed edge), nothing runs on
 * a faulty qubit, and bound `rzz` angles lie in [0, π/2 + 1e-10] (IBM's client refuses any angle
 * below 0: the calibrated fractional gate covers [0, π/2], and the 1e-10 allowance above π/2 only
 * absorbs rounding of π/2 itself). Barriers are exempt; free parameters are allowed (IBM binds
 * them from the PUB), and {@link findRzzBindingViolation} checks the values bound to them.
 * An `if_else` block must itself be an operation of the target, and every instruction of its
 * bodies is checked by the same rules.
 */

/** IBM's wording for failure code 1517. */
export const NON_ISA_MESSAGE = 'Circuits do not match the target definition (non-ISA circuits)';

/** Why an instruction is not ISA. */
export type IsaViolation =
  | 'too-many-qubits'
  | 'not-native'
  | 'qubit-out-of-range'
  | 'faulty-qubit'
  | 'not-an-edge'
  | 'rzz-angle';

/** A non-ISA circuit: names the first offending instruction and the reason; `ibmCode` 1517. */
export class IsaValidationError extends CircuitValidationError {
  override readonly name = 'IsaValidationError';
  /** IBM's failure code for non-ISA circuits. */
  readonly ibmCode = 1517;
  /**
   * Builds the error with IBM's fixed non-ISA message (code 1517) followed by `detail`.
   *
   * @param violation - which ISA rule the circuit breaks
   * @param detail - what exactly is wrong, appended to the fixed non-ISA message
   * @param instructionIndex - the offending instruction, when one is at fault
   * @param instructionName - its name
   * @param qubits - its qubits
   */
  constructor(
    /** Which ISA rule the circuit breaks. */
    readonly violation: IsaViolation,
    detail: string,
    instructionIndex?: number,
    /** The offending instruction's name, when one is at fault. */
    readonly instructionName?: string,
    /** The offending instruction's qubits, when one is at fault. */
    readonly qubits?: readonly number[],
  ) {
    super(`${NON_ISA_MESSAGE}: ${detail}`, instructionIndex);
  }
}

/** Allowance above π/2 for a rounded π/2 (qiskit-ibm-runtime's `is_valid_rzz_pub`). */
const RZZ_TOL = 1e-10;

/** The first ISA violation, or `null` when the circuit is ISA for the target. */
export function findIsaViolation(circuit: Circuit, target: Target): IsaValidationError | null {
  if (circuit.numQubits > target.numQubits) {
    return new IsaValidationError(
      'too-many-qubits',
      `the circuit has ${circuit.numQubits} qubits but the target has ${target.numQubits}`,
    );
  }
  const faulty = faultyQubits(target);
  const n = target.numQubits;
  const edges = target.couplingMap ? new Set(target.couplingMap.map(([a, b]) => a * n + b)) : null;
  const natives = target.basisGates.join(', ');
  // One instruction at top-level index i; `path` names where it sits inside if_else bodies.
  const check = (ins: Instruction, i: number, path: string): IsaValidationError | null => {
    const { name, qubits, params } = ins;
    if (name === 'barrier') return null;
    const where = `instruction ${i}${path} (${name} on qubit${qubits.length > 1 ? 's' : ''} ${qubits.join(', ')})`;
    const fail = (v: IsaViolation, why: string): IsaValidationError =>
      new IsaValidationError(v, `${where}: ${why}`, i, name, qubits);
    if (!target.operations.has(name)) {
      return fail('not-native', `'${name}' is not a native operation of the target (native gates: ${natives})`);
    }
    const beyond = qubits.find((q) => q >= n);
    if (beyond !== undefined) return fail('qubit-out-of-range', `qubit ${beyond} is beyond the target's ${n} qubits`);
    const bad = qubits.find((q) => faulty.has(q));
    if (bad !== undefined) return fail('faulty-qubit', `qubit ${bad} is marked faulty`);
    if (name === IF_ELSE || name === WHILE_LOOP) {
      // The block spans its bodies' qubits; what must be native and coupled is each body instruction.
      const blocks = ins.blocks ?? [];
      for (let b = 0; b < blocks.length; b++) {
        const body = blocks[b]!;
        for (let j = 0; j < body.length; j++) {
          const where = name === WHILE_LOOP ? 'loop' : b === 0 ? 'true' : 'false';
          const v = check(body[j]!, i, `${path}, ${where} body instruction ${j}`);
          if (v) return v;
        }
      }
      return null;
    }
    if (qubits.length === 2 && edges && !edges.has(qubits[0]! * n + qubits[1]!)) {
      return fail('not-an-edge', `[${qubits.join(', ')}] is not a directed edge of the coupling map`);
    }
    if (qubits.length > 2) return fail('not-native', `${qubits.length}-qubit operations are not native`);
    if (name === 'rzz') {
      const err = rzzAngleProblem(params[0]!);
      if (err) return fail('rzz-angle', err);
    }
    return null;
  };
  const ins = circuit.instructions;
  for (let i = 0; i < ins.length; i++) {
    const v = check(ins[i]!, i, '');
    if (v) return v;
  }
  return null;
}

function rzzAngleProblem(a: Angle): string | null {
  if (typeof a !== 'number') return null;
  if (!(a >= 0 && a <= Math.PI / 2 + RZZ_TOL)) return `rzz angle ${a} is outside [0, π/2]`;
  return null;
}

/**
 * The first row of parameter values that binds an `rzz` angle outside [0, π/2], as an
 * {@link IsaValidationError} naming the instruction, the row, the values and the angle; `null`
 * when every bound angle is allowed. `parameters` names the columns of `rows` (the original
 * circuit's parameter order); the ISA circuit's expressions refer to the same names. `where`
 * prefixes the detail (e.g. `PUB 2: `).
 */
export function findRzzBindingViolation(
  circuit: Circuit,
  parameters: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<number>> | undefined,
  where = '',
): IsaValidationError | null {
  if (!rows?.length) return null;
  const ins = circuit.instructions;
  for (let i = 0; i < ins.length; i++) {
    const { name, qubits, params } = ins[i]!;
    const angle = params[0];
    if (name !== 'rzz' || angle === undefined || typeof angle === 'number') continue;
    for (let r = 0; r < rows.length; r++) {
      const bindings = new Map(parameters.map((p, j) => [p, rows[r]![j]!]));
      const value = angle.evaluate(bindings);
      if (!(value >= 0 && value <= Math.PI / 2 + RZZ_TOL)) {
        const used = angle.parameterNames().map((p) => `${p}=${bindings.get(p)}`).join(', ');
        return new IsaValidationError(
          'rzz-angle',
          `${where}instruction ${i} (rzz on qubits ${qubits.join(', ')}): parameter values row ${r} (${used}) bind the angle ${value}, outside [0, π/2]`,
          i,
          name,
          qubits,
        );
      }
    }
  }
  return null;
}

/**
 * Throws {@link IsaValidationError} (a CircuitValidationError, message starting with IBM's
 * 1517 wording) naming the first offending instruction; returns normally for an ISA circuit.
 */
export function checkIsa(circuit: Circuit, target: Target): void {
  const v = findIsaViolation(circuit, target);
  if (v) throw v;
}

/** True when the circuit is ISA for the target. */
export function isIsa(circuit: Circuit, target: Target): boolean {
  return findIsaViolation(circuit, target) === null;
}
