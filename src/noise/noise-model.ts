/**
 * A noise model in the shape of Qiskit Aer's `NoiseModel`: quantum errors attached to gate
 * names (on every qubit, or on given qubits), applied after the gate, and readout errors on
 * measured qubits. Rules, as Aer:
 * - an error on given qubits replaces the all-qubit error of that gate on exactly those qubits;
 * - adding a second error for the same gate (and qubits) composes it after the first;
 * - a readout error on given qubits replaces the all-qubit readout error there;
 * - a qubit with relaxation times (T1, T2) relaxes during each `delay` on it: thermal
 *   relaxation over the delay's duration (what Aer's `from_backend` adds as its
 *   `RelaxationNoisePass` on delays); relaxation on given qubits replaces the all-qubit one.
 * Errors are immutable values; {@link NoiseModel.snapshot} hands out a frozen copy, so a
 * simulation never sees later edits of the model.
 */
import { GATES } from '../circuit/gates';
import { InputValidationError } from '../core/errors';
import { didYouMean } from '../core/suggest';
import { composeErrors, thermalRelaxationError, type QuantumError } from './channels';
import { ReadoutError } from './readout';

/** A readout error attached to specific qubits (its k-th qubit is `qubits[k]`). */
export interface LocalReadout {
  /** The physical qubits, in the order of the error's outcome bits. */
  readonly qubits: readonly number[];
  /** The assignment matrix. */
  readonly error: ReadoutError;
}

/** A frozen view of a {@link NoiseModel} at one moment, what simulators read. */
export interface NoiseModelSnapshot {
  /** Errors applied after every instance of a gate, by gate name. */
  readonly allQubitErrors: ReadonlyMap<string, QuantumError>;
  /** Errors applied after a gate on given qubits, keyed `name:q0,q1` (argument order). */
  readonly localErrors: ReadonlyMap<string, QuantumError>;
  /** The readout error of every measured qubit without a local one, if any. */
  readonly allQubitReadout: ReadoutError | null;
  /** Readout errors on given qubits. */
  readonly localReadout: readonly LocalReadout[];
  /** Relaxation times during delays, by qubit. */
  readonly delayRelaxation: ReadonlyMap<number, RelaxationTimes>;
  /** Relaxation times during delays on every qubit without its own, if any. */
  readonly allQubitDelayRelaxation: RelaxationTimes | null;
}

/** T1 and T2 of a qubit, in seconds (temperature 0). */
export interface RelaxationTimes {
  /** Amplitude damping time; `Infinity` for none. */
  readonly t1: number;
  /** Total dephasing time, ≤ 2·T1; `Infinity` only with T1 = ∞. */
  readonly t2: number;
}

/**
 * The channel of a `delay` of `seconds` on `qubit` under a snapshot: thermal relaxation over
 * that time, or null when the qubit has no relaxation times or the delay is 0.
 */
export function delayErrorFor(noise: NoiseModelSnapshot, qubit: number, seconds: number): QuantumError | null {
  const r = noise.delayRelaxation.get(qubit) ?? noise.allQubitDelayRelaxation;
  if (!r || !(seconds > 0)) return null;
  return thermalRelaxationError(r.t1, r.t2, seconds);
}

function localKey(gate: string, qubits: readonly number[]): string {
  return `${gate}:${qubits.join(',')}`;
}

/** The quantum error applied after `gate` on `qubits` under a snapshot, or null (ideal gate). */
export function quantumErrorFor(noise: NoiseModelSnapshot, gate: string, qubits: readonly number[]): QuantumError | null {
  return noise.localErrors.get(localKey(gate, qubits)) ?? noise.allQubitErrors.get(gate) ?? null;
}

/** Builds a noise model; see the module comment for how errors combine. */
export class NoiseModel {
  private readonly allQubit = new Map<string, QuantumError>();
  private readonly local = new Map<string, QuantumError>();
  private allReadout: ReadoutError | null = null;
  private readonly localReadout: LocalReadout[] = [];
  private readonly delayRelax = new Map<number, RelaxationTimes>();
  private allDelayRelax: RelaxationTimes | null = null;

  /**
   * Attaches `error` after `gates` on `qubits` (argument order, as the instruction lists
   * them), or on every qubit when `qubits` is omitted.
   *
   * @throws {InputValidationError} for an unknown gate, or an error whose qubit count is not the gate's
   */
  addQuantumError(error: QuantumError, gates: string | readonly string[], qubits?: readonly number[]): this {
    if (qubits === undefined) return this.addAllQubitQuantumError(error, gates);
    checkQubits(qubits, 'quantum error');
    if (qubits.length !== error.numQubits) {
      throw new InputValidationError(`a ${error.numQubits}-qubit error cannot be attached to ${qubits.length} qubit(s) [${qubits.join(', ')}]`);
    }
    for (const g of names(gates)) {
      checkGate(g, error);
      const key = localKey(g, qubits);
      const prev = this.local.get(key);
      this.local.set(key, prev ? composeErrors(prev, error) : error);
    }
    return this;
  }

  /**
   * Attaches `error` after every instance of `gates`, whatever the qubits.
   *
   * @throws {InputValidationError} for an unknown gate, or an error whose qubit count is not the gate's
   */
  addAllQubitQuantumError(error: QuantumError, gates: string | readonly string[]): this {
    for (const g of names(gates)) {
      checkGate(g, error);
      const prev = this.allQubit.get(g);
      this.allQubit.set(g, prev ? composeErrors(prev, error) : error);
    }
    return this;
  }

  /**
   * Attaches a readout error to `qubits` (as many as the error covers; a second error on the
   * same qubits replaces the first), or to every measured qubit without one when omitted
   * (then the error must be a one-qubit error).
   *
   * @throws {InputValidationError} for a qubit-count mismatch or qubits shared with another local readout error
   */
  addReadoutError(error: ReadoutError, qubits?: readonly number[]): this {
    if (!(error instanceof ReadoutError)) throw new InputValidationError('addReadoutError expects a ReadoutError');
    if (qubits === undefined) {
      if (error.numQubits !== 1) {
        throw new InputValidationError(`an all-qubit readout error must be a one-qubit error, got ${error.numQubits} qubits`);
      }
      this.allReadout = error;
      return this;
    }
    checkQubits(qubits, 'readout error');
    if (qubits.length !== error.numQubits) {
      throw new InputValidationError(`a ${error.numQubits}-qubit readout error cannot be attached to ${qubits.length} qubit(s) [${qubits.join(', ')}]`);
    }
    const same = this.localReadout.findIndex((r) => r.qubits.join(',') === qubits.join(','));
    if (same >= 0) this.localReadout.splice(same, 1);
    const clash = this.localReadout.find((r) => r.qubits.some((q) => qubits.includes(q)));
    if (clash) {
      throw new InputValidationError(
        `readout error on qubits [${qubits.join(', ')}] overlaps the one on [${clash.qubits.join(', ')}]; a qubit has at most one`,
      );
    }
    this.localReadout.push(Object.freeze({ qubits: Object.freeze([...qubits]), error }));
    return this;
  }

  /**
   * Makes `qubits` (every qubit when omitted) relax during delays with these T1 and T2 (in
   * seconds; T2 ≤ 2·T1, `Infinity` for no decay), replacing what was set for them before.
   *
   * @example model.addDelayRelaxation(120e-6, 90e-6, [0]) // qubit 0: T1 = 120 µs, T2 = 90 µs
   * @throws {InputValidationError} for T1 or T2 not > 0, or T2 > 2·T1
   */
  addDelayRelaxation(t1: number, t2: number, qubits?: readonly number[]): this {
    thermalRelaxationError(t1, t2, 0); // the same checks as the channel itself
    const times = Object.freeze({ t1, t2 });
    if (qubits === undefined) {
      this.allDelayRelax = times;
      return this;
    }
    checkQubits(qubits, 'delay relaxation');
    for (const q of qubits) this.delayRelax.set(q, times);
    return this;
  }

  /** True when nothing is attached (the model changes no result). */
  get isIdeal(): boolean {
    return (
      !this.allQubit.size && !this.local.size && !this.allReadout && !this.localReadout.length && !this.delayRelax.size && !this.allDelayRelax
    );
  }

  /** A frozen copy of the current contents (later edits of this model do not reach it). */
  snapshot(): NoiseModelSnapshot {
    return Object.freeze({
      allQubitErrors: new Map(this.allQubit),
      localErrors: new Map(this.local),
      allQubitReadout: this.allReadout,
      localReadout: Object.freeze([...this.localReadout]),
      delayRelaxation: new Map(this.delayRelax),
      allQubitDelayRelaxation: this.allDelayRelax,
    });
  }

  /** An independent copy (errors are immutable and shared). */
  copy(): NoiseModel {
    const m = new NoiseModel();
    for (const [k, v] of this.allQubit) m.allQubit.set(k, v);
    for (const [k, v] of this.local) m.local.set(k, v);
    m.allReadout = this.allReadout;
    m.localReadout.push(...this.localReadout);
    for (const [q, r] of this.delayRelax) m.delayRelax.set(q, r);
    m.allDelayRelax = this.allDelayRelax;
    return m;
  }

  /** One line per attached error: which gates or qubits, and which channel. */
  describe(): string {
    if (this.isIdeal) return 'NoiseModel: ideal (no errors)';
    const lines = ['NoiseModel:'];
    for (const [g, e] of [...this.allQubit].sort(([a], [b]) => a.localeCompare(b))) lines.push(`  ${g} on all qubits: ${e.label}`);
    for (const [k, e] of [...this.local].sort(([a], [b]) => a.localeCompare(b))) {
      const [g, qs] = k.split(':');
      lines.push(`  ${g} on qubits [${qs}]: ${e.label}`);
    }
    if (this.allReadout) lines.push(`  measure on all qubits: ${this.allReadout.label}`);
    for (const r of this.localReadout) lines.push(`  measure on qubits [${r.qubits.join(',')}]: ${r.error.label}`);
    const times = (r: RelaxationTimes): string => `thermal relaxation over the delay (T1=${r.t1}, T2=${r.t2})`;
    if (this.allDelayRelax) lines.push(`  delay on all qubits: ${times(this.allDelayRelax)}`);
    for (const [q, r] of [...this.delayRelax].sort(([a], [b]) => a - b)) lines.push(`  delay on qubit ${q}: ${times(r)}`);
    return lines.join('\n');
  }
}

function names(gates: string | readonly string[]): readonly string[] {
  const list = typeof gates === 'string' ? [gates] : gates;
  if (list.length === 0) throw new InputValidationError('a quantum error needs at least one gate name');
  return list;
}

function checkGate(gate: string, error: QuantumError): void {
  const def = GATES.get(gate);
  if (!def) throw new InputValidationError(`unknown gate '${gate}'${didYouMean(gate, GATES.keys())}: quantum errors attach to unitary gates`);
  if (def.numQubits !== error.numQubits) {
    throw new InputValidationError(`'${gate}' acts on ${def.numQubits} qubit(s), the error on ${error.numQubits}: the counts must match`);
  }
}

function checkQubits(qubits: readonly number[], what: string): void {
  for (const q of qubits) {
    if (!Number.isInteger(q) || q < 0) throw new InputValidationError(`${what}: qubit ${String(q)} is not an integer ≥ 0`);
  }
  if (new Set(qubits).size !== qubits.length) throw new InputValidationError(`${what}: repeated qubit in [${qubits.join(', ')}]`);
}
