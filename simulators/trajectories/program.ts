/**
 * A circuit as the trajectory simulator runs it: on the qubits it touches, gates and the Kraus
 * channels (noise after gates, relaxation during delays, resets) in order, final measurements set aside. The same rules
 * as the density-matrix simulator (simulators/density-matrix/evolve.ts): measurements only at
 * the end of their qubit's timeline, resets anywhere (a reset is the channel {|0⟩⟨0|, |0⟩⟨1|}),
 * noise looked up per gate and physical qubits with `quantumErrorFor`. A composite error (a
 * device's depolarizing channel then relaxation on each qubit) becomes one step per factor:
 * unravelling the factors in turn samples the same ensemble as unravelling their product, at a
 * fraction of the cost (16 fixed-probability Paulis and two 4-operator one-qubit channels
 * instead of 256 state-dependent operators on a two-qubit gate).
 */
import type { Circuit } from '../../src/circuit/circuit';
import type { GateMatrix } from '../../src/circuit/gates';
import { CircuitValidationError } from '../../src/core/errors';
import { errorFactors, krausError } from '../../src/noise/channels';
import { delayErrorFor, quantumErrorFor, type NoiseModelSnapshot } from '../../src/noise/noise-model';
import { touchedQubits, type FinalMeasurement } from '../density-matrix/evolve';
import { numericParams } from '../statevector/simulate';
import { prepareChannel, type PreparedChannel } from './branches';

/** One step on the simulated (local) qubits. */
export type Step =
  | { readonly kind: 'gate'; readonly name: string; readonly bits: readonly number[]; readonly params: readonly number[] }
  | { readonly kind: 'channel'; readonly channel: PreparedChannel; readonly bits: readonly number[] };

/** A compiled circuit. */
export interface TrajectoryProgram {
  /** The circuit qubits simulated (touched by an instruction other than a barrier), ascending. */
  readonly qubits: readonly number[];
  /** Gates and channels in circuit order. */
  readonly steps: readonly Step[];
  /** The final measurements (local index → clbit). */
  readonly measurements: readonly FinalMeasurement[];
  /** How many quantum errors the noise model attaches to the circuit's gates (error locations). */
  readonly errorLocations: number;
}

const RESET: PreparedChannel = prepareChannel(
  krausError(
    [
      { dim: 2, data: Float64Array.of(1, 0, 0, 0, 0, 0, 0, 0) }, // |0⟩⟨0|
      { dim: 2, data: Float64Array.of(0, 0, 1, 0, 0, 0, 0, 0) }, // |0⟩⟨1|
    ] satisfies GateMatrix[],
    'reset',
  ),
);

/**
 * Compiles a circuit for the trajectory simulator.
 *
 * @throws {CircuitValidationError} for unbound parameters or a qubit used after its measurement
 */
export function compileTrajectoryProgram(circuit: Circuit, noise: NoiseModelSnapshot | null): TrajectoryProgram {
  const qubits = touchedQubits(circuit);
  const localOf = new Map(qubits.map((q, k) => [q, k]));
  const steps: Step[] = [];
  const measurements: FinalMeasurement[] = [];
  const measured = new Set<number>();
  let errorLocations = 0;
  circuit.instructions.forEach((ins, i) => {
    if (ins.name === 'barrier') return;
    if (ins.name === 'delay') {
      // As the density matrix: after the final measurement a delay changes nothing.
      if (measured.has(ins.qubits[0]!)) return;
      const error = noise ? delayErrorFor(noise, ins.qubits[0]!, ins.params[0] as number) : null;
      if (error) {
        steps.push({ kind: 'channel', channel: prepareChannel(error), bits: [localOf.get(ins.qubits[0]!)!] });
        errorLocations++;
      }
      return;
    }
    for (const q of ins.qubits) {
      if (measured.has(q)) {
        throw new CircuitValidationError(
          `instruction ${i} (${ins.name}) acts on qubit ${q} after it was measured; the trajectory simulator supports only final measurements`,
          i,
        );
      }
    }
    const bits = ins.qubits.map((q) => localOf.get(q)!);
    if (ins.name === 'measure') {
      measured.add(ins.qubits[0]!);
      measurements.push({ local: bits[0]!, qubit: ins.qubits[0]!, clbit: ins.clbits[0]! });
      return;
    }
    if (ins.name === 'reset') {
      steps.push({ kind: 'channel', channel: RESET, bits });
      return;
    }
    steps.push({ kind: 'gate', name: ins.name, bits, params: numericParams(ins, i) });
    const error = noise ? quantumErrorFor(noise, ins.name, ins.qubits) : null;
    if (error) {
      for (const f of errorFactors(error)) {
        steps.push({ kind: 'channel', channel: prepareChannel(f.error), bits: f.args.map((a) => bits[a]!) });
      }
      errorLocations++;
    }
  });
  return { qubits, steps, measurements, errorLocations };
}
