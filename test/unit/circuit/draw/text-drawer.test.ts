/**
 * drawText beyond the goldens: Qiskit's element-level expectations (TestTextDrawerElement), a box
 * over non-adjacent qubits (TestTextDrawerMultiQGates.test_unitary_nottogether_across_4), the
 * empty circuit, and the typed errors for what it does not draw and for bad options.
 */
import { Circuit, CircuitValidationError, InputValidationError, ParameterExpression, drawText, type CircuitBase } from '../../../../src';
import { measureFrom, measureTo } from '../../../../src/circuit/draw/elements';

describe('cells as Qiskit draws them (TestTextDrawerElement)', () => {
  it('test_measure_to, test_measure_to_label, test_measure_from', () => {
    const to = measureTo();
    expect([to.top, to.mid, to.bot]).toEqual([' ║ ', '═╩═', '   ']);
    const labelled = measureTo('1');
    expect([labelled.top, labelled.mid, labelled.bot]).toEqual([' ║ ', '═╩═', ' 1 ']);
    const from = measureFrom();
    expect([from.top, from.mid, from.bot]).toEqual(['┌─┐', '┤M├', '└╥┘']);
  });
});

describe('drawText', () => {
  it('test_unitary_nottogether_across_4: a two-qubit box spanning qubits 0..3, label centred', () => {
    // qbridge has no UnitaryGate; a circuit-shaped object carries Qiskit's 'unitary' instruction
    // so the box layout (argument indices, the label on the centre row) is checked exactly.
    const circuit = {
      numQubits: 4,
      numClbits: 0,
      classicalRegisters: [],
      globalPhase: 0,
      instructions: [{ name: 'unitary', qubits: [0, 3], clbits: [], params: [] }],
    } as unknown as CircuitBase;
    expect(drawText(circuit, { initialState: true })).toBe(
      [
        '        ┌──────────┐',
        'q_0: |0>┤0         ├',
        '        │          │',
        'q_1: |0>┤          ├',
        '        │  Unitary │',
        'q_2: |0>┤          ├',
        '        │          │',
        'q_3: |0>┤1         ├',
        '        └──────────┘',
      ].join('\n'),
    );
  });

  it('test_text_pi_param_expr: numbers inside a parameter expression are written as fractions of π', () => {
    // (π − x)·(π − y), built as that tree (a QASM program cannot name a parameter x next to stdgates' x).
    const minus = (name: string) => new ParameterExpression({ op: 'sub', a: { op: 'const', value: Math.PI }, b: { op: 'param', name } });
    const c = new Circuit(1).rx(minus('x').mul(minus('y')), 0);
    expect(drawText(c)).toBe(['   ┌─────────────────────┐', 'q: ┤ Rx((π - x)*(π - y)) ├', '   └─────────────────────┘'].join('\n'));
  });

  it('test_text_empty: the empty circuit draws as the empty string', () => {
    expect(drawText(new Circuit(0), { initialState: true })).toBe('');
  });

  it('does not change the circuit (test_does_not_mutate_circuit)', () => {
    const c = new Circuit(2, 2).h(0).cx(0, 1).measure([0, 1], [0, 1]);
    const before = JSON.stringify(c.instructions);
    drawText(c);
    drawText(c, { cregbundle: false, reverseBits: true, lineLength: 10 });
    expect(JSON.stringify(c.instructions)).toBe(before);
  });

  it('refuses an if_else block with a CircuitValidationError naming the instruction', () => {
    const c = new Circuit(1, 1).h(0).measure(0, 0).ifTest({ clbit: 0, value: 1 }, (b) => b.x(0));
    expect(() => drawText(c)).toThrow(CircuitValidationError);
    expect(() => drawText(c)).toThrow(/instruction 2 \(if_else\)/);
  });

  it('refuses bad options with an InputValidationError naming the option', () => {
    const c = new Circuit(1).h(0);
    expect(() => drawText(c, { lineLength: 0 })).toThrow(InputValidationError);
    expect(() => drawText(c, { lineLength: 2.5 })).toThrow(/lineLength/);
    expect(() => drawText(c, { qubitRegister: '1q' })).toThrow(/qubitRegister/);
  });
});
