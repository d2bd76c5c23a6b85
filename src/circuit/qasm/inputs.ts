import { CircuitValidationError } from '../../core/errors';
import type { Circuit } from '../circuit';

/**
 * A program's interface: its `input` parameters and `output` declarations (OpenQASM 3).
 * `input float theta;` / `input angle[32] phi;` become free parameters of the circuit; their
 * values are bound later with {@link bindQasmInputs}, by name or in declaration order.
 */

/** One `input` declaration. */
export interface QasmInput {
  /** The name in the program (`theta`, or `_x_3_` as Qiskit's exporter writes vector elements). */
  readonly name: string;
  /** The circuit parameter it became (`theta`, or `x[3]`). */
  readonly parameter: string;
  /** `float` or `angle` (an angle value is taken modulo 2π, as the type holds values in [0, 2π)). */
  readonly type: 'float' | 'angle';
  /** The source line of the declaration. */
  readonly line: number;
}

/** One `output` declaration (only classical bit registers can be outputs here). */
export interface QasmOutput {
  /** The register name. */
  readonly name: string;
  /** Always `bit` (a bit register). */
  readonly type: 'bit';
  /** Number of bits. */
  readonly size: number;
  /** The source line of the declaration. */
  readonly line: number;
}

/** A parsed program with its interface (from {@link parseQasmProgram}). */
export interface QasmProgramResult {
  /** The circuit; each input is a free parameter (if a gate uses it). */
  readonly circuit: Circuit;
  /** The `input` declarations, in declaration order. */
  readonly inputs: readonly QasmInput[];
  /** The `output` declarations, in declaration order. */
  readonly outputs: readonly QasmOutput[];
}

/**
 * The circuit of a program with every input bound: `values` maps input names (as written in the
 * program, or as circuit parameter names) to numbers, or lists one number per input in
 * declaration order.
 *
 * @example
 * const p = parseQasmProgram('OPENQASM 3.0; include "stdgates.inc"; input float theta; qubit q; rx(theta) q;');
 * const bound = bindQasmInputs(p, { theta: 0.5 });
 * @throws {CircuitValidationError} naming an unknown input, an input without a value, a value
 *   given twice (by both names) or a non-finite value
 */
export function bindQasmInputs(program: QasmProgramResult, values: Readonly<Record<string, number>> | readonly number[]): Circuit {
  const { inputs, circuit } = program;
  const list = inputs.map((i) => `${i.name} (${i.type})`).join(', ') || 'none';
  const byInput = new Map<QasmInput, number>();
  if (Array.isArray(values)) {
    if (values.length !== inputs.length) {
      throw new CircuitValidationError(`expected ${inputs.length} input value(s) in declaration order (${list}), got ${values.length}`);
    }
    inputs.forEach((inp, k) => byInput.set(inp, values[k]!));
  } else {
    for (const [key, v] of Object.entries(values as Record<string, number>)) {
      const inp = inputs.find((i) => i.name === key || i.parameter === key);
      if (!inp) throw new CircuitValidationError(`'${key}' is not an input of the program (inputs: ${list})`);
      if (byInput.has(inp)) throw new CircuitValidationError(`input '${inp.name}' is given twice`);
      byInput.set(inp, v);
    }
  }
  const bindings: Record<string, number> = Object.create(null) as Record<string, number>;
  const used = new Set(circuit.parameters);
  for (const inp of inputs) {
    const v = byInput.get(inp);
    if (v === undefined) throw new CircuitValidationError(`input '${inp.name}' has no value (inputs: ${list})`);
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new CircuitValidationError(`input '${inp.name}' must be a finite number, got ${String(v)}`);
    }
    const tau = 2 * Math.PI;
    // An input that no gate uses is not a circuit parameter: its value changes nothing.
    if (used.has(inp.parameter)) bindings[inp.parameter] = inp.type === 'angle' ? ((v % tau) + tau) % tau : v;
  }
  return circuit.assignParameters(bindings);
}
