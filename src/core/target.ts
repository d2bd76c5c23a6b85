import { ConfigurationError } from './errors';

/** Calibration facts of one physical qubit (seconds, Hz, probabilities), when known. */
export interface QubitProperties {
  /** Energy relaxation time T1, in seconds. */
  readonly t1?: number;
  /** Dephasing time T2, in seconds. */
  readonly t2?: number;
  /** Qubit frequency, in hertz. */
  readonly frequency?: number;
  /** Probability that a measurement reports the wrong bit. */
  readonly readoutError?: number;
  /** Marked non-operational by the provider. */
  readonly faulty?: boolean;
  /** How long a measurement of this qubit takes, in seconds (IBM `readout_length`). */
  readonly readoutLength?: number;
  /** Probability of reading 0 after preparing 1 (IBM `prob_meas0_prep1`), when reported. */
  readonly probMeas0Prep1?: number;
  /** Probability of reading 1 after preparing 0 (IBM `prob_meas1_prep0`), when reported. */
  readonly probMeas1Prep0?: number;
}

/**
 * What a backend can run: immutable facts, like Qiskit's `Target`.
 * Build one with {@link createTarget}, which validates and freezes it.
 */
export interface Target {
  /** Number of qubits; valid indices are 0 to `numQubits - 1`. */
  readonly numQubits: number;
  /** Native gate names (e.g. `cz, rz, sx, x, id` on Heron); every gate for a simulator. */
  readonly basisGates: readonly string[];
  /** Every supported operation name: basis gates plus `measure`, `reset`, `barrier`, `delay`... */
  readonly operations: ReadonlySet<string>;
  /** Directed two-qubit edges `[control, target]`; `null` means all-to-all. */
  readonly couplingMap: ReadonlyArray<readonly [number, number]> | null;
  /** Most shots one PUB may ask for. */
  readonly maxShots: number;
  /** Most PUBs (circuits) one job may carry. */
  readonly maxPubsPerJob: number;
  /**
   * Most executions one job may ask for, where executions = the sum over its PUBs of
   * parameter-binding rows × shots (IBM: 5 000 000 per job); `Infinity` when unbounded.
   */
  readonly maxExecutionsPerJob: number;
  /** The device's default delay between shots, in seconds (IBM `default_rep_delay`), when known. */
  readonly defaultRepDelay?: number;
  /** True for a simulator (no queue, no calibration drift). */
  readonly simulator: boolean;
  /** True when the backend accepts only ISA circuits (native gates on the coupling map). */
  readonly requiresIsa: boolean;
  /** Per-qubit calibration, index = physical qubit. */
  readonly qubitProperties?: readonly QubitProperties[];
  /** Gate error probabilities keyed `name:q0` or `name:q0,q1`. */
  readonly gateErrors?: ReadonlyMap<string, number>;
  /** Gate durations in seconds keyed `name:q0` or `name:q0,q1` (IBM `gate_length`), when reported. */
  readonly gateLengths?: ReadonlyMap<string, number>;
  /** Processor family or description when known (`Heron r2`, `Eagle r3`). */
  readonly processorType?: string;
  /** The device's sample time in seconds when known (ibm_brisbane 5e-10), as Qiskit's `Target.dt`. */
  readonly dt?: number;
}

/** The fields {@link createTarget} takes; optional ones get simulator-friendly defaults. */
export interface TargetSpec {
  /** Number of qubits. */
  numQubits: number;
  /** Native gate names. */
  basisGates: readonly string[];
  /** Non-gate operations supported. @defaultValue `measure`, `barrier`, `reset`, `delay` */
  extraOperations?: readonly string[];
  /** Directed two-qubit edges `[control, target]`. @defaultValue `null` (all-to-all) */
  couplingMap?: ReadonlyArray<readonly [number, number]> | null;
  /** Most shots per PUB. @defaultValue 1 000 000 */
  maxShots?: number;
  /** Most PUBs per job. @defaultValue 1 000 000 */
  maxPubsPerJob?: number;
  /** Most executions (rows × shots summed over PUBs) per job. @defaultValue `Infinity` */
  maxExecutionsPerJob?: number;
  /** Default delay between shots, in seconds. */
  defaultRepDelay?: number;
  /** Whether the backend is a simulator. @defaultValue false */
  simulator?: boolean;
  /** Whether only ISA circuits are accepted. @defaultValue false */
  requiresIsa?: boolean;
  /** Per-qubit calibration, index = physical qubit. */
  qubitProperties?: readonly QubitProperties[];
  /** Gate error probabilities keyed `name:q0` or `name:q0,q1` (a plain object is accepted). */
  gateErrors?: ReadonlyMap<string, number> | Record<string, number>;
  /** Gate durations in seconds keyed `name:q0` or `name:q0,q1` (a plain object is accepted). */
  gateLengths?: ReadonlyMap<string, number> | Record<string, number>;
  /** Processor family or description (`Heron r2`). */
  processorType?: string;
  /** Sample time in seconds. */
  dt?: number;
}

/**
 * The two-qubit gates a target may have as its native entangler, in order of preference when a
 * basis lists several: `cz` (Heron), `ecr` (Eagle), `cx`. The transpiler translates to exactly
 * one of them, and IBM's device configuration takes its coupling map from that gate.
 */
export const ENTANGLERS = ['cz', 'ecr', 'cx'] as const;
/** One of {@link ENTANGLERS}. */
export type Entangler = (typeof ENTANGLERS)[number];

/** The first of {@link ENTANGLERS} among `basisGates`, or `undefined` when there is none. */
export function findEntangler(basisGates: readonly string[]): Entangler | undefined {
  return ENTANGLERS.find((e) => basisGates.includes(e));
}

/** Default operations every backend supports besides its gates. */
export const DEFAULT_EXTRA_OPERATIONS = ['measure', 'barrier', 'reset', 'delay'] as const;

/**
 * Validates and freezes a {@link Target}.
 * @throws {ConfigurationError} for a non-integer qubit count, an edge outside the qubit range,
 * or non-positive limits
 */
export function createTarget(spec: TargetSpec): Target {
  const { numQubits } = spec;
  if (!Number.isInteger(numQubits) || numQubits < 0) {
    throw new ConfigurationError(`target qubit count must be an integer ≥ 0, got ${numQubits}`, 'numQubits');
  }
  const coupling = spec.couplingMap ?? null;
  if (coupling) {
    for (const [a, b] of coupling) {
      if (![a, b].every((q) => Number.isInteger(q) && q >= 0 && q < numQubits) || a === b) {
        throw new ConfigurationError(`coupling edge [${a}, ${b}] is invalid for ${numQubits} qubits`, 'couplingMap');
      }
    }
  }
  const maxShots = spec.maxShots ?? 1_000_000;
  const maxPubsPerJob = spec.maxPubsPerJob ?? 1_000_000;
  for (const [k, v] of [['maxShots', maxShots], ['maxPubsPerJob', maxPubsPerJob]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new ConfigurationError(`${k} must be an integer ≥ 1`, k);
  }
  const maxExecutionsPerJob = spec.maxExecutionsPerJob ?? Infinity;
  if (maxExecutionsPerJob !== Infinity && (!Number.isInteger(maxExecutionsPerJob) || maxExecutionsPerJob < 1)) {
    throw new ConfigurationError('maxExecutionsPerJob must be an integer ≥ 1 or Infinity', 'maxExecutionsPerJob');
  }
  const gateErrors = keyedMap(spec.gateErrors);
  const gateLengths = keyedMap(spec.gateLengths);
  return Object.freeze({
    numQubits,
    basisGates: Object.freeze([...spec.basisGates]),
    operations: new FrozenSet([...spec.basisGates, ...(spec.extraOperations ?? DEFAULT_EXTRA_OPERATIONS)]),
    couplingMap: coupling ? Object.freeze(coupling.map(([a, b]) => Object.freeze([a, b] as const))) : null,
    maxShots,
    maxPubsPerJob,
    maxExecutionsPerJob,
    ...(spec.defaultRepDelay === undefined ? {} : { defaultRepDelay: spec.defaultRepDelay }),
    simulator: spec.simulator ?? false,
    requiresIsa: spec.requiresIsa ?? false,
    qubitProperties: spec.qubitProperties ? Object.freeze(spec.qubitProperties.map((q) => Object.freeze({ ...q }))) : undefined,
    gateErrors: gateErrors ? new FrozenMap(gateErrors) : undefined,
    ...(gateLengths ? { gateLengths: new FrozenMap(gateLengths) } : {}),
    processorType: spec.processorType,
    ...(spec.dt !== undefined ? { dt: spec.dt } : {}),
  });
}

/** A copy of a per-gate table given as a Map or a plain object. */
function keyedMap(m: ReadonlyMap<string, number> | Record<string, number> | undefined): Map<string, number> | undefined {
  return m instanceof Map ? new Map(m) : m ? new Map(Object.entries(m)) : undefined;
}

/** A Set whose mutators throw: targets are immutable. */
class FrozenSet<T> extends Set<T> {
  private sealed = false;
  constructor(values: Iterable<T>) {
    super(values);
    this.sealed = true;
  }
  override add(v: T): this {
    if (this.sealed) throw new TypeError('Target operations are immutable');
    return super.add(v);
  }
  override delete(): boolean {
    throw new TypeError('Target operations are immutable');
  }
  override clear(): void {
    throw new TypeError('Target operations are immutable');
  }
}

/** A Map whose mutators throw. */
class FrozenMap<K, V> extends Map<K, V> {
  private sealed = false;
  constructor(entries: Iterable<readonly [K, V]>) {
    super(entries);
    this.sealed = true;
  }
  override set(k: K, v: V): this {
    if (this.sealed) throw new TypeError('Target gate errors are immutable');
    return super.set(k, v);
  }
  override delete(): boolean {
    throw new TypeError('Target gate errors are immutable');
  }
  override clear(): void {
    throw new TypeError('Target gate errors are immutable');
  }
}

/**
 * True when `name` on these physical qubits is supported: the operation is in the target and,
 * for a two-qubit gate on a coupled target, `[q0, q1]` is a directed edge.
 */
export function instructionSupported(target: Target, name: string, qubits: readonly number[]): boolean {
  if (name === 'barrier') return true;
  if (!target.operations.has(name)) return false;
  if (qubits.some((q) => q >= target.numQubits)) return false;
  if (qubits.length === 2 && target.couplingMap) {
    return target.couplingMap.some(([a, b]) => a === qubits[0] && b === qubits[1]);
  }
  return true;
}
