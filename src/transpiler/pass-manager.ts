/**
 * Qiskit's `PassManager` for circuit-to-circuit passes: a list of passes run in order, each
 * given the previous one's output. A pass is an object with `run(circuit)` (and an optional
 * `name`, used in errors) or a plain function.
 *
 * The caller's circuit is copied before the first pass, so a pass that edits the circuit it is
 * given never changes the caller's (Qiskit's passes work on a DAG copy as well).
 */
import { Circuit } from '../circuit/circuit';
import { CircuitValidationError } from '../core/errors';

/** A circuit pass: `run` returns the transformed circuit. */
export interface CircuitPass {
  /** Shown in errors. */
  readonly name?: string;
  /** The transformed circuit (it may be the one given, edited). */
  run(circuit: Circuit): Circuit;
}

/** What {@link PassManager} accepts as a pass. */
export type PassLike = CircuitPass | ((circuit: Circuit) => Circuit);

function passName(p: PassLike, index: number): string {
  const named = typeof p === 'function' ? p.name : p.name;
  return named ? `pass ${index} (${named})` : `pass ${index}`;
}

function checkPass(p: unknown, index: number): PassLike {
  if (typeof p === 'function') return p as PassLike;
  if (p !== null && typeof p === 'object' && typeof (p as CircuitPass).run === 'function') return p as CircuitPass;
  throw new CircuitValidationError(`pass ${index} is neither a function nor an object with run(circuit)`);
}

/** Runs `passes` on a copy of `circuit`, checking each returns a circuit. */
export function runPasses(passes: readonly PassLike[], circuit: Circuit): Circuit {
  let c = circuit.copy();
  passes.forEach((p, i) => {
    const out = typeof p === 'function' ? p(c) : p.run(c);
    if (!(out instanceof Circuit)) throw new CircuitValidationError(`${passName(p, i)} returned ${out === undefined ? 'nothing' : typeof out}, not a Circuit`);
    c = out;
  });
  return c;
}

/**
 * A list of circuit passes (Qiskit's `PassManager(passes)`, `append`, `run`).
 *
 * @example
 * const pm = new PassManager([(c) => c.barrier()]).append({ name: 'measure', run: (c) => c.measureAll() });
 * const out = pm.run(circuit); // circuit itself is unchanged
 */
export class PassManager {
  private readonly passes: PassLike[] = [];

  /** @throws {CircuitValidationError} for something that is not a pass */
  constructor(passes: PassLike | readonly PassLike[] = []) {
    this.append(passes);
  }

  /**
   * Adds passes at the end (Qiskit's `append`); returns this manager.
   * @throws {CircuitValidationError} for something that is not a pass
   */
  append(passes: PassLike | readonly PassLike[]): this {
    const list = Array.isArray(passes) ? passes : [passes as PassLike];
    list.forEach((p, k) => this.passes.push(checkPass(p, this.passes.length + k)));
    return this;
  }

  /** The passes, in order (a copy). */
  passList(): PassLike[] {
    return [...this.passes];
  }

  /** How many passes it holds. */
  get length(): number {
    return this.passes.length;
  }

  /** The output of the passes on `circuit` (a copy: the input is not changed). */
  run(circuit: Circuit): Circuit;
  /** The outputs for several circuits, in order. */
  run(circuits: readonly Circuit[]): Circuit[];
  run(c: Circuit | readonly Circuit[]): Circuit | Circuit[] {
    const passes = [...this.passes];
    return Array.isArray(c) ? c.map((x: Circuit) => runPasses(passes, x)) : runPasses(passes, c as Circuit);
  }
}
