import type { Entanglement } from './entanglement';

/**
 * The pieces of a Pauli feature map's circuit that do not depend on the map object: Qiskit's
 * synthesis of one evolution block, and the options of the circuit-returning (Qiskit) forms.
 */

/** Options of `PauliFeatureMap.circuit` (Qiskit's `insert_barriers` and `name`). */
export interface FeatureMapCircuitOptions {
  /** A barrier on all qubits after each H layer and after each rep's evolutions but the last. Default false. */
  insertBarriers?: boolean;
  /** The circuit's name. Default 'PauliFeatureMap'. */
  name?: string;
}

/**
 * Qiskit's keyword arguments of `pauli_feature_map` / `zz_feature_map` / `z_feature_map`, for the
 * circuit-returning (positional) forms of `pauliFeatureMap`, `zzFeatureMap` and
 * `zFeatureMap`. Qiskit's `data_map_func` is not supported.
 */
export interface QiskitFeatureMapOptions extends FeatureMapCircuitOptions {
  /** Repetitions. Default 2. */
  reps?: number;
  /** Default 'full'. */
  entanglement?: Entanglement;
  /** Angle scale. Default 2. */
  alpha?: number;
  /** Pauli strings (`pauliFeatureMap` only). Default ['Z', 'ZZ']. */
  paulis?: readonly string[];
  /** Name of the parameter vector. Default 'x'. */
  parameterPrefix?: string;
}

/** Where one block's synthesis goes: the circuit (gates) or the engine plan (gates and parity phases). */
export interface BlockEmitter {
  /** An H of a rep's H layer, or a basis change: H for X, SX for Y before the parity phase; H, SX† after it. */
  gate(name: 'h' | 'sx' | 'sxdg', q: number): void;
  /** e^{iθ·parity} on the active qubits: CX chain onto qs[0], P(θ) there, chain back. */
  parity(qs: readonly number[]): void;
  /** Called after each rep's H layer (the circuit's barriers; the engine plan has none). */
  afterHLayer?(): void;
  /** Called after each rep's evolution blocks. */
  afterRep?(rep: number): void;
}

/** Qiskit's synthesis of one evolution block (`sparse_term_evolution`, phase gate form), to `emit`. */
export function synthesizeBlock(pauli: string, tuple: readonly number[], emit: BlockEmitter): void {
  // Active qubits in reversed-tuple order: q[0] = the last tuple qubit with a non-I letter
  // (letter k from the left acts on tuple[len−1−k]: the rightmost letter is on S[0]).
  const active: Array<[string, number]> = [];
  for (let k = 0; k < pauli.length; k++) {
    const letter = pauli[k]!;
    if (letter !== 'I') active.push([letter, tuple[pauli.length - 1 - k]!]);
  }
  if (active.length === 0) return;
  for (const [l, q] of active) {
    if (l === 'X') emit.gate('h', q);
    else if (l === 'Y') emit.gate('sx', q);
  }
  emit.parity(active.map(([, q]) => q));
  for (const [l, q] of active) {
    if (l === 'X') emit.gate('h', q);
    else if (l === 'Y') emit.gate('sxdg', q);
  }
}

