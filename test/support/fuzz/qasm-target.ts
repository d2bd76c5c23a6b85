/**
 * The QASM fuzz target: every input must either parse to a Circuit (which then exports and
 * re-imports) or throw a QasmSyntaxError whose line/column lie inside the source. Anything
 * else (another error class, the importer's "internal error" safety net, a position outside the
 * text) is a finding.
 */
import fc from 'fast-check';
import { QasmSyntaxError } from '../../../src/core/errors';
import { Circuit } from '../../../src/circuit';
import { parseQasm, toQasm3 } from '../../../src/circuit/qasm';
import { QASM_VOCABULARY, VALID_QASM_PROGRAMS } from './qasm-corpus';
import { mutations, type FuzzTarget, type Verdict } from './shared';

function checkPosition(src: string, e: QasmSyntaxError): string | undefined {
  const lines = src.split('\n');
  if (!Number.isInteger(e.line) || !Number.isInteger(e.column) || e.line < 1 || e.column < 1) {
    return `bad position line ${e.line} column ${e.column}`;
  }
  if (e.line > lines.length) return `line ${e.line} beyond the ${lines.length} line(s) of the source`;
  if (e.column > lines[e.line - 1]!.length + 1) return `column ${e.column} beyond line ${e.line} (length ${lines[e.line - 1]!.length})`;
  if (/^internal error/.test(e.detail)) return `internal error escaped the parser: ${e.detail}`;
  return undefined;
}

/** Classifies one input. */
export function judgeQasm(src: string): Verdict {
  let circuit: Circuit;
  try {
    circuit = parseQasm(src);
  } catch (e) {
    if (e instanceof QasmSyntaxError) {
      const bad = checkPosition(src, e);
      return bad ? { ok: false, problem: `${bad}; message: ${e.message}` } : { ok: true, outcome: 'syntax-error' };
    }
    return { ok: false, problem: `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}` };
  }
  if (!(circuit instanceof Circuit)) return { ok: false, problem: 'parseQasm returned a non-Circuit' };
  // A parsed circuit must survive export and re-import (the IBM path sends exported text).
  let text: string;
  try {
    text = toQasm3(circuit);
  } catch (e) {
    if (e instanceof Error && 'code' in e) return { ok: true, outcome: 'parsed' }; // typed refusal to export
    return { ok: false, problem: `toQasm3 threw ${String(e)}` };
  }
  try {
    const again = parseQasm(text);
    if (again.numQubits !== circuit.numQubits) return { ok: false, problem: `re-import changed numQubits ${circuit.numQubits} → ${again.numQubits}` };
  } catch (e) {
    return { ok: false, problem: `exported text does not re-import: ${e instanceof Error ? e.message : String(e)}\n--- exported ---\n${text}` };
  }
  return { ok: true, outcome: 'parsed' };
}

const soup = fc
  .array(fc.constantFrom(...QASM_VOCABULARY), { maxLength: 40 })
  .map((ts) => ts.join(' '));
const headedSoup = fc
  .tuple(fc.constantFrom('OPENQASM 3.0;\n', 'OPENQASM 2.0;\ninclude "qelib1.inc";\n', 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[3] q;\n'), soup)
  .map(([h, s]) => h + s);

const H = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n';
/** Inputs built to hang or blow up a naive importer. */
const ADVERSARIAL: Record<string, string> = {
  'self-recursive gate': `${H}gate g a { g a; }\nqubit q;\ng q;\n`,
  'mutually recursive gates': `${H}gate f a { x a; }\ngate g a { f a; }\ngate f2 a { g a; f2 a; }\nqubit q;\nf2 q;\n`,
  'exponential gate expansion (2^40)': H + Array.from({ length: 40 }, (_, k) => `gate g${k + 1} a { g${k} a; g${k} a; }\n`).join('').replace('g0 a; g0 a;', 'x a; x a;') + 'qubit q;\ng40 q;\n',
  'expression nested 100000 deep': `${H}qubit q;\nrz(${'('.repeat(100_000)}1${')'.repeat(100_000)}) q;\n`,
  'unary minus 100000 deep': `${H}qubit q;\nrz(${'-'.repeat(100_000)}1) q;\n`,
  'register of 2^32 qubits': `${H}qubit[4294967296] q;\n`,
  'register of 1e300 qubits': `${H}qubit[1e300] q;\n`,
  'physical qubit $99999999999': `${H}bit c;\nx $99999999999;\n`,
  'huge qubit register broadcast': `${H}qubit[100000] q;\nh q;\n`,
  'a megabyte of comment': `${H}// ${'x'.repeat(1_000_000)}\nqubit q;\n`,
  'unterminated block comment': `${H}/* ${'y'.repeat(100_000)}`,
  'identifier of a million characters': `${H}qubit ${'a'.repeat(1_000_000)};\n`,
  'number of a million digits': `${H}qubit q;\nrz(${'9'.repeat(1_000_000)}) q;\n`,
  '100000 statements': `${H}qubit q;\n${'x q;\n'.repeat(100_000)}`,
  'gate with 10000 parameters': `${H}gate g(${Array.from({ length: 10_000 }, (_, k) => `p${k}`).join(',')}) a { x a; }\nqubit q;\n`,
  'NUL and lone surrogates': `${H}qubit q;\u0000x q;\ud800\n`,
  'include of itself': 'OPENQASM 3.0;\ninclude "circuit.qasm";\n',
  'pow modifier with a huge exponent': `${H}qubit q;\npow(1e9) @ x q;\n`,
  'ctrl modifier with 100000 controls': `${H}qubit[3] q;\nctrl(100000) @ x q[0], q[1];\n`,
};

/** The QASM target with its generators. */
export const qasmTarget: FuzzTarget = {
  name: 'qasm',
  judge: judgeQasm,
  fixed: ADVERSARIAL,
  generators: {
    'random ascii': fc.string({ unit: 'binary-ascii', maxLength: 200 }),
    'random unicode': fc.string({ unit: 'binary', maxLength: 120 }),
    'token soup': soup,
    'token soup after a header': headedSoup,
    'mutated valid program': mutations(VALID_QASM_PROGRAMS, QASM_VOCABULARY),
  },
};
