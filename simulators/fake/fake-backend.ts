import { hasControlFlow } from '../../src/circuit/control-flow';
import type { Backend, RunOptions, StatevectorData } from '../../src/backend';
import { targetFromIbmConfiguration, type IbmBackendConfiguration, type IbmBackendProperties } from '../../src/ibm/device-config';
import type { Circuit } from '../../src/circuit/circuit';
import { CircuitValidationError, InputValidationError, throwIfAborted } from '../../src/core/errors';
import { localJobId, type Job } from '../../src/core/job';
import type {
  EstimatorPubResult,
  EstimatorRequest,
  EstimatorResult,
  PauliSum,
  PrimitiveRequest,
  SamplerPubResult,
  SamplerRequest,
  SamplerResult,
} from '../../src/primitives/types';
import { estimatorPubsOf, samplerPubsOf } from '../../src/primitives/validate';
import type { Target } from '../../src/core/target';
import { checkIsa } from '../../src/transpiler/isa';
import { scheduleIdleDelays } from '../../src/transpiler/schedule';
import { estimatePub } from '../pub-runner/estimation';
import { assertEstimatorPubRunnable, assertPrimitiveRequest, settlePubs } from '../pub-runner/job-runner';
import { bindRow, samplePub } from '../pub-runner/sampling';
import { deriveSeed, freshSeed } from '../../src/core/random';
import { assertStateFits, simulateStatevector } from '../statevector';
import { compressCircuit } from './compress';
import { fakeDevice } from './devices';
import { NoiseModel } from '../../src/noise/noise-model';
import { noiseModelFromDevice } from '../../src/noise/from-device';
import { noisyJobMetadata, parseNoiseMethod, runNoisyEstimator, runNoisySampler, type NoiseMethod } from '../noisy';

/** Options of {@link createFakeBackend}. */
export interface FakeBackendOptions {
  /**
   * Noise: `true` simulates the device's own calibration (`noiseModelFromDevice` of its target:
   * depolarizing + thermal relaxation per gate, readout per qubit, as Aer's `from_backend`); a
   * {@link NoiseModel} is used as given. @defaultValue false — results are exact, like a
   * noiseless simulator that only accepts ISA circuits.
   */
  noise?: boolean | NoiseModel;
  /**
   * How noisy circuits are simulated: `'density_matrix'` (exact, up to 13 touched qubits),
   * `'trajectories'`, or `'auto'` (density matrix when it fits). Ignored with noise off.
   * @defaultValue 'auto'
   */
  noiseMethod?: NoiseMethod;
  /**
   * With noise: schedule each circuit as late as possible from the device's gate lengths and
   * pad every idle stretch of a used qubit with a delay (`scheduleIdleDelays`), so qubits also
   * relax while they wait — what Qiskit gives with `scheduling_method='alap'` and Aer's delay
   * relaxation. @defaultValue false — as Aer's `from_backend` on an unscheduled circuit, only
   * the gates (and explicit delays) carry noise.
   */
  idleRelaxation?: boolean;
  /** Keep fractional gates (rx, rzz) in the target where the device offers them. @defaultValue false */
  useFractionalGates?: boolean;
}

/**
 * A fake IBM device as a {@link Backend}: the target comes from IBM-shaped configuration and
 * properties JSON (simulators/fake/data/), and only ISA circuits run (others are refused with
 * IBM's 1517 wording, as the real service does). Circuits are simulated on the statevector
 * simulator using only the qubits they touch, so a 156-qubit ISA circuit that uses 8 qubits
 * runs as an 8-qubit simulation. With noise (`noise: true` or a NoiseModel) Sampler and
 * Estimator run on the noisy methods of simulators/noisy (density matrix of the touched qubits).
 */
export async function createFakeBackend(name: string, options: FakeBackendOptions = {}): Promise<Backend> {
  const device = fakeDevice(name);
  const { configuration, properties } = device.load();
  // The data are real devices' snapshots (backend_name `ibm_fez`); the fake keeps its own name,
  // as qiskit-ibm-runtime's FakeFez is `fake_fez`.
  return fakeBackendFromJson({ ...configuration, backend_name: device.name }, properties, options);
}

/** A fake backend from any configuration/properties JSON pair (e.g. a saved real device). */
export function fakeBackendFromJson(
  configuration: IbmBackendConfiguration,
  properties: IbmBackendProperties | undefined,
  options: FakeBackendOptions = {},
): Backend {
  const target = targetFromIbmConfiguration(configuration, properties, { useFractionalGates: options.useFractionalGates });
  const name = configuration.backend_name;
  const noiseMethod = parseNoiseMethod(options.noiseMethod ?? 'auto');
  const noise = options.noise ?? false;
  if (noise !== true && noise !== false && !(noise instanceof NoiseModel)) {
    throw new InputValidationError(`${name}: noise must be true, false or a NoiseModel`);
  }
  const idle = options.idleRelaxation ?? false;
  if (typeof idle !== 'boolean') throw new InputValidationError(`${name}: idleRelaxation must be true or false`);
  if (idle && noise === false) throw new InputValidationError(`${name}: idleRelaxation relaxes idle qubits under noise: give noise too`);
  const config: NoiseConfig | null =
    noise === false
      ? null
      : noise === true
        ? { model: noiseModelFromDevice(target).model, source: `calibrated noise model of ${name}`, method: noiseMethod, idle }
        : { model: noise.copy(), source: 'custom NoiseModel', method: noiseMethod, idle };
  return new FakeBackend(name, target, config);
}

/** The noise a fake backend simulates: the model, where it came from, the method asked for. */
interface NoiseConfig {
  readonly model: NoiseModel;
  readonly source: string;
  readonly method: NoiseMethod;
  /** Schedule circuits ALAP and relax idle qubits (see {@link FakeBackendOptions.idleRelaxation}). */
  readonly idle: boolean;
}

/** Maps a full-width Pauli label onto the compressed qubits; null when the term is 0 on |0⟩. */
function compressLabel(label: string, physical: readonly number[]): string | null {
  const n = label.length;
  const kept = new Set(physical);
  for (let q = 0; q < n; q++) {
    const ch = label[n - 1 - q]!;
    if (!kept.has(q) && (ch === 'X' || ch === 'Y')) return null; // ⟨0|X|0⟩ = ⟨0|Y|0⟩ = 0
  }
  let out = '';
  for (let k = physical.length - 1; k >= 0; k--) out += label[n - 1 - physical[k]!]!;
  return out;
}

class FakeBackend implements Backend {
  readonly contractVersion = 1 as const;

  constructor(
    readonly name: string,
    readonly target: Target,
    private readonly noise: NoiseConfig | null,
  ) {
    Object.freeze(this);
  }

  /** Exact statevector of a bound ISA circuit (noise-free backends only), full circuit width. */
  readonly statevector = async (circuit: Circuit, options: RunOptions = {}): Promise<StatevectorData> => {
    throwIfAborted(options.signal);
    if (this.noise) throw new InputValidationError(`${this.name}: statevector is only available with noise off`);
    checkIsa(circuit, this.target);
    assertStateFits(circuit.numQubits);
    const { circuit: small, physical } = compressCircuit(circuit);
    const s = simulateStatevector(small, { signal: options.signal });
    const re = new Float64Array(2 ** circuit.numQubits);
    const im = new Float64Array(2 ** circuit.numQubits);
    for (let i = 0; i < s.re.length; i++) {
      let j = 0;
      for (let k = 0; k < physical.length; k++) if ((i >> k) & 1) j += 2 ** physical[k]!;
      re[j] = s.re[i]!;
      im[j] = s.im[i]!;
    }
    return Object.freeze({ numQubits: circuit.numQubits, re, im });
  };

  run(request: SamplerRequest, options?: RunOptions): Promise<Job<SamplerResult>>;
  run(request: EstimatorRequest, options?: RunOptions): Promise<Job<EstimatorResult>>;
  async run(request: PrimitiveRequest, options: RunOptions = {}): Promise<Job<SamplerResult> | Job<EstimatorResult>> {
    const { signal } = options;
    throwIfAborted(signal);
    assertPrimitiveRequest(request);
    // ISA first, so non-ISA work is refused with IBM's 1517 wording.
    if (Array.isArray(request.pubs)) request.pubs.forEach((p) => p?.circuit && checkIsa(p.circuit, this.target));
    const id = localJobId(this.name);
    const baseSeed = request.seed ?? freshSeed();
    const noise = this.noise;
    if (request.kind === 'sampler') {
      const pubs = samplerPubsOf(request, this.target);
      // The noise model covers top-level gates and final readout only: refuse rather than under-count.
      const dynamic = this.noise ? pubs.findIndex((p) => hasControlFlow(p.circuit.instructions)) : -1;
      if (dynamic >= 0) {
        throw new CircuitValidationError(
          `PUB ${dynamic}: the fake device's noise model does not cover classical control (if_else); run it without noise`,
        );
      }
      const prepared = pubs.map((p) => this.prepare(p.circuit, p.rows));
      return settlePubs<SamplerResult, SamplerPubResult>(id, this.name, signal, pubs.length, async (i) => {
        const p = pubs[i]!;
        const seed = deriveSeed(baseSeed, i);
        // Noisy: the full-width ISA circuit, so the noise model's physical qubits line up (the
        // density matrix still holds only the qubits the circuit touches).
        if (noise) return runNoisySampler(this.noisyCircuit(p.circuit), p.rows, p.shots, seed, { noise: noise.model, noiseMethod: noise.method, signal });
        return samplePub(prepared[i]!.small, p.rows, p.shots, seed, signal);
      }, (results) => ({ kind: 'sampler', pubs: results, metadata: this.jobMetadata(id, request.seed, baseSeed, results) }));
    }
    const pubs = estimatorPubsOf(request, this.target, 0);
    const prepared = pubs.map((p, i) => {
      assertEstimatorPubRunnable(p, i, this.target);
      return this.prepare(p.circuit, p.rows);
    });
    return settlePubs<EstimatorResult, EstimatorPubResult>(id, this.name, signal, pubs.length, async (i) => {
      const p = pubs[i]!;
      const seed = deriveSeed(baseSeed, i);
      if (noise) {
        return runNoisyEstimator(this.noisyCircuit(p.circuit), p.rows, p.observables, p.precision, seed, { noise: noise.model, noiseMethod: noise.method, signal });
      }
      const { small, physical } = prepared[i]!;
      const observables: PauliSum[] = p.observables.map((sum) => {
        const terms: [string, number][] = [];
        for (const [label, c] of sum) {
          const l = compressLabel(label, physical);
          if (l !== null) terms.push([l, c]);
        }
        return terms.length ? terms : [['I'.repeat(physical.length), 0]];
      });
      return estimatePub(small, p.rows, observables, p.precision, seed, signal);
    }, (results) => ({ kind: 'estimator', pubs: results, metadata: this.jobMetadata(id, request.seed, baseSeed, results) }));
  }

  /** The circuit the noisy methods run: with idle relaxation, scheduled ALAP with its idle time as delays. */
  private noisyCircuit(circuit: Circuit): Circuit {
    return this.noise?.idle ? scheduleIdleDelays(circuit, this.target).circuit : circuit;
  }

  /** Job metadata: unchanged with noise off; with noise, the model, method(s), idle relaxation and seed used. */
  private jobMetadata(
    jobId: string,
    requestSeed: number | undefined,
    baseSeed: number,
    pubs: readonly { readonly metadata: Readonly<Record<string, unknown>> }[],
  ): { backend: string; jobId: string; [k: string]: unknown } {
    if (!this.noise) return { backend: this.name, jobId, seed: requestSeed, noise: false };
    return {
      backend: this.name,
      jobId,
      ...noisyJobMetadata(pubs, this.noise.model, this.noise.source, baseSeed),
      idleRelaxation: this.noise.idle ? 'alap schedule, idle time relaxes as delays' : false,
    };
  }

  /** Checks bound rzz angles per row (IBM checks bound values) and compresses the circuit. */
  private prepare(circuit: Circuit, rows: readonly (readonly number[])[]): { small: Circuit; physical: readonly number[] } {
    if (circuit.instructions.some((i) => i.name === 'rzz') && circuit.parameters.length) {
      for (const row of rows) checkIsa(bindRow(circuit, row), this.target);
    }
    const { circuit: small, physical } = compressCircuit(circuit);
    assertStateFits(small.numQubits);
    return { small, physical };
  }
}
