/**
 * What a submission to an IBM device is about to spend, printed before it is sent, and the
 * confirmation rule for large submissions (`--yes`).
 *
 * The QPU-time estimate is shots × (rep delay + measurement) summed over circuits: every shot
 * waits the device's `default_rep_delay` (250 µs on Heron) and ends in a readout. Gate time is
 * not included (it is short next to the rep delay on current devices), so this is an estimate,
 * labelled as one, not IBM's billed usage.
 */
import { ConfigurationError } from '../core/errors';
import type { Target } from '../core/target';

/** Above this many seconds of estimated QPU time, a non-interactive run needs `--yes`. */
export const SPEND_CONFIRM_SECONDS = 60;

/** Readout time assumed per shot when the device does not report one: 1 µs. */
const DEFAULT_READOUT_SECONDS = 1e-6;

/** A submission's size and its estimated QPU time. */
export interface SpendEstimate {
  /** Circuits (parameter rows) submitted. */
  readonly circuits: number;
  /** Shots per circuit. */
  readonly shots: number;
  /** Jobs submitted. */
  readonly jobs: number;
  /** Estimated QPU seconds: circuits × shots × (rep delay + readout). */
  readonly qpuSeconds: number;
  /** The rep delay used, in seconds. */
  readonly repDelaySeconds: number;
}

/**
 * Estimates the spend of `circuits` circuits at `shots` shots in `jobs` jobs on backend
 * `name`, or undefined when nothing is paid: only `ibm_*` names are IBM devices in the registry
 * (fake backends run locally), and a target without a rep delay has nothing to estimate from.
 */
export function estimateSpend(name: string, target: Target, circuits: number, shots: number, jobs: number): SpendEstimate | undefined {
  if (!name.startsWith('ibm_') || target.simulator || target.defaultRepDelay === undefined) return undefined;
  const repDelaySeconds = target.defaultRepDelay;
  return { circuits, shots, jobs, repDelaySeconds, qpuSeconds: circuits * shots * (repDelaySeconds + DEFAULT_READOUT_SECONDS) };
}

/** The one-line wording of an estimate, naming the formula. */
export function formatSpend(e: SpendEstimate): string {
  return (
    `about to submit ${e.circuits} circuit(s) × ${e.shots} shots in ${e.jobs} job(s); ` +
    `estimated QPU time ≈ ${e.qpuSeconds.toFixed(1)} s (estimate: shots × (rep delay ${(e.repDelaySeconds * 1e6).toFixed(0)} µs + readout), gate time not counted)`
  );
}

/**
 * Refuses an estimate above {@link SPEND_CONFIRM_SECONDS} unless `yes`.
 * @throws {ConfigurationError} naming `--yes` and the estimate
 */
export function confirmSpend(e: SpendEstimate, yes: boolean): void {
  if (!yes && e.qpuSeconds > SPEND_CONFIRM_SECONDS) {
    throw new ConfigurationError(
      `estimated QPU time ${e.qpuSeconds.toFixed(1)} s is above ${SPEND_CONFIRM_SECONDS} s: pass --yes to submit anyway`,
      'yes',
    );
  }
}
