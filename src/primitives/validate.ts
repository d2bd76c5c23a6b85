/**
 * Shared validation of Sampler/Estimator requests against a backend's {@link Target}: every
 * backend (and the primitive front-ends, to fail fast) calls these, so all of them reject bad
 * input with the same typed errors and messages. A request is validated once: the front-ends
 * hand the backend a frozen request that carries its validated PUBs ({@link validatedSamplerRequest}),
 * and the backends take PUBs through {@link samplerPubsOf} / {@link estimatorPubsOf}.
 */
import { isIdleInstruction } from '../circuit/gates';
import type { Circuit, Instruction } from '../circuit/circuit';
import { walkInstructions } from '../circuit/control-flow';
import { CircuitValidationError, InputValidationError, ResourceLimitError } from '../core/errors';
import { instructionSupported, type Target } from '../core/target';
import {
  DEFAULT_SHOTS,
  type EstimatorPub,
  type EstimatorRequest,
  type ParameterRows,
  type PauliSum,
  type PrimitiveRequest,
  type SamplerPub,
  type SamplerRequest,
} from './types';
import { observablesToPauliSums, type ObservablesLike } from '../quantum-info/observables';

const PAULI_LABEL = /^[IXYZ]+$/;

/**
 * Checks that `circuit` fits `target`: qubit count, supported operations and, for backends
 * that need ISA circuits, native gates on coupled qubits.
 * @throws {CircuitValidationError} naming the PUB and the offending instruction
 */
export function validateCircuitForTarget(circuit: Circuit, target: Target, pubIndex = 0): void {
  if (circuit.numQubits > target.numQubits) {
    throw new CircuitValidationError(
      `PUB ${pubIndex}: circuit has ${circuit.numQubits} qubits but the backend has ${target.numQubits}`,
    );
  }
  circuit.instructions.forEach((top, i) => {
    // An if_else block is checked as itself and then every instruction of its bodies.
    for (const ins of walkInstructions([top])) checkInstruction(target, ins, pubIndex, i);
  });
}

/** One instruction (top level or inside an if_else body `i`) against the target. */
function checkInstruction(target: Target, ins: Instruction, pubIndex: number, i: number): void {
  // Every backend waits: a delay needs no support from the target.
  if (isIdleInstruction(ins.name)) return;
  const block = ins.name === 'if_else' || ins.name === 'while_loop';
  const what = block ? `'${ins.name}' (classical control)` : `'${ins.name}'`;
  if (!target.operations.has(ins.name)) {
    throw new CircuitValidationError(
      `PUB ${pubIndex}: instruction ${i} (${what}) is not supported by the backend` +
        (target.requiresIsa ? ` (native operations: ${[...target.operations].join(', ')}); transpile first` : ''),
      i,
    );
  }
  // A block spans the qubits of its body; the body's own instructions are checked one by one.
  if (block) return;
  if (target.requiresIsa && !instructionSupported(target, ins.name, ins.qubits)) {
    throw new CircuitValidationError(
      `PUB ${pubIndex}: instruction ${i} ('${ins.name}' on qubits ${ins.qubits.join(',')}) is not on the coupling map; transpile first`,
      i,
    );
  }
}

/**
 * Validates parameter rows for `circuit` and returns them (one empty row for a circuit
 * without parameters when none are given).
 * @throws {CircuitValidationError} when the circuit has parameters and no rows are given, or a
 * row has the wrong number of columns (an unbound or unknown parameter)
 * @throws {InputValidationError} for a non-array, an empty list of rows or a non-finite value
 */
export function validateParameterRows(circuit: Circuit, rows: ParameterRows | undefined, pubIndex = 0): ParameterRows {
  const names = circuit.parameters;
  if (rows === undefined) {
    if (names.length) {
      throw new CircuitValidationError(
        `PUB ${pubIndex}: unbound parameter(s) ${names.join(', ')}; pass parameterValues rows`,
      );
    }
    return [[]];
  }
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new InputValidationError(`PUB ${pubIndex}: parameterValues must be a non-empty array of rows`);
  }
  rows.forEach((row, r) => {
    if (!Array.isArray(row)) {
      throw new InputValidationError(`PUB ${pubIndex}: parameter row ${r} is not an array of numbers`, { row: r });
    }
    if (row.length !== names.length) {
      throw new CircuitValidationError(
        `PUB ${pubIndex}: parameter row ${r} has ${row.length} value(s) but the circuit has ${names.length} parameter(s)` +
          (names.length ? ` (${names.join(', ')})` : ''),
      );
    }
    row.forEach((v, c) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new InputValidationError(
          `PUB ${pubIndex}: parameter row ${r}, column ${c} ('${names[c]}') is not a finite number`,
          { row: r, column: c },
        );
      }
    });
  });
  return rows;
}

/**
 * Validates a shot count against the target.
 * @throws {InputValidationError} unless `shots` is an integer in [1, target.maxShots]
 */
export function validateShots(shots: number, target: Target, where: string): number {
  if (typeof shots !== 'number' || !Number.isInteger(shots) || shots < 1) {
    throw new InputValidationError(`${where}: shots must be a positive integer, got ${String(shots)}`);
  }
  if (shots > target.maxShots) {
    throw new InputValidationError(`${where}: ${shots} shots exceed the backend's limit of ${target.maxShots}`);
  }
  return shots;
}

/**
 * Normalises one observable or a list of them (Pauli sums, labels, SparsePauliOps: see
 * `observablesToPauliSums`) into a list of Pauli sums, checking every label has exactly
 * `numQubits` letters from IXYZ and every coefficient is finite.
 * @throws {InputValidationError} naming the PUB, observable and term
 */
export function normalizeObservables(
  observables: ObservablesLike,
  numQubits: number,
  pubIndex = 0,
): PauliSum[] {
  // Labels, label lists, SparsePauliOps and mappings become Pauli sums (Qiskit's ObservablesArray).
  const list = observablesToPauliSums(observables, pubIndex);
  return list.map((sum, o) => {
    if (!Array.isArray(sum) || sum.length === 0) {
      throw new InputValidationError(`PUB ${pubIndex}: observable ${o} must be a non-empty list of [label, coefficient] terms`);
    }
    return sum.map((term, t) => {
      if (!Array.isArray(term) || term.length !== 2 || typeof term[0] !== 'string') {
        throw new InputValidationError(`PUB ${pubIndex}: observable ${o}, term ${t} is not a [label, coefficient] pair`);
      }
      const [label, coeff] = term as unknown as readonly [string, unknown];
      if (label.length !== numQubits || !PAULI_LABEL.test(label)) {
        throw new InputValidationError(
          `PUB ${pubIndex}: observable ${o}, term ${t}: label '${label.slice(0, 64)}' must have ${numQubits} letter(s) from IXYZ`,
        );
      }
      if (typeof coeff !== 'number' || !Number.isFinite(coeff)) {
        throw new InputValidationError(`PUB ${pubIndex}: observable ${o}, term ${t} ('${label}') has a non-finite coefficient`);
      }
      return [label, coeff] as const;
    });
  });
}

/**
 * Validates a precision (target standard error): finite and ≥ 0.
 * @throws {InputValidationError}
 */
export function validatePrecision(precision: number, where: string): number {
  if (typeof precision !== 'number' || !Number.isFinite(precision) || precision < 0) {
    throw new InputValidationError(`${where}: precision must be a finite number ≥ 0, got ${String(precision)}`);
  }
  return precision;
}

function validatePubCount(n: number, target: Target): void {
  if (n === 0) throw new InputValidationError('a request needs at least one PUB');
  if (n > target.maxPubsPerJob) {
    throw new InputValidationError(`${n} PUBs exceed the backend's limit of ${target.maxPubsPerJob} per job`);
  }
}

function validateSeed(seed: number | undefined): void {
  if (seed !== undefined && (typeof seed !== 'number' || !Number.isInteger(seed))) {
    throw new InputValidationError(`seed must be an integer, got ${String(seed)}`);
  }
}

/** A Sampler PUB after validation: rows resolved, shots resolved. */
export interface ValidatedSamplerPub {
  readonly circuit: Circuit;
  readonly rows: ParameterRows;
  readonly shots: number;
}

/**
 * Validates a whole Sampler request and resolves defaults (shots: PUB > request > 1024).
 * @throws {InputValidationError | CircuitValidationError} for the first problem found
 */
export function validateSamplerRequest(request: SamplerRequest, target: Target): ValidatedSamplerPub[] {
  if (!request || request.kind !== 'sampler' || !Array.isArray(request.pubs)) {
    throw new InputValidationError("a sampler request needs kind 'sampler' and a pubs array");
  }
  validatePubCount(request.pubs.length, target);
  validateSeed(request.seed);
  if (request.shots !== undefined) validateShots(request.shots, target, 'request');
  const pubs = request.pubs.map((pub: SamplerPub, i) => {
    if (!pub || typeof pub !== 'object' || !pub.circuit) throw new InputValidationError(`PUB ${i} has no circuit`);
    validateCircuitForTarget(pub.circuit, target, i);
    validateSamplerOutputs(pub.circuit, i);
    const rows = validateParameterRows(pub.circuit, pub.parameterValues, i);
    const shots = validateShots(pub.shots ?? request.shots ?? DEFAULT_SHOTS, target, `PUB ${i}`);
    return { circuit: pub.circuit, rows, shots };
  });
  validateExecutions(pubs, target);
  return pubs;
}

/**
 * Checks that a Sampler circuit has somewhere to put its results. Qiskit's Sampler (the
 * reference StatevectorSampler and qiskit-ibm-runtime's SamplerV2) warns when a circuit has no
 * classical register ("the result will be empty. Did you mean to add measurement
 * instructions?") and the runtime refuses a register of size 0, which crashes IBM's server-side
 * sampler. A result with no data is a silent wrong answer, so both are refused here. A circuit
 * with a register but no measurement is valid, as in Qiskit: its bits read 0 on every shot.
 * @throws {CircuitValidationError} naming the PUB and the register
 */
export function validateSamplerOutputs(circuit: Circuit, pubIndex = 0): void {
  if (circuit.classicalRegisters.length === 0) {
    throw new CircuitValidationError(
      `PUB ${pubIndex}: the circuit has no classical registers, so the Sampler would return no data; ` +
        'add measurements (e.g. measureAll(), or measure into a classical register)',
    );
  }
  for (const reg of circuit.classicalRegisters) {
    if (reg.size === 0) {
      throw new CircuitValidationError(`PUB ${pubIndex}: classical register '${reg.name}' has size 0, which the Sampler does not allow`);
    }
  }
}

/**
 * Executions of a Sampler job as IBM counts them: the sum over PUBs of parameter-binding rows ×
 * shots (a circuit without parameters is one row).
 */
export function samplerExecutions(pubs: ReadonlyArray<{ readonly rows: ParameterRows; readonly shots: number }>): number {
  return pubs.reduce((sum, p) => sum + Math.max(1, p.rows.length) * p.shots, 0);
}

function validateExecutions(pubs: ReadonlyArray<{ readonly rows: ParameterRows; readonly shots: number }>, target: Target): void {
  refuseOverExecutions(samplerExecutions(pubs), pubs.length, target);
}

/**
 * Refuses a job of `executions` executions over `pubCount` PUBs above the target's limit.
 * @throws {ResourceLimitError} naming both numbers and `--shots`
 */
export function refuseOverExecutions(executions: number, pubCount: number, target: Target): void {
  if (executions > target.maxExecutionsPerJob) {
    throw new ResourceLimitError(
      `the job asks for ${executions} executions (parameter rows × shots, summed over ${pubCount} PUB(s)), ` +
        `above the backend's limit of ${target.maxExecutionsPerJob} per job: lower --shots or split the input`,
    );
  }
}

/** An Estimator PUB after validation. */
export interface ValidatedEstimatorPub {
  readonly circuit: Circuit;
  readonly rows: ParameterRows;
  readonly observables: PauliSum[];
  readonly precision: number;
}

/**
 * Validates a whole Estimator request; precision resolves PUB > request > `defaultPrecision`.
 * @throws {InputValidationError | CircuitValidationError} for the first problem found
 */
export function validateEstimatorRequest(
  request: EstimatorRequest,
  target: Target,
  defaultPrecision = 0,
): ValidatedEstimatorPub[] {
  if (!request || request.kind !== 'estimator' || !Array.isArray(request.pubs)) {
    throw new InputValidationError("an estimator request needs kind 'estimator' and a pubs array");
  }
  validatePubCount(request.pubs.length, target);
  validateSeed(request.seed);
  if (request.precision !== undefined) validatePrecision(request.precision, 'request');
  return request.pubs.map((pub: EstimatorPub, i) => {
    if (!pub || typeof pub !== 'object' || !pub.circuit) throw new InputValidationError(`PUB ${i} has no circuit`);
    validateCircuitForTarget(pub.circuit, target, i);
    const rows = validateParameterRows(pub.circuit, pub.parameterValues, i);
    const observables = normalizeObservables(pub.observables, pub.circuit.numQubits, i);
    const precision = validatePrecision(pub.precision ?? request.precision ?? defaultPrecision, `PUB ${i}`);
    return { circuit: pub.circuit, rows, observables, precision };
  });
}

/**
 * Requests built and validated by the Sampler/Estimator front-ends, with their validated PUBs and
 * what they were validated against. Module-private: the fact travels with the (frozen) request
 * object, so a backend handed such a request skips the second validation, and any other request
 * (a direct `backend.run`, a wrapper that rebuilt the request, another target) is validated.
 */
const VALIDATED = new WeakMap<
  object,
  { readonly target: Target; readonly defaultPrecision?: number; readonly pubs: readonly ValidatedSamplerPub[] | readonly ValidatedEstimatorPub[] }
>();

/**
 * Validates `request` against `target` (`validateSamplerRequest`) and returns it frozen
 * (its PUB list and PUB objects copied and frozen too), carrying the fact that it is valid for
 * `target`: {@link samplerPubsOf} then returns the validated PUBs without a second pass.
 * @throws {InputValidationError | CircuitValidationError} for the first problem found
 */
export function validatedSamplerRequest(request: SamplerRequest, target: Target): SamplerRequest {
  const pubs = validateSamplerRequest(request, target);
  const frozen: SamplerRequest = Object.freeze({
    ...request,
    pubs: Object.freeze(request.pubs.map((p) => Object.freeze({ ...p }))),
  });
  VALIDATED.set(frozen, { target, pubs: Object.freeze(pubs) });
  return frozen;
}

/**
 * Validates `request` against `target` with precision default `defaultPrecision`
 * (`validateEstimatorRequest`) and returns it frozen, carrying that fact for
 * {@link estimatorPubsOf}.
 * @throws {InputValidationError | CircuitValidationError} for the first problem found
 */
export function validatedEstimatorRequest(request: EstimatorRequest, target: Target, defaultPrecision = 0): EstimatorRequest {
  const pubs = validateEstimatorRequest(request, target, defaultPrecision);
  const frozen: EstimatorRequest = Object.freeze({
    ...request,
    pubs: Object.freeze(request.pubs.map((p) => Object.freeze({ ...p }))),
  });
  VALIDATED.set(frozen, { target, defaultPrecision, pubs: Object.freeze(pubs) });
  return frozen;
}

/**
 * True when `request` is one a front-end validated for this very `target` (and, for estimator
 * requests, this precision default): a backend that builds its own wire format (IBM) skips
 * the checks the shared validation already made.
 */
export function isValidatedFor(request: PrimitiveRequest, target: Target, defaultPrecision = 0): boolean {
  const known = request && typeof request === 'object' ? VALIDATED.get(request) : undefined;
  if (!known || known.target !== target) return false;
  return request.kind === 'sampler' || known.defaultPrecision === defaultPrecision;
}

/**
 * What a backend calls: the validated PUBs of a request the Sampler already validated for this
 * very `target`, or else the result of `validateSamplerRequest` (same typed errors).
 */
export function samplerPubsOf(request: SamplerRequest, target: Target): readonly ValidatedSamplerPub[] {
  const known = request && typeof request === 'object' ? VALIDATED.get(request) : undefined;
  if (known && known.target === target && request.kind === 'sampler') return known.pubs as readonly ValidatedSamplerPub[];
  return validateSamplerRequest(request, target);
}

/**
 * What a backend calls: the validated PUBs of a request the Estimator already validated for this
 * `target` and precision default, or else the result of `validateEstimatorRequest`.
 */
export function estimatorPubsOf(request: EstimatorRequest, target: Target, defaultPrecision = 0): readonly ValidatedEstimatorPub[] {
  const known = request && typeof request === 'object' ? VALIDATED.get(request) : undefined;
  if (known && known.target === target && known.defaultPrecision === defaultPrecision && request.kind === 'estimator') {
    return known.pubs as readonly ValidatedEstimatorPub[];
  }
  return validateEstimatorRequest(request, target, defaultPrecision);
}

/** Shots a shot-based estimator uses for a target precision: ⌈1/precision²⌉ (Qiskit's BackendEstimatorV2). */
export function shotsForPrecision(precision: number): number {
  return Math.ceil(1 / (precision * precision));
}
