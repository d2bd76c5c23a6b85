/**
 * OpenQASM 3 classical programs (issue 12): classical variables and expressions, control flow
 * on values known when the program is read (if, while, for with break/continue, switch),
 * subroutines, box/delay/stretch, run-time while loops on measured bits, and the constructs
 * refused by name. Expected values are worked out by hand in the test names and comments.
 */
import { Circuit } from '../../../../src/circuit/circuit';
import { parseQasm, toQasm3 } from '../../../../src/circuit/qasm';
import { CircuitValidationError, ResourceLimitError } from '../../../../src/core/errors';
import { Sampler } from '../../../../src/primitives/sampler';
import { createLocalBackend } from '../../../../simulators/local';
import { createFakeBackend } from '../../../../src';
import { qasmError } from '../../../support/qasm';

const H = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit q;\n';
/** The rz angles a program applies, in order (a probe for classical values). */
const angles = (src: string): number[] =>
  parseQasm(H + src).instructions.filter((i) => i.name === 'rz').map((i) => i.params[0] as number);
const names = (c: Circuit): string[] => c.instructions.map((i) => i.name);

describe('classical variables and expressions', () => {
  it.each([
    ['int[8] n = 5; n += 3; rz(n) q;', [8]],
    ['uint[4] uu = 15; uu += 1; rz(uu) q;', [0]], // 16 wraps to 0 in 4 bits
    ['int[4] si = 7; si += 1; rz(si) q;', [-8]], // two's complement overflow
    ['uint[8] pw = 1; pw <<= 3; rz(pw) q; pw >>= 1; rz(pw) q;', [8, 4]],
    ['int[32] a = 12; rz(a & 10) q; rz(a | 3) q; rz(a ^ 5) q; rz(~a) q;', [8, 15, 9, -13]],
    ['int[32] a = 7; rz(a % 3) q; rz(mod(-7, 3)) q; rz(popcount(a)) q;', [1, 2, 3]],
    ['float[64] fx = 2.5; rz(floor(fx)) q; rz(ceiling(fx)) q; rz(int[8](fx)) q; rz(int[8](-fx)) q;', [2, 3, 2, -2]],
    ['bool b = 3 > 2 && !(1 == 2); rz(b) q; rz(true || false) q; rz(2 <= 1) q;', [1, 1, 0]],
    ['uint[4] a_in = 5; rz(a_in[0]) q; rz(a_in[1]) q; rz(a_in[2]) q; rz(bool(a_in[1])) q;', [1, 0, 1, 0]],
    ['uint[8] w = uint[4](19); rz(w) q; rz(int[3](5)) q; bit[32] sum = bit[32](6); rz(sum[1]) q; rz(sum[0]) q; sum = 0;', [3, -3, 1, 0]],
    ['angle[16] ang = 3 * pi; rz(ang) q;', [Math.PI]],
    ['int[8] zz; rz(zz) q;', [0]], // no initialiser: zero
    ['bit[3] c = "101"; rz(uint[3](c)) q; c = 2; rz(c) q; c[0] = 1; rz(c) q; c = 0;', [5, 2, 3]],
  ])('%s gives %j', (src, expected) => {
    const got = angles(src);
    expect(got.length).toBe(expected.length);
    got.forEach((v, k) => expect(v).toBeCloseTo(expected[k]!, 12));
  });

  it('a known condition chooses its body when the program is read (no if_else in the circuit)', () => {
    const c = parseQasm(`${H}int[8] n = 2;\nif (n == 2) { x q; } else { y q; }\nif (n > 5) z q; else h q;\n`);
    expect(names(c)).toEqual(['x', 'h']);
  });

  it('variables feed modifier arguments: ctrl @ pow(p) @ phase with p doubled in a loop', () => {
    const c = parseQasm(`${H}qubit r;\nuint[4] k = 1;\nfor uint i in [0:2] { ctrl @ pow(k) @ p(0.1) q, r; k <<= 1; }\n`);
    // An integer power repeats the gate: k = 1, 2, 4 gives 1 + 2 + 4 = 7 controlled phases cp(0.1).
    const cps = c.instructions.filter((i) => i.name === 'cp');
    expect(cps.length).toBe(7);
    expect(cps.every((i) => i.params[0] === 0.1)).toBe(true);
  });
});

describe('loops and switch on known values', () => {
  it('while (i < 3) runs three times', () => {
    expect(angles('int[8] i = 0;\nwhile (i < 3) { rz(i) q; i += 1; }\n')).toEqual([0, 1, 2]);
  });

  it('for with continue and break: skips 2, stops at 5', () => {
    expect(angles('for int i in [0:9] { if (i == 2) continue; if (i == 5) break; rz(i) q; }\n')).toEqual([0, 1, 3, 4]);
  });

  it('break leaves only the innermost loop; while with break', () => {
    expect(angles('for int i in [1:2] { for int j in [1:9] { if (j > i) break; rz(10 * i + j) q; } }\n')).toEqual([11, 21, 22]);
    expect(angles('int[8] k = 0;\nwhile (true) { k += 1; if (k == 4) break; rz(k) q; }\n')).toEqual([1, 2, 3]);
  });

  it('switch runs the matching case (several values per case) or default', () => {
    const prog = (v: number): string => `int[8] v = ${v};\nswitch (v) { case 1, 2 { rz(12) q; } case 3 { rz(3) q; } default { rz(0) q; } }\n`;
    expect(angles(prog(2))).toEqual([12]);
    expect(angles(prog(3))).toEqual([3]);
    expect(angles(prog(7))).toEqual([0]);
  });

  it('a loop variable and a body variable are local to each iteration', () => {
    expect(angles('for int i in [0:1] { int[8] v = 5 + i; rz(v) q; }\nint[8] v = 9; rz(v) q;\n')).toEqual([5, 6, 9]);
  });
});

describe('subroutines (def), expanded inline', () => {
  it('classical parameters and a returned value: f(3) = 2·3 + 1', () => {
    expect(angles('def f(int[32] a) -> int[32] { return 2 * a + 1; }\nint[32] r = 0;\nr = f(3);\nrz(r) q;\n')).toEqual([7]);
  });

  it('qubit parameters (single and registers), both call forms, nested calls', () => {
    const c = parseQasm(`OPENQASM 3.0;
include "stdgates.inc";
qubit[3] r;
def bell(qubit a, qubit b) { h a; cx a, b; }
def layer(qubit[2] pair) { bell(pair[0], pair[1]); }
def rot(float[64] theta, qubit target) { rz(theta) target; }
layer(r[1:2]);
bell r[0], r[2];
rot(0.5) r[1];
`);
    expect(c.instructions.map((i) => [i.name, [...i.qubits]])).toEqual([
      ['h', [1]], ['cx', [1, 2]], ['h', [0]], ['cx', [0, 2]], ['rz', [1]],
    ]);
  });

  it('return measure and a returned bit variable write the caller’s bits', () => {
    const c = parseQasm(`OPENQASM 3.0;
include "stdgates.inc";
qubit[2] q;
bit[2] sy;
bit m;
def both(qubit[2] d) -> bit[2] { bit[2] b; x d[1]; measure d -> b; return b; }
def one(qubit d) -> bit { return measure d; }
sy = both(q);
m = one(q[0]);
`);
    const ms = c.instructions.filter((i) => i.name === 'measure').map((i) => [i.qubits[0], i.clbits[0]]);
    // sy is clbits 0-1, m is clbit 2.
    expect(ms).toEqual([[0, 0], [1, 1], [0, 2]]);
  });

  it('the body does not see the caller’s registers and variables', () => {
    expect(qasmError(() => parseQasm(`${H}def f() { h q; }\nf();\n`)).detail).toBe("undeclared qubit register 'q'");
    expect(qasmError(() => parseQasm(`${H}int[8] n = 1;\ndef f() -> int[8] { return n; }\nint[8] m = 0;\nm = f();\n`)).detail).toBe("undeclared identifier 'n'");
  });

  it.each([
    ['recursion', 'def f() { f(); }\nf();', /^subroutine calls nested more than 64 deep \(is 'f' recursive\?\)$/],
    ['argument count', 'def f(int[8] a) { }\nf();', /^subroutine 'f' takes 1 argument\(s\), got 0$/],
    ['register size', 'qubit[2] r;\ndef f(qubit[3] a) { }\nf(r);', /^argument 'r' of 'f' has 2 qubit\(s\), parameter 'a' takes 3$/],
    ['array parameter', 'def f(readonly array[int[8], 2] a) { }', /^array parameters of subroutines are not supported$/],
    ['return outside def', 'return;', /^'return' outside a subroutine$/],
    ['discarded measurement', 'def f(qubit a) -> bit { return measure a; }\nf(q);', /^the result of 'f' is a measurement: assign it to bits/],
    ['local bits', 'bit r;\ndef f(qubit a) -> bit { bit b1; bit b2; return b1; }\nr = f(q);', /^a 'bit' variable inside a subroutine \('b2'\) is supported only as the value it returns/],
  ])('refuses %s by name', (_n, src, message) => {
    expect(qasmError(() => parseQasm(H + src)).detail).toMatch(message);
  });
});

describe('timing: box, delay, stretch, duration (identity in the noiseless simulator)', () => {
  it('a delay of a stretch or an expression is dropped, one of a literal is kept (on every qubit when none is named); a box runs its body in place', () => {
    const c = parseQasm(`${H}qubit[2] r;\nstretch g;\nduration d = 100ns + 2 * durationof({x r[0];});\ndelay[g] q;\ndelay[2 * g + 1us] r[0], r[1];\nbox[500dt] { x q; delay[d]; y r[1]; }\ndelay[10ns];\n`);
    expect(c.instructions.map((i) => [i.name, [...i.qubits], [...i.params]])).toEqual([
      ['x', [0], []],
      ['y', [2], []],
      ['delay', [0], [expect.closeTo(10e-9, 20)]],
      ['delay', [1], [expect.closeTo(10e-9, 20)]],
      ['delay', [2], [expect.closeTo(10e-9, 20)]],
    ]);
  });

  it('pragmas and annotations are kept out of the circuit', () => {
    const c = parseQasm(`${H}pragma qbridge anything goes\n@bind something\nx q;\n#pragma old style\n`);
    expect(names(c)).toEqual(['x']);
  });
});

describe('while loops on measured bits (a while_loop in the circuit, simulated by branching)', () => {
  const backend = createLocalBackend();
  const sample = async (c: Circuit, shots: number) => (await (await new Sampler(backend, { shots, seed: 5 }).run([c])).result()).pubs[0]!;

  // Each iteration flips r and measures h|0⟩: the loop runs k ≥ 1 times with probability 2^-k,
  // so r ends flipped (k odd) with probability Σ_{k odd} 2^-k = (1/2)/(1 − 1/4) = 2/3.
  const PARITY = `OPENQASM 3.0;
include "stdgates.inc";
qubit q;
qubit r;
bit c;
bit d;
while (c == 0) { h q; c = measure q; reset q; x r; }
d = measure r;
`;

  it('reads to one while_loop op whose body is read once', () => {
    const c = parseQasm(PARITY);
    const loop = c.instructions.find((i) => i.name === 'while_loop')!;
    expect(loop.condition).toEqual({ clbits: [0], value: 0 });
    expect(loop.blocks![0]!.map((i) => i.name)).toEqual(['h', 'measure', 'reset', 'x']);
  });

  it('the number of iterations is geometric: d = 1 with probability 2/3, c = 1 always', async () => {
    const shots = 9000;
    const pub = await sample(parseQasm(PARITY), shots);
    expect(pub.data.c!.getCounts()).toEqual({ '1': shots });
    const ones = pub.data.d!.getCounts()['1'] ?? 0;
    expect(Math.abs(ones - (2 / 3) * shots)).toBeLessThanOrEqual(4 * Math.sqrt(shots * (2 / 9)));
  });

  it('shot groups (past the branching bound) run the loop too: c = 1 in every shot, d = 1 about 2/3 of them', async () => {
    // 15 qubits leave room for 2^24 / 2^15 = 512 branches; ten mid-circuit measurements of |+⟩
    // make 1024, so the sampler falls back to one trajectory per shot.
    const extra = Array.from({ length: 10 }, (_, k) => `h e[${k}];\nf[${k}] = measure e[${k}];\nx e[${k}];`).join('\n');
    const src = PARITY.replace('bit d;', 'bit d;\nqubit[13] e;\nbit[10] f;').replace('while', `${extra}\nwhile`);
    const shots = 48;
    const pub = await sample(parseQasm(src), shots);
    expect(pub.metadata.method).toBe('shot-groups');
    expect(pub.data.c!.getCounts()).toEqual({ '1': shots });
    const ones = pub.data.d!.getCounts()['1'] ?? 0;
    expect(Math.abs(ones - (2 / 3) * shots)).toBeLessThanOrEqual(4 * Math.sqrt(shots * (2 / 9)));
  });

  it('a fake device (no while_loop; its transpiler has no rule for it) refuses it with a typed error naming it', async () => {
    const fake = await createFakeBackend('fake_line5');
    const run = new Sampler(fake, { shots: 10, seed: 1 }).run([parseQasm(PARITY)]);
    await expect(run).rejects.toThrow(CircuitValidationError);
    await expect(new Sampler(fake, { shots: 10, seed: 1 }).run([parseQasm(PARITY)])).rejects.toThrow(/while_loop/);
  });

  it('while (c != v) is a negated condition, exported as != and read back to the same loop', () => {
    const c = parseQasm(`OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nbit[2] c;\nwhile (c != 3) { h q; c = measure q; }\n`);
    const loop = c.instructions.find((i) => i.name === 'while_loop')!;
    expect(loop.condition).toEqual({ clbits: [0, 1], value: 3, negated: true });
    const text = toQasm3(c);
    expect(text).toContain('while (c != 3) {');
    const again = parseQasm(text).instructions.find((i) => i.name === 'while_loop')!;
    expect(again.condition).toEqual(loop.condition);
    expect(again.blocks![0]!.map((i) => i.name)).toEqual(loop.blocks![0]!.map((i) => i.name));
  });

  it('a loop whose condition never fails stops at the simulator’s limit with an error naming it', async () => {
    const c = parseQasm(`OPENQASM 3.0;\nqubit q;\nbit c;\nwhile (c == 0) { c = measure q; }\n`);
    const run = sample(c, 10);
    await expect(run).rejects.toThrow(ResourceLimitError);
    await expect(sample(c, 10)).rejects.toThrow(/still running after 1000 iterations/);
  });

  it('the first iterations of a loop whose condition starts known run when read, the rest at run time', () => {
    const c = parseQasm(`OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit q;\nbit c = 1;\nwhile (c == 1) { h q; c = measure q; }\n`);
    expect(names(c)).toEqual(['h', 'measure', 'while_loop']);
  });
});

describe('measured bits of int/uint/angle variables', () => {
  const SRC = `OPENQASM 3.0;
include "stdgates.inc";
qubit q;
qubit w;
angle[3] a;
x q;
measure q -> a[0];
a <<= 1;
a[0] = measure w;
rz(a) w;
`;

  it('each measurement gets a bit of a register named after the variable; a shift moves the bits', () => {
    const c = parseQasm(SRC);
    expect(c.classicalRegisters.map((r) => [r.name, r.size])).toEqual([['a', 2]]);
    // After the shift, the first measurement (clbit 0) is bit 1 of a: worth 2·2π/8 = π/2; the
    // second (clbit 1) is bit 0: π/4. rz(a) = rz(0) then if (bit) rz(contribution) for each.
    const ifs = c.instructions.filter((i) => i.name === 'if_else');
    const parts = ifs.map((i) => [i.condition!.clbits[0]!, i.blocks![0]![0]!.name, i.blocks![0]![0]!.params[0]] as const);
    expect([...parts].sort((x, y) => x[0] - y[0])).toEqual([
      [0, 'rz', Math.PI / 2],
      [1, 'rz', Math.PI / 4],
    ]);
  });

  it('a measured bit of a variable is a run-time condition; an unmeasured one is named', () => {
    const c = parseQasm(`${SRC}if (a[1] == 1) x w;\n`);
    const last = c.instructions[c.instructions.length - 1]!;
    // a[1] is the first measurement after the shift: clbit 0.
    expect(last.condition).toEqual({ clbits: [0], value: 1 });
    expect(qasmError(() => parseQasm(`${SRC}if (a[2] == 1) x w;\n`)).detail).toMatch(/^'angle a' is a classical variable, not bits/);
  });

  it('samples as the measured value demands: the first measurement (x q) reads 1, the second (w = |0⟩) 0', async () => {
    const pub = (await (await new Sampler(createLocalBackend(), { shots: 100, seed: 2 }).run([parseQasm(SRC)])).result()).pubs[0]!;
    // Register a: bit 0 = first measurement (q = 1), bit 1 = second (t = 0).
    expect(pub.data.a!.getCounts()).toEqual({ '01': 100 });
  });
});

describe('switch on measured bits (a chain of if_else)', () => {
  const SWITCH = `OPENQASM 3.0;
include "stdgates.inc";
qubit[2] q;
qubit[2] r;
bit[2] c;
bit[2] out;
h q;
c = measure q;
switch (int[2](c)) { case 0 { } case 1, 2 { x r[0]; } default { x r[1]; } }
out = measure r;
`;

  it('reads to if (c == 0) … else if (c == 1) … else if (c == 2) … else default', () => {
    const top = parseQasm(SWITCH).instructions.find((i) => i.name === 'if_else')!;
    expect(top.condition).toEqual({ clbits: [0, 1], value: 0 });
    const second = top.blocks![1]![0]!;
    expect(second.condition).toEqual({ clbits: [0, 1], value: 1 });
    const third = second.blocks![1]![0]!;
    expect(third.condition).toEqual({ clbits: [0, 1], value: 2 });
    expect(third.blocks!.map((b) => b.map((i) => [i.name, ...i.qubits]))).toEqual([[['x', 2]], [['x', 3]]]);
  });

  it('each shot runs the case of its measured value: out = 00 for c = 0, 01 for c = 1 or 2, 10 for c = 3', async () => {
    const shots = 2000;
    const pub = (await (await new Sampler(createLocalBackend(), { shots, seed: 3 }).run([parseQasm(SWITCH)])).result()).pubs[0]!;
    const c = pub.data.c!.getBitstrings();
    const out = pub.data.out!.getBitstrings();
    const expected: Record<string, string> = { '00': '00', '01': '01', '10': '01', '11': '10' };
    const seen = new Set<string>();
    for (let s = 0; s < shots; s++) {
      expect(out[s]).toBe(expected[c[s]!]);
      seen.add(c[s]!);
    }
    expect(seen.size).toBe(4);
  });
});

describe('constructs refused by name', () => {
  it.each([
    ['defcalgrammar', 'defcalgrammar "openpulse";', /^pulse-level calibration grammars \('defcalgrammar'\) are not supported$/],
    ['defcal', 'defcal x $0 { }', /^pulse-level calibrations \('defcal'\) are not supported$/],
    ['cal', 'cal { }', /^pulse-level calibration blocks \('cal'\) are not supported$/],
    ['extern', 'extern f(int[8]) -> bit;', /^'extern' functions \(defined outside the program\) are not supported$/],
    ['array', 'array[int[8], 2] a;', /^arrays \('array'\) are not supported$/],
    ['complex', 'complex[float[64]] z;', /^complex variables \('complex'\) are not supported$/],
    ['a case value the measured bits cannot hold', 'bit c;\nc = measure q;\nswitch (int[1](c)) { case 2 { } }', /^case value 2 cannot be read from 1 bit\(s\) of 'c' \(0 to 1\)$/],
    ['break in a run-time if', 'bit c;\nfor int i in [0:1] { c = measure q; if (c) { break; } }', /^'break' inside an 'if' or 'while' on a measurement result is not supported/],
    ['break outside a loop', 'break;', /^'break' outside a loop$/],
    ['break in a run-time while', 'bit c;\nwhile (c == 0) { c = measure q; break; }', /^'break' inside an 'if' or 'while' on a measurement result is not supported/],
    ['a declaration in a run-time while', 'bit c;\nwhile (c == 0) { qubit r; c = measure q; }', /^'qubit' is not allowed inside a loop body/],
    ['assignment in a run-time if', 'bit c;\nint[8] n = 0;\nc = measure q;\nif (c) { n = 1; }', /^cannot assign 'n' inside an 'if'\/'while' whose condition is a measurement result/],
    ['a variable from measured bits', 'bit c;\nc = measure q;\nint[8] n = c;', /^'c' holds measurement results, known only when the circuit runs/],
    ['measuring into a whole int', 'int[8] n;\nmeasure q -> n;', /^measuring into 'int n' is not supported: qbridge stores measurement results in 'bit' registers, or in one bit \(n\[k\]\)/],
    ['measuring into a float', 'float[64] f;\nmeasure q -> f[0];', /^measuring into 'float f' is not supported/],
    ['a measured angle in a gate that does not add angles', 'angle[4] a;\nmeasure q -> a[0];\nu3(a, 0, 0) q;', /^'a' holds measurement results.*; 'u3' is not such a gate here$/],
    ['a measured angle squared', 'angle[4] a;\nmeasure q -> a[0];\nmeasure q -> a[1];\nrz(a * a) q;', /^the argument of 'rz' is not a sum of its measured bits' contributions/],
    ['a measured angle in a classical expression', 'angle[4] a;\nmeasure q -> a[0];\nfloat[64] f = a;', /^'a' holds measurement results, known only when the circuit runs: qbridge uses a measured angle only as the angle of a rotation or phase gate/],
    ['a constant bit never measured', 'bit c = 1;\nx q;', /^bit 'c' holds the constant 1, assigned by the program rather than measured/],
    ['a duration as a number', 'duration d = 10ns;\nrz(d) q;', /^'d' is a duration: durations only set timing/],
    ['case outside switch', 'case 1 { }', /^'case' outside a 'switch' are not supported$/],
  ])('%s', (_name, src, message) => {
    expect(qasmError(() => parseQasm(H + src)).detail).toMatch(message);
  });
});
