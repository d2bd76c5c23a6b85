import { gateMatrix } from '../circuit/gates';
import { mul2x2, type Mat2 } from '../circuit/mat2';
import { CircuitValidationError } from '../core/errors';
import type { Entangler } from '../core/target';
import { op, type Op } from './ir';
import { adjointN, kron2, mul4, type Mat4 } from './mat4';
import { synthesizeZsx } from './synthesis-1q';
import { mirrorOnFace, weylDecomposition, type WeylDecomposition } from './weyl';

/**
 * Two-qubit synthesis into at most three entanglers (the job of Qiskit's
 * `TwoQubitBasisDecomposer`, exact global phase), from the KAK decomposition of `weyl.ts`:
 *
 * - (0, 0, 0): a product of one-qubit gates, no entangler;
 * - (π/4, 0, 0), CX's class: one CX;
 * - c = 0: two CX, since CX·(e^{iaX} ⊗ e^{ibZ})·CX = e^{i(a·XX + b·ZZ)}, locally (a, b, 0);
 * - otherwise three CX, Vatan and Williams' circuit CX₀₁·(RZ(π/2 − 2c)₁ ⊗ RY(2a − π/2)₀)·
 *   CX₁₀·RY(π/2 − 2b)₀·CX₀₁, locally (a, b, c).
 *
 * The circuit for the class (the template T) is itself KAK-decomposed; since U and T share the
 * canonical gate, U = e^{i(φ_U − φ_T)}·(L_U·L_T†)·T·(R_T†·R_U), and the outer one-qubit
 * factors merge into the template's first and last layers. Each CX then becomes the target's
 * entangler (CZ: H on the target each side; ECR: the identity of `native-2q.ts`), and every
 * one-qubit layer is written in rz/sx/x.
 */

/** What {@link synthesizeTwoQubit} returns. */
export interface TwoQubitSynthesis {
  /** rz/sx/x and entangler operations on the two given qubits. */
  readonly ops: Op[];
  /** Global phase the operations leave out: U = e^{i·phase}·(product of ops). */
  readonly phase: number;
  /** Number of entanglers used (0 to 3). */
  readonly entanglers: number;
  /** The Weyl coordinates of U. */
  readonly weyl: WeylDecomposition;
}

/** Options of {@link synthesizeTwoQubit}. */
export interface TwoQubitSynthesisOptions {
  /** The entangler to emit (default `cx`). */
  basis?: Entangler;
  /**
   * Coordinates within this distance of a class with fewer entanglers are treated as equal to
   * it (default 1e-12: the synthesis stays exact to rounding).
   */
  tolerance?: number;
}

const PI4 = Math.PI / 4;
const m = (name: string, params: number[] = []): Mat2 => Float64Array.from(gateMatrix(name, params).data);
const I2 = m('id');
const H2 = m('h');

/** CX with `control` as local qubit 0 or 1, the 4×4 matrix (index bit j = local qubit j). */
function cxMatrix(control: 0 | 1): Mat4 {
  const c = Float64Array.from(gateMatrix('cx').data); // arg 0 (control) on bit 0
  if (control === 0) return c;
  const sw = Float64Array.from(gateMatrix('swap').data);
  return mul4(sw, mul4(c, sw));
}

/** T = layers[k]·CX·…·CX·layers[0]; layers as [on local qubit 1, on local qubit 0]. */
interface Template {
  readonly layers: [Mat2, Mat2][];
  readonly controls: (0 | 1)[];
}

function templateMatrix(t: Template): Mat4 {
  let u = kron2(t.layers[0]![0], t.layers[0]![1]);
  t.controls.forEach((c, i) => {
    u = mul4(kron2(t.layers[i + 1]![0], t.layers[i + 1]![1]), mul4(cxMatrix(c), u));
  });
  return u;
}

/** How many CX the class (a, b, c) needs, and the (snapped) coordinates the template realises. */
export function entanglersForCoordinates(a: number, b: number, c: number, tol = 1e-12): number {
  if (Math.abs(a) <= tol && Math.abs(b) <= tol && Math.abs(c) <= tol) return 0;
  if (Math.abs(a - PI4) <= tol && Math.abs(b) <= tol && Math.abs(c) <= tol) return 1;
  if (Math.abs(c) <= tol) return 2;
  return 3;
}

function template(k: number, a: number, b: number, c: number): Template {
  if (k === 1) return { layers: [[I2, I2], [I2, I2]], controls: [0] };
  if (k === 2) return { layers: [[I2, I2], [m('rx', [-2 * a]), m('rz', [-2 * b])], [I2, I2]], controls: [1, 1] };
  return {
    layers: [[I2, I2], [m('rz', [Math.PI / 2 - 2 * c]), m('ry', [2 * a - Math.PI / 2])], [I2, m('ry', [Math.PI / 2 - 2 * b])], [I2, I2]],
    controls: [0, 1, 0],
  };
}

/**
 * Synthesises a two-qubit unitary `u` (4×4, row-major interleaved (re, im), index bit j =
 * local qubit j) on `qubits` = [local qubit 0, local qubit 1] into rz/sx/x and at most three
 * entanglers of `options.basis`, exactly, global phase included. Directed entanglers (cx,
 * ecr) may point either way between the two qubits: on a device that lists one direction,
 * the transpiler's `native-2q` pass flips the others.
 *
 * @throws {CircuitValidationError} when `u` is not a 4×4 unitary
 */
export function synthesizeTwoQubit(u: Float64Array, qubits: readonly [number, number], options: TwoQubitSynthesisOptions = {}): TwoQubitSynthesis {
  const basis = options.basis ?? 'cx';
  const tol = options.tolerance ?? 1e-12;
  const w = weylDecomposition(u);
  const k = entanglersForCoordinates(w.a, w.b, w.c, tol);
  let layers: [Mat2, Mat2][];
  let controls: (0 | 1)[];
  let phase: number;
  if (k === 0) {
    layers = [[mul2x2(w.k1[0], w.k2[0]), mul2x2(w.k1[1], w.k2[1])]];
    controls = [];
    phase = w.globalPhase;
  } else {
    const t = template(k, w.a, w.b, w.c);
    const gapTo = (x: WeylDecomposition): number => Math.max(Math.abs(x.a - w.a), Math.abs(x.b - w.b), Math.abs(x.c - w.c));
    let tw = weylDecomposition(templateMatrix(t));
    // On the face a = π/4, rounding may put U and T on opposite signs of c (one class).
    if (gapTo(tw) > 1e-9 && Math.abs(w.a - PI4) < 1e-9) tw = mirrorOnFace(tw);
    const gap = gapTo(tw);
    if (gap > 1e-9) throw new CircuitValidationError(`internal: two-qubit template for (${w.a}, ${w.b}, ${w.c}) has coordinates (${tw.a}, ${tw.b}, ${tw.c})`);
    layers = t.layers.map((l) => [l[0], l[1]] as [Mat2, Mat2]);
    controls = t.controls;
    const first = layers[0]!;
    const last = layers[layers.length - 1]!;
    layers[0] = [0, 1].map((j) => mul2x2(first[j]!, mul2x2(adjointN(tw.k2[j]!, 2), w.k2[j]!))) as [Mat2, Mat2];
    layers[layers.length - 1] = [0, 1].map((j) => mul2x2(w.k1[j]!, mul2x2(adjointN(tw.k1[j]!, 2), last[j]!))) as [Mat2, Mat2];
    phase = w.globalPhase - tw.globalPhase;
  }
  return { ...emit(layers, controls, qubits, basis, phase), weyl: w };
}

/**
 * Writes layers and CXs as operations: CX(c, t) = H_t·CZ·H_t for `cz`;
 * CX(c, t) = e^{−iπ/4}·(X_c ⊗ RX(−π/2)_t)·ECR(c, t)·RZ(−π/2)_c for `ecr`. The one-qubit
 * corrections join the neighbouring layers before the rz/sx/x synthesis.
 */
function emit(layers: [Mat2, Mat2][], controls: (0 | 1)[], qubits: readonly [number, number], basis: Entangler, phase0: number): Omit<TwoQubitSynthesis, 'weyl'> {
  const ls = layers.map((l) => [l[0], l[1]] as [Mat2, Mat2]);
  let phase = phase0;
  // slot 0 of a layer pair is local qubit 1, slot 1 is local qubit 0
  const slot = (local: 0 | 1): 0 | 1 => (local === 1 ? 0 : 1);
  controls.forEach((c, i) => {
    const t = (1 - c) as 0 | 1;
    const before = ls[i]!, after = ls[i + 1]!;
    if (basis === 'cz') {
      before[slot(t)] = mul2x2(H2, before[slot(t)]);
      after[slot(t)] = mul2x2(after[slot(t)], H2);
    } else if (basis === 'ecr') {
      before[slot(c)] = mul2x2(m('rz', [-Math.PI / 2]), before[slot(c)]);
      after[slot(c)] = mul2x2(after[slot(c)], m('x'));
      after[slot(t)] = mul2x2(after[slot(t)], m('rx', [-Math.PI / 2]));
      phase -= Math.PI / 4;
    }
  });
  const ops: Op[] = [];
  const oneQubit = (layer: [Mat2, Mat2]): void => {
    for (const local of [0, 1] as const) {
      const s = synthesizeZsx(layer[slot(local)], qubits[local]);
      ops.push(...s.ops);
      phase += s.phase as number; // numeric matrices give numeric phases
    }
  };
  oneQubit(ls[0]!);
  controls.forEach((c, i) => {
    const pair = [qubits[c], qubits[1 - c]!];
    ops.push(op(basis, basis === 'cz' ? [...pair].sort((x, y) => x - y) : pair));
    oneQubit(ls[i + 1]!);
  });
  return { ops, phase, entanglers: controls.length };
}
