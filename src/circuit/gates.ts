import { CircuitValidationError } from '../core/errors';
import type { Angle } from './parameter';
import { didYouMean } from '../core/suggest';
import { QELIB1_EXTRA_GATES } from './gates-qelib1';

/**
 * The standard gate set with Qiskit's exact matrices, global phase included
 * (see Qiskit `crates/circuit/src/gate_matrix.rs`).
 *
 * Matrices are `Float64Array`s of interleaved (re, im) pairs, row-major, of size 2·d·d with
 * d = 2^k. Row/column index = Σ_j bit(arg_j)·2^j: argument 0 is the least significant bit,
 * so for every controlled gate the first argument (the control) is the LSB.
 */

/** A dense complex matrix: interleaved re/im, row-major, `dim × dim`. */
export interface GateMatrix {
  /** The matrix dimension d = 2^k for a k-qubit gate. */
  readonly dim: number;
  /** 2·d·d numbers: entry (r, c) is `data[2(r·d + c)] + i·data[2(r·d + c) + 1]`. */
  readonly data: Float64Array;
}

/**
 * How a gate's inverse is expressed, as another gate with transformed parameters; null when
 * no single gate is the inverse (rc3x, c3sqrtx): then the inverse is the gate's definition
 * reversed and inverted (`invertedDefinition` in `gate-definitions.ts`).
 */
export type InverseRule = (params: readonly Angle[]) => { name: string; params: Angle[] } | null;

/** Static facts about one gate. */
export interface GateDefinition {
  /** The gate's name, as in OpenQASM's stdgates and Qiskit (`'cx'`, `'rz'`, ...). */
  readonly name: string;
  /** How many qubits it acts on. */
  readonly numQubits: number;
  /** How many angle parameters it takes. */
  readonly numParams: number;
  /** True when the matrix is diagonal in the computational basis (phase-type gate). */
  readonly diagonal: boolean;
  /** The matrix for numeric parameters. */
  matrix(params: readonly number[]): GateMatrix;
  /** The inverse gate. */
  readonly inverse: InverseRule;
}

const S2 = Math.SQRT1_2;

function m(dim: number, entries: ReadonlyArray<readonly [number, number]>): GateMatrix {
  const data = new Float64Array(2 * dim * dim);
  entries.forEach(([re, im], i) => {
    data[2 * i] = re;
    data[2 * i + 1] = im;
  });
  return { dim, data };
}

/** A diagonal matrix from (re, im) entries. */
function diag(entries: ReadonlyArray<readonly [number, number]>): GateMatrix {
  const dim = entries.length;
  const data = new Float64Array(2 * dim * dim);
  entries.forEach(([re, im], i) => {
    data[2 * (i * dim + i)] = re;
    data[2 * (i * dim + i) + 1] = im;
  });
  return { dim, data };
}

const eix = (t: number): [number, number] => [Math.cos(t), Math.sin(t)];

/** Qiskit's UGate(θ, φ, λ) = [[c, −e^{iλ}s], [e^{iφ}s, e^{i(φ+λ)}c]]. */
function uMatrix(theta: number, phi: number, lam: number): GateMatrix {
  const c = Math.cos(theta / 2);
  const s = Math.sin(theta / 2);
  const [lr, li] = eix(lam);
  const [pr, pi] = eix(phi);
  const [plr, pli] = eix(phi + lam);
  return m(2, [
    [c, 0],
    [-lr * s, -li * s],
    [pr * s, pi * s],
    [plr * c, pli * c],
  ]);
}

/** |0⟩⟨0| ⊗ I + |1⟩⟨1| ⊗ V with control = argument 0 (the LSB). */
function controlled(v: GateMatrix): GateMatrix {
  const data = new Float64Array(32);
  const set = (r: number, c: number, re: number, im: number): void => {
    data[2 * (r * 4 + c)] = re;
    data[2 * (r * 4 + c) + 1] = im;
  };
  set(0, 0, 1, 0);
  set(2, 2, 1, 0);
  // control bit set: indices 1 (target 0) and 3 (target 1)
  const idx = [1, 3];
  for (let r = 0; r < 2; r++) {
    for (let c = 0; c < 2; c++) {
      set(idx[r]!, idx[c]!, v.data[2 * (r * 2 + c)]!, v.data[2 * (r * 2 + c) + 1]!);
    }
  }
  return { dim: 4, data };
}

/** A permutation matrix: column j has a 1 in row perm[j]. */
function permutation(perm: readonly number[]): GateMatrix {
  const dim = perm.length;
  const data = new Float64Array(2 * dim * dim);
  perm.forEach((row, col) => {
    data[2 * (row * dim + col)] = 1;
  });
  return { dim, data };
}

const self: InverseRule = (p) => ({ name: '', params: [...p] });
const to =
  (name: string): InverseRule =>
  () => ({ name, params: [] });
const negAll: InverseRule = (p) => ({
  name: '',
  params: p.map((a) => (typeof a === 'number' ? -a : a.neg())),
});
const neg = (a: Angle): Angle => (typeof a === 'number' ? -a : a.neg());
const sub = (a: Angle, b: number): Angle => (typeof a === 'number' ? a - b : a.sub(b));

const X = m(2, [
  [0, 0],
  [1, 0],
  [1, 0],
  [0, 0],
]);
const Y = m(2, [
  [0, 0],
  [0, -1],
  [0, 1],
  [0, 0],
]);
const Z = diag([
  [1, 0],
  [-1, 0],
]);
const H = m(2, [
  [S2, 0],
  [S2, 0],
  [S2, 0],
  [-S2, 0],
]);
const SX = m(2, [
  [0.5, 0.5],
  [0.5, -0.5],
  [0.5, -0.5],
  [0.5, 0.5],
]);
const SXDG = m(2, [
  [0.5, -0.5],
  [0.5, 0.5],
  [0.5, 0.5],
  [0.5, -0.5],
]);

function rx(t: number): GateMatrix {
  const c = Math.cos(t / 2);
  const s = Math.sin(t / 2);
  return m(2, [
    [c, 0],
    [0, -s],
    [0, -s],
    [c, 0],
  ]);
}
function ry(t: number): GateMatrix {
  const c = Math.cos(t / 2);
  const s = Math.sin(t / 2);
  return m(2, [
    [c, 0],
    [-s, 0],
    [s, 0],
    [c, 0],
  ]);
}
const rz = (t: number): GateMatrix => diag([eix(-t / 2), eix(t / 2)]);
const phase = (t: number): GateMatrix => diag([[1, 0], eix(t)]);

type Def = Omit<GateDefinition, 'name' | 'inverse'> & { inverse: InverseRule };

const fixed = (
  numQubits: number,
  mat: GateMatrix,
  inverse: InverseRule = self,
  diagonal = false,
): Def => ({ numQubits, numParams: 0, diagonal, matrix: () => mat, inverse });

const DEFS: Record<string, Def> = {
  id: fixed(1, diag([
    [1, 0],
    [1, 0],
  ]), self, true),
  x: fixed(1, X),
  y: fixed(1, Y),
  z: fixed(1, Z, self, true),
  h: fixed(1, H),
  s: fixed(1, diag([[1, 0], [0, 1]]), to('sdg'), true),
  sdg: fixed(1, diag([[1, 0], [0, -1]]), to('s'), true),
  t: fixed(1, diag([[1, 0], [S2, S2]]), to('tdg'), true),
  tdg: fixed(1, diag([[1, 0], [S2, -S2]]), to('t'), true),
  sx: fixed(1, SX, to('sxdg')),
  sxdg: fixed(1, SXDG, to('sx')),
  rx: { numQubits: 1, numParams: 1, diagonal: false, matrix: ([t]) => rx(t!), inverse: negAll },
  ry: { numQubits: 1, numParams: 1, diagonal: false, matrix: ([t]) => ry(t!), inverse: negAll },
  rz: { numQubits: 1, numParams: 1, diagonal: true, matrix: ([t]) => rz(t!), inverse: negAll },
  p: { numQubits: 1, numParams: 1, diagonal: true, matrix: ([t]) => phase(t!), inverse: negAll },
  u1: { numQubits: 1, numParams: 1, diagonal: true, matrix: ([t]) => phase(t!), inverse: negAll },
  u2: {
    numQubits: 1,
    numParams: 2,
    diagonal: false,
    matrix: ([phi, lam]) => {
      // Qiskit writes 1/√2 exactly rather than cos(π/4).
      const [lr, li] = eix(lam!);
      const [pr, pi] = eix(phi!);
      const [plr, pli] = eix(phi! + lam!);
      return m(2, [
        [S2, 0],
        [-lr * S2, -li * S2],
        [pr * S2, pi * S2],
        [plr * S2, pli * S2],
      ]);
    },
    // Qiskit U2Gate.inverse: U2(−λ−π, −φ+π)
    inverse: ([phi, lam]) => ({
      name: 'u2',
      params: [sub(neg(lam!), Math.PI), sub(neg(phi!), -Math.PI)],
    }),
  },
  u: {
    numQubits: 1,
    numParams: 3,
    diagonal: false,
    matrix: ([t, p, l]) => uMatrix(t!, p!, l!),
    inverse: ([t, p, l]) => ({ name: 'u', params: [neg(t!), neg(l!), neg(p!)] }),
  },
  u3: {
    numQubits: 1,
    numParams: 3,
    diagonal: false,
    matrix: ([t, p, l]) => uMatrix(t!, p!, l!),
    inverse: ([t, p, l]) => ({ name: 'u3', params: [neg(t!), neg(l!), neg(p!)] }),
  },
  cx: fixed(2, controlled(X)),
  cy: fixed(2, controlled(Y)),
  cz: fixed(2, controlled(Z), self, true),
  ch: fixed(2, controlled(H)),
  cp: {
    numQubits: 2,
    numParams: 1,
    diagonal: true,
    matrix: ([t]) => controlled(phase(t!)),
    inverse: negAll,
  },
  crx: { numQubits: 2, numParams: 1, diagonal: false, matrix: ([t]) => controlled(rx(t!)), inverse: negAll },
  cry: { numQubits: 2, numParams: 1, diagonal: false, matrix: ([t]) => controlled(ry(t!)), inverse: negAll },
  crz: { numQubits: 2, numParams: 1, diagonal: true, matrix: ([t]) => controlled(rz(t!)), inverse: negAll },
  cu: {
    numQubits: 2,
    numParams: 4,
    diagonal: false,
    // γ is a phase on the control-1 block (Qiskit CUGate), not a global phase.
    matrix: ([t, p, l, g]) => {
      const u = uMatrix(t!, p!, l!);
      const [gr, gi] = eix(g!);
      const d = new Float64Array(8);
      for (let k = 0; k < 4; k++) {
        const re = u.data[2 * k]!;
        const im = u.data[2 * k + 1]!;
        d[2 * k] = re * gr - im * gi;
        d[2 * k + 1] = re * gi + im * gr;
      }
      return controlled({ dim: 2, data: d });
    },
    inverse: ([t, p, l, g]) => ({ name: 'cu', params: [neg(t!), neg(l!), neg(p!), neg(g!)] }),
  },
  swap: fixed(2, permutation([0, 2, 1, 3])),
  rzz: {
    numQubits: 2,
    numParams: 1,
    diagonal: true,
    matrix: ([t]) => {
      const a = eix(-t! / 2);
      const b = eix(t! / 2);
      return diag([a, b, b, a]);
    },
    inverse: negAll,
  },
  rxx: {
    numQubits: 2,
    numParams: 1,
    diagonal: false,
    matrix: ([t]) => {
      const c = Math.cos(t! / 2);
      const s = Math.sin(t! / 2);
      return m(4, [
        [c, 0], [0, 0], [0, 0], [0, -s],
        [0, 0], [c, 0], [0, -s], [0, 0],
        [0, 0], [0, -s], [c, 0], [0, 0],
        [0, -s], [0, 0], [0, 0], [c, 0],
      ]);
    },
    inverse: negAll,
  },
  ryy: {
    numQubits: 2,
    numParams: 1,
    diagonal: false,
    matrix: ([t]) => {
      const c = Math.cos(t! / 2);
      const s = Math.sin(t! / 2);
      return m(4, [
        [c, 0], [0, 0], [0, 0], [0, s],
        [0, 0], [c, 0], [0, -s], [0, 0],
        [0, 0], [0, -s], [c, 0], [0, 0],
        [0, s], [0, 0], [0, 0], [c, 0],
      ]);
    },
    inverse: negAll,
  },
  // Qiskit ECRGate: (1/√2)[[0, 1, 0, i], [1, 0, −i, 0], [0, i, 0, 1], [−i, 0, 1, 0]]
  ecr: fixed(
    2,
    m(4, [
      [0, 0], [S2, 0], [0, 0], [0, S2],
      [S2, 0], [0, 0], [0, -S2], [0, 0],
      [0, 0], [0, S2], [0, 0], [S2, 0],
      [0, -S2], [0, 0], [S2, 0], [0, 0],
    ]),
  ),
  // controls are arguments 0 and 1; target argument 2: swaps indices 3 and 7
  ccx: fixed(3, permutation([0, 1, 2, 7, 4, 5, 6, 3])),
  // control argument 0; swaps arguments 1 and 2 when it is set: indices 3 and 5
  cswap: fixed(3, permutation([0, 1, 2, 5, 4, 3, 6, 7])),
  ...QELIB1_EXTRA_GATES,
};

/** Every unitary gate qbridge knows, by name. */
export const GATES: ReadonlyMap<string, GateDefinition> = new Map(
  Object.entries(DEFS).map(([name, d]) => {
    const inverse: InverseRule = (p) => {
      const r = d.inverse(p);
      return r && { name: r.name || name, params: r.params };
    };
    return [name, Object.freeze({ ...d, name, inverse })];
  }),
);

/** Non-unitary instructions the circuit model carries. */
export const DIRECTIVES = new Set(['measure', 'barrier', 'reset', 'delay']);

/**
 * Instructions that leave the state alone in an ideal simulation: a barrier only orders, a
 * delay (one qubit, one parameter: its duration in seconds) only waits. A noise model may still
 * relax a qubit during a delay (the noisy simulators handle it themselves).
 */
export function isIdleInstruction(name: string): boolean {
  return name === 'barrier' || name === 'delay';
}

/** The gate definition, or a {@link CircuitValidationError} naming the unknown gate. */
export function gateDefinition(name: string): GateDefinition {
  const g = GATES.get(name);
  if (!g) throw new CircuitValidationError(`unknown gate '${name}'${didYouMean(name, GATES.keys())}`);
  return g;
}

/** The matrix of a gate with numeric parameters. */
export function gateMatrix(name: string, params: readonly number[] = []): GateMatrix {
  return gateDefinition(name).matrix(params);
}
