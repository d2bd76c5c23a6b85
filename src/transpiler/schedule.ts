/**
 * Scheduling an ISA circuit and padding its idle time with delays, as Qiskit's
 * `ALAPScheduleAnalysis` (or `ASAPScheduleAnalysis`) followed by `PadDelay`: each instruction
 * gets a start time from the device's gate lengths (src/core/instruction-timing.ts), and every
 * stretch during which a qubit waits becomes an explicit `delay` on it. A noise model with
 * relaxation times then relaxes the qubit while it waits, which an unscheduled circuit never
 * shows (Aer likewise adds idle noise only to scheduled circuits).
 *
 * - ALAP (Qiskit's default for scheduling): every instruction as late as its successors allow,
 *   so qubits wait in |0⟩ at the start rather than holding a state that decays; ASAP: as early
 *   as its predecessors allow.
 * - A barrier synchronises its qubits and takes no time; `rz` takes none (a frame change).
 * - The output keeps the input's instruction order, a delay in front of each instruction whose
 *   qubit waited for it.
 * - Only qubits the circuit acts on are padded (an ISA circuit on 156 qubits that uses 3 gets
 *   delays on those 3), from time 0 to the end of the schedule, as `PadDelay` fills the very
 *   start and end.
 * - Classical control (`if_else`) is refused: its branches take different times.
 */
import type { Circuit } from '../circuit/circuit';
import { IF_ELSE } from '../circuit/control-flow';
import { CircuitValidationError } from '../core/errors';
import { instructionSeconds } from '../core/instruction-timing';
import type { Target } from '../core/target';

/** Options of {@link scheduleIdleDelays}. */
export interface ScheduleOptions {
  /** `'alap'` (default, as Qiskit) or `'asap'`. */
  readonly method?: 'alap' | 'asap';
}

/** A circuit with its idle time made explicit. */
export interface ScheduledCircuit {
  /** The input's instructions, in their order, with a `delay` in every gap of a used qubit. */
  readonly circuit: Circuit;
  /** The length of the schedule, in seconds. */
  readonly durationSeconds: number;
  /** Per used qubit, the total idle time now carried by delays, in seconds. */
  readonly idleSeconds: ReadonlyMap<number, number>;
  /** The start time of each input instruction, by its index, in seconds. */
  readonly startSeconds: readonly number[];
  /** Instruction kinds the device gave no length for (timed by the defaults), e.g. `sx (qubit 3)`. */
  readonly defaulted: readonly string[];
  /** The method used. */
  readonly method: 'alap' | 'asap';
}

/** Gaps shorter than this (seconds; 1e-15 s is far below a device's sample time) are rounding, not idle time. */
const MIN_GAP_SECONDS = 1e-15;

/**
 * Schedules `circuit` (physical qubits, as `transpile` returns it) on `target` and pads every
 * idle stretch of a used qubit with a delay.
 *
 * @example
 * const isa = transpile(ghz, target).circuit;
 * const { circuit, idleSeconds } = scheduleIdleDelays(isa, target); // run `circuit` with noise
 * @throws {CircuitValidationError} for classical control, or a circuit wider than the target
 */
export function scheduleIdleDelays(circuit: Circuit, target: Target, options: ScheduleOptions = {}): ScheduledCircuit {
  const method = options.method ?? 'alap';
  if (method !== 'alap' && method !== 'asap') {
    throw new CircuitValidationError(`scheduling method '${String(method)}' is not 'alap' or 'asap'`);
  }
  if (circuit.numQubits > target.numQubits) {
    throw new CircuitValidationError(`the circuit has ${circuit.numQubits} qubits, the target ${target.numQubits}: transpile it first`);
  }
  const ins = circuit.instructions;
  const defaulted = new Set<string>();
  const durations = ins.map((x, i) => {
    if (x.name === IF_ELSE) {
      throw new CircuitValidationError(`instruction ${i} (if_else): a circuit with classical control cannot be scheduled (its branches take different times)`, i);
    }
    return instructionSeconds(x, target, (name, qs) => defaulted.add(`${name} (qubit${qs.length > 1 ? 's' : ''} ${qs.join(', ')})`));
  });
  // Resources an instruction waits for: its qubits and, for a measurement, its classical bit
  // (two measurements into one bit happen in order).
  const resources = (i: number): string[] => [...ins[i]!.qubits.map((q) => `q${q}`), ...ins[i]!.clbits.map((c) => `c${c}`)];
  const start = new Array<number>(ins.length).fill(0);
  const end = new Array<number>(ins.length).fill(0);
  const free = new Map<string, number>();
  const order = method === 'asap' ? ins.map((_, i) => i) : ins.map((_, i) => ins.length - 1 - i);
  // ASAP forwards; ALAP is ASAP on the reversed circuit, its times then mirrored.
  for (const i of order) {
    const rs = resources(i);
    const t = Math.max(0, ...rs.map((r) => free.get(r) ?? 0));
    start[i] = t;
    end[i] = t + durations[i]!;
    for (const r of rs) free.set(r, end[i]!);
  }
  const total = Math.max(0, ...free.values());
  // Mirrored, an instruction starts at total − (its reversed end) (clamped: rounding can leave a few ulps below 0).
  if (method === 'alap') for (let i = 0; i < ins.length; i++) start[i] = Math.max(0, total - end[i]!);

  const used = new Set<number>();
  for (const x of ins) if (x.name !== 'barrier') for (const q of x.qubits) used.add(q);
  const out = circuit.emptyCopy();
  out.globalPhase = circuit.globalPhase;
  const busyUntil = new Map<number, number>();
  const idle = new Map<number, number>();
  const wait = (q: number, until: number): void => {
    const gap = until - (busyUntil.get(q) ?? 0);
    if (gap > MIN_GAP_SECONDS) {
      out.append('delay', [q], [gap]);
      idle.set(q, (idle.get(q) ?? 0) + gap);
    }
  };
  // The input order already keeps every qubit's sequence, so the delays go in front of the
  // instruction they wait for, in that order (sorting by start time would let rounding in the
  // times reorder a zero-length rz and the gate after it).
  ins.forEach((x, i) => {
    if (x.name !== 'barrier') {
      for (const q of x.qubits) {
        wait(q, start[i]!);
        busyUntil.set(q, start[i]! + durations[i]!);
      }
    }
    out.append(x.name, x.qubits, x.params, x.clbits);
  });
  for (const q of [...used].sort((a, b) => a - b)) wait(q, total);
  for (const q of used) if (!idle.has(q)) idle.set(q, 0);
  return Object.freeze({
    circuit: out,
    durationSeconds: total,
    idleSeconds: idle,
    startSeconds: Object.freeze(start),
    defaulted: Object.freeze([...defaulted].sort()),
    method,
  });
}
