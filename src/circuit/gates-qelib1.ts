import type { Angle } from './parameter';

/**
 * The gates of Qiskit's qelib1.inc beyond the standard set: csx, rccx, rc3x, c3x, c3sqrtx
 * and c4x, with the matrices of Qiskit's CSXGate, RCCXGate, RC3XGate, C3XGate, C3SXGate and
 * C4XGate (`qiskit/circuit/library/standard_gates/x.py`, `sx.py`). None carries a global
 * phase: the matrices below are Qiskit's exactly.
 *
 * Index convention as in `gates.ts`: argument j is bit j of the row/column index, so the
 * controls (the first arguments) are the low bits and the target is the top bit.
 */

/** Shape shared with the gate table in `gates.ts` (kept here to avoid an import cycle). */
export interface ExtraGateDef {
  readonly numQubits: number;
  readonly numParams: number;
  readonly diagonal: boolean;
  matrix(params: readonly number[]): { readonly dim: number; readonly data: Float64Array };
  /**
   * The inverse as one gate, or null when qbridge has no single gate for it (rc3x†, c3sqrtx†):
   * the inverse is then the reversed, inverted definition (see `gate-definitions.ts`).
   */
  readonly inverse: (params: readonly Angle[]) => { name: string; params: Angle[] } | null;
}

/** Identity of dimension `dim` with the listed entries overwritten: [row, col, re, im]. */
function sparse(dim: number, entries: ReadonlyArray<readonly [number, number, number, number]>): Float64Array {
  const data = new Float64Array(2 * dim * dim);
  for (let i = 0; i < dim; i++) data[2 * (i * dim + i)] = 1;
  for (const [r, c] of entries) {
    if (r !== c) data[2 * (r * dim + r)] = data[2 * (c * dim + c)] = 0;
  }
  for (const [r, c, re, im] of entries) {
    data[2 * (r * dim + c)] = re;
    data[2 * (r * dim + c) + 1] = im;
  }
  return data;
}

const fixedMatrix = (numQubits: number, data: Float64Array) => {
  const dim = 1 << numQubits;
  return () => ({ dim, data });
};

const self = (): { name: string; params: Angle[] } => ({ name: '', params: [] });

/** k controls (arguments 0..k−1) on the SX of the last argument: SX = ½[[1+i, 1−i], [1−i, 1+i]]. */
function controlledSx(k: number): Float64Array {
  const c0 = (1 << k) - 1; // all controls set, target 0
  const c1 = c0 | (1 << k); // all controls set, target 1
  return sparse(1 << (k + 1), [
    [c0, c0, 0.5, 0.5],
    [c0, c1, 0.5, -0.5],
    [c1, c0, 0.5, -0.5],
    [c1, c1, 0.5, 0.5],
  ]);
}

/** k controls on X: the permutation swapping "controls set, target 0/1". */
function controlledX(k: number): Float64Array {
  const c0 = (1 << k) - 1;
  const c1 = c0 | (1 << k);
  return sparse(1 << (k + 1), [
    [c0, c1, 1, 0],
    [c1, c0, 1, 0],
  ]);
}

/** The qelib1.inc extras by qbridge name (the qelib1.inc spelling). */
export const QELIB1_EXTRA_GATES: Readonly<Record<string, ExtraGateDef>> = {
  // CSXGate's inverse is controlled-SX†; as a CUGate: SX† = e^{−iπ/4}·U(−π/2, −π/2, π/2).
  csx: {
    numQubits: 2, numParams: 0, diagonal: false, matrix: fixedMatrix(2, controlledSx(1)),
    inverse: () => ({ name: 'cu', params: [-Math.PI / 2, -Math.PI / 2, Math.PI / 2, -Math.PI / 4] }),
  },
  // RCCXGate: Toffoli up to relative phases; Hermitian, hence its own inverse.
  rccx: {
    numQubits: 3, numParams: 0, diagonal: false,
    matrix: fixedMatrix(3, sparse(8, [[3, 7, 0, -1], [5, 5, -1, 0], [7, 3, 0, 1]])),
    inverse: self,
  },
  // RC3XGate (Qiskit's name "rcccx"): not Hermitian (entries i and −i on the diagonal).
  rc3x: {
    numQubits: 4, numParams: 0, diagonal: false,
    matrix: fixedMatrix(4, sparse(16, [[3, 3, 0, 1], [7, 15, 1, 0], [11, 11, 0, -1], [15, 7, -1, 0]])),
    inverse: () => null,
  },
  c3x: { numQubits: 4, numParams: 0, diagonal: false, matrix: fixedMatrix(4, controlledX(3)), inverse: self },
  // C3SXGate (Qiskit's name "c3sx"); its inverse, controlled-SX†, is no qbridge gate.
  c3sqrtx: { numQubits: 4, numParams: 0, diagonal: false, matrix: fixedMatrix(4, controlledSx(3)), inverse: () => null },
  c4x: { numQubits: 5, numParams: 0, diagonal: false, matrix: fixedMatrix(5, controlledX(4)), inverse: self },
};
