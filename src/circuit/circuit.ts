import { CircuitValidationError } from '../core/errors';
import { DIRECTIVES, GATES, gateDefinition } from './gates';
import {
  angle,
  compareParameterNames,
  type Angle,
  type ParameterBindings,
  type ParameterExpression,
} from './parameter';
import { didYouMean } from '../core/suggest';
import { inverseOf } from './gate-definitions';

/** One operation: a gate, `measure`, `barrier` or `reset`. Immutable once appended. */
export interface Instruction {
  /** The operation's name as in OpenQASM and Qiskit (`'h'`, `'cx'`, `'measure'`, ...). */
  readonly name: string;
  /** Qubit indices (argument order matters: controls first). */
  readonly qubits: readonly number[];
  /** Classical bit indices (only `measure`). */
  readonly clbits: readonly number[];
  /** Gate parameters: numbers or expressions. */
  readonly params: readonly Angle[];
}

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

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A quantum circuit: `numQubits` qubits (little-endian, as Qiskit), named classical registers,
 * a list of instructions and a global phase. Builder methods mirror Qiskit's argument order
 * (`rz(theta, q)`, `cp(theta, control, target)`) and return `this`:
 *
 * @example
 * const bell = new Circuit(2).h(0).cx(0, 1).measureAll();
 */
export class Circuit {
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
      if (params.length) fail('takes no parameters');
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

  // --- one-qubit gates -------------------------------------------------------------------
  /**
   * Identity on qubit `q`: does nothing, but keeps a slot (e.g. for a delay or a noise model).
   *
   * @param q - the qubit index
   * @returns this circuit, for chaining
   */
  id(q: number): this { return this.append('id', [q]); }
  /**
   * Pauli X (NOT, bit flip) on qubit `q`.
   *
   * @param q - the qubit index
   * @returns this circuit, for chaining
   */
  x(q: number): this { return this.append('x', [q]); }
  /**
   * Pauli Y on qubit `q`.
   *
   * @param q - the qubit index
   * @returns this circuit, for chaining
   */
  y(q: number): this { return this.append('y', [q]); }
  /**
   * Pauli Z (phase flip) on qubit `q`.
   *
   * @param q - the qubit index
   * @returns this circuit, for chaining
   */
  z(q: number): this { return this.append('z', [q]); }
  /**
   * Hadamard on qubit `q`: maps |0⟩ to |+⟩ and |1⟩ to |−⟩.
   *
   * @param q - the qubit index
   * @returns this circuit, for chaining
   */
  h(q: number): this { return this.append('h', [q]); }
  /**
   * S = √Z = diag(1, i) on qubit `q`.
   *
   * @param q - the qubit index
   * @returns this circuit, for chaining
   */
  s(q: number): this { return this.append('s', [q]); }
  /**
   * S† = diag(1, −i) on qubit `q`.
   *
   * @param q - the qubit index
   * @returns this circuit, for chaining
   */
  sdg(q: number): this { return this.append('sdg', [q]); }
  /**
   * T = diag(1, e^{iπ/4}) on qubit `q`.
   *
   * @param q - the qubit index
   * @returns this circuit, for chaining
   */
  t(q: number): this { return this.append('t', [q]); }
  /**
   * T† = diag(1, e^{−iπ/4}) on qubit `q`.
   *
   * @param q - the qubit index
   * @returns this circuit, for chaining
   */
  tdg(q: number): this { return this.append('tdg', [q]); }
  /**
   * √X on qubit `q` (Qiskit's SXGate, a native gate of IBM devices).
   *
   * @param q - the qubit index
   * @returns this circuit, for chaining
   */
  sx(q: number): this { return this.append('sx', [q]); }
  /**
   * (√X)† on qubit `q`.
   *
   * @param q - the qubit index
   * @returns this circuit, for chaining
   */
  sxdg(q: number): this { return this.append('sxdg', [q]); }
  /**
   * X rotation RX(θ) = exp(−iθX/2) on qubit `q`.
   *
   * @param theta - the rotation angle θ in radians (a number or a parameter expression)
   * @param q - the qubit index
   * @returns this circuit, for chaining
   */
  rx(theta: Angle, q: number): this { return this.append('rx', [q], [theta]); }
  /**
   * Y rotation RY(θ) = exp(−iθY/2) on qubit `q`.
   *
   * @param theta - the rotation angle θ in radians (a number or a parameter expression)
   * @param q - the qubit index
   * @returns this circuit, for chaining
   */
  ry(theta: Angle, q: number): this { return this.append('ry', [q], [theta]); }
  /**
   * Z rotation RZ(φ) = exp(−iφZ/2) on qubit `q` (Qiskit's convention: differs from `p(φ)` by a global phase e^{−iφ/2}).
   *
   * @param phi - φ in radians (a number or a parameter expression)
   * @param q - the qubit index
   * @returns this circuit, for chaining
   */
  rz(phi: Angle, q: number): this { return this.append('rz', [q], [phi]); }
  /**
   * Phase gate P(λ) = diag(1, e^{iλ}) on qubit `q` (Qiskit's PhaseGate; equal to `u1`).
   *
   * @param lambda - λ in radians (a number or a parameter expression)
   * @param q - the qubit index
   * @returns this circuit, for chaining
   */
  p(lambda: Angle, q: number): this { return this.append('p', [q], [lambda]); }
  /**
   * Generic one-qubit gate U(θ, φ, λ) on qubit `q`, in Qiskit's convention: U = [[cos(θ/2), −e^{iλ}sin(θ/2)], [e^{iφ}sin(θ/2), e^{i(φ+λ)}cos(θ/2)]].
   *
   * @param theta - the rotation angle θ in radians (a number or a parameter expression)
   * @param phi - φ in radians (a number or a parameter expression)
   * @param lambda - λ in radians (a number or a parameter expression)
   * @param q - the qubit index
   * @returns this circuit, for chaining
   */
  u(theta: Angle, phi: Angle, lambda: Angle, q: number): this {
    return this.append('u', [q], [theta, phi, lambda]);
  }
  /**
   * Legacy U1(λ), the same matrix as `p(λ)`, kept for OpenQASM 2 circuits.
   *
   * @param lambda - λ in radians (a number or a parameter expression)
   * @param q - the qubit index
   * @returns this circuit, for chaining
   */
  u1(lambda: Angle, q: number): this { return this.append('u1', [q], [lambda]); }
  /**
   * Legacy U2(φ, λ) = U(π/2, φ, λ), kept for OpenQASM 2 circuits.
   *
   * @param phi - φ in radians (a number or a parameter expression)
   * @param lambda - λ in radians (a number or a parameter expression)
   * @param q - the qubit index
   * @returns this circuit, for chaining
   */
  u2(phi: Angle, lambda: Angle, q: number): this { return this.append('u2', [q], [phi, lambda]); }
  /**
   * Legacy U3(θ, φ, λ), the same matrix as `u(θ, φ, λ)`, kept for OpenQASM 2 circuits.
   *
   * @param theta - the rotation angle θ in radians (a number or a parameter expression)
   * @param phi - φ in radians (a number or a parameter expression)
   * @param lambda - λ in radians (a number or a parameter expression)
   * @param q - the qubit index
   * @returns this circuit, for chaining
   */
  u3(theta: Angle, phi: Angle, lambda: Angle, q: number): this {
    return this.append('u3', [q], [theta, phi, lambda]);
  }

  // --- multi-qubit gates (controls first) ------------------------------------------------
  /**
   * Controlled-X (CNOT): flips `target` when `control` is |1⟩.
   *
   * @param control - the control qubit
   * @param target - the target qubit
   * @returns this circuit, for chaining
   */
  cx(control: number, target: number): this { return this.append('cx', [control, target]); }
  /**
   * Controlled-Y: applies Y to `target` when `control` is |1⟩.
   *
   * @param control - the control qubit
   * @param target - the target qubit
   * @returns this circuit, for chaining
   */
  cy(control: number, target: number): this { return this.append('cy', [control, target]); }
  /**
   * Controlled-Z: phase −1 on |11⟩ (symmetric in its two qubits).
   *
   * @param control - the control qubit
   * @param target - the target qubit
   * @returns this circuit, for chaining
   */
  cz(control: number, target: number): this { return this.append('cz', [control, target]); }
  /**
   * Controlled-Hadamard: applies H to `target` when `control` is |1⟩.
   *
   * @param control - the control qubit
   * @param target - the target qubit
   * @returns this circuit, for chaining
   */
  ch(control: number, target: number): this { return this.append('ch', [control, target]); }
  /**
   * Controlled phase CP(θ): phase e^{iθ} on |11⟩ (symmetric in its two qubits).
   *
   * @param theta - the rotation angle θ in radians (a number or a parameter expression)
   * @param control - the control qubit
   * @param target - the target qubit
   * @returns this circuit, for chaining
   */
  cp(theta: Angle, control: number, target: number): this {
    return this.append('cp', [control, target], [theta]);
  }
  /**
   * Controlled RX(θ) on `target`.
   *
   * @param theta - the rotation angle θ in radians (a number or a parameter expression)
   * @param control - the control qubit
   * @param target - the target qubit
   * @returns this circuit, for chaining
   */
  crx(theta: Angle, control: number, target: number): this {
    return this.append('crx', [control, target], [theta]);
  }
  /**
   * Controlled RY(θ) on `target`.
   *
   * @param theta - the rotation angle θ in radians (a number or a parameter expression)
   * @param control - the control qubit
   * @param target - the target qubit
   * @returns this circuit, for chaining
   */
  cry(theta: Angle, control: number, target: number): this {
    return this.append('cry', [control, target], [theta]);
  }
  /**
   * Controlled RZ(θ) on `target` (not the same as `cp(θ)`: RZ's phase e^{−iθ/2} is controlled too).
   *
   * @param theta - the rotation angle θ in radians (a number or a parameter expression)
   * @param control - the control qubit
   * @param target - the target qubit
   * @returns this circuit, for chaining
   */
  crz(theta: Angle, control: number, target: number): this {
    return this.append('crz', [control, target], [theta]);
  }
  /**
   * Controlled U(θ, φ, λ) with an extra phase e^{iγ} on the controlled branch (Qiskit's CUGate).
   *
   * @param theta - the rotation angle θ in radians (a number or a parameter expression)
   * @param phi - φ in radians (a number or a parameter expression)
   * @param lambda - λ in radians (a number or a parameter expression)
   * @param gamma - γ, the extra phase in radians
   * @param control - the control qubit
   * @param target - the target qubit
   * @returns this circuit, for chaining
   */
  cu(theta: Angle, phi: Angle, lambda: Angle, gamma: Angle, control: number, target: number): this {
    return this.append('cu', [control, target], [theta, phi, lambda, gamma]);
  }
  /**
   * Swaps the states of qubits `a` and `b`.
   *
   * @param a - the first qubit
   * @param b - the second qubit
   * @returns this circuit, for chaining
   */
  swap(a: number, b: number): this { return this.append('swap', [a, b]); }
  /**
   * Ising ZZ interaction RZZ(θ) = exp(−iθ Z⊗Z/2) on qubits `a` and `b` (a native gate on some IBM devices).
   *
   * @param theta - the rotation angle θ in radians (a number or a parameter expression)
   * @param a - the first qubit
   * @param b - the second qubit
   * @returns this circuit, for chaining
   */
  rzz(theta: Angle, a: number, b: number): this { return this.append('rzz', [a, b], [theta]); }
  /**
   * Ising XX interaction RXX(θ) = exp(−iθ X⊗X/2) on qubits `a` and `b`.
   *
   * @param theta - the rotation angle θ in radians (a number or a parameter expression)
   * @param a - the first qubit
   * @param b - the second qubit
   * @returns this circuit, for chaining
   */
  rxx(theta: Angle, a: number, b: number): this { return this.append('rxx', [a, b], [theta]); }
  /**
   * Ising YY interaction RYY(θ) = exp(−iθ Y⊗Y/2) on qubits `a` and `b`.
   *
   * @param theta - the rotation angle θ in radians (a number or a parameter expression)
   * @param a - the first qubit
   * @param b - the second qubit
   * @returns this circuit, for chaining
   */
  ryy(theta: Angle, a: number, b: number): this { return this.append('ryy', [a, b], [theta]); }
  /**
   * Echoed cross-resonance gate (Qiskit's ECRGate, the native entangler of IBM Eagle devices); not symmetric: `a` is the first (control-like) qubit.
   *
   * @param a - the first qubit
   * @param b - the second qubit
   * @returns this circuit, for chaining
   */
  ecr(a: number, b: number): this { return this.append('ecr', [a, b]); }
  /**
   * Toffoli (CCX): flips `target` when both `c1` and `c2` are |1⟩.
   *
   * @param c1 - the first control qubit
   * @param c2 - the second control qubit
   * @param target - the target qubit
   * @returns this circuit, for chaining
   */
  ccx(c1: number, c2: number, target: number): this { return this.append('ccx', [c1, c2, target]); }
  /**
   * Fredkin (controlled SWAP): swaps `a` and `b` when `control` is |1⟩.
   *
   * @param control - the control qubit
   * @param a - the first qubit
   * @param b - the second qubit
   * @returns this circuit, for chaining
   */
  cswap(control: number, a: number, b: number): this {
    return this.append('cswap', [control, a, b]);
  }

  // --- directives ------------------------------------------------------------------------
  /** Measures qubit `q` into global classical bit `c`. */
  measure(q: number, c: number): this { return this.append('measure', [q], [], [c]); }
  /** A barrier on the given qubits (all qubits when none are given). */
  barrier(...qubits: number[]): this {
    return this.append('barrier', qubits.length ? qubits : range(this.numQubits));
  }
  /** Resets qubit `q` to |0⟩. */
  reset(q: number): this { return this.append('reset', [q]); }
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

  // --- whole-circuit operations -------------------------------------------------------------

  /** Names of the free parameters, sorted as Qiskit sorts `circuit.parameters`. */
  get parameters(): string[] {
    const names = new Set<string>();
    for (const ins of this._instructions) for (const p of ins.params) for (const n of angle.names(p)) names.add(n);
    for (const n of angle.names(this.globalPhase)) names.add(n);
    return [...names].sort(compareParameterNames);
  }

  /** True when no parameter is left unbound. */
  get isBound(): boolean {
    return this.parameters.length === 0;
  }

  /**
   * A new circuit with parameters bound: by name (`{ theta: 0.5, 'x[0]': 1 }`), or by a
   * plain array in the order of {@link Circuit.parameters}. Unknown names are an error.
   */
  assignParameters(values: ParameterBindings | readonly number[]): Circuit {
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
      out.append(ins.name, ins.qubits, ins.params.map((p) => angle.bind(p, bindings)), ins.clbits);
    }
    return out;
  }

  /**
   * The inverse circuit: gates reversed and inverted, global phase negated. Measurements and
   * resets have no inverse and are refused; barriers are kept.
   */
  inverse(): Circuit {
    const out = this.emptyCopy();
    out.globalPhase = angle.neg(this.globalPhase);
    for (let i = this._instructions.length - 1; i >= 0; i--) {
      const ins = this._instructions[i]!;
      if (ins.name === 'barrier') {
        out.append('barrier', ins.qubits);
        continue;
      }
      if (DIRECTIVES.has(ins.name)) {
        throw new CircuitValidationError(`instruction ${i} (${ins.name}) has no inverse`, i);
      }
      // One gate when one is the inverse; rc3x and c3sqrtx invert through their definitions.
      for (const inv of inverseOf(ins.name, ins.qubits, ins.params)) out.append(inv.name, inv.qubits, inv.params);
    }
    return out;
  }

  /**
   * Appends `other` onto this circuit (in place), mapping its qubit i to `qubits[i]`
   * (identity when omitted) and its classical bit j to `clbits[j]`.
   */
  compose(other: Circuit, qubits?: readonly number[], clbits?: readonly number[]): this {
    const qmap = qubits ?? range(other.numQubits);
    if (qmap.length !== other.numQubits) {
      throw new CircuitValidationError(`compose: ${other.numQubits} qubit(s) need a mapping of that length`);
    }
    const cmap = clbits ?? range(other.numClbits);
    if (cmap.length !== other.numClbits) {
      throw new CircuitValidationError(`compose: ${other.numClbits} classical bit(s) need a mapping of that length`);
    }
    this.globalPhase = angle.add(this.globalPhase, other.globalPhase);
    for (const ins of other.instructions) {
      this.append(ins.name, ins.qubits.map((q) => qmap[q]!), ins.params, ins.clbits.map((c) => cmap[c]!));
    }
    return this;
  }

  /** A deep copy. */
  copy(): Circuit {
    const out = this.emptyCopy();
    out.globalPhase = this.globalPhase;
    for (const ins of this._instructions) out._instructions.push(ins);
    return out;
  }

  /** Same qubits and classical registers, no instructions. */
  emptyCopy(): Circuit {
    const out = new Circuit(this.numQubits, { name: this.name });
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

function uniqueName(c: Circuit, base: string): string {
  for (let i = 0; ; i++) if (!c.classicalRegister(`${base}${i}`)) return `${base}${i}`;
}
