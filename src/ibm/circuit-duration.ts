/**
 * How long one shot of an ISA circuit keeps a device busy, from the device's own calibration:
 * the critical path of the circuit (an as-soon-as-possible schedule, as Qiskit's ASAP
 * scheduling: an instruction starts when all its qubits are free; a barrier makes its qubits
 * wait for each other) with each gate timed by its reported `gate_length` on those very qubits,
 * and the final readout timed by the measured qubits' `readout_length` (they are read out
 * together, so the longest counts).
 *
 * When the properties lack a length, a default per gate kind is used (src/core/instruction-timing.ts
 * says which and why) and the kind is named in {@link CircuitDuration.defaulted}, so the spend
 * line can say so: a missing value over- rather than under-estimates the spend.
 */
import type { Circuit, Instruction } from '../circuit/circuit';
import { DEFAULT_GATE_SECONDS, instructionSeconds as timedSeconds, readoutSeconds } from '../core/instruction-timing';
import type { Target } from '../core/target';

export { DEFAULT_GATE_SECONDS };

/** One shot's device time of a circuit, split as the spend estimate states it. */
export interface CircuitDuration {
  /** The critical path of the gates (and of any mid-circuit measurement), in seconds. */
  readonly gateSeconds: number;
  /** The final readout, in seconds: the longest readout among the qubits measured at the end. */
  readonly readoutSeconds: number;
  /**
   * What was timed by {@link DEFAULT_GATE_SECONDS} because the device reports no length for it:
   * one entry per instruction kind naming the qubits, e.g. `sx (qubit 1)`, `cz (qubits 1-2)`, sorted.
   */
  readonly defaulted: readonly string[];
}

/** Options of {@link circuitDuration}. */
export interface CircuitDurationOptions {
  /**
   * Physical qubits read out at the end besides the circuit's own final measurements: an
   * Estimator circuit has none of its own, and IBM measures the qubits its observables need.
   */
  readonly readoutQubits?: readonly number[];
}

/**
 * The one-shot duration of an ISA `circuit` (qubit indices are physical) on `target`.
 * Pure: reads only `target.gateLengths` and the qubits' `readoutLength`.
 */
export function circuitDuration(circuit: Circuit, target: Target, options: CircuitDurationOptions = {}): CircuitDuration {
  const defaulted: Defaulted = new Map();
  const terminal = terminalMeasurements(circuit.instructions);
  const free = new Map<number, number>(); // qubit → time it is next free
  const at = (q: number): number => free.get(q) ?? 0;
  const finalReadout = new Set<number>(options.readoutQubits ?? []);
  circuit.instructions.forEach((ins, i) => {
    if (terminal.has(i)) {
      finalReadout.add(ins.qubits[0]!);
      return;
    }
    const start = Math.max(0, ...ins.qubits.map(at));
    const end = start + instructionSeconds(ins, target, defaulted);
    for (const q of ins.qubits) free.set(q, end);
  });
  const gateSeconds = Math.max(0, ...free.values());
  const readoutSeconds = Math.max(0, ...[...finalReadout].map((q) => readoutOf(q, target, defaulted)));
  return { gateSeconds, readoutSeconds, defaulted: describeDefaulted(defaulted) };
}

/** Per instruction kind, the qubit tuples (`1`, `1-2`) that had no reported length. */
type Defaulted = Map<string, Set<string>>;

function noteDefault(defaulted: Defaulted, name: string, qubits: readonly number[]): void {
  const set = defaulted.get(name) ?? new Set<string>();
  set.add(qubits.join('-'));
  defaulted.set(name, set);
}

/** `sx (qubit 1)`, `x (qubits 0, 2)`; past 4 tuples the rest are counted, not listed. */
function describeDefaulted(defaulted: Defaulted): string[] {
  return [...defaulted.keys()].sort().map((name) => {
    const on = [...defaulted.get(name)!];
    const shown = on.slice(0, 4).join(', ') + (on.length > 4 ? ` and ${on.length - 4} more` : '');
    return `${name} (qubit${on.length > 1 || on[0]!.includes('-') ? 's' : ''} ${shown})`;
  });
}

/** Indices of the measurements after which their qubit is not touched again (barriers aside). */
function terminalMeasurements(instructions: readonly Instruction[]): Set<number> {
  const out = new Set<number>();
  const touchedLater = new Set<number>();
  for (let i = instructions.length - 1; i >= 0; i--) {
    const ins = instructions[i]!;
    if (ins.name === 'barrier') continue;
    if (ins.name === 'measure' && !touchedLater.has(ins.qubits[0]!)) out.add(i);
    for (const q of ins.qubits) touchedLater.add(q);
  }
  return out;
}

function instructionSeconds(ins: Instruction, target: Target, defaulted: Defaulted): number {
  return timedSeconds(ins, target, (name, qubits) => noteDefault(defaulted, name, qubits));
}

function readoutOf(q: number, target: Target, defaulted: Defaulted): number {
  return readoutSeconds(q, target, (name, qubits) => noteDefault(defaulted, name, qubits));
}
