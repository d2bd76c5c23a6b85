import { Circuit } from '../../../../src/circuit/circuit';
import { parseQasm, toQasm3 } from '../../../../src/circuit/qasm';
import { CircuitValidationError } from '../../../../src/core/errors';

describe('OpenQASM 3 export of if_else (issue 12, exporter)', () => {
  const build = (): Circuit => {
    const c = new Circuit(3, { classicalRegisters: { flag: 1, c: 3 } });
    c.h(0).measure(0, 1).measure(1, 0);
    c.ifTest({ register: 'c', value: 5 }, (b) => b.x(2).measure(2, 3), (b) => b.rz(0.25, 1));
    c.ifTest({ clbit: 0, value: 0 }, (b) => b.ifTest({ clbit: 2, value: 1 }, (bb) => bb.cx(0, 1).reset(0)));
    return c;
  };

  it('writes register and bit conditions, else bodies and nesting as IBM takes them', () => {
    const text = toQasm3(build());
    expect(text).toContain('if (c == 5) {\n  x q[2];\n  c[2] = measure q[2];\n} else {\n  rz(0.25) q[1];\n}');
    expect(text).toContain('if (flag[0] == 0) {\n  if (c[1] == 1) {\n    cx q[0], q[1];\n    reset q[0];\n  }\n}');
  });

  it('round-trips through parseQasm to the same instructions, bodies included', () => {
    const c = build();
    const back = parseQasm(toQasm3(c));
    expect(back.classicalRegisters).toEqual(c.classicalRegisters);
    expect(JSON.parse(JSON.stringify(back.instructions))).toEqual(JSON.parse(JSON.stringify(c.instructions)));
    const phys = parseQasm(toQasm3(c, { physicalQubits: true }));
    expect(JSON.parse(JSON.stringify(phys.instructions))).toEqual(JSON.parse(JSON.stringify(c.instructions)));
  });

  it('refuses a condition on bits that are not one register, naming it', () => {
    const c = new Circuit(1, 3).appendIfElse({ clbits: [0, 1], value: 1 }, [{ name: 'x', qubits: [0], clbits: [], params: [] }]);
    expect(() => toQasm3(c)).toThrow(CircuitValidationError);
    expect(() => toQasm3(c)).toThrow(/several bits that are not one whole classical register/);
  });
});
