import { CircuitValidationError } from '../core/errors';

/**
 * A qubit argument of a gate method: one index, or a list of them that the method broadcasts
 * over as Qiskit does (`h([0, 1, 2])`, `cx([0, 1], [2, 3])`, `cx(0, [1, 2])`).
 */
export type QubitArg = number | readonly number[];

/** A classical-bit argument of `measure`: one index or a list (paired with the qubits). */
export type ClbitArg = number | readonly number[];

const asList = (a: QubitArg): readonly number[] => (Array.isArray(a) ? (a as readonly number[]) : [a as number]);
const show = (a: QubitArg): string => (Array.isArray(a) ? `[${(a as readonly number[]).join(', ')}]` : String(a));

/**
 * The qubit tuples one gate call stands for, by Qiskit's rules (`Gate.broadcast_arguments`):
 * - one argument: one gate per listed qubit (`h([0, 1, 2])` is three H gates; `h([])` none);
 * - two arguments: lists of equal length pair element by element (`cx([0, 1], [2, 3])` is
 *   cx(0,2), cx(1,3)); a single qubit on either side pairs with each of the other side
 *   (`cx(0, [1, 2])` is cx(0,1), cx(0,2));
 * - three or more: all lists of the same length, taken element by element (Qiskit does not
 *   broadcast a single qubit here either).
 * Plain numbers count as one-element lists. Every tuple is checked (indices in range, no qubit
 * twice in one gate) before the caller appends any, so a bad call leaves the circuit unchanged.
 *
 * @param name - the gate's name, for messages
 * @param args - the qubit arguments in the gate's order (controls first)
 * @param numQubits - the circuit's qubit count, for the range check
 * @returns one qubit tuple per gate to append, in order
 * @throws {@link CircuitValidationError} for lists that cannot be combined, an index out of
 * range or a repeated qubit within one gate
 */
export function broadcastQubits(name: string, args: readonly QubitArg[], numQubits: number): number[][] {
  if (args.every((a) => !Array.isArray(a))) return [args as number[]];
  const lists = args.map(asList);
  let tuples: number[][];
  if (lists.length === 1) {
    tuples = lists[0]!.map((q) => [q]);
  } else if (lists.length === 2) {
    const [a, b] = lists as [readonly number[], readonly number[]];
    if (a.length === b.length) tuples = a.map((q, i) => [q, b[i]!]);
    else if (a.length === 1) tuples = b.map((q) => [a[0]!, q]);
    else if (b.length === 1) tuples = a.map((q) => [q, b[0]!]);
    else {
      throw new CircuitValidationError(
        `${name}: cannot combine qubit lists of lengths ${a.length} and ${b.length} (${show(args[0]!)}, ${show(args[1]!)}): ` +
          'give lists of equal length, or a single qubit on one side',
      );
    }
  } else {
    const len = lists[0]!.length;
    if (lists.some((l) => l.length !== len)) {
      throw new CircuitValidationError(
        `${name}: qubit lists of lengths ${lists.map((l) => l.length).join(', ')} cannot be combined: all must have the same length`,
      );
    }
    tuples = Array.from({ length: len }, (_, i) => lists.map((l) => l[i]!));
  }
  for (const t of tuples) checkTuple(name, t, numQubits);
  return tuples;
}

/**
 * The (qubit, clbit) pairs of one `measure` call, by Qiskit's rule (`Measure.broadcast_arguments`):
 * lists of equal length pair element by element; one qubit with a non-empty list of bits is
 * measured into each of them. Range checks on qubits here; the caller checks the bits.
 * @throws {@link CircuitValidationError} for lists that cannot be combined or a qubit out of range
 */
export function broadcastMeasure(qubits: QubitArg, clbits: ClbitArg, numQubits: number): Array<[number, number]> {
  const qs = asList(qubits);
  const cs = asList(clbits);
  let pairs: Array<[number, number]>;
  if (qs.length === cs.length) pairs = qs.map((q, i) => [q, cs[i]!]);
  else if (qs.length === 1 && cs.length > 0) pairs = cs.map((c) => [qs[0]!, c]);
  else {
    throw new CircuitValidationError(
      `measure: cannot pair ${qs.length} qubit(s) ${show(qubits)} with ${cs.length} classical bit(s) ${show(clbits)}: ` +
        'give lists of equal length, or one qubit and several bits',
    );
  }
  for (const [q] of pairs) checkTuple('measure', [q], numQubits);
  return pairs;
}

function checkTuple(name: string, t: readonly number[], numQubits: number): void {
  for (const q of t) {
    if (!Number.isInteger(q) || q < 0 || q >= numQubits) {
      throw new CircuitValidationError(`${name}: qubit ${String(q)} out of range for a ${numQubits}-qubit circuit`);
    }
  }
  if (new Set(t).size !== t.length) throw new CircuitValidationError(`${name}: repeated qubit argument (${t.join(', ')})`);
}
