import { CircuitValidationError } from '../core/errors';
import { DIRECTIVES, GATES, isIdleInstruction } from './gates';
import { DELAY_UNITS, type DelayUnit } from './delay';
import {
  angle,
  compareParameterNames,
  type Angle,
  type ParameterBindings,
  type ParameterExpression,
} from './parameter';
import { didYouMean } from '../core/suggest';
import { inverseOf } from './gate-definitions';
import { applyModifiers, asLocalGate, controlInstructions, controlStates, MAX_EXPANDED_OPS } from './modifiers';
import { broadcastMeasure, broadcastQubits, type ClbitArg, type QubitArg } from './broadcast';
import {
  IF_ELSE,
  WHILE_LOOP,
  makeWhileLoop,
  makeIfElse,
  mapInstruction,
  validateCondition,
  walkInstructions,
  type IfCondition,
  type IfConditionSpec,
} from './control-flow';

import type { Instruction } from './instruction';

export type { Instruction };

/** A named classical register: `size` bits starting at global clbit `offset`. */
export interface ClassicalRegister {
  /** The register's name, used as the key of per-register counts and in OpenQASM. */
  readonly name: string;
  /** How many bits it has. */
  readonly size: number;
  /** The global index of its first bit: bit `i` of the register is clbit `offset + i`. */
  readonly offset: number;
}

/** Options for {@link Circuit}'s constructor. */
export interface CircuitOptions {
  /** Classical registers to declare, in order (`{ c: 2 }` or `[['c', 2]]`). */
  classicalRegisters?: Record<string, number> | ReadonlyArray<readonly [string, number]>;
  /** Display name. */
  name?: string;
  /** Global phase (radians). */
  globalPhase?: Angle;
}

/** Options of {@link CircuitBase.compose}. */
export interface ComposeOptions {
  /** Extend this circuit and return it (Qiskit's `inplace=True`); default false: a new circuit. */
  inplace?: boolean;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The state and the whole-circuit operations of a {@link Circuit}: qubits, classical registers,
 * the validated instruction list, directives (`measure`, `barrier`, `reset`, `delay`), parameter
 * binding, inverse, compose and copies. The named gate methods live on {@link Circuit}, which
 * is what callers construct; the operations here return the caller's class (`this` type), so
 * `circuit.inverse()` is a `Circuit`.
 */
export class CircuitBase {
  /** The number of qubits, fixed at construction; qubit indices run from 0 to `numQubits - 1`. */
  readonly numQubits: number;
  /** A display name (default `'circuit'`); it does not affect simulation. */
  name: string;
  /** The global phase in radians; it matters once the circuit is controlled or composed. */
  globalPhase: Angle;
  private readonly _instructions: Instruction[] = [];
  private readonly _cregs: ClassicalRegister[] = [];
  private _numClbits = 0;

  /**
   * An empty circuit on `numQubits` qubits.
   *
   * @param numQubits - number of qubits (integer ≥ 0)
   * @param numClbitsOrOptions - a number of classical bits (one register `c`) or options
   * @throws {@link CircuitValidationError} if `numQubits` is not an integer ≥ 0
   */
  constructor(numQubits: number, numClbitsOrOptions?: number | CircuitOptions) {
    if (!Number.isInteger(numQubits) || numQubits < 0) {
      throw new CircuitValidationError(`number of qubits must be an integer ≥ 0, got ${numQubits}`);
    }
    this.numQubits = numQubits;
    const opts: CircuitOptions =
      typeof numClbitsOrOptions === 'number'
        ? { classicalRegisters: numClbitsOrOptions > 0 ? { c: numClbitsOrOptions } : {} }
        : (numClbitsOrOptions ?? {});
    this.name = opts.name ?? 'circuit';
    this.globalPhase = opts.globalPhase ?? 0;
    const regs = opts.classicalRegisters ?? {};
    const entries = Array.isArray(regs) ? regs : Object.entries(regs);
    for (const [n, size] of entries) this.addClassicalRegister(n, size);
  }

  /** The instructions, in order (read-only view). */
  get instructions(): readonly Instruction[] {
    return this._instructions;
  }
  /** Classical registers in declaration order. */
  get classicalRegisters(): readonly ClassicalRegister[] {
    return this._cregs;
  }
  /** Total number of classical bits. */
  get numClbits(): number {
    return this._numClbits;
  }

  /** Declares a classical register and returns it. */
  addClassicalRegister(name: string, size: number): ClassicalRegister {
    if (!IDENT.test(name)) throw new CircuitValidationError(`invalid register name '${name}'`);
    if (!Number.isInteger(size) || size < 0) {
      throw new CircuitValidationError(`register '${name}' size must be an integer ≥ 0`);
    }
    if (this._cregs.some((r) => r.name === name)) {
      throw new CircuitValidationError(`classical register '${name}' already exists`);
    }
    const reg = Object.freeze({ name, size, offset: this._numClbits });
    this._cregs.push(reg);
    this._numClbits += size;
    return reg;
  }

  /** Looks up a classical register by name. */
  classicalRegister(name: string): ClassicalRegister | undefined {
    return this._cregs.find((r) => r.name === name);
  }

  /**
   * Appends any instruction after validating it: known name, argument and parameter counts,
   * qubits/clbits in range and distinct, finite numeric parameters.
   */
  append(name: string, qubits: readonly number[], params: readonly Angle[] = [], clbits: readonly number[] = []): this {
    const index = this._instructions.length;
    const fail = (msg: string): never => {
      throw new CircuitValidationError(`instruction ${index} (${name}): ${msg}`, index);
    };
    for (const q of qubits) {
      if (!Number.isInteger(q) || q < 0 || q >= this.numQubits) {
        fail(`qubit ${q} out of range for a ${this.numQubits}-qubit circuit`);
      }
    }
    if (new Set(qubits).size !== qubits.length) fail('repeated qubit argument');
    for (const c of clbits) {
      if (!Number.isInteger(c) || c < 0 || c >= this._numClbits) {
        fail(`classical bit ${c} out of range (${this._numClbits} bits)`);
      }
    }
    for (const p of params) {
      if (typeof p === 'number' && !Number.isFinite(p)) fail(`parameter ${p} is not finite`);
    }
    if (DIRECTIVES.has(name)) {
      if (name === 'measure' && (qubits.length !== 1 || clbits.length !== 1)) {
        fail('measure takes one qubit and one classical bit');
      }
      if (name === 'reset' && qubits.length !== 1) fail('reset takes one qubit');
      if (name === 'delay') {
        if (qubits.length !== 1) fail('delay takes one qubit');
        const d = params[0];
        if (params.length !== 1 || typeof d !== 'number' || !(d >= 0)) {
          fail('delay takes one parameter: its duration in seconds, a number ≥ 0');
        }
      } else if (params.length) fail('takes no parameters');
    } else {
      const def = GATES.get(name);
      if (!def) fail(`unknown gate '${name}'${didYouMean(name, [...GATES.keys(), ...DIRECTIVES])}`);
      if (def!.numQubits !== qubits.length) {
        fail(`expects ${def!.numQubits} qubit(s), got ${qubits.length}`);
      }
      if (def!.numParams !== params.length) {
        fail(`expects ${def!.numParams} parameter(s), got ${params.length}`);
      }
      if (clbits.length) fail('a gate takes no classical bits');
    }
    this._instructions.push(
      Object.freeze({
        name,
        qubits: Object.freeze([...qubits]),
        clbits: Object.freeze([...clbits]),
        params: Object.freeze([...params]),
      }),
    );
    return this;
  }

  /**
   * Appends gate `name` once per qubit tuple that `args` broadcast to ({@link broadcastQubits}),
   * all checked before the first is appended.
   */
  protected gate(name: string, args: readonly QubitArg[], params: readonly Angle[] = []): this {
    for (const qubits of broadcastQubits(name, args, this.numQubits)) this.append(name, qubits, params);
    return this;
  }

  // --- directives ------------------------------------------------------------------------
  /**
   * Measures qubit `q` into global classical bit `c`. Lists pair element by element, and one
   * qubit with a list of bits is measured into each (Qiskit's broadcasting, {@link broadcastMeasure}).
   */
  measure(q: QubitArg, c: ClbitArg): this {
    if (!Array.isArray(q) && !Array.isArray(c)) return this.append('measure', [q as number], [], [c as number]);
    const pairs = broadcastMeasure(q, c, this.numQubits);
    for (const [, bit] of pairs) {
      if (!Number.isInteger(bit) || bit < 0 || bit >= this._numClbits) {
        throw new CircuitValidationError(`measure: classical bit ${String(bit)} out of range (${this._numClbits} bits)`);
      }
    }
    for (const [qubit, bit] of pairs) this.append('measure', [qubit], [], [bit]);
    return this;
  }
  /** A barrier on the given qubits (all qubits when none are given). */
  barrier(...qubits: number[]): this {
    return this.append('barrier', qubits.length ? qubits : range(this.numQubits));
  }
  /** Resets qubit `q` (or each qubit of a list) to |0⟩. */
  reset(q: QubitArg): this { return this.gate('reset', [q]); }

  /**
   * Qiskit's `delay(duration, qarg, unit)`: qubit `q` (or each qubit of a list, or every qubit
   * when `q` is omitted) waits for `duration` `unit`s. The unit is required: Qiskit's default
   * is the device's `dt`, which a circuit without a device cannot know, so a unit-less call
   * would silently mean something else here. Stored in seconds. An ideal simulation ignores a
   * delay; a noise model with relaxation times relaxes the qubit during it.
   *
   * @example new Circuit(1).x(0).delay(100, 0, 'us') // |1⟩, then 100 µs of T1/T2 decay under noise
   * @throws {@link CircuitValidationError} for a negative or non-finite duration or an unknown unit
   */
  delay(duration: number, q: QubitArg | undefined, unit: DelayUnit): this {
    const scale = (DELAY_UNITS as Record<string, number>)[unit];
    if (scale === undefined) {
      throw new CircuitValidationError(`delay: unit '${String(unit)}' is not one of ${Object.keys(DELAY_UNITS).join(', ')} (dt needs a device: convert with its dt)`);
    }
    if (typeof duration !== 'number' || !Number.isFinite(duration) || duration < 0) {
      throw new CircuitValidationError(`delay: duration ${String(duration)} is not a finite number ≥ 0`);
    }
    return this.gate('delay', [q ?? range(this.numQubits)], [duration * scale]);
  }
  /**
   * Qiskit's `measure_all()`: adds a register `meas` of `numQubits` bits, a barrier, and
   * measures qubit i into `meas[i]`.
   */
  measureAll(): this {
    const reg = this.addClassicalRegister(this.classicalRegister('meas') ? uniqueName(this, 'meas') : 'meas', this.numQubits);
    if (this.numQubits) this.barrier();
    for (let q = 0; q < this.numQubits; q++) this.measure(q, reg.offset + q);
    return this;
  }

  /**
   * Classical control, as Qiskit's `if_test`: the instructions `trueBody` appends run when the
   * condition holds, those of `falseBody` (optional) otherwise. The condition is one classical
   * bit (`{ clbit: 0, value: 1 }`, `c[0] == 1`) or a whole register read as an integer, bit 0
   * least significant (`{ register: 'c', value: 5 }`, `c == 5`). Bodies are built on a circuit
   * with this circuit's qubits and classical bits.
   *
   * @example new Circuit(2, 1).h(0).measure(0, 0).ifTest({ clbit: 0, value: 1 }, (b) => b.x(1))
   * @throws {@link CircuitValidationError} for an unknown register, a bit out of range or a value the bits cannot hold
   */
  ifTest(condition: IfConditionSpec, trueBody: (body: this) => unknown, falseBody?: (body: this) => unknown): this {
    let clbits: number[];
    if ('register' in condition) {
      const reg = this.classicalRegister(condition.register);
      if (!reg) throw new CircuitValidationError(`ifTest: no classical register '${condition.register}'`);
      clbits = range(reg.size).map((k) => reg.offset + k);
    } else {
      clbits = [condition.clbit];
    }
    const build = (fn: (body: this) => unknown): Instruction[] => {
      const body = this.emptyCopy();
      fn(body);
      return [...body._instructions];
    };
    return this.appendIfElse({ clbits, value: condition.value }, build(trueBody), falseBody ? build(falseBody) : null);
  }

  /**
   * Appends an `if_else` block after validating its condition and every body instruction
   * (recursively) against this circuit's qubits and classical bits.
   */
  appendIfElse(condition: IfCondition, trueBody: readonly Instruction[], falseBody: readonly Instruction[] | null = null): this {
    validateCondition(condition, this._numClbits);
    if (condition.negated) throw new CircuitValidationError('if_else: a negated condition is for while_loop only (an if_else swaps its bodies instead)');
    const check = (body: readonly Instruction[]): readonly Instruction[] => {
      const scratch = this.emptyCopy();
      for (const ins of body) scratch.appendInstruction(ins);
      return scratch._instructions;
    };
    this._instructions.push(makeIfElse(condition, check(trueBody), falseBody ? check(falseBody) : null));
    return this;
  }

  /**
   * Appends a `while_loop` (see `control-flow.ts`): `body` runs while the condition holds
   * (`negated: true` in the condition: while the bits read anything but its value).
   */
  appendWhileLoop(condition: IfCondition, body: readonly Instruction[]): this {
    validateCondition(condition, this._numClbits);
    const scratch = this.emptyCopy();
    for (const ins of body) scratch.appendInstruction(ins);
    this._instructions.push(makeWhileLoop(condition, scratch._instructions));
    return this;
  }

  /** Appends a copy of `ins` (any kind, `if_else` and `while_loop` included) after validating it. */
  appendInstruction(ins: Instruction): this {
    if (ins.name === IF_ELSE) return this.appendIfElse(ins.condition!, ins.blocks![0]!, ins.blocks![1] ?? null);
    if (ins.name === WHILE_LOOP) return this.appendWhileLoop(ins.condition!, ins.blocks![0]!);
    return this.append(ins.name, ins.qubits, ins.params, ins.clbits);
  }

  // --- whole-circuit operations -------------------------------------------------------------

  /** Names of the free parameters, sorted as Qiskit sorts `circuit.parameters`. */
  get parameters(): string[] {
    const names = new Set<string>();
    for (const ins of walkInstructions(this._instructions)) for (const p of ins.params) for (const n of angle.names(p)) names.add(n);
    for (const n of angle.names(this.globalPhase)) names.add(n);
    return [...names].sort(compareParameterNames);
  }

  /** True when no parameter is left unbound. */
  get isBound(): boolean {
    return this.parameters.length === 0;
  }

  /**
   * A new circuit with parameters bound: by name (`{ theta: 0.5, 'x[0]': 1 }`), or by a
   * plain array in the order of {@link CircuitBase.parameters}. Unknown names are an error.
   */
  assignParameters(values: ParameterBindings | readonly number[]): this {
    const names = this.parameters;
    let bindings: ParameterBindings;
    if (Array.isArray(values)) {
      if (values.length !== names.length) {
        throw new CircuitValidationError(
          `expected ${names.length} parameter value(s) (${names.join(', ')}), got ${values.length}`,
        );
      }
      bindings = new Map(names.map((n, i) => [n, values[i] as number]));
    } else {
      bindings = values as ParameterBindings;
      const given = bindings instanceof Map ? [...bindings.keys()] : Object.keys(bindings);
      const known = new Set(names);
      for (const g of given) {
        if (!known.has(g)) throw new CircuitValidationError(`circuit has no parameter '${g}'`);
      }
    }
    const vals = bindings instanceof Map ? [...bindings.values()] : Object.values(bindings);
    for (const v of vals) {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new CircuitValidationError(`parameter value ${String(v)} is not a finite number`);
      }
    }
    const out = this.emptyCopy();
    out.globalPhase = angle.bind(this.globalPhase, bindings);
    for (const ins of this._instructions) {
      out.appendInstruction(mapInstruction(ins, (q) => q, (c) => c, (p) => angle.bind(p, bindings)));
    }
    return out;
  }

  /**
   * The inverse circuit: gates reversed and inverted, global phase negated. Measurements and
   * resets have no inverse and are refused; barriers are kept.
   */
  inverse(): this {
    const out = this.emptyCopy();
    out.globalPhase = angle.neg(this.globalPhase);
    for (let i = this._instructions.length - 1; i >= 0; i--) {
      const ins = this._instructions[i]!;
      if (isIdleInstruction(ins.name)) {
        out.append(ins.name, ins.qubits, ins.params);
        continue;
      }
      if (DIRECTIVES.has(ins.name) || ins.name === IF_ELSE || ins.name === WHILE_LOOP) {
        throw new CircuitValidationError(`instruction ${i} (${ins.name}) has no inverse`, i);
      }
      // One gate when one is the inverse; rc3x and c3sqrtx invert through their definitions.
      for (const inv of inverseOf(ins.name, ins.qubits, ins.params)) out.append(inv.name, inv.qubits, inv.params);
    }
    return out;
  }

  /**
   * This circuit raised to the power `k`, as Qiskit's `QuantumCircuit.power`: an integer k
   * repeats the circuit k times (k < 0: its inverse |k| times; 0: an empty circuit). A real k
   * is the principal-branch matrix power of the circuit's unitary (global phase included),
   * which qbridge writes exactly for one-qubit circuits and for a circuit that is one
   * controlled one-qubit gate (e.g. `cx`, `cp`, `c3x`); wider circuits are refused by name.
   *
   * @example new Circuit(1).x(0).power(0.5) // the unitary of sx
   * @throws {@link CircuitValidationError} for a real power of a wider circuit, unbound
   * parameters under a real power, or measurements/resets where an inverse or matrix is needed
   */
  power(k: number): this {
    if (typeof k !== 'number' || !Number.isFinite(k)) throw new CircuitValidationError(`power: exponent ${String(k)} is not a finite number`);
    if (Number.isInteger(k)) {
      if (Math.abs(k) * this._instructions.length > MAX_EXPANDED_OPS) {
        throw new CircuitValidationError(`power(${k}): the repetition would hold more than ${MAX_EXPANDED_OPS} instructions`);
      }
      const unit = k < 0 ? this.inverse() : this;
      let out = this.emptyCopy();
      for (let i = 0; i < Math.abs(k); i++) out = out.compose(unit, { inplace: true });
      return out;
    }
    const g = applyModifiers(asLocalGate(this.numQubits, this._instructions, this.globalPhase), [{ kind: 'pow', exponent: k }], this.name);
    const out = this.emptyCopy();
    out.globalPhase = g.phase;
    for (const o of g.ops) out.append(o.name, o.qubits, o.params);
    return out;
  }

  /**
   * This circuit controlled by `numCtrl` new qubits, as Qiskit's `QuantumCircuit.control`: the
   * result has `numCtrl + numQubits` qubits, the controls being qubits 0..numCtrl−1 and this
   * circuit's qubit i becoming qubit numCtrl + i; its unitary is |0⟩⟨0| ⊗ I + |1⟩⟨1| ⊗ U
   * (global phase included: it becomes a phase on the controls). Written in standard gates
   * only (cx → ccx, p → mcp, ...), so it simulates, transpiles and exports like any circuit.
   *
   * @param numCtrl - how many controls (default 1)
   * @param ctrlState - the state the controls must be in: an integer whose bit i is control i
   * (Qiskit's `ctrl_state`) or a bit string such as `'01'`; default all |1⟩
   * @throws {@link CircuitValidationError} for measurements or resets, or a bad control state
   */
  control(numCtrl = 1, ctrlState?: number | string): this {
    const states = controlStates(numCtrl, ctrlState);
    const Ctor = this.constructor as new (numQubits: number, options?: CircuitOptions) => this;
    const out = new Ctor(numCtrl + this.numQubits, { name: `c_${this.name}` });
    for (const o of controlInstructions(this._instructions, this.globalPhase, states)) out.append(o.name, o.qubits, o.params);
    return out;
  }

  /**
   * `other` appended after this circuit, as Qiskit's `compose`: its qubit i goes to `qubits[i]`
   * (identity when omitted) and its classical bit j to `clbits[j]`; global phases add. By default
   * a new circuit is returned and neither operand changes (Qiskit's `inplace=False`); with
   * `{ inplace: true }` this circuit is extended and returned. Either way a bad mapping or
   * instruction leaves this circuit as it was: the instructions are validated on a copy first.
   *
   * @example
   * const kernel = fm.circuit('x').compose(fm.circuit('y').inverse()); // fm.circuit('x') is unchanged
   * @param other - the circuit to append
   * @param qubitsOrOptions - this circuit's qubit for each of `other`'s qubits, or the options
   * @param clbits - this circuit's classical bit for each of `other`'s classical bits
   * @param options - `inplace: true` extends this circuit instead of returning a new one
   * @returns the composed circuit (`this` when `inplace`)
   * @throws {@link CircuitValidationError} for a mapping of the wrong length or out of range
   */
  compose(
    other: CircuitBase,
    qubitsOrOptions?: readonly number[] | ComposeOptions,
    clbits?: readonly number[],
    options?: ComposeOptions,
  ): this {
    const qubits = Array.isArray(qubitsOrOptions) ? (qubitsOrOptions as readonly number[]) : undefined;
    const opts = (Array.isArray(qubitsOrOptions) ? options : (qubitsOrOptions as ComposeOptions | undefined) ?? options) ?? {};
    const qmap = qubits ?? range(other.numQubits);
    if (qmap.length !== other.numQubits) {
      throw new CircuitValidationError(`compose: ${other.numQubits} qubit(s) need a mapping of that length`);
    }
    const cmap = clbits ?? range(other.numClbits);
    if (cmap.length !== other.numClbits) {
      throw new CircuitValidationError(`compose: ${other.numClbits} classical bit(s) need a mapping of that length`);
    }
    const out = this.copy();
    out.globalPhase = angle.add(this.globalPhase, other.globalPhase);
    for (const ins of other.instructions) {
      out.appendInstruction(mapInstruction(ins, (q) => qmap[q]!, (c) => cmap[c]!, (p) => p));
    }
    if (!opts.inplace) return out;
    // Adopt the validated result: the instruction objects are frozen, so sharing them is safe.
    this._instructions.splice(0, this._instructions.length, ...out._instructions);
    this.globalPhase = out.globalPhase;
    return this;
  }

  /** A copy that shares nothing mutable with this circuit (instructions are frozen, so they are shared). */
  copy(): this {
    const out = this.emptyCopy();
    out.globalPhase = this.globalPhase;
    for (const ins of this._instructions) out._instructions.push(ins);
    return out;
  }

  /** Same qubits and classical registers, no instructions. */
  emptyCopy(): this {
    // The subclass's own constructor, so copies keep the gate methods of a Circuit.
    const Ctor = this.constructor as new (numQubits: number, options?: CircuitOptions) => this;
    const out = new Ctor(this.numQubits, { name: this.name });
    for (const r of this._cregs) out.addClassicalRegister(r.name, r.size);
    return out;
  }

  /** Counts of each instruction name. */
  countOps(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const ins of this._instructions) out[ins.name] = (out[ins.name] ?? 0) + 1;
    return out;
  }

  /** Circuit depth (barriers excluded; a measurement also occupies its classical bit). */
  depth(): number {
    const qd = new Array<number>(this.numQubits).fill(0);
    const cd = new Array<number>(this._numClbits).fill(0);
    let max = 0;
    for (const ins of this._instructions) {
      if (ins.name === 'barrier') continue;
      let d = 0;
      for (const q of ins.qubits) d = Math.max(d, qd[q]!);
      for (const c of ins.clbits) d = Math.max(d, cd[c]!);
      d += 1;
      for (const q of ins.qubits) qd[q] = d;
      for (const c of ins.clbits) cd[c] = d;
      if (d > max) max = d;
    }
    return max;
  }
}

/** A parameter expression type guard for callers that receive an {@link Angle}. */
export function isExpression(a: Angle): a is ParameterExpression {
  return typeof a !== 'number';
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function uniqueName(c: CircuitBase, base: string): string {
  for (let i = 0; ; i++) if (!c.classicalRegister(`${base}${i}`)) return `${base}${i}`;
}
