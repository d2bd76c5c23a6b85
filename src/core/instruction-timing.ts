/**
 * How long one instruction keeps its qubits busy on a device, from the device's calibration
 * (`Target.gateLengths`, the qubits' `readoutLength`): one home for the spend estimate's
 * critical path (src/ibm/circuit-duration.ts) and the scheduler that pads idle time with delays
 * (src/transpiler/schedule.ts).
 *
 * When the calibration lacks a length, a default per gate kind is used and the caller is told
 * (`onDefault`), so it can say so. The defaults are the longest values of the devices bundled
 * in simulators/fake/data (Eagle ibm_brisbane: sx 60 ns, ecr up to 780 ns; readouts there are
 * 1.3–2.3 µs, so 4 µs is above all of them): a missing value over- rather than under-estimates.
 */
import type { Target } from './target';

/** The lengths, in seconds, used for a gate kind the device does not report. */
export const DEFAULT_GATE_SECONDS = {
  /** A one-qubit pulse gate (`sx`, `x`, `rx`, ...). */
  oneQubit: 60e-9,
  /** A two-qubit gate (`cz`, `ecr`, `cx`, `rzz`, ...). */
  twoQubit: 780e-9,
  /** A measurement (and a reset, which is a measurement and a conditional flip). */
  readout: 4e-6,
} as const;

/**
 * Instructions that take no device time: `rz` is a frame change done in software (IBM reports
 * its gate_length as 0), `id` is dropped from the program qbridge sends, `barrier` only orders.
 */
const FREE = new Set(['rz', 'id', 'barrier']);

/** Symmetric two-qubit gates: a length reported for `[a, b]` holds for `[b, a]`. */
const SYMMETRIC = new Set(['cz', 'rzz']);

/** The parts of an instruction its duration depends on. */
export interface TimedInstruction {
  readonly name: string;
  readonly qubits: readonly number[];
  readonly params: readonly unknown[];
}

/**
 * Seconds `ins` (physical qubits) takes on `target`: its reported length, a delay's own
 * duration, 0 for the free instructions, or a default (then `onDefault(name, qubits)` is called).
 */
export function instructionSeconds(
  ins: TimedInstruction,
  target: Target,
  onDefault: (name: string, qubits: readonly number[]) => void = () => undefined,
): number {
  if (FREE.has(ins.name)) return 0;
  if (ins.name === 'delay') return ins.params[0] as number;
  if (ins.name === 'measure') return readoutSeconds(ins.qubits[0]!, target, onDefault);
  const lengths = target.gateLengths;
  const reported =
    lengths?.get(`${ins.name}:${ins.qubits.join(',')}`) ??
    (SYMMETRIC.has(ins.name) && ins.qubits.length === 2 ? lengths?.get(`${ins.name}:${ins.qubits[1]},${ins.qubits[0]}`) : undefined);
  if (reported !== undefined) return reported;
  onDefault(ins.name, ins.qubits);
  if (ins.name === 'reset') return DEFAULT_GATE_SECONDS.readout;
  return ins.qubits.length >= 2 ? DEFAULT_GATE_SECONDS.twoQubit : DEFAULT_GATE_SECONDS.oneQubit;
}

/** Seconds a measurement of qubit `q` takes: its reported readout length or the default. */
export function readoutSeconds(q: number, target: Target, onDefault: (name: string, qubits: readonly number[]) => void = () => undefined): number {
  const reported = target.qubitProperties?.[q]?.readoutLength;
  if (reported !== undefined) return reported;
  onDefault('measure', [q]);
  return DEFAULT_GATE_SECONDS.readout;
}
