/**
 * A {@link NoiseModel} built from a device's calibration, as Qiskit Aer's
 * `NoiseModel.from_backend` builds it: per instruction and qubit tuple the depolarizing channel
 * followed by thermal relaxation over the gate's length (the parameters of
 * {@link deviceNoiseParameters}, chosen so the composed channel's average gate infidelity equals
 * the reported gate error), per qubit the readout assignment matrix, and per qubit its T1/T2
 * for relaxation during delays.
 */
import type { Target } from '../core/target';
import { composeErrors, depolarizingError, tensorErrors, thermalRelaxationError, type QuantumError } from './channels';
import { deviceNoiseParameters, type DeviceNoiseOptions, type DeviceNoiseParameters, type GateNoiseParameters } from './device-noise';
import { NoiseModel } from './noise-model';
import { ReadoutError } from './readout';

/** A device noise model and the calibration parameters it was built from (what was clipped or skipped). */
export interface DeviceNoiseModel {
  /** The noise model: one error per calibrated instruction and qubit tuple, readout per qubit. */
  readonly model: NoiseModel;
  /** The parameters behind it, including the entries that gave no noise and why. */
  readonly parameters: DeviceNoiseParameters;
  /**
   * Calibrated instructions whose noise the model does not carry: relaxation during `reset`
   * (the noise model attaches errors to unitary gates and delays only), as `name [qubits]`.
   * Delays relax by the qubits' T1/T2 whatever their calibrated length.
   */
  readonly notAttached: readonly string[];
}

/** Instructions the noise model takes no error on (it attaches errors after unitary gates). */
const NOT_GATES = new Set(['reset', 'delay', 'measure']);

/**
 * The channel of one calibrated instruction: depolarizing first, then relaxation (Aer's order).
 * Relaxation of a multi-qubit gate is the tensor product of each qubit's; the gate's first
 * qubit is the least significant (Qiskit's order, as the gate matrices).
 */
function instructionError(g: GateNoiseParameters): QuantumError | null {
  const n = g.qubits.length;
  const depolarizing = g.depolarizingParameter > 0 ? depolarizingError(g.depolarizingParameter, n) : null;
  let relaxation: QuantumError | null = null;
  if (g.relaxation) {
    for (const r of g.relaxation) {
      const one = thermalRelaxationError(r.t1, r.t2, r.time);
      relaxation = relaxation ? tensorErrors(one, relaxation) : one;
    }
  }
  if (depolarizing && relaxation) return composeErrors(depolarizing, relaxation);
  return depolarizing ?? relaxation;
}

/**
 * Builds the noise model of a device from its calibration (`target` of a fake device, or of an
 * IBM device's properties). `options` leave out gate errors, relaxation or readout as Aer's
 * `from_backend` flags do.
 *
 * @example
 * const { model, parameters } = noiseModelFromDevice(fakeTarget('fake_fez'));
 * console.log(model.describe(), parameters.skipped.length);
 * @throws {ConfigurationError} when the calibration is malformed (see {@link deviceNoiseParameters})
 */
export function noiseModelFromDevice(target: Target, options: DeviceNoiseOptions = {}): DeviceNoiseModel {
  const parameters = deviceNoiseParameters(target, options);
  const model = new NoiseModel();
  const notAttached: string[] = [];
  for (const g of parameters.gates) {
    const error = instructionError(g);
    if (!error) continue;
    if (g.gate === 'delay') continue; // a delay's own duration decides its relaxation (delayRelaxation)
    if (NOT_GATES.has(g.gate)) notAttached.push(`${g.gate} [${g.qubits.join(', ')}]`);
    else model.addQuantumError(error, g.gate, g.qubits);
  }
  for (const r of parameters.readout) model.addReadoutError(new ReadoutError(r.matrix), [r.qubit]);
  for (const r of parameters.delayRelaxation) model.addDelayRelaxation(r.t1, r.t2, [r.qubit]);
  return { model, parameters, notAttached: Object.freeze(notAttached) };
}
