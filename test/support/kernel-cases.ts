/** Shared helpers of the kernel tests (not a test file). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Backend, RunOptions } from '../../src/backend';
import type { Job } from '../../src/core/job';
import type { EstimatorRequest, EstimatorResult, SamplerRequest, SamplerResult } from '../../src/primitives/types';
import type { Target } from '../../src/core/target';

export const CASES_DIR = path.join(__dirname, '..', '..', 'fixtures', 'kernel-cases');

/** One reference case file (copied from the reference set into fixtures/kernel-cases). */
export interface KernelCase {
  case_id: string;
  feature_map: {
    feature_dimension: number;
    reps: number;
    entanglement: string;
    alpha: number;
    paulis: string[];
    entangler_maps: Array<{ rep: number; blocks: Array<{ pauli: string; tuples: number[][] }> }>;
  };
  inputs: { X_train: number[][]; X_test: number[][] };
  tolerance: number;
  targets: Record<string, { matrix?: number[][]; x?: number[]; re?: number[]; im?: number[] }>;
}

export function loadCases(): KernelCase[] {
  return fs
    .readdirSync(CASES_DIR)
    .filter((f) => f.endsWith('.json') && !f.startsWith('adhoc'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(CASES_DIR, f), 'utf8')) as KernelCase);
}

export function loadAdHoc(): any {
  return JSON.parse(fs.readFileSync(path.join(CASES_DIR, 'adhoc_seed12345_n2.json'), 'utf8'));
}

/** Counts what passes through a backend: run calls (jobs), PUBs, parameter rows, statevector calls. */
export interface Counts {
  jobs: number;
  pubs: number;
  rows: number;
  statevectors: number;
  pubsPerJob: number[];
  rowsPerPub: number[];
  circuits: Set<unknown>;
}

/** Wraps a backend, counting its use; `target` may be replaced (e.g. an ISA-only target). */
export function countingBackend(inner: Backend, target?: Target): { backend: Backend; counts: Counts } {
  const counts: Counts = { jobs: 0, pubs: 0, rows: 0, statevectors: 0, pubsPerJob: [], rowsPerPub: [], circuits: new Set() };
  const run = async (req: SamplerRequest | EstimatorRequest, opts?: RunOptions): Promise<Job<SamplerResult | EstimatorResult>> => {
    counts.jobs++;
    counts.pubs += req.pubs.length;
    counts.pubsPerJob.push(req.pubs.length);
    for (const p of req.pubs) {
      const r = p.parameterValues?.length ?? 1;
      counts.rows += r;
      counts.rowsPerPub.push(r);
      counts.circuits.add(p.circuit);
    }
    return (inner.run as (r: unknown, o?: RunOptions) => Promise<Job<SamplerResult | EstimatorResult>>)(req, opts);
  };
  const backend = {
    contractVersion: 1 as const,
    name: inner.name,
    target: target ?? inner.target,
    run: run as Backend['run'],
    ...(inner.statevector
      ? {
          statevector: (c: Parameters<NonNullable<Backend['statevector']>>[0], o?: RunOptions) => {
            counts.statevectors++;
            return inner.statevector!(c, o);
          },
        }
      : {}),
  } as Backend;
  return { backend, counts };
}

/** A sampler-only view of a backend (no statevector capability, another name). */
export function samplerOnly(inner: Backend, name = 'sampler_only'): Backend {
  return { contractVersion: 1, name, target: inner.target, run: inner.run.bind(inner) } as Backend;
}

/** Max |a − b| over a matrix given as nested arrays vs a getter. */
export function maxAbsDiff(expected: number[][], get: (i: number, j: number) => number): number {
  let m = 0;
  expected.forEach((row, i) => row.forEach((v, j) => (m = Math.max(m, Math.abs(get(i, j) - v)))));
  return m;
}
