/**
 * What a submission to an IBM device is about to spend, printed before it is sent, and the
 * confirmation rule for large submissions (`--yes`, or a "y" typed at a terminal).
 *
 * The QPU-time estimate is, summed over circuits, shots × (rep delay + circuit duration +
 * readout): every shot waits the device's `default_rep_delay` (250 µs on Heron), runs the
 * circuit's gates (their critical path from the device's reported gate lengths, see
 * {@link circuitDuration}) and ends in a readout. It is an estimate, labelled as one, not IBM's
 * billed usage (which also counts set-up and classical processing).
 */
import { ConfigurationError } from '../core/errors';
import type { Target } from '../core/target';
import { DEFAULT_GATE_SECONDS, type CircuitDuration } from './circuit-duration';

/** Above this many seconds of estimated QPU time, a submission needs `--yes` (or a "y" at a terminal). */
export const SPEND_CONFIRM_SECONDS = 60;

/** A submission's size and its estimated QPU time. */
export interface SpendEstimate {
  /** Circuits (parameter rows, times measurement bases for the Estimator) submitted. */
  readonly circuits: number;
  /** Shots per circuit. */
  readonly shots: number;
  /** Jobs submitted. */
  readonly jobs: number;
  /** Estimated QPU seconds: circuits × shots × (rep delay + gate time + readout). */
  readonly qpuSeconds: number;
  /** The rep delay used, in seconds. */
  readonly repDelaySeconds: number;
  /** One shot's gate time (critical path), in seconds. */
  readonly gateSeconds: number;
  /** One shot's readout time, in seconds. */
  readonly readoutSeconds: number;
  /** Instruction kinds the device reports no length for, timed by {@link DEFAULT_GATE_SECONDS}. */
  readonly defaulted: readonly string[];
}

/**
 * Estimates the spend of `circuits` circuits of one-shot duration `duration` at `shots` shots in
 * `jobs` jobs on backend `name`, or undefined when nothing is paid (see {@link isPaid}).
 */
export function estimateSpend(
  name: string,
  target: Target,
  circuits: number,
  shots: number,
  jobs: number,
  duration: CircuitDuration,
): SpendEstimate | undefined {
  if (!isPaid(name, target)) return undefined;
  const repDelaySeconds = target.defaultRepDelay!;
  const { gateSeconds, readoutSeconds, defaulted } = duration;
  return {
    circuits,
    shots,
    jobs,
    repDelaySeconds,
    gateSeconds,
    readoutSeconds,
    defaulted,
    qpuSeconds: circuits * shots * (repDelaySeconds + gateSeconds + readoutSeconds),
  };
}

/** True when a submission to backend `name` on `target` is estimated ({@link estimateSpend} gives a value). */
export function isPaid(name: string, target: Target): boolean {
  // Not by an `ibm_` prefix: any name the service lists is an IBM device (test devices and future
  // names do not all start with `ibm_`); the local simulator and the fake devices run here.
  const local = name === 'local' || name.startsWith('fake_');
  return !local && !target.simulator && target.defaultRepDelay !== undefined;
}

/** Microseconds with three significant digits: 250, 2.28, 0.132. */
function us(seconds: number): string {
  return `${Number((seconds * 1e6).toPrecision(3))} µs`;
}

/** The one-line wording of an estimate, naming the formula, its terms and any default used. */
export function formatSpend(e: SpendEstimate): string {
  const line =
    `about to submit ${e.circuits} circuit(s) × ${e.shots} shots in ${e.jobs} job(s); ` +
    `estimated QPU time ≈ ${e.qpuSeconds.toFixed(1)} s (estimate: shots × (rep delay ${us(e.repDelaySeconds)} + ` +
    `gates ${us(e.gateSeconds)} + readout ${us(e.readoutSeconds)}) per circuit, from the device's calibration)`;
  if (!e.defaulted.length) return line;
  return (
    `${line}; the device reports no length for ${e.defaulted.join(', ')}: defaults used ` +
    `(one-qubit ${us(DEFAULT_GATE_SECONDS.oneQubit)}, two-qubit ${us(DEFAULT_GATE_SECONDS.twoQubit)}, measure/reset ${us(DEFAULT_GATE_SECONDS.readout)})`
  );
}

/**
 * Lets an estimate above {@link SPEND_CONFIRM_SECONDS} go ahead only with `yes`, or when `ask`
 * (given only on an interactive terminal) returns true for the question "Submit? [y/N]".
 * @throws {ConfigurationError} naming `--yes` and the estimate, when neither allows it
 */
export async function confirmSpend(e: SpendEstimate, yes: boolean, ask?: (question: string) => Promise<boolean>): Promise<void> {
  if (yes || e.qpuSeconds <= SPEND_CONFIRM_SECONDS) return;
  const over = `estimated QPU time ${e.qpuSeconds.toFixed(1)} s is above ${SPEND_CONFIRM_SECONDS} s`;
  if (!ask) throw new ConfigurationError(`${over}: pass --yes to submit anyway`, 'yes');
  if (await ask('Submit? [y/N] ')) return;
  throw new ConfigurationError(`not submitted: ${over} and the answer was not y (pass --yes to submit without asking)`, 'yes');
}
