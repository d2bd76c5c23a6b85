/**
 * Noise parameters from a device's calibration, by the rule of Qiskit Aer's
 * `NoiseModel.from_backend` for a BackendV2 target (`basic_device_gate_errors` and
 * `basic_device_readout_errors` in qiskit_aer/noise/device/models.py), at temperature 0:
 *
 * - **Relaxation**: every instruction with a non-zero gate length gets, on each of its qubits,
 *   a thermal relaxation channel over that length (T1 amplitude damping to |0⟩, total
 *   coherence decay e^(−t/T2)); a multi-qubit gate gets their tensor product. T2 is clipped to
 *   2·T1 (a larger T2 is not a physical channel); a missing T1 counts as ∞ and a missing T2 as
 *   2·T1 (∞ when T1 is missing too).
 * - **Depolarizing**: a gate (not reset or delay) with a non-zero `gate_error` e also gets an
 *   n-qubit depolarizing channel E(ρ) = (1 − λ)ρ + λ·Tr(ρ)·I/d, d = 2ⁿ, applied first and
 *   followed by the relaxation (Aer's `depol_error.compose(relax_error)`; the order matters for
 *   the channel, relaxation not being unital, but not for its fidelity). The gate error is read
 *   as 1 − F, F the average gate fidelity of the composed channel. F is linear in the channel,
 *   and a channel that first depolarizes fully has F = Tr(R(I/d))/d = 1/d, so
 *   F = (1 − λ)·F_r + λ/d, whence
 *   λ = d·(F_r − F) / (d·F_r − 1) = d·(e − r) / (d·F_r − 1), r = 1 − F_r the relaxation's own
 *   infidelity. Without relaxation this is λ = d·e/(d − 1). When e ≤ r there is no
 *   depolarizing part (the relaxation alone already exceeds the reported error). As in Aer, e
 *   is first clipped to d/(d + 1) (the largest average infidelity of any channel) and λ to
 *   4ⁿ/(4ⁿ − 1) (the largest λ for which E is completely positive); every clip is reported.
 * - **Delays**: a `delay` instruction relaxes its qubit over the delay's duration with the
 *   qubit's T1 and T2 (same defaults and clip), Aer's `RelaxationNoisePass` on delays.
 * - **Readout**: per qubit the assignment matrix M[prepared][measured] =
 *   [[1 − p(1|0), p(1|0)], [p(0|1), 1 − p(0|1)]] from `prob_meas1_prep0` and
 *   `prob_meas0_prep1`, or symmetric from `readout_error` when either is missing.
 * - `measure` gets no gate noise (its error is the readout matrix); gates the target does not
 *   offer (IBM's fractional `rx`/`rzz` when fractional gates are off) and instructions on
 *   qubits marked non-operational are skipped, each with its reason.
 *
 * The relaxation's average gate fidelity has a closed form through the Pauli transfer matrix
 * R: F = (d·Tr(R)/d² + 1)/(d + 1), and one qubit's relaxation has Tr(R) = 1 + 2·e^(−t/T2) +
 * e^(−t/T1) (the diagonal: identity, X and Y decay with T2, Z with T1), multiplying over a
 * tensor product.
 *
 * The result is plain frozen data; building channels from it is the noise model's job.
 */
import type { Target } from '../core/target';
import { deviceCalibration, type DeviceCalibration, type QubitCalibration } from './calibration';

/** The thermal relaxation of one qubit during one instruction (temperature 0). */
export interface RelaxationParameters {
  /** The physical qubit. */
  readonly qubit: number;
  /** T1 in seconds; `Infinity` when the device reported none. */
  readonly t1: number;
  /** T2 in seconds, after clipping to 2·T1; `Infinity` when neither T1 nor T2 was reported. */
  readonly t2: number;
  /** The reported T2 exceeded 2·T1 and was clipped to 2·T1. */
  readonly t2Clipped: boolean;
  /** How long the relaxation acts: the instruction's gate length, in seconds. */
  readonly time: number;
}

/** The noise of one instruction on one qubit tuple: the depolarizing channel, then the relaxation. */
export interface GateNoiseParameters {
  /** The gate (or `reset`/`delay`) name. */
  readonly gate: string;
  /** Its physical qubits, in argument order. */
  readonly qubits: readonly number[];
  /** The reported gate error, or `null` when none was reported or the instruction is not a gate. */
  readonly gateError: number | null;
  /** λ of the depolarizing channel (1 − λ)ρ + λ·Tr(ρ)·I/d; 0 for none. */
  readonly depolarizingParameter: number;
  /** Per qubit (in `qubits` order), the relaxation; `null` when the gate length is 0 or unknown. */
  readonly relaxation: readonly RelaxationParameters[] | null;
  /** 1 − the average gate fidelity of the relaxation alone (0 without relaxation). */
  readonly relaxationInfidelity: number;
  /** 1 − the average gate fidelity of the composed channel this describes. */
  readonly modelledError: number;
  /** What was clipped and to what, when anything was (the model then differs from `gateError`). */
  readonly clipped?: readonly string[];
}

/** The readout assignment of one qubit. */
export interface ReadoutNoiseParameters {
  /** The physical qubit. */
  readonly qubit: number;
  /** `matrix[prepared][measured]`: the probability of reading `measured` after preparing `prepared`. */
  readonly matrix: readonly [readonly [number, number], readonly [number, number]];
  /** Which calibration fields gave it. */
  readonly source: 'prob_meas' | 'readout_error';
}

/** A calibration entry that produced no noise, and why. */
export interface SkippedCalibration {
  /** The gate name, or `readout` for a qubit's readout, or `relaxation` for a qubit's T1/T2. */
  readonly what: string;
  /** The physical qubits concerned. */
  readonly qubits: readonly number[];
  /** Why, in words. */
  readonly reason: string;
}

/** The noise parameters of a device. */
export interface DeviceNoiseParameters {
  /** The qubit temperature the relaxation assumes, in mK (always 0: decay to |0⟩ only). */
  readonly temperature: 0;
  /** Per instruction with noise, in the device's calibration order. */
  readonly gates: readonly GateNoiseParameters[];
  /** Per qubit with a readout calibration. */
  readonly readout: readonly ReadoutNoiseParameters[];
  /**
   * Per operational qubit with T1 or T2 (relaxation on): the times a `delay` on it relaxes with
   * (`time` is 0 here: each delay brings its own duration).
   */
  readonly delayRelaxation: readonly RelaxationParameters[];
  /** Entries that gave no noise, with their reasons. */
  readonly skipped: readonly SkippedCalibration[];
}

/** Which parts of the model to derive (Aer's `from_backend` flags). */
export interface DeviceNoiseOptions {
  /** Include depolarizing gate errors. @defaultValue true */
  readonly gateError?: boolean;
  /** Include thermal relaxation. @defaultValue true */
  readonly thermalRelaxation?: boolean;
  /** Include readout matrices. @defaultValue true */
  readonly readoutError?: boolean;
}

/** Instructions that are not unitary gates: relaxation only, never a depolarizing part (Aer: not a `Gate`). */
const NON_GATES = new Set(['reset', 'delay']);

/**
 * The average gate fidelity of a tensor product of single-qubit thermal relaxation channels
 * (temperature 0), from the closed form in this module's comment.
 */
export function relaxationAverageGateFidelity(relaxation: readonly RelaxationParameters[]): number {
  const d = 2 ** relaxation.length;
  let traceR = 1;
  for (const r of relaxation) traceR *= 1 + 2 * Math.exp(-r.time / r.t2) + Math.exp(-r.time / r.t1);
  return ((d * traceR) / (d * d) + 1) / (d + 1);
}

/** The depolarizing parameter chosen for a gate, and the clips that choice needed. */
export interface DepolarizingChoice {
  /** λ of (1 − λ)ρ + λ·Tr(ρ)·I/d; 0 for no depolarizing part. */
  readonly lambda: number;
  /** What was clipped and to what (empty when nothing was). */
  readonly clipped: readonly string[];
}

/**
 * λ of the n-qubit depolarizing channel that, composed with a channel of average gate fidelity
 * `relaxationFidelity`, gives average gate infidelity `gateError` (Aer's
 * `_device_depolarizing_error`), with the clips it applied.
 */
export function depolarizingParameter(
  numQubits: number,
  gateError: number,
  relaxationFidelity = 1,
): DepolarizingChoice {
  const d = 2 ** numQubits;
  const relaxInfid = 1 - relaxationFidelity;
  const clipped: string[] = [];
  if (!(gateError > relaxInfid)) {
    if (gateError > 0) {
      clipped.push(`relaxation alone has error ${relaxInfid} ≥ gate_error ${gateError}: no depolarizing part`);
    }
    return { lambda: 0, clipped };
  }
  const errorMax = d / (d + 1);
  let e = gateError;
  if (e > errorMax) {
    clipped.push(`gate_error ${gateError} above the largest average infidelity ${errorMax} of a ${numQubits}-qubit channel: used ${errorMax}`);
    e = errorMax;
  }
  const denom = d * relaxationFidelity - 1;
  const lambdaMax = 4 ** numQubits / (4 ** numQubits - 1);
  let lambda = lambdaMax;
  if (denom > 0) lambda = (d * (e - relaxInfid)) / denom;
  else clipped.push(`relaxation fidelity ${relaxationFidelity} at or below 1/${d}: used the maximum depolarizing parameter ${lambdaMax}`);
  if (lambda > lambdaMax) {
    clipped.push(`depolarizing parameter ${lambda} above its physical maximum ${lambdaMax}: used ${lambdaMax}`);
    lambda = lambdaMax;
  }
  return { lambda, clipped };
}

/** The average gate infidelity of depolarizing λ composed with a channel of fidelity `f`. */
function composedError(numQubits: number, lambda: number, f: number): number {
  const d = 2 ** numQubits;
  return 1 - ((1 - lambda) * f + lambda / d);
}

/** One qubit's relaxation over `time`, Aer's T1/T2 defaults and clip applied; `undefined` when there is none. */
function qubitRelaxation(q: QubitCalibration, time: number): RelaxationParameters | undefined {
  const t1 = q.t1 ?? Infinity;
  const reportedT2 = q.t2 ?? 2 * t1;
  const t2 = Math.min(reportedT2, 2 * t1);
  if (t1 === Infinity && t2 === Infinity) return undefined;
  return Object.freeze({ qubit: q.qubit, t1, t2, t2Clipped: reportedT2 > 2 * t1, time });
}

/** Why an instruction ended up with neither relaxation nor a depolarizing part. */
function noiselessReason(
  gate: string,
  isGate: boolean,
  gateError: number | undefined,
  gateLength: number | undefined,
  useGate: boolean,
  useRelax: boolean,
  noT1T2: boolean,
): string {
  const parts: string[] = [];
  if (!useRelax) parts.push('relaxation switched off');
  else if (noT1T2) parts.push('no T1 or T2 on its qubits');
  else parts.push(`gate_length ${gateLength ?? 'not reported'}: no relaxation`);
  if (!isGate) parts.push(`${gate} is not a gate: no depolarizing part`);
  else if (!useGate) parts.push('gate error switched off');
  else parts.push(`gate_error ${gateError ?? 'not reported'}: no depolarizing part`);
  return `${parts.join('; ')}: noiseless`;
}

/**
 * Derives the noise parameters of a device from its calibration by Aer's `from_backend` rule
 * (this module's comment states it).
 * @param source - a Target with calibration (a fake device's or an IBM backend's)
 * @throws {ConfigurationError} when the target has no calibration or malformed values
 */
export function deviceNoiseParameters(source: Target, options: DeviceNoiseOptions = {}): DeviceNoiseParameters {
  const cal: DeviceCalibration = deviceCalibration(source);
  const useGate = options.gateError ?? true;
  const useRelax = options.thermalRelaxation ?? true;
  const useReadout = options.readoutError ?? true;
  const skipped: SkippedCalibration[] = [];
  const skip = (what: string, qubits: readonly number[], reason: string): void => {
    skipped.push(Object.freeze({ what, qubits: Object.freeze([...qubits]), reason }));
  };

  for (const q of cal.qubits) {
    if (q.faulty || !useRelax) continue;
    if (q.t1 === undefined && q.t2 === undefined) skip('relaxation', [q.qubit], 'no T1 or T2 reported: no relaxation on this qubit');
    else if (q.t1 === undefined) skip('relaxation', [q.qubit], 'no T1 reported: relaxation uses T1 = ∞ (dephasing by T2 only)');
    else if (q.t2 === undefined) skip('relaxation', [q.qubit], 'no T2 reported: relaxation uses T2 = 2·T1');
  }

  const gates: GateNoiseParameters[] = [];
  for (const g of cal.gates) {
    if (g.gate === 'measure') {
      skip(g.gate, g.qubits, 'measurement noise is the readout matrix');
      continue;
    }
    if (!source.operations.has(g.gate)) {
      skip(g.gate, g.qubits, `not an operation of this target (basis: ${source.basisGates.join(', ')})`);
      continue;
    }
    const faulty = g.qubits.filter((q) => cal.qubits[q]!.faulty);
    if (faulty.length) {
      skip(g.gate, g.qubits, `qubit ${faulty.join(', ')} marked non-operational`);
      continue;
    }
    const isGate = !NON_GATES.has(g.gate);
    const time = g.gateLength ?? 0;
    let relaxation: RelaxationParameters[] | null = null;
    if (useRelax && time > 0) {
      const perQubit = g.qubits.map((q) => qubitRelaxation(cal.qubits[q]!, time));
      // A qubit without T1 and T2 relaxes as the identity: T1 = T2 = ∞ (fidelity factor 1).
      relaxation = perQubit.some((r) => r)
        ? perQubit.map((r, i) => r ?? Object.freeze({ qubit: g.qubits[i]!, t1: Infinity, t2: Infinity, t2Clipped: false, time }))
        : null;
    }
    const relaxFid = relaxation ? relaxationAverageGateFidelity(relaxation) : 1;
    const gateError = isGate && g.gateError !== undefined ? g.gateError : null;
    const dep = useGate && gateError !== null && gateError > 0 ? depolarizingParameter(g.qubits.length, gateError, relaxFid) : { lambda: 0, clipped: [] };
    if (!relaxation && dep.lambda === 0) {
      skip(g.gate, g.qubits, noiselessReason(g.gate, isGate, g.gateError, g.gateLength, useGate, useRelax, relaxation === null && time > 0));
      continue;
    }
    const clipped = [
      ...(relaxation ?? []).filter((r) => r.t2Clipped).map((r) => `qubit ${r.qubit} T2 above 2·T1: used T2 = 2·T1 = ${r.t2} s`),
      ...dep.clipped,
    ];
    gates.push(
      Object.freeze({
        gate: g.gate,
        qubits: g.qubits,
        gateError,
        depolarizingParameter: dep.lambda,
        relaxation: relaxation ? Object.freeze(relaxation) : null,
        relaxationInfidelity: 1 - relaxFid,
        modelledError: composedError(g.qubits.length, dep.lambda, relaxFid),
        ...(clipped.length ? { clipped: Object.freeze(clipped) } : {}),
      }),
    );
  }

  const readout: ReadoutNoiseParameters[] = [];
  for (const q of useReadout ? cal.qubits : []) {
    if (q.faulty) {
      skip('readout', [q.qubit], 'qubit marked non-operational');
      continue;
    }
    let p10: number; // p(measure 1 | prepared 0)
    let p01: number; // p(measure 0 | prepared 1)
    let source: ReadoutNoiseParameters['source'];
    if (q.probMeas1Prep0 !== undefined && q.probMeas0Prep1 !== undefined) {
      [p10, p01, source] = [q.probMeas1Prep0, q.probMeas0Prep1, 'prob_meas'];
    } else if (q.readoutError !== undefined) {
      [p10, p01, source] = [q.readoutError, q.readoutError, 'readout_error'];
    } else {
      skip('readout', [q.qubit], 'no prob_meas0_prep1/prob_meas1_prep0 or readout_error reported');
      continue;
    }
    const matrix = Object.freeze([Object.freeze([1 - p10, p10] as const), Object.freeze([p01, 1 - p01] as const)] as const);
    readout.push(Object.freeze({ qubit: q.qubit, matrix, source }));
  }

  const delayRelaxation: RelaxationParameters[] = [];
  for (const q of useRelax ? cal.qubits : []) {
    const r = q.faulty ? undefined : qubitRelaxation(q, 0);
    if (r) delayRelaxation.push(r);
  }

  return Object.freeze({
    temperature: 0,
    gates: Object.freeze(gates),
    readout: Object.freeze(readout),
    delayRelaxation: Object.freeze(delayRelaxation),
    skipped: Object.freeze(skipped),
  });
}
