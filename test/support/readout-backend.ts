/**
 * A test Backend whose Sampler runs go through the density-matrix simulator
 * (simulators/density-matrix `sampleDensityMatrixCounts`) with a fixed NoiseModel: the way the
 * readout-mitigation tests get counts with readout errors only, on a backend that is not the
 * code under test. No statevector capability, so kernels on it take the sampled path.
 */
import type { Backend, RunOptions } from '../../src/backend';
import type { Circuit } from '../../src/circuit/circuit';
import { localJobId, SettledJob, type Job } from '../../src/core/job';
import { deriveSeed, freshSeed } from '../../src/core/random';
import { createTarget } from '../../src/core/target';
import { GATES } from '../../src/circuit/gates';
import { BitArray } from '../../src/primitives/bit-array';
import type { NoiseModel } from '../../src/noise';
import type { EstimatorRequest, EstimatorResult, SamplerPubResult, SamplerRequest, SamplerResult } from '../../src/primitives/types';
import { samplerPubsOf } from '../../src/primitives/validate';
import { sampleDensityMatrixCounts } from '../../simulators/density-matrix';

/** Shots per bit string → that many bit strings (sorted keys: the order of shots is irrelevant to counts). */
function expand(counts: Readonly<Record<string, number>>): string[] {
  return Object.keys(counts).sort().flatMap((k) => Array<string>(counts[k]!).fill(k));
}

/** A backend named `name` on `numQubits` qubits whose sampled results carry `noise`. */
export function densityMatrixBackend(noise: NoiseModel, numQubits = 6, name = 'dm_readout'): Backend & { runs: number } {
  const target = createTarget({
    numQubits,
    basisGates: [...GATES.keys()],
    couplingMap: null,
    maxShots: 1_000_000,
    maxPubsPerJob: 10_000,
    simulator: true,
    requiresIsa: false,
    processorType: 'density-matrix test backend',
  });
  const backend = {
    contractVersion: 1 as const,
    name,
    target,
    runs: 0,
    async run(request: SamplerRequest | EstimatorRequest, _options?: RunOptions): Promise<Job<SamplerResult>> {
      if (request.kind !== 'sampler') throw new Error('densityMatrixBackend runs Sampler work only');
      backend.runs++;
      const id = localJobId(name);
      const base = request.seed ?? freshSeed();
      const pubs = samplerPubsOf(request, target).map((p, i): SamplerPubResult => {
        const rows = p.rows.length ? p.rows : [[]];
        const perRow = rows.map((row, r) => {
          const bound: Circuit = row.length ? p.circuit.assignParameters(row) : p.circuit;
          return sampleDensityMatrixCounts(bound, { noise, shots: p.shots, seed: deriveSeed(base, i, r) }).registerCounts;
        });
        const data = Object.fromEntries(
          p.circuit.classicalRegisters.map((reg) => [reg.name, BitArray.fromBitstrings(perRow.flatMap((rc) => expand(rc[reg.name]!)), reg.size, rows.length)]),
        );
        return { data, metadata: { shots: p.shots, numRows: rows.length } };
      });
      return new SettledJob<SamplerResult>(id, name, { result: { kind: 'sampler', pubs, metadata: { backend: name, jobId: id } } });
    },
  };
  return backend as unknown as Backend & { runs: number };
}
