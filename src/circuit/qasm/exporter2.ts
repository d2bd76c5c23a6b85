/**
 * The OpenQASM 2 exporter, {@link toQasm2}: Qiskit's `qasm2.dumps` for qbridge circuits, line
 * for line (the tests compare with the expected strings of Qiskit's own exporter tests).
 */
import { CircuitValidationError, InputValidationError } from '../../core/errors';
import type { Circuit, Instruction } from '../circuit';
import { IF_ELSE } from '../control-flow';
import { piCheck } from '../py-format';

/**
 * The gates `include "qelib1.inc";` provides in Qiskit's qelib1.inc, which the exporter
 * calls by name. qbridge's `c3sqrtx` is Qiskit's C3SXGate, which qelib1.inc also names c3sqrtx.
 */
const QELIB1_GATES = new Set([
  'u3', 'u2', 'u1', 'cx', 'id', 'u0', 'u', 'p', 'x', 'y', 'z', 'h', 's', 'sdg', 't', 'tdg', 'rx', 'ry', 'rz',
  'sx', 'sxdg', 'cz', 'cy', 'swap', 'ch', 'ccx', 'cswap', 'crx', 'cry', 'crz', 'cu1', 'cp', 'cu3', 'csx', 'cu',
  'rxx', 'rzz', 'rccx', 'rc3x', 'c3x', 'c3sqrtx', 'c4x',
]);

/**
 * `gate` statements for the qbridge gates qelib1.inc lacks, written as Qiskit writes them: the
 * body is Qiskit's definition of the gate (RYYGate, ECRGate) without its global phase, which
 * OpenQASM 2 cannot carry (ECR's definition has −π/4; RYY's none).
 */
const DEFINITIONS: Readonly<Record<string, string>> = {
  ryy: 'gate ryy(param0) q0,q1 { sxdg q0; sxdg q1; cx q0,q1; rz(param0) q1; cx q0,q1; sx q0; sx q1; }',
  ecr: 'gate ecr q0,q1 { s q0; sx q1; cx q0,q1; x q0; }',
};

/** Words an OpenQASM 2 register name must not be. */
const RESERVED = new Set(['OPENQASM', 'qreg', 'creg', 'include', 'gate', 'opaque', 'U', 'CX', 'measure', 'reset', 'if', 'barrier']);

/**
 * A valid OpenQASM 2 identifier for a register (Qiskit's escaping): non-word characters become
 * `_`, and a name that does not start with a lowercase letter or is reserved gets `reg_` before it.
 */
function escapeName(name: string): string {
  const escaped = name.replace(/[^A-Za-z0-9_]/g, '_');
  return !escaped || !/^[a-z]/.test(escaped) || RESERVED.has(escaped) ? `reg_${escaped}` : escaped;
}

const SUFFIX_CHARS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** `name`, or `name` with the first suffix (`0`, `1`, …, `a`, …, `00`, …) no taken name uses (Qiskit's `_make_unique`). */
function makeUnique(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  const used = new Set([...taken].filter((t) => t.startsWith(name)).map((t) => t.slice(name.length)));
  for (let len = 1; ; len++) {
    const idx = new Array<number>(len).fill(0);
    for (;;) {
      const suffix = idx.map((i) => SUFFIX_CHARS[i]).join('');
      if (!used.has(suffix)) return name + suffix;
      let k = len - 1;
      while (k >= 0 && ++idx[k]! === SUFFIX_CHARS.length) idx[k--] = 0;
      if (k < 0) break;
    }
  }
}

/** Options of {@link toQasm2}. */
export interface Qasm2ExportOptions {
  /**
   * The name of the quantum register (`qreg q[n];`). qbridge circuits have one quantum
   * register; Qiskit's default name for it is `q`. Escaped like every register name. Default `'q'`.
   */
  qubitRegister?: string;
}

/** A gate parameter as Qiskit writes it in OpenQASM 2 (`pi/2`, `3*pi/4`, `0.3`, `1.e-06`). */
const paramText = (a: number): string => piCheck(a, { output: 'qasm', eps: 1e-12 });

/**
 * Writes `circuit` as an OpenQASM 2 program the way Qiskit's `qasm2.dumps` does: the header and
 * `include "qelib1.inc";`, a `gate` definition for each gate qelib1.inc lacks (ryy, ecr), then
 * `qreg q[n];` and a `creg` per classical register, then one statement per instruction, with
 * angles written as fractions of π where they are within 1e-12 of one. No trailing newline.
 *
 * OpenQASM 2 has no global phase, so the circuit's is not written (Qiskit drops it too), and its
 * only classical control is `if (c == n)` on a whole register before a single operation.
 *
 * @example
 * toQasm2(new Circuit(2).h(0).cx(0, 1));
 * // OPENQASM 2.0;
 * // include "qelib1.inc";
 * // qreg q[2];
 * // h q[0];
 * // cx q[0],q[1];
 * @throws {@link InputValidationError} for a bad option
 * @throws {@link CircuitValidationError} naming what OpenQASM 2 cannot express: unbound
 * parameters, an `if_else` with an `else` branch, a body of several instructions, a nested
 * `if`, a conditional barrier, or a condition that is not a whole register
 */
export function toQasm2(circuit: Circuit, options: Qasm2ExportOptions = {}): string {
  if (typeof circuit !== 'object' || circuit === null || !Array.isArray(circuit.instructions)) {
    throw new InputValidationError(`toQasm2: expected a Circuit, got ${circuit === null ? 'null' : typeof circuit}`);
  }
  const qubitRegister = options?.qubitRegister ?? 'q';
  if (typeof qubitRegister !== 'string' || !qubitRegister) {
    throw new InputValidationError(`toQasm2: qubitRegister must be a non-empty string, got ${String(qubitRegister)}`);
  }
  if (circuit.parameters.length) {
    throw new CircuitValidationError(
      `OpenQASM 2 cannot represent circuits with unbound parameters (${circuit.parameters.join(', ')}): bind them first`,
    );
  }
  const taken = new Set<string>();
  const declare = (name: string): string => {
    const unique = makeUnique(escapeName(name), taken);
    taken.add(unique);
    return unique;
  };
  const registers: string[] = [];
  const qreg = circuit.numQubits > 0 ? declare(qubitRegister) : '';
  if (qreg) registers.push(`qreg ${qreg}[${circuit.numQubits}];`);
  const cregs = circuit.classicalRegisters.map((r) => {
    const name = declare(r.name);
    registers.push(`creg ${name}[${r.size}];`);
    return { reg: r, name };
  });
  const q = (k: number): string => `${qreg}[${k}]`;
  const clbit = (j: number): string => {
    const r = cregs.find(({ reg }) => j >= reg.offset && j < reg.offset + reg.size)!;
    return `${r.name}[${j - r.reg.offset}]`;
  };

  const definitions: string[] = [];
  const line = (ins: Instruction, index: number): string | null => {
    const fail = (why: string): never => {
      throw new CircuitValidationError(`instruction ${index} (${ins.name}): ${why}`, index);
    };
    switch (ins.name) {
      case IF_ELSE: {
        const cond = ins.condition!;
        const reg = cregs.find(
          ({ reg: r }) => r.size === cond.clbits.length && cond.clbits.every((c, k) => c === r.offset + k),
        );
        if (!reg) fail('OpenQASM 2 only supports register-equality conditions (a whole classical register compared with an integer)');
        if (ins.blocks!.length > 1) fail("OpenQASM 2 does not support 'else' statements");
        const body = ins.blocks![0]!;
        if (body.length !== 1) fail(`OpenQASM 2 only supports conditionals on single instructions (this body has ${body.length})`);
        const inner = body[0]!;
        if (inner.name === IF_ELSE) fail('OpenQASM 2 does not support nested conditionals');
        if (inner.name === 'barrier') fail('barriers cannot be conditional in OpenQASM 2');
        return `if (${reg!.name} == ${cond.value}) ${line(inner, index)!}`;
      }
      case 'measure':
        return `measure ${q(ins.qubits[0]!)} -> ${clbit(ins.clbits[0]!)};`;
      case 'reset':
        return `reset ${q(ins.qubits[0]!)};`;
      case 'barrier':
        // A barrier on no qubits means nothing, and OpenQASM 2 requires an operand.
        return ins.qubits.length ? `barrier ${ins.qubits.map(q).join(',')};` : null;
      default: {
        const def = DEFINITIONS[ins.name];
        if (def) {
          if (!definitions.includes(def)) definitions.push(def);
        } else if (!QELIB1_GATES.has(ins.name)) {
          fail('no OpenQASM 2 (qelib1.inc) form');
        }
        const params = ins.params.map((p) => (typeof p === 'number' ? paramText(p) : fail('unbound parameter')));
        const call = params.length ? `${ins.name}(${params.join(',')})` : ins.name;
        return `${call} ${ins.qubits.map(q).join(',')};`;
      }
    }
  };
  const statements = circuit.instructions.map(line).filter((s): s is string => s !== null);
  return ['OPENQASM 2.0;', 'include "qelib1.inc";', definitions.join('\n'), registers.join('\n'), statements.join('\n')]
    .filter((part) => part)
    .join('\n');
}
