/**
 * drawText beyond the goldens: Qiskit's element-level expectations (TestTextDrawerElement), a box
 * over non-adjacent qubits (TestTextDrawerMultiQGates.test_unitary_nottogether_across_4), the
 * empty circuit, an if/else on a register (checked against Qiskit's rules for conditions: no
 * golden of Qiskit's fits a qbridge circuit), and the typed errors for what it does not draw and
 * for bad options.
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

  it('circuit.draw() is drawText(circuit) (Qiskit TestTextPhase.test_bell, phase π/2)', () => {
    const c = new Circuit(2, { globalPhase: Math.PI / 2 }).h(0).cx(0, 1);
    const expected = ['global phase: π/2', '     ┌───┐     ', 'q_0: ┤ H ├──■──', '     └───┘┌─┴─┐', 'q_1: ─────┤ X ├', '          └───┘'].join('\n');
    expect(c.draw()).toBe(expected);
    expect(drawText(c)).toBe(expected);
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

  it('draws an if/else on a register as Qiskit does without bundling: o / ■ per bit (LSB first), the value in hex, Else and End boxes', () => {
    const c = new Circuit(2, { classicalRegisters: { cr: 2 } }).ifTest(
      { register: 'cr', value: 2 },
      (b) => b.x(0),
      (b) => b.z(1),
    );
    const lines = drawText(c, { cregbundle: false }).split('\n');
    const row = (label: string): string => lines.find((l) => l.startsWith(label))!;
    // value 2 = 0b10: bit 0 open (o), bit 1 closed (■), both in the If column.
    const col = row('cr_0: ').indexOf('o');
    expect(col).toBeGreaterThan(0);
    expect(row('cr_1: ')[col]).toBe('■');
    expect(lines[lines.indexOf(row('cr_1: ')) + 1]!.slice(col - 1, col + 2)).toBe('0x2');
    const text = lines.join('\n');
    for (const label of ['If-0', 'Else-0', 'End-0', '┤ X ├', '┤ Z ├']) expect(text).toContain(label);
    expect(text.indexOf('If-0')).toBeLessThan(text.indexOf('Else-0'));
  });

  it('refuses an if_else it cannot draw with a CircuitValidationError naming the instruction', () => {
    const partial = new Circuit(1, 3).h(0).appendIfElse({ clbits: [0, 2], value: 1 }, [{ name: 'x', qubits: [0], clbits: [], params: [] }]);
    expect(() => drawText(partial)).toThrow(CircuitValidationError);
    expect(() => drawText(partial)).toThrow(/instruction 1 \(if_else\).*not one whole classical register/);
    const empty = new Circuit(1, 1).ifTest({ clbit: 0, value: 1 }, () => undefined);
    expect(() => drawText(empty)).toThrow(/instruction 0 \(if_else\): a block acting on no qubits/);
  });

  it('refuses something that is not a circuit with an InputValidationError', () => {
    expect(() => drawText(null as unknown as Circuit)).toThrow(InputValidationError);
    expect(() => drawText({} as unknown as Circuit)).toThrow(/expected a Circuit/);
  });

  it('refuses bad options with an InputValidationError naming the option', () => {
    const c = new Circuit(1).h(0);
    expect(() => drawText(c, { lineLength: 0 })).toThrow(InputValidationError);
    expect(() => drawText(c, { lineLength: 2.5 })).toThrow(/lineLength/);
    expect(() => drawText(c, { qubitRegister: '1q' })).toThrow(/qubitRegister/);
    expect(() => drawText(c, { justify: 'center' as 'left' })).toThrow(/justify must be/);
    expect(() => drawText(c, { verticalCompression: 'max' as 'low' })).toThrow(/verticalCompression must be/);
  });
});
