import type { Backend, RunOptions, StatevectorData } from '../../src/backend';
import type { Circuit } from '../../src/circuit/circuit';
import { GATES } from '../../src/circuit/gates';
import { CircuitValidationError, InputValidationError, throwIfAborted } from '../../src/core/errors';
import { NoiseModel } from '../../src/noise/noise-model';
import { noisyJobMetadata, parseNoiseMethod, runNoisyEstimator, runNoisySampler, type NoiseMethod } from '../noisy';
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
  /**
   * A noise model to simulate (copied when the backend is made). The local backend has no
   * calibration, so `true` is refused: build a NoiseModel by hand. @defaultValue none (exact)
   */
  noise?: NoiseModel;
  /**
   * How noisy circuits are simulated: `'density_matrix'` (exact, up to 13 touched qubits),
   * `'trajectories'`, or `'auto'` (density matrix when it fits). Ignored without noise.
   * @defaultValue 'auto'
   */
  noiseMethod?: NoiseMethod;
}

/**
 * The local statevector simulator as a {@link Backend}: every gate qbridge knows, all-to-all
 * connectivity, no noise unless a NoiseModel is given (then Sampler and Estimator run on the
 * noisy methods of simulators/noisy). Jobs run inside `run` and come back already settled.
 *
 * - Sampler: seeded sampling (same request and seed → same counts); mid-circuit measurement
 *   and reset are simulated shot by shot with collapse (capped, see `COLLAPSE_WORK_LIMIT`).
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
  private readonly noise: { readonly model: NoiseModel; readonly method: NoiseMethod } | null;

  constructor(options: LocalBackendOptions) {
    this.name = options.name ?? 'local';
    const noise: unknown = options.noise;
    if (noise === true) {
      throw new InputValidationError(
        `${this.name}: noise: true needs a device's calibration, which the local simulator does not have; pass a NoiseModel, or use a fake_* backend`,
      );
    }
    if (noise !== undefined && noise !== false && !(noise instanceof NoiseModel)) {
      throw new InputValidationError(`${this.name}: noise must be a NoiseModel`);
    }
    const method = parseNoiseMethod(options.noiseMethod ?? 'auto');
    this.noise = noise instanceof NoiseModel ? { model: noise.copy(), method } : null;
    this.target = createTarget({
      numQubits: options.numQubits ?? 30,
      basisGates: [...GATES.keys()],
      // Classical control is executed exactly by branching (simulators/pub-runner/branching.ts).
      extraOperations: [...DEFAULT_EXTRA_OPERATIONS, 'if_else', 'while_loop'],
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
    if (this.noise) throw new InputValidationError(`${this.name}: statevector is only available with noise off`);
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
    const noise = this.noise;
    const metadata = (results: readonly { readonly metadata: Readonly<Record<string, unknown>> }[]) =>
      noise
        ? { backend: this.name, jobId: id, ...noisyJobMetadata(results, noise.model, 'custom NoiseModel', baseSeed) }
        : { backend: this.name, jobId: id, seed: request.seed };
    if (request.kind === 'sampler') {
      const pubs = samplerPubsOf(request, this.target);
      for (const p of pubs) assertStateFits(p.circuit.numQubits);
      return settlePubs<SamplerResult, SamplerPubResult>(
        id, this.name, signal, pubs.length,
        (i) => noise
          ? runNoisySampler(pubs[i]!.circuit, pubs[i]!.rows, pubs[i]!.shots, deriveSeed(baseSeed, i), { noise: noise.model, noiseMethod: noise.method, signal })
          : samplePub(pubs[i]!.circuit, pubs[i]!.rows, pubs[i]!.shots, deriveSeed(baseSeed, i), signal),
        (results) => ({ kind: 'sampler', pubs: results, metadata: metadata(results) }),
      );
    }
    const pubs = estimatorPubsOf(request, this.target, 0);
    pubs.forEach((p, i) => {
      assertStateFits(p.circuit.numQubits, p.precision > 0 ? 2 : 1);
      assertEstimatorPubRunnable(p, i, this.target);
    });
    return settlePubs<EstimatorResult, EstimatorPubResult>(
      id, this.name, signal, pubs.length,
      (i) => noise
        ? runNoisyEstimator(pubs[i]!.circuit, pubs[i]!.rows, pubs[i]!.observables, pubs[i]!.precision, deriveSeed(baseSeed, i), { noise: noise.model, noiseMethod: noise.method, signal })
        : estimatePub(pubs[i]!.circuit, pubs[i]!.rows, pubs[i]!.observables, pubs[i]!.precision, deriveSeed(baseSeed, i), signal),
      (results) => ({ kind: 'estimator', pubs: results, metadata: metadata(results) }),
    );
  }
}
