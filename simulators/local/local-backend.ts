import type { Backend, RunOptions, StatevectorData } from '../../src/backend';
import type { Circuit } from '../../src/circuit/circuit';
import { GATES } from '../../src/circuit/gates';
import { CircuitValidationError, throwIfAborted } from '../../src/core/errors';
import { localJobId, type Job } from '../../src/core/job';
import type {
  EstimatorPubResult,
  EstimatorRequest,
  EstimatorResult,
  PrimitiveRequest,
  SamplerPubResult,
  SamplerRequest,
  SamplerResult,
} from '../../src/primitives/types';
import { estimatorPubsOf, samplerPubsOf } from '../../src/primitives/validate';
import { createTarget, DEFAULT_EXTRA_OPERATIONS, type Target } from '../../src/core/target';
import { assertStateFits, simulateStatevector } from '../statevector';
import { estimatePub } from '../pub-runner/estimation';
import { samplePub } from '../pub-runner/sampling';
import { assertEstimatorPubRunnable, assertPrimitiveRequest, settlePubs } from '../pub-runner/job-runner';
import { deriveSeed, freshSeed } from '../../src/core/random';

/** Options of {@link createLocalBackend}. */
export interface LocalBackendOptions {
  /** Backend name. @defaultValue `'local'` */
  name?: string;
  /**
   * Qubits the target advertises. @defaultValue 30 (the kernels' index limit; memory is
   * checked per job and refused with ResourceLimitError when a state would not fit)
   */
  numQubits?: number;
  /** @defaultValue 10_000_000 */
  maxShots?: number;
  /** @defaultValue 10_000 */
  maxPubsPerJob?: number;
}

/**
 * The local statevector simulator as a {@link Backend}: every gate qbridge knows, all-to-all
 * connectivity, no noise. Jobs run inside `run` and come back already settled.
 *
 * - Sampler: seeded sampling (same request and seed → same counts); mid-circuit measurement
 *   and reset are simulated shot by shot with collapse (capped, see `PER_SHOT_WORK_LIMIT`).
 * - Estimator: exact with precision 0 (the default here), seeded Pauli-basis sampling otherwise.
 * - `statevector(circuit)`: exact amplitudes of a bound circuit (final measurements ignored).
 */
export function createLocalBackend(options: LocalBackendOptions = {}): Backend {
  return new LocalBackend(options);
}

class LocalBackend implements Backend {
  readonly contractVersion = 1 as const;
  readonly name: string;
  readonly target: Target;

  constructor(options: LocalBackendOptions) {
    this.name = options.name ?? 'local';
    this.target = createTarget({
      numQubits: options.numQubits ?? 30,
      basisGates: [...GATES.keys()],
      // Classical control is executed exactly by branching (simulators/pub-runner/branching.ts).
      extraOperations: [...DEFAULT_EXTRA_OPERATIONS, 'if_else'],
      couplingMap: null,
      maxShots: options.maxShots ?? 10_000_000,
      maxPubsPerJob: options.maxPubsPerJob ?? 10_000,
      simulator: true,
      requiresIsa: false,
      processorType: 'statevector simulator',
    });
    Object.freeze(this);
  }

  /** Exact statevector of a bound circuit without mid-circuit measurement or reset. */
  readonly statevector = async (circuit: Circuit, options: RunOptions = {}): Promise<StatevectorData> => {
    throwIfAborted(options.signal);
    if (circuit.numQubits > this.target.numQubits) {
      throw new CircuitValidationError(`circuit has ${circuit.numQubits} qubits but the backend has ${this.target.numQubits}`);
    }
    const s = simulateStatevector(circuit, { signal: options.signal });
    return Object.freeze({ numQubits: s.numQubits, re: s.re, im: s.im });
  };

  run(request: SamplerRequest, options?: RunOptions): Promise<Job<SamplerResult>>;
  run(request: EstimatorRequest, options?: RunOptions): Promise<Job<EstimatorResult>>;
  async run(request: PrimitiveRequest, options: RunOptions = {}): Promise<Job<SamplerResult> | Job<EstimatorResult>> {
    const { signal } = options;
    throwIfAborted(signal);
    assertPrimitiveRequest(request);
    const id = localJobId(this.name);
    const baseSeed = request.seed ?? freshSeed();
    if (request.kind === 'sampler') {
      const pubs = samplerPubsOf(request, this.target);
      for (const p of pubs) assertStateFits(p.circuit.numQubits);
      return settlePubs<SamplerResult, SamplerPubResult>(
        id, this.name, signal, pubs.length,
        (i) => samplePub(pubs[i]!.circuit, pubs[i]!.rows, pubs[i]!.shots, deriveSeed(baseSeed, i), signal),
        (results) => ({ kind: 'sampler', pubs: results, metadata: { backend: this.name, jobId: id, seed: request.seed } }),
      );
    }
    const pubs = estimatorPubsOf(request, this.target, 0);
    pubs.forEach((p, i) => {
      assertStateFits(p.circuit.numQubits, p.precision > 0 ? 2 : 1);
      assertEstimatorPubRunnable(p, i, this.target);
    });
    return settlePubs<EstimatorResult, EstimatorPubResult>(
      id, this.name, signal, pubs.length,
      (i) => estimatePub(pubs[i]!.circuit, pubs[i]!.rows, pubs[i]!.observables, pubs[i]!.precision, deriveSeed(baseSeed, i), signal),
      (results) => ({ kind: 'estimator', pubs: results, metadata: { backend: this.name, jobId: id, seed: request.seed } }),
    );
  }
}
