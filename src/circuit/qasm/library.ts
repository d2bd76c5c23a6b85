import { GATES } from '../gates';
import type { Angle } from '../parameter';
import { tokenize, type Token } from './lexer';
import { GATE_DEFINITIONS, type DefinitionOp } from '../gate-definitions';

/**
 * Which gate names an OpenQASM program may use without defining them, and what each maps to.
 * Phase conventions follow Qiskit (see the reference gates.md): `U` is Qiskit's UGate, `rz` is
 * RZGate, `u1` is U1Gate, `CX` is CXGate, whatever stdgates.inc/qelib1.inc literally say.
 */

/** A gate implemented directly by a qbridge gate (`target`), possibly with re-mapped parameters. */
export interface NativeGate {
  readonly kind: 'native';
  readonly target: string;
  readonly numParams: number;
  readonly numQubits: number;
  /** Converts the QASM parameters to the target's (e.g. `cu3` → `cu` with γ = 0). */
  readonly mapParams?: (p: readonly Angle[]) => Angle[];
  /**
   * Soft gates may be redefined by the program (its body is then used); redefining a fixed
   * one (a stdgates.inc/qelib1.inc gate that was included) is a duplicate-declaration error.
   */
  readonly fixed: boolean;
  /** Where the name comes from, for messages. */
  readonly origin: string;
}

function native(target: string, origin: string, fixed: boolean, numParams?: number, mapParams?: NativeGate['mapParams']): NativeGate {
  const g = GATES.get(target)!;
  return { kind: 'native', target, numParams: numParams ?? g.numParams, numQubits: g.numQubits, mapParams, fixed, origin };
}

/** Qiskit's STDGATES_INC_GATES: the names of OpenQASM 3's stdgates.inc. */
export const STDGATES_NAMES = ['p', 'x', 'y', 'z', 'h', 's', 'sdg', 't', 'tdg', 'sx', 'rx', 'ry', 'rz', 'cx', 'cy', 'cz',
  'cp', 'crx', 'cry', 'crz', 'ch', 'swap', 'ccx', 'cswap', 'cu', 'CX', 'phase', 'cphase', 'id', 'u1', 'u2', 'u3'] as const;

const ALIASES: Record<string, string> = { CX: 'cx', phase: 'p', cphase: 'cp' };

/** The gates `include "stdgates.inc";` brings in (all fixed). */
export function stdgates(): Map<string, NativeGate> {
  return new Map(STDGATES_NAMES.map((n) => [n, native(ALIASES[n] ?? n, 'stdgates.inc', true)]));
}

/** The 23 gates of the original qelib1.inc (fixed once included). */
const QELIB1_PAPER = ['u3', 'u2', 'u1', 'cx', 'id', 'x', 'y', 'z', 'h', 's', 'sdg', 't', 'tdg', 'rx', 'ry', 'rz', 'cz',
  'cy', 'ch', 'ccx', 'crz'] as const;

/**
 * The gates `include "qelib1.inc";` brings in: the 23 paper gates (fixed) and the extras
 * Qiskit's exporter writes against qelib1.inc (soft: a program may define them itself).
 */
export function qelib1(): Map<string, NativeGate> {
  const out = new Map<string, NativeGate>();
  for (const n of QELIB1_PAPER) out.set(n, native(n, 'qelib1.inc', true));
  out.set('cu1', native('cp', 'qelib1.inc', true));
  // CU3Gate is the controlled U3 with no extra phase: CUGate with γ = 0.
  out.set('cu3', native('cu', 'qelib1.inc', true, 3, (p) => [p[0]!, p[1]!, p[2]!, 0]));
  out.set('u0', native('id', 'qelib1.inc', false, 1, () => []));
  for (const n of ['u', 'p', 'sx', 'sxdg', 'swap', 'cswap', 'crx', 'cry', 'cp', 'cu', 'rxx', 'rzz', ...QELIB1_EXTRA_NAMES]) {
    out.set(n, native(n, 'qelib1.inc', false));
  }
  return out;
}

/** Built in without any include: `U` (Qiskit's UGate) in both versions, `CX` in OpenQASM 2. */
export function builtins(version: 2 | 3): Map<string, NativeGate> {
  const out = new Map<string, NativeGate>([['U', native('u', 'the language', true)]]);
  if (version === 2) out.set('CX', native('cx', 'the language', true));
  return out;
}

/**
 * qbridge-native gates outside stdgates.inc, accepted without a definition (with Qiskit's
 * matrices) as long as the program does not define them itself; a program's own definition
 * always wins. This is what makes `rzz(θ) q[0], q[1];` readable, and export → import exact.
 */
export const SOFT_NATIVE = ['u', 'sxdg', 'rzz', 'rxx', 'ryy', 'ecr', 'csx', 'rccx', 'rc3x', 'c3x', 'c3sqrtx', 'c4x'] as const;

/**
 * The gates Qiskit's qelib1.inc has beyond the 23 of the paper and the extras above, under
 * their qelib1.inc names (Qiskit's classes CSXGate, RCCXGate, RC3XGate, C3XGate, C3SXGate,
 * C4XGate). Soft in both versions: a program may define them itself.
 */
const QELIB1_EXTRA_NAMES = ['csx', 'rccx', 'rc3x', 'c3x', 'c3sqrtx', 'c4x'] as const;

/** `k·π/d` for the definition angles (all are π times a power-of-two fraction). */
function angleText(a: DefinitionOp['params'][number]): string {
  const x = a as number;
  if (x === 0) return '0';
  for (const d of [1, 2, 4, 8]) {
    const k = (x * d) / Math.PI;
    if (Math.abs(k - Math.round(k)) < 1e-12) {
      const kr = Math.round(k);
      const head = kr === 1 ? 'pi' : kr === -1 ? '-pi' : `${kr}*pi`;
      return d === 1 ? head : `${head}/${d}`;
    }
  }
  throw new Error(`angle ${x} is not a multiple of pi/8`);
}

/** An OpenQASM 3 `gate` statement for one of the extras, written from its Qiskit definition. */
function definitionText(name: string): string {
  const ops = GATE_DEFINITIONS[name]!;
  const k = Math.max(...ops.flatMap((o) => o.qubits)) + 1;
  const qs = Array.from({ length: k }, (_, i) => `_gate_q_${i}`);
  const body = ops.map((o) => {
    const args = o.params.length ? `(${o.params.map(angleText).join(', ')})` : '';
    return `${o.name}${args} ${o.qubits.map((q) => qs[q]).join(', ')};`;
  });
  return `gate ${name} ${qs.join(', ')} { ${body.join(' ')} }`;
}

export function softNatives(): Map<string, NativeGate> {
  return new Map(SOFT_NATIVE.map((n) => [n, native(n, 'qbridge', false)]));
}

/**
 * The definitions the exporter writes for gates stdgates.inc lacks, each giving Qiskit's
 * matrix exactly (global phase included; the unit tests check this by simulation). The
 * importer recognises these bodies (up to renaming of arguments) and keeps the native gate,
 * so export → import reproduces the same instructions. `u` needs none: it is written as `U`.
 */
export const QASM3_DEFINITIONS: Readonly<Record<string, string>> = {
  sxdg: 'gate sxdg _gate_q_0 { rx(-pi/2) _gate_q_0; rz(pi/2) _gate_q_0; p(-pi/2) _gate_q_0; }',
  rzz: 'gate rzz(_gate_p_0) _gate_q_0, _gate_q_1 { cx _gate_q_0, _gate_q_1; rz(_gate_p_0) _gate_q_1; cx _gate_q_0, _gate_q_1; }',
  rxx:
    'gate rxx(_gate_p_0) _gate_q_0, _gate_q_1 { h _gate_q_0; h _gate_q_1; cx _gate_q_0, _gate_q_1; ' +
    'rz(_gate_p_0) _gate_q_1; cx _gate_q_0, _gate_q_1; h _gate_q_0; h _gate_q_1; }',
  ryy:
    'gate ryy(_gate_p_0) _gate_q_0, _gate_q_1 { rx(pi/2) _gate_q_0; rx(pi/2) _gate_q_1; cx _gate_q_0, _gate_q_1; ' +
    'rz(_gate_p_0) _gate_q_1; cx _gate_q_0, _gate_q_1; rx(-pi/2) _gate_q_0; rx(-pi/2) _gate_q_1; }',
  // Qiskit's ECRGate definition rzx(π/4); x; rzx(−π/4), with rzx(θ) = h b; cx a,b; rz(θ) b; cx a,b; h b.
  ecr:
    'gate ecr _gate_q_0, _gate_q_1 { h _gate_q_1; cx _gate_q_0, _gate_q_1; rz(pi/4) _gate_q_1; cx _gate_q_0, _gate_q_1; ' +
    'h _gate_q_1; x _gate_q_0; h _gate_q_1; cx _gate_q_0, _gate_q_1; rz(-pi/4) _gate_q_1; cx _gate_q_0, _gate_q_1; h _gate_q_1; }',
  // Qiskit's definitions (gate-definitions.ts) in stdgates.inc gates; c4x calls rc3x and
  // c3sqrtx, which therefore come first (the exporter writes rc3x and c3sqrtx with c4x).
  ...Object.fromEntries(['csx', 'rccx', 'rc3x', 'c3x', 'c3sqrtx', 'c4x'].map((n) => [n, definitionText(n)])),
};

/** Gates a definition in {@link QASM3_DEFINITIONS} calls, which must be written with it. */
export const DEFINITION_NEEDS: Readonly<Record<string, readonly string[]>> = { c4x: ['rc3x', 'c3sqrtx'] };

/**
 * A gate definition's tokens (from `gate` to the closing `}`) with its parameter and qubit
 * names replaced by their positions, so two definitions that differ only in argument names
 * compare equal.
 */
export function normalizedDefinition(tokens: readonly Token[]): string {
  const rename = new Map<string, string>();
  let i = 2; // after `gate NAME`
  if (tokens[i]?.text === '(') {
    let k = 0;
    for (i++; i < tokens.length && tokens[i]!.text !== ')'; i++) {
      if (tokens[i]!.kind === 'ident') rename.set(tokens[i]!.text, `$p${k++}`);
    }
    i++;
  }
  let k = 0;
  for (; i < tokens.length && tokens[i]!.text !== '{'; i++) {
    if (tokens[i]!.kind === 'ident') rename.set(tokens[i]!.text, `$q${k++}`);
  }
  return tokens.map((t) => (t.kind === 'ident' ? (rename.get(t.text) ?? t.text) : t.text)).join(' ');
}

let canonical: Map<string, string> | undefined;

/** The normalised form of the canonical definition of `name`, if qbridge has one. */
export function canonicalDefinition(name: string): string | undefined {
  canonical ??= new Map(
    Object.entries(QASM3_DEFINITIONS).map(([n, text]) => [n, normalizedDefinition(tokenize(text).slice(0, -1))]),
  );
  return canonical.get(name);
}
