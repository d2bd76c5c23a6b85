import type { Circuit } from '../circuit/circuit';
import { CircuitValidationError } from '../core/errors';
import type { Target } from '../core/target';
import { applyLayoutToObservable, checkIsa, isIsa, transpile, type TranspileOptions } from '../transpiler';
import type { EstimatorPub, ParameterRows, PauliSum, SamplerPub } from './types';

/**
 * How the primitive front-ends treat circuits for backends that accept only ISA circuits
 * (IBM hardware and the fake devices): `true` (the default) transpiles every non-ISA circuit
 * once per PUB, keeping parameters symbolic, and moves Estimator observables onto the
 * physical qubits; `false` sends circuits as they are (the backend then refuses non-ISA ones);
 * an object passes {@link TranspileOptions} (optimisation level, seed, initial layout).
 *
 * This is what lets the same researcher code run on `local`, `fake_*` and `ibm_*`.
 */
export type TranspilePolicy = boolean | TranspileOptions;

/** An ISA circuit for a target, and where each circuit qubit ended up. */
export interface PreparedCircuit {
  readonly circuit: Circuit;
  /** Physical qubit of each circuit qubit after routing (`physical[v]`); the identity when unchanged. */
  readonly physical: readonly number[];
  /** True when the circuit was transpiled; false when it was already ISA and is returned as is. */
  readonly transpiled: boolean;
}

/**
 * THE ISA gate: every circuit that must be ISA (native gates on directed coupling edges, no
 * faulty qubit; IBM refuses anything else with code 1517 after queueing) passes here, whether it
 * comes through the Sampler/Estimator or straight to the IBM adapter.
 *
 * - An ISA circuit is returned as is (identity layout).
 * - Otherwise, unless `policy` is `false`, the transpiler maps it to the target once (parameters
 *   stay symbolic) and the final layout is returned, so observables can follow the qubits.
 * - What comes out is checked with `checkIsa`, so a failure is an {@link IsaValidationError}
 *   (IBM's 1517 wording) thrown locally, before any request.
 * @throws {IsaValidationError} when the circuit is not ISA and `policy` is `false`
 * @throws {CircuitValidationError} when the transpiler cannot map the circuit to the target
 */
export function prepareIsaCircuit(circuit: Circuit, target: Target, policy: TranspilePolicy = true): PreparedCircuit {
  if (isIsa(circuit, target)) return { circuit, physical: identity(circuit.numQubits), transpiled: false };
  if (policy === false) checkIsa(circuit, target); // throws: the circuit is not ISA
  const result = transpile(circuit, target, typeof policy === 'object' ? policy : {});
  checkIsa(result.circuit, target);
  return { circuit: result.circuit, physical: result.layout.final, transpiled: true };
}

function identity(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

interface Prepared {
  circuit: Circuit;
  rows: ParameterRows | undefined;
  /** Physical qubit of each virtual qubit at the end (for observables), or null if unchanged. */
  finalLayout: readonly number[] | null;
}

/**
 * The front-ends' use of the gate: only for targets that require ISA circuits and only when
 * the policy allows; a circuit repeated across the PUBs of one call (the kernel's template) is
 * prepared once (`memo`).
 */
function prepare(
  circuit: Circuit,
  rows: ParameterRows | undefined,
  target: Target,
  policy: TranspilePolicy,
  memo: Map<Circuit, PreparedCircuit>,
): Prepared {
  // Malformed PUBs are left to the validation that follows, which names the problem.
  const wellFormed = circuit !== null && typeof circuit === 'object' && Array.isArray((circuit as Circuit).instructions);
  if (!wellFormed || !target.requiresIsa || policy === false) return { circuit, rows, finalLayout: null };
  let p = memo.get(circuit);
  if (!p) memo.set(circuit, (p = prepareIsaCircuit(circuit, target, policy)));
  if (!p.transpiled) return { circuit, rows, finalLayout: null };
  return { circuit: p.circuit, rows: remapRows(circuit, p.circuit, rows), finalLayout: p.physical };
}

/**
 * Parameter rows follow `circuit.parameters` order. Transpiling keeps the parameters, but an
 * optimisation may drop one (e.g. a rotation that cancels): the columns are re-selected by name.
 */
function remapRows(before: Circuit, after: Circuit, rows: ParameterRows | undefined): ParameterRows | undefined {
  const was = before.parameters;
  const now = after.parameters;
  if (!rows || (was.length === now.length && was.every((n, i) => n === now[i]))) return rows;
  const columns = now.map((n) => {
    const c = was.indexOf(n);
    if (c < 0) throw new CircuitValidationError(`transpiling introduced an unknown parameter '${n}'`);
    return c;
  });
  return rows.map((row) => columns.map((c) => row[c]!));
}

/** Sampler PUBs ready for `target` under `policy` (see {@link TranspilePolicy}). */
export function samplerPubsForTarget(pubs: readonly SamplerPub[], target: Target, policy: TranspilePolicy = true): SamplerPub[] {
  const memo = new Map<Circuit, PreparedCircuit>();
  return pubs.map((pub) => {
    const p = prepare(pub.circuit, pub.parameterValues, target, policy, memo);
    return p.circuit === pub.circuit ? pub : { ...pub, circuit: p.circuit, parameterValues: p.rows };
  });
}

/** Estimator PUBs ready for `target`: circuits made ISA and observables moved onto physical qubits. */
export function estimatorPubsForTarget(pubs: readonly EstimatorPub[], target: Target, policy: TranspilePolicy = true): EstimatorPub[] {
  const memo = new Map<Circuit, PreparedCircuit>();
  return pubs.map((pub) => {
    const p = prepare(pub.circuit, pub.parameterValues, target, policy, memo);
    if (!p.finalLayout) return pub;
    const layout = p.finalLayout;
    const single = isSinglePauliSum(pub.observables);
    const list = (single ? [pub.observables] : pub.observables) as readonly PauliSum[];
    const mapped = list.map((obs) => applyLayoutToObservable(obs, layout, target.numQubits));
    return { ...pub, circuit: p.circuit, parameterValues: p.rows, observables: single ? mapped[0]! : mapped };
  });
}

/** A single Pauli sum is a list of `[label, coeff]` pairs (its first element has a string first). */
function isSinglePauliSum(o: PauliSum | readonly PauliSum[]): o is PauliSum {
  return o.length === 0 || typeof (o[0] as readonly unknown[])[0] === 'string';
}
