/**
 * Issue 15, fourth bullet: gate methods broadcast over qubit lists by Qiskit's rules
 * (`Gate.broadcast_arguments`, `Measure.broadcast_arguments`, `Reset.broadcast_arguments`),
 * with typed errors where Qiskit raises "Not sure how to combine these qubit arguments".
 */
import { Circuit } from '../../../src/circuit/circuit';
import { broadcastQubits } from '../../../src/circuit/broadcast';
import { CircuitValidationError } from '../../../src/core/errors';

const ops = (c: Circuit) => c.instructions.map((i) => [i.name, [...i.qubits], ...(i.clbits.length ? [[...i.clbits]] : [])]);

describe('qubit-list broadcasting (Qiskit semantics)', () => {
  it('a single-qubit gate on a list is one gate per qubit, parameters shared; an empty list adds none', () => {
    expect(ops(new Circuit(3).h([0, 1, 2]))).toEqual([['h', [0]], ['h', [1]], ['h', [2]]]);
    const c = new Circuit(3).rz(0.5, [2, 0]);
    expect(c.instructions.map((i) => [i.name, [...i.qubits], [...i.params]])).toEqual([['rz', [2], [0.5]], ['rz', [0], [0.5]]]);
    expect(new Circuit(2).x([]).instructions).toHaveLength(0);
    // Qiskit allows the same qubit twice in a one-qubit broadcast: two gates on it.
    expect(ops(new Circuit(1).x([0, 0]))).toEqual([['x', [0]], ['x', [0]]]);
  });

  it('two-qubit gates: equal lists pair element by element; a single qubit pairs with each of the other side', () => {
    expect(ops(new Circuit(4).cx([0, 1], [2, 3]))).toEqual([['cx', [0, 2]], ['cx', [1, 3]]]);
    expect(ops(new Circuit(3).cx(0, [1, 2]))).toEqual([['cx', [0, 1]], ['cx', [0, 2]]]);
    expect(ops(new Circuit(3).cx([0, 1], 2))).toEqual([['cx', [0, 2]], ['cx', [1, 2]]]);
    expect(ops(new Circuit(3).cx([0], [1, 2]))).toEqual([['cx', [0, 1]], ['cx', [0, 2]]]);
    expect(ops(new Circuit(4).rzz(0.3, [0, 2], [1, 3]))).toEqual([['rzz', [0, 1]], ['rzz', [2, 3]]]);
    expect(ops(new Circuit(3).swap([0, 1], [1, 2]))).toEqual([['swap', [0, 1]], ['swap', [1, 2]]]);
  });

  it('three-qubit gates take lists of one common length, element by element (no single-qubit broadcast)', () => {
    expect(ops(new Circuit(6).ccx([0, 1], [2, 3], [4, 5]))).toEqual([['ccx', [0, 2, 4]], ['ccx', [1, 3, 5]]]);
    expect(() => new Circuit(4).ccx(0, 1, [2, 3])).toThrow(/ccx: qubit lists of lengths 1, 1, 2 cannot be combined/);
  });

  it('mismatched lengths are a typed error naming the gate and both lists', () => {
    const c = new Circuit(5).h(0);
    expect(() => c.cx([0, 1], [2, 3, 4])).toThrow(CircuitValidationError);
    expect(() => c.cx([0, 1], [2, 3, 4])).toThrow(/cx: cannot combine qubit lists of lengths 2 and 3 \(\[0, 1\], \[2, 3, 4\]\)/);
    expect(ops(c)).toEqual([['h', [0]]]);
  });

  it('checks every tuple before appending any: out of range or a repeated qubit leaves the circuit unchanged', () => {
    const c = new Circuit(3);
    expect(() => c.h([0, 1, 5])).toThrow(/h: qubit 5 out of range for a 3-qubit circuit/);
    expect(() => c.cx([0, 1], [2, 1])).toThrow(/cx: repeated qubit argument \(1, 1\)/);
    expect(() => c.h([0.5])).toThrow(CircuitValidationError);
    expect(c.instructions).toHaveLength(0);
    // The scalar form keeps its per-instruction message.
    expect(() => c.h(3)).toThrow(/instruction 0 \(h\): qubit 3 out of range/);
  });

  it('measure pairs qubit and bit lists, or measures one qubit into each bit; reset takes a list', () => {
    expect(ops(new Circuit(2, 2).measure([0, 1], [1, 0]))).toEqual([['measure', [0], [1]], ['measure', [1], [0]]]);
    expect(ops(new Circuit(1, 2).measure(0, [0, 1]))).toEqual([['measure', [0], [0]], ['measure', [0], [1]]]);
    expect(() => new Circuit(2, 1).measure([0, 1], 0)).toThrow(/measure: cannot pair 2 qubit\(s\) \[0, 1\] with 1 classical bit/);
    const c = new Circuit(2, 1);
    expect(() => c.measure([0, 1], [0, 1])).toThrow(/classical bit 1 out of range/);
    expect(c.instructions).toHaveLength(0);
    expect(ops(new Circuit(2).reset([0, 1]))).toEqual([['reset', [0]], ['reset', [1]]]);
  });

  it('broadcastQubits returns the tuples without touching a circuit', () => {
    expect(broadcastQubits('cz', [[0, 1], 2], 3)).toEqual([[0, 2], [1, 2]]);
    expect(broadcastQubits('cz', [0, 2], 3)).toEqual([[0, 2]]);
  });
});
