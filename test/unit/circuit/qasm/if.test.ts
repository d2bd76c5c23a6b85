import { parseQasm } from '../../../../src/circuit/qasm';
import { QasmSyntaxError } from '../../../../src/core/errors';

const names = (body: readonly { name: string }[]): string[] => body.map((i) => i.name);

describe('parsing classical control (issue 12, parser)', () => {
  it('OpenQASM 2 if(creg==int) conditions one operation on the register value, bit 0 least significant', () => {
    const c = parseQasm('OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[3];\ncreg a[1];\ncreg c[3];\nmeasure q[0] -> c[0];\nif(c==6) x q[1];\nif(c==1) measure q[2] -> c[2];\n');
    const [, first, second] = c.instructions;
    // c is declared after a (1 bit), so its bits are global clbits 1, 2, 3.
    expect(first!.condition).toEqual({ clbits: [1, 2, 3], value: 6 });
    expect(names(first!.blocks![0]!)).toEqual(['x']);
    expect(second!.blocks![0]![0]).toMatchObject({ name: 'measure', qubits: [2], clbits: [3] });
  });

  it('OpenQASM 3 if/else blocks, bit and register conditions, !, !=, nesting and measurements in bodies', () => {
    const c = parseQasm(`OPENQASM 3.0;
include "stdgates.inc";
qubit[3] q;
bit[2] c;
c[0] = measure q[0];
c[1] = measure q[1];
if (c[0]) { x q[2]; c[1] = measure q[2]; } else { h q[2]; }
if (!c[1]) z q[0];
if (c == 2) { if (c[1] == 1) { y q[1]; } }
if (c != 3) x q[0]; else { h q[0]; }
`);
    const ins = c.instructions;
    expect(ins[2]!.condition).toEqual({ clbits: [0], value: 1 });
    expect(ins[2]!.blocks!.map(names)).toEqual([['x', 'measure'], ['h']]);
    expect(ins[3]!.condition).toEqual({ clbits: [1], value: 0 });
    expect(ins[4]!.condition).toEqual({ clbits: [0, 1], value: 2 });
    expect(ins[4]!.blocks![0]![0]!.condition).toEqual({ clbits: [1], value: 1 });
    // != swaps the bodies: the x runs in the false branch of c == 3.
    expect(ins[5]!.condition).toEqual({ clbits: [0, 1], value: 3 });
    expect(ins[5]!.blocks!.map(names)).toEqual([['h'], ['x']]);
  });

  it('bit[2] c; c = measure q; measures each qubit into its bit', () => {
    const c = parseQasm('OPENQASM 3.0;\nqubit[2] q;\nbit[2] c;\nc = measure q;\nif (c == 3) U(0, 0, 0) q[0];');
    expect(c.instructions.slice(0, 2).map((i) => [i.qubits[0], i.clbits[0]])).toEqual([[0, 0], [1, 1]]);
  });

  it.each([
    ['if (c < 2) U(0,0,0) q[0];', /unsupported 'if' condition: '<'/],
    ['if (c[0] && c[1]) U(0,0,0) q[0];', /unsupported 'if' condition: '&&'/],
    ['if (c) U(0,0,0) q[0];', /needs a comparison with an integer/],
    ['if (c == 4) U(0,0,0) q[0];', /condition value 4 cannot be read from 2 bit/],
    ['if (c[0]) { qubit r; }', /'qubit' declarations inside an 'if' body/],
    ['if (c[0]) { U(0,0,0) q[0];', /expected '}'/],
    ['if (1 == c) U(0,0,0) q[0];', /expected a classical bit or register/],
    ['else { }', /'else' branches without an 'if'/],
  ])('refuses %s with a message naming the form', (stmt, message) => {
    const src = `OPENQASM 3.0;\nqubit[2] q;\nbit[2] c;\n${stmt}\n`;
    expect(() => parseQasm(src)).toThrow(QasmSyntaxError);
    expect(() => parseQasm(src)).toThrow(message);
  });

  it.each([
    ['if(c[0]==1) U(0,0,0) q[0];', /whole classical register/],
    ['if(c==1) { U(0,0,0) q[0]; }', /one operation, not a block/],
    ['if(c==1) U(0,0,0) q[0]; else U(0,0,0) q[1];', /'else' is OpenQASM 3 syntax/],
  ])('OpenQASM 2 refuses %s', (stmt, message) => {
    expect(() => parseQasm(`OPENQASM 2.0;\nqreg q[2];\ncreg c[2];\n${stmt}\n`)).toThrow(message);
  });
});
