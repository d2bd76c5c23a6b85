import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Circuit, parseQasm, QasmSyntaxError } from '../../../../src';

/** Parses or throws a QasmSyntaxError that is not the internal-error safety net. */
function parsesOrSyntaxError(source: string): void {
  try {
    expect(parseQasm(source)).toBeInstanceOf(Circuit);
  } catch (e) {
    if (!(e instanceof QasmSyntaxError)) throw e;
    expect(e.detail).not.toMatch(/^internal error/);
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.column).toBeGreaterThanOrEqual(1);
  }
}

const FIXTURES = join(__dirname, '../../../../fixtures/qasm');
const CORPUS = ['bell.qasm', 'bell2.qasm', 'parametrised.qasm', 'physical.qasm'].map((f) => readFileSync(join(FIXTURES, f), 'utf8'));

const VOCAB = [
  'gate', 'qubit', 'bit', 'qreg', 'creg', '[', ']', '(', ')', '{', '}', ';', ',', 'measure', '->', '=', 'pi', 'π',
  '$0', '$7', '$99999999999', 'q', 'c', 'theta', '0', '1', '2', '-1', '1e400', '.5', '-', '+', '/', '*', '**', '^',
  'U', 'CX', 'cx', 'h', 'rz', 'rzz', 'input', 'float[64]', 'OPENQASM 2.0;', 'OPENQASM 3.0;', '"stdgates.inc"',
  '"qelib1.inc"', 'include', '/*', '*/', '//', '\n', ' ', 'barrier', 'reset', 'gphase', 'ctrl @', 'if', 'opaque',
  'constructor', 'toString', '__proto__', 'x[0]', '1/0', '2**1024', 'sin(', '"', "'", '#', '\u0000', '@',
];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...VOCAB) }),
  fc.record({ kind: fc.constant('insertRandom' as const), at: fc.nat(), text: fc.string({ maxLength: 4 }) }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat(), len: fc.nat() }),
);

interface Mutation {
  kind: string;
  at: number;
  len?: number;
  text?: string;
}

function mutate(src: string, muts: readonly Mutation[]): string {
  let s = src;
  for (const m of muts) {
    const at = s.length ? m.at % (s.length + 1) : 0;
    if (m.kind === 'delete') s = s.slice(0, at) + s.slice(at + m.len!);
    else if (m.kind === 'duplicateLine') {
      const lines = s.split('\n');
      const k = at % Math.max(1, lines.length);
      lines.splice(k, 0, lines[k] ?? '');
      s = lines.join('\n');
    } else s = s.slice(0, at) + m.text! + s.slice(at);
  }
  return s;
}

describe('OpenQASM importer robustness (fast-check)', () => {
  it('random strings parse or throw QasmSyntaxError', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), parsesOrSyntaxError), { numRuns: 1000 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), parsesOrSyntaxError), { numRuns: 500 });
  });

  it('random token sequences parse or throw QasmSyntaxError', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...VOCAB), { maxLength: 60 }), (toks) => parsesOrSyntaxError(toks.join(' '))),
      { numRuns: 1000 },
    );
  });

  it('random mutations of valid programs parse or throw QasmSyntaxError', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CORPUS), fc.array(mutation, { minLength: 1, maxLength: 6 }), (src, muts) =>
        parsesOrSyntaxError(mutate(src, muts)),
      ),
      { numRuns: 1500 },
    );
  });

  it('the corpus itself parses', () => {
    for (const src of CORPUS) expect(parseQasm(src)).toBeInstanceOf(Circuit);
  });

  it('refuses exponential subroutine expansion (calls that do nothing but call) with a QasmSyntaxError', () => {
    let src = 'OPENQASM 3.0;\ndef f0() { }\n';
    for (let k = 1; k <= 40; k++) src += `def f${k}() { f${k - 1}(); f${k - 1}(); }\n`;
    src += 'qubit q;\nf40();\n';
    expect(() => parseQasm(src)).toThrow(/more than 100000 subroutine calls/);
  });

  it('random mutations of classical programs (variables, def, while, switch, box) parse or throw QasmSyntaxError', () => {
    const classical = [
      'rus.qasm', 'qec.qasm', 'adder.qasm', 'alignment.qasm', 'ipe.qasm', 'msd.qasm',
    ].map((f) => readFileSync(join(FIXTURES, '../openqasm-spec-examples', f), 'utf8'));
    classical.push(`OPENQASM 3.0;
include "stdgates.inc";
qubit[2] q;
bit[2] c = "00";
int[8] n = 3;
def f(int[8] a, qubit tq) -> bit { rz(a * pi / 4) tq; return measure tq; }
while (n > 0) { n -= 1; if (n == 1) continue; x q[0]; }
switch (n) { case 0 { h q[1]; } default { } }
c[0] = f(n + 1, q[0]);
while (c[0] == 0) { box { h q[0]; delay[10ns] q[0]; } c[0] = measure q[0]; }
for int i in [0:3] { if (i == 2) break; rz(i) q[1]; }
`);
    expect(parseQasm(classical[classical.length - 1]!)).toBeInstanceOf(Circuit);
    const words = ['while', 'def', 'return', 'switch', 'case', 'default', 'break;', 'continue;', 'box', 'delay[1us]', 'int[8]', 'uint', 'bool', 'angle[4]', '+=', '<<=', '&&', '!', '~', '"01"', 'true'];
    const more = fc.oneof(mutation, fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...words) }));
    fc.assert(
      fc.property(fc.constantFrom(...classical), fc.array(more, { minLength: 1, maxLength: 6 }), (src, muts) => parsesOrSyntaxError(mutate(src, muts))),
      { numRuns: 800 },
    );
  });

  it('refuses exponential gate expansion with a QasmSyntaxError instead of exhausting memory', () => {
    let src = 'OPENQASM 3.0;\ninclude "stdgates.inc";\ngate g0 a { x a; }\n';
    for (let k = 1; k <= 24; k++) src += `gate g${k} a { g${k - 1} a; g${k - 1} a; }\n`;
    src += 'qubit q;\ng24 q;\n';
    expect(() => parseQasm(src)).toThrow(/more than 2000000 operations/);
  });
});
