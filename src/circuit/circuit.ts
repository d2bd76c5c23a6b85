import { CircuitBase } from './circuit-base';
import type { QubitArg } from './broadcast';
import type { Angle } from './parameter';
import { mcpOps, mcxOps } from './multi-controlled';
import { controlStates } from './modifiers';
import type { DefinitionOp } from './gate-definitions';
import { CircuitValidationError } from '../core/errors';
import { drawText, type TextDrawOptions } from './draw';

export { CircuitBase, isExpression, type Instruction, type ClassicalRegister, type CircuitOptions, type ComposeOptions } from './circuit-base';

/**
 * A quantum circuit: `numQubits` qubits (little-endian, as Qiskit), named classical registers,
 * a list of instructions and a global phase. Builder methods mirror Qiskit's argument order
 * (`rz(theta, q)`, `cp(theta, control, target)`) and return `this`:
 *
 * @example
 * const bell = new Circuit(2).h(0).cx(0, 1).measureAll();
 */
export class Circuit extends CircuitBase {
  // --- one-qubit gates -------------------------------------------------------------------
  /**
   * Identity on qubit `q`: does nothing, but keeps a slot (e.g. for a delay or a noise model).
   *
   * @param q - the qubit index, or a list of them: one gate on each (Qiskit's broadcasting)
   * @returns this circuit, for chaining
   */
  id(q: QubitArg): this { return this.gate('id', [q]); }
  /**
   * Pauli X (NOT, bit flip) on qubit `q`.
   *
   * @param q - the qubit index, or a list of them: one gate on each (Qiskit's broadcasting)
   * @returns this circuit, for chaining
   */
  x(q: QubitArg): this { return this.gate('x', [q]); }
  /**
   * Pauli Y on qubit `q`.
   *
   * @param q - the qubit index, or a list of them: one gate on each (Qiskit's broadcasting)
   * @returns this circuit, for chaining
   */
  y(q: QubitArg): this { return this.gate('y', [q]); }
  /**
   * Pauli Z (phase flip) on qubit `q`.
   *
   * @param q - the qubit index, or a list of them: one gate on each (Qiskit's broadcasting)
   * @returns this circuit, for chaining
   */
  z(q: QubitArg): this { return this.gate('z', [q]); }
  /**
   * Hadamard on qubit `q`: maps |0⟩ to |+⟩ and |1⟩ to |−⟩.
   *
   * @param q - the qubit index, or a list of them: one gate on each (Qiskit's broadcasting)
   * @returns this circuit, for chaining
   */
  h(q: QubitArg): this { return this.gate('h', [q]); }
  /**
   * S = √Z = diag(1, i) on qubit `q`.
   *
   * @param q - the qubit index, or a list of them: one gate on each (Qiskit's broadcasting)
   * @returns this circuit, for chaining
   */
  s(q: QubitArg): this { return this.gate('s', [q]); }
  /**
   * S† = diag(1, −i) on qubit `q`.
   *
   * @param q - the qubit index, or a list of them: one gate on each (Qiskit's broadcasting)
   * @returns this circuit, for chaining
   */
  sdg(q: QubitArg): this { return this.gate('sdg', [q]); }
  /**
   * T = diag(1, e^{iπ/4}) on qubit `q`.
   *
   * @param q - the qubit index, or a list of them: one gate on each (Qiskit's broadcasting)
   * @returns this circuit, for chaining
   */
  t(q: QubitArg): this { return this.gate('t', [q]); }
  /**
   * T† = diag(1, e^{−iπ/4}) on qubit `q`.
   *
   * @param q - the qubit index, or a list of them: one gate on each (Qiskit's broadcasting)
   * @returns this circuit, for chaining
   */
  tdg(q: QubitArg): this { return this.gate('tdg', [q]); }
  /**
   * √X on qubit `q` (Qiskit's SXGate, a native gate of IBM devices).
   *
   * @param q - the qubit index, or a list of them: one gate on each (Qiskit's broadcasting)
   * @returns this circuit, for chaining
   */
  sx(q: QubitArg): this { return this.gate('sx', [q]); }
  /**
   * (√X)† on qubit `q`.
   *
   * @param q - the qubit index, or a list of them: one gate on each (Qiskit's broadcasting)
   * @returns this circuit, for chaining
   */
  sxdg(q: QubitArg): this { return this.gate('sxdg', [q]); }
  /**
   * X rotation RX(θ) = exp(−iθX/2) on qubit `q`.
   *
   * @param theta - the rotation angle θ in radians (a number or a parameter expression)
   * @param q - the qubit index, or a list of them: one gate on each (Qiskit's broadcasting)
   * @returns this circuit, for chaining
   */
  rx(theta: Angle, q: QubitArg): this { return this.gate('rx', [q], [theta]); }
  /**
   * Y rotation RY(θ) = exp(−iθY/2) on qubit `q`.
   *
   * @param theta - the rotation angle θ in radians (a number or a parameter expression)
   * @param q - the qubit index, or a list of them: one gate on each (Qiskit's broadcasting)
   * @returns this circuit, for chaining
   */
  ry(theta: Angle, q: QubitArg): this { return this.gate('ry', [q], [theta]); }
  /**
   * Z rotation RZ(φ) = exp(−iφZ/2) on qubit `q` (Qiskit's convention: differs from `p(φ)` by a global phase e^{−iφ/2}).
   *
   * @param phi - φ in radians (a number or a parameter expression)
   * @param q - the qubit index, or a list of them: one gate on each (Qiskit's broadcasting)
   * @returns this circuit, for chaining
   */
  rz(phi: Angle, q: QubitArg): this { return this.gate('rz', [q], [phi]); }
  /**
   * Phase gate P(λ) = diag(1, e^{iλ}) on qubit `q` (Qiskit's PhaseGate; equal to `u1`).
   *
   * @param lambda - λ in radians (a number or a parameter expression)
   * @param q - the qubit index, or a list of them: one gate on each (Qiskit's broadcasting)
   * @returns this circuit, for chaining
   */
  p(lambda: Angle, q: QubitArg): this { return this.gate('p', [q], [lambda]); }
  /**
   * Generic one-qubit gate U(θ, φ, λ) on qubit `q`, in Qiskit's convention: U = [[cos(θ/2), −e^{iλ}sin(θ/2)], [e^{iφ}sin(θ/2), e^{i(φ+λ)}cos(θ/2)]].
   *
   * @param theta - the rotation angle θ in radians (a number or a parameter expression)
   * @param phi - φ in radians (a number or a parameter expression)
   * @param lambda - λ in radians (a number or a parameter expression)
   * @param q - the qubit index, or a list of them: one gate on each (Qiskit's broadcasting)
   * @returns this circuit, for chaining
   */
  u(theta: Angle, phi: Angle, lambda: Angle, q: QubitArg): this {
    return this.gate('u', [q], [theta, phi, lambda]);
  }
  /**
   * Legacy U1(λ), the same matrix as `p(λ)`, kept for OpenQASM 2 circuits.
   *
   * @param lambda - λ in radians (a number or a parameter expression)
   * @param q - the qubit index, or a list of them: one gate on each (Qiskit's broadcasting)
   * @returns this circuit, for chaining
   */
  u1(lambda: Angle, q: QubitArg): this { return this.gate('u1', [q], [lambda]); }
  /**
   * Legacy U2(φ, λ) = U(π/2, φ, λ), kept for OpenQASM 2 circuits.
   *
   * @param phi - φ in radians (a number or a parameter expression)
   * @param lambda - λ in radians (a number or a parameter expression)
   * @param q - the qubit index, or a list of them: one gate on each (Qiskit's broadcasting)
   * @returns this circuit, for chaining
   */
  u2(phi: Angle, lambda: Angle, q: QubitArg): this { return this.gate('u2', [q], [phi, lambda]); }
  /**
   * Legacy U3(θ, φ, λ), the same matrix as `u(θ, φ, λ)`, kept for OpenQASM 2 circuits.
   *
   * @param theta - the rotation angle θ in radians (a number or a parameter expression)
   * @param phi - φ in radians (a number or a parameter expression)
   * @param lambda - λ in radians (a number or a parameter expression)
   * @param q - the qubit index, or a list of them: one gate on each (Qiskit's broadcasting)
   * @returns this circuit, for chaining
   */
  u3(theta: Angle, phi: Angle, lambda: Angle, q: QubitArg): this {
    return this.gate('u3', [q], [theta, phi, lambda]);
  }

  // --- multi-qubit gates (controls first) ------------------------------------------------
  /**
   * Controlled-X (CNOT): flips `target` when `control` is |1⟩.
   *
   * @param control - the control qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @param target - the target qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @returns this circuit, for chaining
   */
  cx(control: QubitArg, target: QubitArg): this { return this.gate('cx', [control, target]); }
  /**
   * Controlled-Y: applies Y to `target` when `control` is |1⟩.
   *
   * @param control - the control qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @param target - the target qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @returns this circuit, for chaining
   */
  cy(control: QubitArg, target: QubitArg): this { return this.gate('cy', [control, target]); }
  /**
   * Controlled-Z: phase −1 on |11⟩ (symmetric in its two qubits).
   *
   * @param control - the control qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @param target - the target qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @returns this circuit, for chaining
   */
  cz(control: QubitArg, target: QubitArg): this { return this.gate('cz', [control, target]); }
  /**
   * Controlled-Hadamard: applies H to `target` when `control` is |1⟩.
   *
   * @param control - the control qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @param target - the target qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @returns this circuit, for chaining
   */
  ch(control: QubitArg, target: QubitArg): this { return this.gate('ch', [control, target]); }
  /**
   * Controlled phase CP(θ): phase e^{iθ} on |11⟩ (symmetric in its two qubits).
   *
   * @param theta - the rotation angle θ in radians (a number or a parameter expression)
   * @param control - the control qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @param target - the target qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @returns this circuit, for chaining
   */
  cp(theta: Angle, control: QubitArg, target: QubitArg): this {
    return this.gate('cp', [control, target], [theta]);
  }
  /**
   * Controlled RX(θ) on `target`.
   *
   * @param theta - the rotation angle θ in radians (a number or a parameter expression)
   * @param control - the control qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @param target - the target qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @returns this circuit, for chaining
   */
  crx(theta: Angle, control: QubitArg, target: QubitArg): this {
    return this.gate('crx', [control, target], [theta]);
  }
  /**
   * Controlled RY(θ) on `target`.
   *
   * @param theta - the rotation angle θ in radians (a number or a parameter expression)
   * @param control - the control qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @param target - the target qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @returns this circuit, for chaining
   */
  cry(theta: Angle, control: QubitArg, target: QubitArg): this {
    return this.gate('cry', [control, target], [theta]);
  }
  /**
   * Controlled RZ(θ) on `target` (not the same as `cp(θ)`: RZ's phase e^{−iθ/2} is controlled too).
   *
   * @param theta - the rotation angle θ in radians (a number or a parameter expression)
   * @param control - the control qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @param target - the target qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @returns this circuit, for chaining
   */
  crz(theta: Angle, control: QubitArg, target: QubitArg): this {
    return this.gate('crz', [control, target], [theta]);
  }
  /**
   * Controlled U(θ, φ, λ) with an extra phase e^{iγ} on the controlled branch (Qiskit's CUGate).
   *
   * @param theta - the rotation angle θ in radians (a number or a parameter expression)
   * @param phi - φ in radians (a number or a parameter expression)
   * @param lambda - λ in radians (a number or a parameter expression)
   * @param gamma - γ, the extra phase in radians
   * @param control - the control qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @param target - the target qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @returns this circuit, for chaining
   */
  cu(theta: Angle, phi: Angle, lambda: Angle, gamma: Angle, control: QubitArg, target: QubitArg): this {
    return this.gate('cu', [control, target], [theta, phi, lambda, gamma]);
  }
  /**
   * Swaps the states of qubits `a` and `b`.
   *
   * @param a - the first qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @param b - the second qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @returns this circuit, for chaining
   */
  swap(a: QubitArg, b: QubitArg): this { return this.gate('swap', [a, b]); }
  /**
   * Ising ZZ interaction RZZ(θ) = exp(−iθ Z⊗Z/2) on qubits `a` and `b` (a native gate on some IBM devices).
   *
   * @param theta - the rotation angle θ in radians (a number or a parameter expression)
   * @param a - the first qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @param b - the second qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @returns this circuit, for chaining
   */
  rzz(theta: Angle, a: QubitArg, b: QubitArg): this { return this.gate('rzz', [a, b], [theta]); }
  /**
   * Ising XX interaction RXX(θ) = exp(−iθ X⊗X/2) on qubits `a` and `b`.
   *
   * @param theta - the rotation angle θ in radians (a number or a parameter expression)
   * @param a - the first qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @param b - the second qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @returns this circuit, for chaining
   */
  rxx(theta: Angle, a: QubitArg, b: QubitArg): this { return this.gate('rxx', [a, b], [theta]); }
  /**
   * Ising YY interaction RYY(θ) = exp(−iθ Y⊗Y/2) on qubits `a` and `b`.
   *
   * @param theta - the rotation angle θ in radians (a number or a parameter expression)
   * @param a - the first qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @param b - the second qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @returns this circuit, for chaining
   */
  ryy(theta: Angle, a: QubitArg, b: QubitArg): this { return this.gate('ryy', [a, b], [theta]); }
  /**
   * Echoed cross-resonance gate (Qiskit's ECRGate, the native entangler of IBM Eagle devices); not symmetric: `a` is the first (control-like) qubit.
   *
   * @param a - the first qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @param b - the second qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @returns this circuit, for chaining
   */
  ecr(a: QubitArg, b: QubitArg): this { return this.gate('ecr', [a, b]); }
  /**
   * Toffoli (CCX): flips `target` when both `c1` and `c2` are |1⟩.
   *
   * @param c1 - the first control qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @param c2 - the second control qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @param target - the target qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @returns this circuit, for chaining
   */
  ccx(c1: QubitArg, c2: QubitArg, target: QubitArg): this { return this.gate('ccx', [c1, c2, target]); }
  /**
   * Fredkin (controlled SWAP): swaps `a` and `b` when `control` is |1⟩.
   *
   * @param control - the control qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @param a - the first qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @param b - the second qubit, or a list (paired as Qiskit broadcasts: see {@link broadcastQubits})
   * @returns this circuit, for chaining
   */
  cswap(control: QubitArg, a: QubitArg, b: QubitArg): this {
    return this.gate('cswap', [control, a, b]);
  }

  // --- multi-controlled gates (ancilla-free, in standard gates) ---------------------------
  /**
   * Multi-controlled X (Qiskit's `mcx`): flips `target` when every control is |1⟩. Written
   * without ancillas as x, cx, ccx, c3x or c4x for 0–4 controls, and as H·mcp(π)·H past that
   * (at most 10 controls).
   *
   * @param controls - the control qubits
   * @param target - the target qubit
   * @param ctrlState - the controls' required state (Qiskit's `ctrl_state`: an integer whose bit i
   * is `controls[i]`, or a bit string); default all |1⟩
   * @returns this circuit, for chaining
   * @throws {@link CircuitValidationError} for qubits out of range or repeated, or too many controls
   */
  mcx(controls: readonly number[], target: number, ctrlState?: number | string): this {
    this.checkDistinct('mcx', [...controls, target]);
    return this.appendControlled(mcxOps(controls, target), controls, ctrlState);
  }
  /**
   * Multi-controlled phase (Qiskit's `mcp`): phase e^{iλ} when every control and the target are
   * |1⟩. p or cp for 0–1 controls, else a Gray-code product of cp(±λ/2^{n−1}) and cx
   * (ancilla-free, exact; at most 10 controls). λ may be a parameter expression.
   *
   * @param lambda - λ in radians (a number or a parameter expression)
   * @param controls - the control qubits
   * @param target - the target qubit
   * @param ctrlState - the controls' required state (Qiskit's `ctrl_state`), default all |1⟩
   * @returns this circuit, for chaining
   * @throws {@link CircuitValidationError} for qubits out of range or repeated, or too many controls
   */
  mcp(lambda: Angle, controls: readonly number[], target: number, ctrlState?: number | string): this {
    this.checkDistinct('mcp', [...controls, target]);
    return this.appendControlled(mcpOps(lambda, controls, target), controls, ctrlState);
  }

  /** Appends `ops`, with X on each control whose state in `ctrlState` is 0, before and after. */
  private appendControlled(ops: readonly DefinitionOp[], controls: readonly number[], ctrlState?: number | string): this {
    const flips = ctrlState === undefined || controls.length === 0 ? [] : controls.filter((_, i) => !controlStates(controls.length, ctrlState)[i]);
    for (const q of flips) this.append('x', [q]);
    for (const o of ops) this.append(o.name, o.qubits, o.params);
    for (const q of flips) this.append('x', [q]);
    return this;
  }

  private checkDistinct(name: string, qubits: readonly number[]): void {
    for (const q of qubits) {
      if (!Number.isInteger(q) || q < 0 || q >= this.numQubits) {
        throw new CircuitValidationError(`${name}: qubit ${String(q)} out of range for a ${this.numQubits}-qubit circuit`);
      }
    }
    if (new Set(qubits).size !== qubits.length) throw new CircuitValidationError(`${name}: repeated qubit argument (${qubits.join(', ')})`);
  }

  /**
   * The circuit drawn as text, as Qiskit's `circuit.draw('text')` lays it out: {@link drawText}.
   *
   * @example new Circuit(2).h(0).cx(0, 1).draw()
   */
  draw(options?: TextDrawOptions): string {
    return drawText(this, options);
  }
}
