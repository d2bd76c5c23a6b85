/**
 * What the planner works on (gates with numeric parameters, and for parametric plans parity
 * phases whose angles come per run) and what it emits (passes over the state), shared by the
 * planner (./fusion.ts), its post-passes, the parametric runner and the kernels that run them.
 */
/** One gate with numeric parameters (barriers and measurements removed). */
export interface GateCall {
  readonly name: string;
  readonly qubits: readonly number[];
  readonly params: readonly number[];
}

/**
 * A parametric parity phase (the evolution block of a Pauli-Z string): amplitude k gains
 * e^{iθ} where parity(k & mask) is odd, θ = the run's angle number `slot`. The planner treats it
 * as a diagonal term whose value is not known until run time.
 */
export interface ParityPhase {
  readonly mask: number;
  readonly slot: number;
}

/** What the planner takes: gates with numeric parameters and, for parametric plans, parity phases. */
export type PlanInput = GateCall | ParityPhase;

/** One pass over the state, as the fused simulator runs it. */
export type FusedOp =
  /** A 2×2 on qubit q (8 numbers, row-major interleaved). */
  | { readonly kind: 'one'; readonly q: number; readonly m: Float64Array }
  /** Two 2×2s on different qubits, one pass. */
  | { readonly kind: 'pair'; readonly qa: number; readonly ma: Float64Array; readonly qb: number; readonly mb: Float64Array }
  /** A diagonal of one- and two-qubit phase terms, one pass (see applyPhaseTerms). */
  | {
      readonly kind: 'phases';
      readonly one: Float64Array;
      readonly pairQubits: Int32Array;
      readonly pairDiag: Float64Array;
      readonly scalarRe: number;
      readonly scalarIm: number;
    }
  /** A two-qubit diagonal (d: 4 complex entries at index bit_a + 2·bit_b). */
  | { readonly kind: 'diag2'; readonly a: number; readonly b: number; readonly d: Float64Array }
  /** A gate applied as is (cx, swap, ch, ccx, …). */
  | { readonly kind: 'gate'; readonly gate: GateCall }
  /** Writes the product state ⊗_q (v_q0|0⟩ + v_q1|1⟩) (4 numbers per qubit), discarding the old state. */
  | { readonly kind: 'product'; readonly v: Float64Array }
  /** A run of CX/SWAP gates as one out-of-place gather pass (see applyGather). */
  | { readonly kind: 'gather'; readonly lowBits: number; readonly tl: Int32Array; readonly th: Int32Array; readonly gates: number }
  /** A global phase factor (cos φ, sin φ) when nothing else could absorb it. */
  | { readonly kind: 'scalar'; readonly c: number; readonly s: number };

/**
 * A diagonal pass with parametric terms (only in parametric plans): the fixed part in the form of
 * a `phases` pass, times the parity phases whose angles each run gives.
 */
export interface AnglesOp {
  readonly kind: 'angles';
  readonly one: Float64Array;
  readonly pairQubits: Int32Array;
  readonly pairDiag: Float64Array;
  readonly scalarRe: number;
  readonly scalarIm: number;
  readonly terms: readonly ParityPhase[];
}

/** What the planner emits: fused passes and, for parametric inputs, parametric diagonal passes. */
export type PlanOp = FusedOp | AnglesOp;
