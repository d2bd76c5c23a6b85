/**
 * The one shape of a state in the engine: n qubits as two parallel typed arrays of 2^n real and
 * imaginary parts, little-endian index (qubit 0 is the least significant bit), as Qiskit.
 * Everything else that holds a state extends it ({@link WorkState}, the `Statevector` class) or
 * aliases it (the backend contract's `StatevectorData`).
 */
import type { WasmArena } from './wasm/arena';

/** A state as two parallel typed arrays (little-endian index: qubit 0 is the LSB). */
export interface StateBuffers {
  /** Number of qubits n; each array has 2^n entries. */
  readonly numQubits: number;
  /** Real parts of the amplitudes, by basis-state index. */
  readonly re: Float64Array;
  /** Imaginary parts of the amplitudes, by basis-state index. */
  readonly im: Float64Array;
}

/**
 * A state being simulated: the buffers may be swapped with the spare pair by out-of-place
 * passes (the spare pair is allocated on first use).
 */
export interface WorkState extends StateBuffers {
  re: Float64Array;
  im: Float64Array;
  spareRe: Float64Array | null;
  spareIm: Float64Array | null;
  /** When set, the buffers live in this WebAssembly memory and passes that have a SIMD kernel use it. */
  arena?: WasmArena | null;
  /** Threads a wasm pass may use (from 18 qubits; see `SimulateOptions.threads`); default 1. */
  threads?: number;
}

/** |0…0⟩ in fresh arrays (no memory check: callers make it). */
export function allocateZero(numQubits: number): StateBuffers {
  const re = new Float64Array(2 ** numQubits);
  const im = new Float64Array(2 ** numQubits);
  re[0] = 1;
  return { numQubits, re, im };
}
