import type { Circuit } from '../circuit/circuit';
import { CircuitValidationError } from '../core/errors';
import type { Target } from '../core/target';
import { applyLayoutToObservable, isIsa, transpile, type TranspileOptions } from '../transpiler';
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

interface Prepared {
  circuit: Circuit;
  rows: ParameterRows | undefined;
  /** Physical qubit of each virtual qubit at the end (for observables), or null if unchanged. */
  finalLayout: readonly number[] | null;
}

function prepare(circuit: Circuit, rows: ParameterRows | undefined, target: Target, policy: TranspilePolicy): Prepared {
  // Malformed PUBs are left to the validation that follows, which names the problem.
  const wellFormed = circuit !== null && typeof circuit === 'object' && Array.isArray((circuit as Circuit).instructions);
  if (!wellFormed || !target.requiresIsa || policy === false || isIsa(circuit, target)) {
    return { circuit, rows, finalLayout: null };
  }
  const result = transpile(circuit, target, typeof policy === 'object' ? policy : {});
  return { circuit: result.circuit, rows: remapRows(circuit, result.circuit, rows), finalLayout: result.layout.final };
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
  return pubs.map((pub) => {
    const p = prepare(pub.circuit, pub.parameterValues, target, policy);
    return p.circuit === pub.circuit ? pub : { ...pub, circuit: p.circuit, parameterValues: p.rows };
  });
}

/** Estimator PUBs ready for `target`: circuits made ISA and observables moved onto physical qubits. */
export function estimatorPubsForTarget(pubs: readonly EstimatorPub[], target: Target, policy: TranspilePolicy = true): EstimatorPub[] {
  return pubs.map((pub) => {
    const p = prepare(pub.circuit, pub.parameterValues, target, policy);
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
