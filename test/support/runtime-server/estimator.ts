/**
 * Runs Estimator PUBs the way a noiseless device would: exact expectation values from the
 * statevector simulator (stds 0), in the plain JSON result format. The submitted OpenQASM 3 is
 * read with the product's own reader (`parseQasm`): Estimator circuits carry parameters and
 * observables laid out on every device qubit, which the server's small ISA reader does not
 * model, and exact values need the whole register anyway.
 */
import type { Circuit } from '../../../src/circuit/circuit';
import { parseQasm, qasm3ParameterNames } from '../../../src/circuit/qasm';
import { Statevector } from '../../../simulators/statevector';

/** Binds row `r` of the PUB's `{qasmName: [values]}` dict. */
function bindRow(c: Circuit, values: Record<string, number[]> | null, r: number): Circuit {
  if (!values) return c;
  const byQasm = new Map([...qasm3ParameterNames(c)].map(([name, q]) => [q, name]));
  return c.assignParameters(Object.fromEntries(Object.entries(values).map(([q, v]) => [byQasm.get(q) ?? q, v[r]!])));
}

const rowsOf = (values: Record<string, number[]> | null): number => (values ? Object.values(values)[0]!.length : 1);

/**
 * The result body of Estimator PUBs `[qasm, observables, values?, precision?]`: `evs` shaped like
 * the observables (one sum, a list of sums, or a column of one-sum rows against parameter rows).
 */
export function estimatorResult(pubs: unknown[][]): unknown {
  return {
    results: pubs.map((pub) => {
      const c = parseQasm(pub[0] as string);
      const obs = pub[1];
      const values = (pub[2] as Record<string, number[]> | null) ?? null;
      const ev = (sv: Statevector, o: Record<string, number>): number => sv.expectationValue(Object.entries(o));
      const states = Array.from({ length: rowsOf(values) }, (_, r) => Statevector.fromCircuit(bindRow(c, values, r)));
      let evs: unknown;
      if (!Array.isArray(obs)) evs = values ? states.map((sv) => ev(sv, obs as Record<string, number>)) : ev(states[0]!, obs as Record<string, number>);
      else if (!values) evs = (obs as Record<string, number>[]).map((o) => ev(states[0]!, o));
      else evs = (obs as Record<string, number>[][]).map(([o]) => states.map((sv) => ev(sv, o!)));
      const zero = JSON.parse(JSON.stringify(evs), (_k, v: unknown) => (typeof v === 'number' ? 0 : v)) as unknown;
      return { data: { evs, stds: zero }, metadata: { target_precision: (pub[3] as number | null) ?? 0, shots: 0 } };
    }),
    metadata: { version: 2 },
  };
}
