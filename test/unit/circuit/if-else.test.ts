import { Circuit } from '../../../src/circuit/circuit';
import { CircuitValidationError } from '../../../src/core/errors';
import { Parameter } from '../../../src/circuit/parameter';
import { simulateStatevector } from '../../../simulators/statevector';

describe('if_else in the circuit model (issue 12, classical control: model)', () => {
  it('ifTest on one bit records the condition, the body and the block’s qubits/clbits', () => {
    const c = new Circuit(3, 2).h(0).measure(0, 0).ifTest({ clbit: 0, value: 1 }, (b) => b.x(2).measure(2, 1));
    const ins = c.instructions[2]!;
    expect(ins.name).toBe('if_else');
    expect(ins.condition).toEqual({ clbits: [0], value: 1 });
    expect(ins.blocks!.length).toBe(1);
    expect(ins.blocks![0]!.map((i) => i.name)).toEqual(['x', 'measure']);
    expect(ins.qubits).toEqual([2]);
    expect([...ins.clbits].sort()).toEqual([0, 1]);
  });

  it('a register condition reads the whole register, bit 0 least significant, with an else body', () => {
    const c = new Circuit(2, { classicalRegisters: { a: 1, c: 3 } });
    c.ifTest({ register: 'c', value: 5 }, (b) => b.x(0), (b) => b.z(1));
    const ins = c.instructions[0]!;
    expect(ins.condition).toEqual({ clbits: [1, 2, 3], value: 5 });
    expect(ins.blocks!.map((b) => b.map((i) => i.name))).toEqual([['x'], ['z']]);
    expect(ins.qubits).toEqual([0, 1]);
  });

  it('refuses unknown registers, values the bits cannot hold, bad body instructions', () => {
    const c = new Circuit(2, 2);
    expect(() => c.ifTest({ register: 'nope', value: 0 }, (b) => b.x(0))).toThrow(/no classical register 'nope'/);
    expect(() => c.ifTest({ register: 'c', value: 4 }, (b) => b.x(0))).toThrow(CircuitValidationError);
    expect(() => c.ifTest({ clbit: 5, value: 1 }, (b) => b.x(0))).toThrow(/out of range/);
    expect(() => c.ifTest({ clbit: 0, value: 1 }, (b) => b.x(7))).toThrow(/qubit 7 out of range/);
    expect(c.instructions.length).toBe(0);
  });

  it('nested blocks, compose remaps bodies, parameters are found and bound inside bodies', () => {
    const theta = new Parameter('theta');
    const inner = new Circuit(2, 2)
      .measure(0, 0)
      .ifTest({ clbit: 0, value: 1 }, (b) => b.measure(1, 1).ifTest({ clbit: 1, value: 0 }, (bb) => bb.rx(theta, 0)));
    expect(inner.parameters).toEqual(['theta']);
    const bound = inner.assignParameters({ theta: 0.25 });
    expect(bound.instructions[1]!.blocks![0]![1]!.blocks![0]![0]!.params).toEqual([0.25]);
    expect(inner.instructions[1]!.blocks![0]![1]!.blocks![0]![0]!.params[0]).not.toBe(0.25);

    const outer = new Circuit(4, { classicalRegisters: { d: 4 } }).compose(inner, [3, 1], [2, 0]);
    const block = outer.instructions[1]!;
    expect(block.condition).toEqual({ clbits: [2], value: 1 });
    expect(block.blocks![0]![0]).toMatchObject({ name: 'measure', qubits: [1], clbits: [0] });
    const nested = block.blocks![0]![1]!;
    expect(nested.condition).toEqual({ clbits: [0], value: 0 });
    expect(nested.blocks![0]![0]!.qubits).toEqual([3]);
    expect(block.qubits).toEqual([1, 3]);
    // The original is untouched and its bodies cannot be mutated through a copy.
    expect(inner.instructions[1]!.blocks![0]![0]!.qubits).toEqual([1]);
    const copy = inner.copy();
    expect(Object.isFrozen(copy.instructions[1]!.blocks![0])).toBe(true);
    expect(() => (copy.instructions[1]!.blocks![0] as unknown as unknown[]).push(1)).toThrow(TypeError);
  });

  it('inverse refuses an if_else block', () => {
    const c = new Circuit(1, 1).ifTest({ clbit: 0, value: 1 }, (b) => b.x(0));
    expect(() => c.inverse()).toThrow(/if_else\) has no inverse/);
  });
});

describe('statevector of a circuit with classical control (issue 12)', () => {
  it('is a typed error naming if_else', () => {
    const c = new Circuit(2, 1).h(0).ifTest({ clbit: 0, value: 1 }, (b) => b.x(1));
    expect(() => simulateStatevector(c)).toThrow(CircuitValidationError);
    expect(() => simulateStatevector(c)).toThrow(/if_else.*sample the circuit/);
  });
});
