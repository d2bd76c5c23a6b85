/**
 * OpenQASM 3 register slices, index sets, negative indices, broadcasting over them and `let`
 * aliases (issue 12, declarations slice). Ranges include their end, as the specification says
 * (`q[0:2]` is q[0], q[1], q[2]); every program is compared with the same circuit written
 * qubit by qubit through the library API, so an exclusive end, a dropped step, a wrong order
 * or a wrong pairing fails.
 */
import { Circuit, parseQasm, type Instruction } from '../../../../src';
import { expectSameUnitary, qasmError } from '../../../support/qasm';

const H = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n';
const ops = (c: Circuit): Array<[string, number[], number[]]> =>
  c.instructions.map((i: Instruction) => [i.name, [...i.qubits], [...i.clbits]]);

describe('register slices and index sets as gate operands and measure targets', () => {
  it('q[0:2] includes its end: three qubits', () => {
    const c = parseQasm(`${H}qubit[4] q;\nh q[0:2];`);
    expect(ops(c)).toEqual(ops(new Circuit(4).h(0).h(1).h(2)));
  });

  it('q[0:2:6] steps by 2 up to and including 6; q[1:2:6] stops at 5', () => {
    const c = parseQasm(`${H}qubit[8] q;\nx q[0:2:6];\nz q[1:2:6];`);
    expect(ops(c)).toEqual(ops(new Circuit(8).x(0).x(2).x(4).x(6).z(1).z(3).z(5)));
  });

  it('negative indices count from the end; open ends; a negative step runs backwards', () => {
    const c = parseQasm(`${H}qubit[5] q;\nx q[-1];\nh q[-3:-2];\ns q[:1];\nt q[3:];\ncx q[0:1], q[4:-1:3];`);
    expect(ops(c)).toEqual(ops(new Circuit(5).x(4).h(2).h(3).s(0).s(1).t(3).t(4).cx(0, 4).cx(1, 3)));
  });

  it('index sets keep their order and pair up elementwise: cx q[{3,1}], q[{0,2}]', () => {
    const c = parseQasm(`${H}qubit[4] q;\ncx q[{3, 1}], q[{0, 2}];`);
    expect(ops(c)).toEqual(ops(new Circuit(4).cx(3, 0).cx(1, 2)));
  });

  it('broadcasting: a single qubit repeats against a slice; slices pair with whole registers of equal length', () => {
    const c = parseQasm(`${H}qubit[2] q;\nqubit[3] r;\ncx q[0], r[0:2];\ncz r[1:2], q;`);
    expect(ops(c)).toEqual(ops(new Circuit(5).cx(0, 2).cx(0, 3).cx(0, 4).cz(3, 0).cz(4, 1)));
  });

  it('measure targets: c[{3,1,4}] = measure q[0:2]; measure q[0:1] -> c[1:2];', () => {
    const c = parseQasm(`${H}qubit[3] q;\nbit[5] c;\nh q;\nc[{3, 1, 4}] = measure q[0:2];\nmeasure q[0:1] -> c[1:2];`);
    const ref = new Circuit(3, { classicalRegisters: [['c', 5]] }).h(0).h(1).h(2)
      .measure(0, 3).measure(1, 1).measure(2, 4).measure(0, 1).measure(1, 2);
    expect(ops(c)).toEqual(ops(ref));
  });

  it('a slice with a const bound, in a reset and a barrier', () => {
    const c = parseQasm(`${H}const int n = 2;\nqubit[4] q;\nreset q[1:n];\nbarrier q[0:n];\nh q[n - 1:n + 1];`);
    expect(ops(c)).toEqual(ops(new Circuit(4).reset(1).reset(2).barrier(0, 1, 2).h(1).h(2).h(3)));
  });

  it('the statevector of a GHZ built over slices equals the one built qubit by qubit', () => {
    const c = parseQasm(`${H}qubit[4] q;\nh q[0];\ncx q[0:2], q[1:3];\nrz(0.3) q[{2, 0}];`);
    expectSameUnitary(c, new Circuit(4).h(0).cx(0, 1).cx(1, 2).cx(2, 3).rz(0.3, 2).rz(0.3, 0));
  });
});

describe('let aliases', () => {
  it("the specification's alias example: one ++ two, [-1], [0:2:11], [-4:-1], alias ++ alias", () => {
    const c = parseQasm(`${H}qubit[2] one;\nqubit[10] two;\nlet concatenated = one ++ two;\nlet first = concatenated[0];\nlet last = concatenated[-1];\nlet sliced = concatenated[0:6];\nlet every_second = concatenated[0:2:11];\nlet last_three = two[-4:-1];\nlet both = sliced ++ last_three;\nx first;\nh last;\nz every_second;\ns both;`);
    const ref = new Circuit(12).x(0).h(11);
    for (let k = 0; k <= 10; k += 2) ref.z(k);
    for (const k of [0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11]) ref.s(k);
    expect(ops(c)).toEqual(ops(ref));
  });

  it('an alias of one qubit does not broadcast; an alias of a slice does; aliases index and slice', () => {
    const c = parseQasm(`${H}qubit[4] q;\nlet a = q[1];\nlet b = q[2:3];\ncx a, b;\nh b[-1];\nlet r = b ++ a;\nx r[1:2];`);
    expect(ops(c)).toEqual(ops(new Circuit(4).cx(1, 2).cx(1, 3).h(3).x(3).x(1)));
  });
});

describe('slice and alias errors name the problem', () => {
  it.each([
    ['a slice past the end', `${H}qubit[4] q;\nh q[0:4];`, /^qubit slice q\[0:4\] out of range for register 'q' of size 4$/, 4, 4],
    ['an index set with an index past the end', `${H}qubit[4] q;\nh q[{1, 7}];`, /^qubit index set q\[\{1, 7\}\] out of range for register 'q' of size 4$/, 4, 4],
    ['a bit slice past the end', `${H}qubit[2] q;\nbit[2] c;\nc[1:2] = measure q;`, /^bit slice c\[1:2\] out of range for register 'c' of size 2$/, 5, 2],
    ['an index past the end of an alias', `${H}qubit[4] q;\nlet a = q[0:1];\nx a[2];`, /^qubit index 2 out of range for register 'a' of size 2$/, 5, 5],
    ['a zero step', `${H}qubit[4] q;\nh q[0:0:3];`, /^a slice step cannot be zero$/, 4, 4],
    ['a step away from the end', `${H}qubit[4] q;\nh q[3:1:0];`, /^qubit slice q\[3:1:0\] selects nothing/, 4, 4],
    ['an empty index set', `${H}qubit[4] q;\nh q[{}];`, /^an empty index set selects nothing$/, 4, 4],
    ['comma-separated indices', `${H}qubit[4] q;\nh q[0, 1];`, /^several indices are written as an index set/, 4, 6],
    ['slices of unequal length', `${H}qubit[4] q;\ncx q[0:1], q[2:2];`, /^cannot broadcast registers of different sizes \(2 and 1\)$/, 4, 12],
    ['a slice in OpenQASM 2', 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[3];\nh q[0:1];', /^register slices are OpenQASM 3 syntax/, 4, 4],
    ['a negative index in OpenQASM 2', 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[3];\nh q[-1];', /^qubit index -1 out of range for register 'q' of size 3$/, 4, 5],
    ['an alias of bits', `${H}bit[2] c;\nlet d = c[0];`, /^aliases of classical bits/, 4, 9],
    ['an alias redeclared', `${H}qubit[2] q;\nlet a = q[0];\nlet a = q[1];`, /^duplicate declaration: 'a' is already declared at line 4$/, 5, 5],
    ['an alias of an undeclared register', `${H}let a = r;`, /^undeclared qubit register 'r'$/, 3, 9],
  ])('%s', (_name, source, detail, line, column) => {
    const e = qasmError(() => parseQasm(source));
    expect(e.detail).toMatch(detail);
    expect([e.line, e.column]).toEqual([line, column]);
  });
});
