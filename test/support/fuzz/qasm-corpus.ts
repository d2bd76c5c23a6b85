/** Valid OpenQASM programs the fuzzers mutate, and the vocabulary of the token soups. */

export const VALID_QASM_PROGRAMS: readonly string[] = [
  'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nbit[2] c;\nh q[0];\ncx q[0], q[1];\nc = measure q;\n',
  'OPENQASM 3.0;\ninclude "stdgates.inc";\nbit[2] meas;\nrz(pi/2) $0;\nsx $0;\nrz(pi/2) $0;\ncz $0, $1;\nmeas[0] = measure $0;\nmeas[1] = measure $1;\n',
  'OPENQASM 3.0;\ninclude "stdgates.inc";\ninput float[64] theta;\ninput float[64] phi;\nqubit[3] q;\nrx(theta) q[0];\nry(2*phi - pi/4) q[1];\ncrz(-theta/3) q[1], q[2];\nbarrier q;\n',
  'OPENQASM 3.0;\ninclude "stdgates.inc";\ngate mygate(a) x, y { h x; cp(a) x, y; h y; }\nqubit[2] q;\nmygate(0.25) q[1], q[0];\nU(pi, 0, pi) q[0];\ngphase(0.5);\n',
  'OPENQASM 3;\ninclude "stdgates.inc";\nqubit[4] q;\nbit[4] c;\nh q;\ncx q[0], q[1];\ncx q[1], q[2];\ncx q[2], q[3];\nmeasure q -> c;\n// comment\n/* block\n comment */\n',
  'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[3];\ncreg c[3];\nu3(0.1, 0.2, 0.3) q[0];\nu2(pi/2, -pi) q[1];\nu1(1e-3) q[2];\nccx q[0], q[1], q[2];\nmeasure q -> c;\n',
  'OPENQASM 2.0;\ninclude "qelib1.inc";\ngate majority a,b,c { cx c,b; cx c,a; ccx a,b,c; }\nqreg q[3];\nmajority q[0],q[1],q[2];\nbarrier q[0],q[1];\n',
  'include "stdgates.inc";\nqubit q;\nbit b;\nx q;\nb = measure q;\n',
];

export const QASM_VOCABULARY: readonly string[] = [
  'OPENQASM', '2.0', '3.0', '3', 'include', '"stdgates.inc"', '"qelib1.inc"', 'qubit', 'qreg', 'bit', 'creg', 'input',
  'float', 'float[64]', 'angle', 'int', 'uint', 'bool', 'const', 'gate', 'def', 'measure', 'reset', 'barrier', 'delay',
  'if', 'else', 'for', 'while', 'in', 'return', 'gphase', 'ctrl', 'negctrl', 'inv', 'pow', 'U', 'CX', 'u3', 'u2', 'u1',
  'h', 'x', 'cx', 'cz', 'rz', 'rx', 'ry', 'sx', 'rzz', 'ccx', 'swap', 'cp', 'q', 'c', 'meas', 'theta', 'a', 'b',
  'pi', 'π', 'tau', 'euler', 'sin', 'cos', 'sqrt', 'exp', 'ln', '$0', '$1', '$99999999999', '0', '1', '2', '-1',
  '0.5', '1e-9', '1e400', '9007199254740993', '.5', '[', ']', '(', ')', '{', '}', ';', ',', '->', '=', '+', '-', '*',
  '/', '**', '^', '@', ':', '"', '//', '/*', '*/', '\n', '\t', ' ',
];
