import type { Circuit } from '../../src/circuit/circuit';
import type { Target } from '../../src/core/target';
import { checkIsa, isIsa, transpile, type TranspileOptions } from '../../src/transpiler';

/**
 * The ISA gate every submission passes through (IBM accepts only ISA circuits since March 2024;
 * a non-ISA circuit would fail remotely with code 1517 after queueing). One small module so the
 * policy can be switched in one place.
 *
 * - An ISA circuit is sent as is (identity layout).
 * - Otherwise, with `transpile` on (the default), the shared transpiler maps it to the target and
 *   the layout is returned so Estimator observables can follow the qubits.
 * - `checkIsa` runs on whatever is about to be sent; a failure is a CircuitValidationError
 *   (IsaValidationError, IBM code 1517 wording) thrown locally, before any HTTP request.
 */

/** Options of {@link prepareIsaCircuit}. */
export interface IsaOptions extends TranspileOptions {
  /** Transpile non-ISA circuits (true) or refuse them (false). @defaultValue true */
  transpile?: boolean;
}

/** An ISA circuit and where each original qubit ended up (`physical[v]`, after routing). */
export interface PreparedCircuit {
  readonly circuit: Circuit;
  readonly physical: readonly number[];
}

/**
 * Returns an ISA version of `circuit` for `target`.
 * @throws {CircuitValidationError} when the circuit cannot be made ISA (or `transpile` is off)
 */
export function prepareIsaCircuit(circuit: Circuit, target: Target, opts: IsaOptions = {}): PreparedCircuit {
  const identity = Array.from({ length: circuit.numQubits }, (_, i) => i);
  if (isIsa(circuit, target) || opts.transpile === false) {
    checkIsa(circuit, target);
    return { circuit, physical: identity };
  }
  const { transpile: _t, ...topts } = opts;
  const r = transpile(circuit, target, topts);
  checkIsa(r.circuit, target);
  return { circuit: r.circuit, physical: r.layout.final };
}
