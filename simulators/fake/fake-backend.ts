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
import { estimatePub } from '../pub-runner/estimation';
import { assertEstimatorPubRunnable, assertPrimitiveRequest, settlePubs } from '../pub-runner/job-runner';
import { finalClbitSources } from '../../src/primitives/measurement';
import { bindRow, pubResultFromMemory, sampleMemory, samplePub } from '../pub-runner/sampling';
import { deriveSeed, freshSeed } from '../../src/core/random';
import { assertStateFits, simulateStatevector } from '../statevector';
import { compressCircuit } from './compress';
import { fakeDevice } from './devices';
import { applySamplerNoise, circuitFidelity } from './noise';

/** Options of {@link createFakeBackend}. */
export interface FakeBackendOptions {
  /**
   * Simulate the device's calibrated noise (global depolarisation from gate errors, readout
   * flips; see noise.ts). @defaultValue false — results are exact, like a noiseless simulator
   * that only accepts ISA circuits.
   */
  noise?: boolean;
  /** Keep fractional gates (rx, rzz) in the target where the device offers them. @defaultValue false */
  useFractionalGates?: boolean;
}

/**
 * A fake IBM device as a {@link Backend}: the target comes from IBM-shaped configuration and
 * properties JSON (simulators/fake/data/), and only ISA circuits run (others are refused with
 * IBM's 1517 wording, as the real service does). Circuits are simulated on the statevector
 * simulator using only the qubits they touch, so a 156-qubit ISA circuit that uses 8 qubits
 * runs as an 8-qubit simulation.
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
  return new FakeBackend(configuration.backend_name, target, options.noise ?? false);
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
    private readonly noise: boolean,
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
        const { small, physical } = prepared[i]!;
        const seed = deriveSeed(baseSeed, i);
        if (!this.noise) return samplePub(small, p.rows, p.shots, seed, signal);
        const sampled = await sampleMemory(small, p.rows, p.shots, seed, signal);
        const src = finalClbitSources(small).map((q) => (q >= 0 ? physical[q]! : -1));
        const fidelity = circuitFidelity(p.circuit, this.target);
        applySamplerNoise(sampled, small, src, fidelity, this.target, deriveSeed(seed, 0x6e6f));
        return pubResultFromMemory(small, sampled, { noise: 'depolarising+readout', fidelity });
      }, (results) => ({ kind: 'sampler', pubs: results, metadata: { backend: this.name, jobId: id, seed: request.seed, noise: this.noise } }));
    }
    const pubs = estimatorPubsOf(request, this.target, 0);
    const prepared = pubs.map((p, i) => {
      assertEstimatorPubRunnable(p, i, this.target);
      return this.prepare(p.circuit, p.rows);
    });
    return settlePubs<EstimatorResult, EstimatorPubResult>(id, this.name, signal, pubs.length, async (i) => {
      const p = pubs[i]!;
      const { small, physical } = prepared[i]!;
      const observables: PauliSum[] = p.observables.map((sum) => {
        const terms: [string, number][] = [];
        for (const [label, c] of sum) {
          const l = compressLabel(label, physical);
          if (l !== null) terms.push([l, c]);
        }
        return terms.length ? terms : [['I'.repeat(physical.length), 0]];
      });
      const r = await estimatePub(small, p.rows, observables, p.precision, deriveSeed(baseSeed, i), signal);
      if (!this.noise) return r;
      // Global depolarisation: non-identity terms shrink by the circuit fidelity F.
      const f = circuitFidelity(p.circuit, this.target);
      const idPart = observables.map((o) => o.filter(([l]) => !/[XYZ]/.test(l)).reduce((a, [, c]) => a + c, 0));
      return {
        evs: r.evs.map((row) => row.map((ev, k) => idPart[k]! + f * (ev - idPart[k]!))),
        stds: r.stds.map((row) => row.map((s) => f * s)),
        metadata: { ...r.metadata, noise: 'depolarising', fidelity: f },
      };
    }, (results) => ({ kind: 'estimator', pubs: results, metadata: { backend: this.name, jobId: id, seed: request.seed, noise: this.noise } }));
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
