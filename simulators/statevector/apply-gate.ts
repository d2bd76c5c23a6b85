/**
 * Gate-by-gate application (the unfused path, and the fallback of the fused one): picks the
 * specialised kernel from the gate's matrix structure, never from a per-amplitude branch.
 */
import { gateDefinition, type GateMatrix } from '../../src/circuit/gates';
import { isDiagonal2x2, isReal2x2 } from '../../src/circuit/mat2';
import { apply1q, apply1qHadamard, apply1qReal, applyControlled1q } from './ops/apply-1q';
import { applyDense } from './ops/apply-dense';
import { applyDiagonal, applyDiagonal1q } from './ops/apply-diagonal';
import { applyCx, applyMaskedSwap, applySwap, applyX } from './ops/apply-permutation';
import type { StateBuffers } from './state';


// 4·2^k numbers for the dense kernel: k ≤ 5 (c4x is the widest gate).
const scratch = new Float64Array(128);

/** True when the 2×2 is k·[[1, 1], [1, −1]] for a real k (H and its multiples), exactly. */
export function isHadamardShaped(m: Float64Array): boolean {
  return isReal2x2(m) && m[0] === m[2] && m[0] === m[4] && m[6] === -m[0]!;
}

/**
 * Applies a 2×2 matrix (8 numbers, row-major interleaved) with the cheapest kernel for its
 * structure: diagonal, Hadamard-shaped, real, or general complex.
 */
export function apply2x2(re: Float64Array, im: Float64Array, target: number, m: Float64Array): void {
  if (isDiagonal2x2(m)) {
    applyDiagonal1q(re, im, target, m[0]!, m[1]!, m[6]!, m[7]!);
  } else if (isHadamardShaped(m)) {
    apply1qHadamard(re, im, target, m[0]!);
  } else if (isReal2x2(m)) {
    apply1qReal(re, im, target, m[0]!, m[2]!, m[4]!, m[6]!);
  } else {
    apply1q(re, im, target, m);
  }
}

/** The diagonal of a diagonal matrix as interleaved (re, im) pairs. */
export function diagonalOf(mat: GateMatrix): Float64Array {
  const d = new Float64Array(2 * mat.dim);
  for (let i = 0; i < mat.dim; i++) {
    d[2 * i] = mat.data[2 * (i * mat.dim + i)]!;
    d[2 * i + 1] = mat.data[2 * (i * mat.dim + i) + 1]!;
  }
  return d;
}

/**
 * V when the 4×4 matrix is |0⟩⟨0| ⊗ I + |1⟩⟨1| ⊗ V with the control on argument 0 (the LSB of
 * the gate's index: rows/columns 1 and 3 form V), else null. Exact comparison: the gate
 * tables write these zeros and ones exactly.
 */
export function controlledBlock(mat: GateMatrix): Float64Array | null {
  if (mat.dim !== 4) return null;
  const at = (r: number, c: number, part: 0 | 1): number => mat.data[2 * (r * 4 + c) + part]!;
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 4; c++) {
      if ((r & 1) === 1 && (c & 1) === 1) continue; // the V block
      const want = r === c ? 1 : 0;
      if (at(r, c, 0) !== want || at(r, c, 1) !== 0) return null;
    }
  }
  return Float64Array.of(at(1, 1, 0), at(1, 1, 1), at(1, 3, 0), at(1, 3, 1), at(3, 1, 0), at(3, 1, 1), at(3, 3, 0), at(3, 3, 1));
}

/**
 * Applies one unitary gate to the state (no fusion): permutations (x, cx, swap, ccx, cswap)
 * by swaps, diagonal gates by phase kernels, one-qubit gates by {@link apply2x2}, controlled
 * one-qubit gates on the control-1 half only, anything else by the dense kernel.
 *
 * @example applyGate(state, 'h', [0], []) on |0⟩ gives re = [1/√2, 1/√2].
 */
export function applyGate(state: StateBuffers, name: string, qubits: readonly number[], params: readonly number[]): void {
  const { re, im } = state;
  switch (name) {
    case 'id':
    case 'delay': // waiting changes nothing in an ideal simulation
      return;
    case 'x':
      applyX(re, im, qubits[0]!);
      return;
    case 'cx':
      applyCx(re, im, qubits[0]!, qubits[1]!);
      return;
    case 'swap':
      applySwap(re, im, qubits[0]!, qubits[1]!);
      return;
    case 'ccx': {
      const c = (1 << qubits[0]!) | (1 << qubits[1]!), t = 1 << qubits[2]!;
      applyMaskedSwap(re, im, c | t, c, t);
      return;
    }
    case 'cswap': {
      const c = 1 << qubits[0]!, a = 1 << qubits[1]!, b = 1 << qubits[2]!;
      applyMaskedSwap(re, im, c | a | b, c | a, a | b);
      return;
    }
  }
  const def = gateDefinition(name);
  const mat = def.matrix(params);
  if (qubits.length === 1) {
    apply2x2(re, im, qubits[0]!, mat.data);
    return;
  }
  if (def.diagonal) {
    applyDiagonal(re, im, qubits, diagonalOf(mat));
    return;
  }
  const v = controlledBlock(mat);
  if (v) applyControlled1q(re, im, qubits[0]!, qubits[1]!, v);
  else applyDense(re, im, qubits, mat.data, scratch);
}
