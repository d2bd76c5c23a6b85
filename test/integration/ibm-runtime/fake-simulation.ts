import type { Circuit } from '../../../src/circuit/circuit';
import { parseQasm, qasm3ParameterNames } from '../../../src/circuit/qasm';
import { Statevector } from '../../../simulators/statevector';

/**
 * Result bodies computed by actually running the submitted OpenQASM 3 on the local statevector
 * simulator: the fake server then behaves like a noiseless IBM device (plain JSON format).
 */
interface Job {
  params: { pubs: unknown[][]; shots?: number };
}

/** Binds row `r` of the PUB's `{qasmName: [values]}` dict. */
function bindRow(c: Circuit, values: Record<string, number[]> | null, r: number): Circuit {
  if (!values) return c;
  const byQasm = new Map([...qasm3ParameterNames(c)].map(([name, q]) => [q, name]));
  return c.assignParameters(Object.fromEntries(Object.entries(values).map(([q, v]) => [byQasm.get(q) ?? q, v[r]!])));
}
const rowsOf = (values: Record<string, number[]> | null): number => (values ? Object.values(values)[0]!.length : 1);

export function simulatedSampler(job: Job): unknown {
  return {
    results: job.params.pubs.map((pub, i) => {
      const c = parseQasm(pub[0] as string);
      const values = (pub[1] as Record<string, number[]> | null) ?? null;
      const shots = (pub[2] as number | null) ?? job.params.shots ?? 4096;
      const source = new Array<number>(c.numClbits).fill(-1);
      for (const ins of c.instructions) if (ins.name === 'measure') source[ins.clbits[0]!] = ins.qubits[0]!;
      const samples: Record<string, string[]> = Object.fromEntries(c.classicalRegisters.map((r) => [r.name, []]));
      for (let r = 0; r < rowsOf(values); r++) {
        const idx = Statevector.fromCircuit(bindRow(c, values, r)).sampleIndices(shots, 1000 * i + r);
        for (const reg of c.classicalRegisters) {
          for (const s of idx) {
            let v = 0n;
            for (let j = 0; j < reg.size; j++) {
              const q = source[reg.offset + j]!;
              if (q >= 0 && Math.floor(s / 2 ** q) % 2) v |= 1n << BigInt(j);
            }
            samples[reg.name]!.push(`0x${v.toString(16)}`);
          }
        }
      }
      const data = Object.fromEntries(c.classicalRegisters.map((r) => [r.name, { samples: samples[r.name], num_bits: r.size }]));
      return { data, metadata: { circuit_metadata: {} } };
    }),
    metadata: { version: 2 },
  };
}

export function simulatedEstimator(job: Job): unknown {
  return {
    results: job.params.pubs.map((pub) => {
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
