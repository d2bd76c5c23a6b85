/**
 * OpenQASM 3 and 2 import, OpenQASM 3 and 2 export.
 *
 * Import follows Qiskit's reading of programs (gates.md in the project reference): `U` is
 * Qiskit's UGate, stdgates.inc/qelib1.inc names map to Qiskit's gate classes, user gates are
 * inlined with their parameters substituted. qbridge additionally accepts its own gates that
 * stdgates.inc lacks (u, sxdg, rzz, rxx, ryy, ecr) without a definition, with Qiskit's matrices,
 * unless the program defines them, in which case the program's body is used.
 *
 * Every failure is a {@link QasmSyntaxError} with a 1-based line and column.
 */
import { QasmSyntaxError } from '../../core/errors';
import type { Circuit } from '../circuit';
import { QasmProgram } from './program';
import type { QasmParseOptions } from './declarations';
import type { QasmProgramResult } from './inputs';

export { toQasm3, qasm3ParameterNames, type Qasm3ExportOptions } from './exporter';
export { toQasm2, type Qasm2ExportOptions } from './exporter2';
export { QASM3_DEFINITIONS, STDGATES_NAMES, SOFT_NATIVE } from './library';
export type { IncludedFile, QasmParseOptions } from './declarations';
export { bindQasmInputs, type QasmInput, type QasmOutput, type QasmProgramResult } from './inputs';

function run(source: string, version: 2 | 3 | undefined, options?: QasmParseOptions): Circuit {
  return runProgram(source, version, options).circuit;
}

function runProgram(source: string, version: 2 | 3 | undefined, options?: QasmParseOptions): QasmProgramResult {
  if (typeof source !== 'string') throw new QasmSyntaxError('the OpenQASM source must be a string', 1, 1);
  try {
    return new QasmProgram(source, version, options).buildProgram();
  } catch (e) {
    if (e instanceof QasmSyntaxError) throw e;
    // A safety net for the promise that nothing else escapes; the fuzz tests look for it.
    throw new QasmSyntaxError(`internal error while reading the program: ${e instanceof Error ? e.message : String(e)}`, 1, 1);
  }
}

/**
 * Reads an OpenQASM program, choosing the version from its `OPENQASM 2.0;` / `OPENQASM 3.0;`
 * header (no header: version 3, or version 2 when the program includes "qelib1.inc", as Qiskit's
 * OpenQASM 2 reader accepts header-less programs).
 *
 * @example
 * const bell = parseQasm('OPENQASM 3.0; include "stdgates.inc"; qubit[2] q; h q[0]; cx q[0], q[1];');
 * bell.numQubits; // 2
 * @throws {QasmSyntaxError} for any problem, with line and column
 */
export function parseQasm(source: string, options?: QasmParseOptions): Circuit {
  return run(source, undefined, options);
}

/**
 * Reads an OpenQASM 3 program (a `OPENQASM 2.0;` header is an error).
 *
 * @example
 * const circuit = parseQasm3(toQasm3(new Circuit(1).h(0))); // round trip
 */
export function parseQasm3(source: string, options?: QasmParseOptions): Circuit {
  return run(source, 3, options);
}

/**
 * Reads an OpenQASM 2 program (the header may be omitted; a version-3 header is an error).
 *
 * @example
 * const c = parseQasm2('OPENQASM 2.0; include "qelib1.inc"; qreg q[1]; creg c[1]; h q[0]; measure q[0] -> c[0];');
 */
export function parseQasm2(source: string, options?: QasmParseOptions): Circuit {
  return run(source, 2, options);
}

/**
 * Reads an OpenQASM program (as {@link parseQasm}) with its interface: the `input` parameters in
 * declaration order (bind them with {@link bindQasmInputs}) and the `output` declarations.
 *
 * @example
 * const p = parseQasmProgram('OPENQASM 3.0; include "stdgates.inc"; input angle[32] phi; qubit q; output bit c; rz(phi) q; c = measure q;');
 * p.inputs.map((i) => i.name); // ['phi']
 * p.outputs.map((o) => o.name); // ['c']
 * @throws {QasmSyntaxError} for any problem, with line and column
 */
export function parseQasmProgram(source: string, options?: QasmParseOptions): QasmProgramResult {
  return runProgram(source, undefined, options);
}
