import { CircuitValidationError } from '../../core/errors';
import type { Circuit, Instruction } from '../circuit';
import { walkInstructions, type IfCondition } from '../control-flow';
import { formatNumber, type Angle } from '../parameter';
import { DEFINITION_NEEDS, QASM3_DEFINITIONS, SOFT_NATIVE, STDGATES_NAMES } from './library';

/** Options of {@link toQasm3}. */
export interface Qasm3ExportOptions {
  /**
   * Address qubits as physical qubits `$0, $1, …` (what IBM backends expect for ISA
   * circuits) instead of declaring `qubit[n] q;`. Default false.
   */
  physicalQubits?: boolean;
  /**
   * Write a nonzero global phase as a top-level `gphase(…);` statement. Default true; turn it
   * off for consumers that do not read `gphase` (hardware cannot observe a global phase).
   */
  globalPhase?: boolean;
}

/** Words an exported identifier must avoid (Qiskit's reserved list, constants and gate names). */
const RESERVED = new Set([
  'OPENQASM', 'U', 'angle', 'array', 'barrier', 'bit', 'bool', 'box', 'break', 'cal', 'complex', 'const', 'continue',
  'creg', 'ctrl', 'def', 'defcal', 'defcalgrammar', 'delay', 'duration', 'durationof', 'else', 'end', 'extern',
  'float', 'for', 'gate', 'gphase', 'if', 'in', 'include', 'input', 'int', 'inv', 'let', 'measure', 'mutable',
  'negctrl', 'output', 'pow', 'qreg', 'qubit', 'reset', 'return', 'sizeof', 'stretch', 'uint', 'while', 'opaque',
  'switch', 'case', 'default', 'pi', 'tau', 'euler', ...STDGATES_NAMES, ...SOFT_NATIVE,
]);

/** Gates the exporter can write: stdgates.inc, U, and those it defines. */
const EXPORTABLE = new Set<string>([...STDGATES_NAMES, 'u', ...Object.keys(QASM3_DEFINITIONS)]);

const VECTOR_ELEMENT = /^([\p{L}\p{Nl}_][\p{L}\p{Nl}0-9_]*)\[([0-9]+)\]$/u;
const LOOKS_LIKE_ELEMENT = /^_([\p{L}\p{Nl}_][\p{L}\p{Nl}0-9_]*)_([0-9]+)_$/u;

/** Picks identifiers for registers and parameters, avoiding reserved words and each other. */
class Names {
  private readonly used = new Set<string>(RESERVED);
  private counter = 0;
  /** `preferred` if free, otherwise `_preferred`, then `…__generatedK`. */
  take(preferred: string): string {
    let name = preferred;
    if (this.used.has(name)) name = `_${preferred}`;
    while (this.used.has(name)) name = `${preferred}__generated${this.counter++}`;
    this.used.add(name);
    return name;
  }
}

function allocate(circuit: Circuit): { params: Map<string, string>; cregs: Map<string, string>; qreg: string } {
  const names = new Names();
  const cregs = new Map(circuit.classicalRegisters.map((r) => [r.name, names.take(r.name)]));
  const qreg = names.take('q');
  const params = new Map<string, string>();
  for (const p of circuit.parameters) {
    const m = VECTOR_ELEMENT.exec(p);
    // x[3] → _x_3_ (Qiskit's sanitising, read back as x[3] by parseQasm). A plain name that
    // already looks like that would be misread, so it gets a suffix instead.
    const preferred = m ? `_${m[1]}_${m[2]}_` : LOOKS_LIKE_ELEMENT.test(p) ? `${p}_p` : p;
    params.set(p, names.take(preferred));
  }
  return { params, cregs, qreg };
}

/**
 * A delay's duration (seconds) as an OpenQASM 3 duration literal in nanoseconds, rounded to 12
 * significant digits so that 1e-7 s prints as `100ns` rather than `99.99999999999999ns`.
 */
function durationLiteral(seconds: number): string {
  return `${Number((seconds * 1e9).toPrecision(12))}ns`;
}

/**
 * The OpenQASM 3 identifier {@link toQasm3} declares for each free parameter
 * (`input float[64] <name>;`), by qbridge parameter name: `theta` → `theta`, the vector element
 * `x[0]` → `_x_0_`, a reserved word such as `pi` → `_pi`. Bind values by these names when
 * submitting the exported program (e.g. in an IBM Sampler PUB).
 */
export function qasm3ParameterNames(circuit: Circuit): Map<string, string> {
  return allocate(circuit).params;
}

/**
 * Writes `circuit` as an OpenQASM 3 program that {@link parseQasm} (and Qiskit) read back to
 * the same circuit: `include "stdgates.inc"`, a definition for each used gate stdgates.inc
 * lacks (sxdg, rzz, rxx, ryy, ecr; `u` is written as the builtin `U`), `input float[64]` per
 * free parameter, `bit[n]` per classical register, `qubit[n] q;` or physical `$k` operands,
 * then the instructions; an `if_else` block is written `if (c == 5) { … } else { … }` (a whole
 * register) or `if (c[0] == 1) { … }` (one bit), as IBM's dynamic circuits take it; a
 * `while_loop` as `while (c != 0) { … }`. Numbers are written in their shortest round-trip form.
 *
 * @example
 * toQasm3(new Circuit(2).h(0).cx(0, 1));
 * // OPENQASM 3.0;
 * // include "stdgates.inc";
 * // qubit[2] q;
 * // h q[0];
 * // cx q[0], q[1];
 */
export function toQasm3(circuit: Circuit, options: Qasm3ExportOptions = {}): string {
  const { params, cregs, qreg } = allocate(circuit);
  const nameOf = (n: string): string => params.get(n)!;
  const num = (a: Angle): string => (typeof a === 'number' ? formatNumber(a) : a.toString(nameOf));
  const q = (k: number): string => (options.physicalQubits ? `$${k}` : `${qreg}[${k}]`);
  const clbit = (j: number): string => {
    const r = circuit.classicalRegisters.find((c) => j >= c.offset && j < c.offset + c.size);
    if (!r) throw new CircuitValidationError(`classical bit ${j} belongs to no register`);
    return `${cregs.get(r.name)!}[${j - r.offset}]`;
  };

  const lines = ['OPENQASM 3.0;', 'include "stdgates.inc";'];
  for (const p of circuit.parameters) lines.push(`input float[64] ${nameOf(p)};`);
  const used = new Set([...walkInstructions(circuit.instructions)].map((i) => i.name));
  for (const n of [...used]) for (const dep of DEFINITION_NEEDS[n] ?? []) used.add(dep);
  for (const [name, def] of Object.entries(QASM3_DEFINITIONS)) if (used.has(name)) lines.push(def);
  for (const r of circuit.classicalRegisters) lines.push(`bit[${r.size}] ${cregs.get(r.name)!};`);
  if (!options.physicalQubits && circuit.numQubits > 0) lines.push(`qubit[${circuit.numQubits}] ${qreg};`);
  const gp = circuit.globalPhase;
  if (options.globalPhase !== false && (typeof gp !== 'number' || gp !== 0)) lines.push(`gphase(${num(gp)});`);
  const condition = (cond: IfCondition): string => {
    const reg = circuit.classicalRegisters.find(
      (r) => r.size === cond.clbits.length && cond.clbits.every((c, k) => c === r.offset + k),
    );
    // A one-bit register is written by its bit, which reads the same either way.
    const op = cond.negated ? '!=' : '==';
    if (reg && reg.size > 1) return `${cregs.get(reg.name)!} ${op} ${cond.value}`;
    if (cond.clbits.length === 1) return `${clbit(cond.clbits[0]!)} ${op} ${cond.value}`;
    throw new CircuitValidationError(
      'if_else: a condition on several bits that are not one whole classical register has no OpenQASM 3 form in qbridge\'s exporter',
    );
  };
  const emit = (ins: Instruction, indent: string): void => {
    switch (ins.name) {
      case 'if_else': {
        lines.push(`${indent}if (${condition(ins.condition!)}) {`);
        for (const b of ins.blocks![0]!) emit(b, `${indent}  `);
        const falseBody = ins.blocks![1];
        if (falseBody) {
          lines.push(`${indent}} else {`);
          for (const b of falseBody) emit(b, `${indent}  `);
        }
        lines.push(`${indent}}`);
        break;
      }
      case 'while_loop': {
        lines.push(`${indent}while (${condition(ins.condition!)}) {`);
        for (const b of ins.blocks![0]!) emit(b, `${indent}  `);
        lines.push(`${indent}}`);
        break;
      }
      case 'measure':
        lines.push(`${indent}${clbit(ins.clbits[0]!)} = measure ${q(ins.qubits[0]!)};`);
        break;
      case 'reset':
        lines.push(`${indent}reset ${q(ins.qubits[0]!)};`);
        break;
      case 'barrier':
        lines.push(indent + (ins.qubits.length ? `barrier ${ins.qubits.map(q).join(', ')};` : 'barrier;'));
        break;
      case 'delay':
        lines.push(`${indent}delay[${durationLiteral(ins.params[0] as number)}] ${q(ins.qubits[0]!)};`);
        break;
      default: {
        if (!EXPORTABLE.has(ins.name)) {
          throw new CircuitValidationError(`gate '${ins.name}' has no OpenQASM 3 form in qbridge's exporter`);
        }
        const name = ins.name === 'u' ? 'U' : ins.name;
        const args = ins.params.length ? `(${ins.params.map(num).join(', ')})` : '';
        lines.push(`${indent}${name}${args} ${ins.qubits.map(q).join(', ')};`);
      }
    }
  };
  for (const ins of circuit.instructions) emit(ins, '');
  return `${lines.join('\n')}\n`;
}
