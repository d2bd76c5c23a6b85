import { Circuit, parseQasm, parseQasm2, Statevector } from '../../../../src';
import { expectAllClose } from '../../../support/numeric';
import { expectSameUnitary, expectUnitary, qasmError } from '../../../support/qasm';

const S2 = Math.SQRT1_2;
const head = 'OPENQASM 2.0;\ninclude "qelib1.inc";\n';

describe('OpenQASM 2 import', () => {
  it('reads the Bell program with qreg/creg and register measurement', () => {
    const c = parseQasm(`${head}qreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n`);
    expect(c.classicalRegisters).toEqual([{ name: 'c', size: 2, offset: 0 }]);
    expect(c.instructions.map((i) => [i.name, i.qubits, i.clbits])).toEqual([
      ['h', [0], []],
      ['cx', [0, 1], []],
      ['measure', [0], [0]],
      ['measure', [1], [1]],
    ]);
    expectAllClose(Statevector.fromCircuit(c).re, [S2, 0, 0, S2]);
  });

  it('parseQasm2 reads a program without a header; single-bit measurement', () => {
    const c = parseQasm2('include "qelib1.inc"; qreg q[2]; creg c[2]; x q[1]; measure q[1] -> c[0];');
    expect(c.instructions.at(-1)).toMatchObject({ name: 'measure', qubits: [1], clbits: [0] });
  });

  it('broadcasts: h q; cx q, r elementwise; cz q[0], r fans out; measure and reset registers', () => {
    const c = parseQasm(`${head}qreg q[2];\nqreg r[2];\ncreg c[2];\nh q;\ncx q, r;\ncz q[0], r;\nreset r;\nmeasure r -> c;\n`);
    expect(c.instructions.map((i) => `${i.name}${i.qubits.join('')}`)).toEqual([
      'h0', 'h1', 'cx02', 'cx13', 'cz02', 'cz03', 'reset2', 'reset3', 'measure2', 'measure3',
    ]);
  });

  it('keeps barriers over registers and qubits', () => {
    const c = parseQasm(`${head}qreg q[2];\nqreg r[1];\nbarrier q, r[0];\n`);
    expect(c.instructions).toEqual([{ name: 'barrier', qubits: [0, 1, 2], clbits: [], params: [] }]);
  });

  it('maps the paper qelib1.inc gates, including cu1, cu3 and u0, to Qiskit gates', () => {
    const c = parseQasm(
      `${head}qreg q[3];\nu3(0.1,0.2,0.3) q[0];\nu2(0.2,0.3) q[1];\nu1(0.4) q[2];\nid q[0];\nrx(0.5) q[0];\nry(0.6) q[1];\nrz(0.7) q[2];\n` +
        `cy q[0],q[1];\nch q[1],q[2];\nccx q[0],q[1],q[2];\ncrz(0.8) q[2],q[0];\ncu1(0.9) q[0],q[2];\ncu3(0.1,0.2,0.3) q[1],q[0];\nu0(1.0) q[2];\n`,
    );
    const b = new Circuit(3)
      .u3(0.1, 0.2, 0.3, 0).u2(0.2, 0.3, 1).u1(0.4, 2).id(0).rx(0.5, 0).ry(0.6, 1).rz(0.7, 2)
      .cy(0, 1).ch(1, 2).ccx(0, 1, 2).crz(0.8, 2, 0).cp(0.9, 0, 2).cu(0.1, 0.2, 0.3, 0, 1, 0).id(2);
    expect(c.instructions).toEqual(b.instructions);
  });

  it("reads Qiskit's qelib1 extras (u, p, sx, sxdg, swap, cswap, crx, cry, cp, cu, rxx, rzz)", () => {
    const c = parseQasm(
      `${head}qreg q[3];\nu(0.1,0.2,0.3) q[0];\np(0.4) q[1];\nsx q[2];\nsxdg q[0];\nswap q[0],q[1];\ncswap q[2],q[0],q[1];\n` +
        `crx(0.5) q[0],q[1];\ncry(0.6) q[1],q[2];\ncp(0.7) q[2],q[0];\ncu(0.1,0.2,0.3,0.4) q[0],q[2];\nrxx(0.8) q[0],q[1];\nrzz(0.9) q[1],q[2];\n`,
    );
    const b = new Circuit(3)
      .u(0.1, 0.2, 0.3, 0).p(0.4, 1).sx(2).sxdg(0).swap(0, 1).cswap(2, 0, 1)
      .crx(0.5, 0, 1).cry(0.6, 1, 2).cp(0.7, 2, 0).cu(0.1, 0.2, 0.3, 0.4, 0, 2).rxx(0.8, 0, 1).rzz(0.9, 1, 2);
    expect(c.instructions).toEqual(b.instructions);
  });

  it('follows Qiskit phase conventions: rz is RZGate (not u1), U is UGate, CX is CNOT', () => {
    const rz = parseQasm(`${head}qreg q[1];\nrz(0.8) q[0];`);
    expectUnitary(rz, [[[Math.cos(0.4), -Math.sin(0.4)], [0, 0]], [[0, 0], [Math.cos(0.4), Math.sin(0.4)]]]);
    const u = parseQasm('OPENQASM 2.0;\nqreg q[1];\nU(pi/2,0,pi) q[0];');
    expectUnitary(u, [[[S2, 0], [S2, 0]], [[S2, 0], [-S2, 0]]]);
    const cx = parseQasm('OPENQASM 2.0;\nqreg q[2];\nCX q[0],q[1];');
    expectSameUnitary(cx, new Circuit(2).cx(0, 1));
  });

  it("replaces a program's definition of a Qiskit extra by Qiskit's gate, like from_qasm_str (sxdg = SXdgGate)", () => {
    // Qiskit's extended qelib1.inc body s; h; s is e^{iπ/4}·SXdg; Qiskit maps the name to SXdgGate.
    const c = parseQasm(`${head}gate sxdg a { s a; h a; s a; }\nqreg q[1];\nsxdg q[0];`);
    expect(c.instructions.map((i) => i.name)).toEqual(['sxdg']);
    expectSameUnitary(c, new Circuit(1).sxdg(0));
  });

  it('inlines gate definitions with parameters (U and CX builtins without include)', () => {
    const src = 'OPENQASM 2.0;\ngate myrz(l) a { U(0,0,l) a; }\ngate bell a, b { U(pi/2,0,pi) a; CX a, b; }\nqreg q[2];\nmyrz(0.5) q[0];\nbell q[0], q[1];\n';
    const c = parseQasm(src);
    expect(c.instructions.map((i) => i.name)).toEqual(['u', 'u', 'cx']);
    expectSameUnitary(c, new Circuit(2).p(0.5, 0).h(0).cx(0, 1), 1e-12);
  });

  it('accepts numbers with and without a decimal point, and the ^ power and functions', () => {
    const c = parseQasm(`${head}qreg q[1];\nrz(1.5e-1) q[0];\nrz(2) q[0];\nrz(.5) q[0];\nrz(2^2) q[0];\nrz(cos(0.0)) q[0];\nrz(1e1) q[0];`);
    expect(c.instructions.map((i) => i.params[0])).toEqual([0.15, 2, 0.5, 4, 1, 10]);
  });

  it('rejects opaque declarations, and if on one bit (OpenQASM 2 compares whole registers)', () => {
    expect(qasmError(() => parseQasm(`${head}opaque g a;`)).detail).toMatch(/opaque.*not supported/);
    const e = qasmError(() => parseQasm(`${head}qreg q[1];\ncreg c[1];\nif (c[0]==1) x q[0];`));
    expect(e.detail).toMatch(/'if' compares a whole classical register/);
    expect([e.line, e.column]).toEqual([5, 5]);
  });

  it('rejects OpenQASM 3 syntax in an OpenQASM 2 program', () => {
    const e = qasmError(() => parseQasm(`${head}qubit[2] q;`));
    expect(e.detail).toMatch(/OpenQASM 3 syntax/);
    expect(qasmError(() => parseQasm2('OPENQASM 3.0; qubit q;')).detail).toMatch(/expected an OpenQASM 2 program/);
  });
});
