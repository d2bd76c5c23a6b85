/**
 * Dense linear algebra for quantum_info, on the gate tables' matrix layout ({@link GateMatrix}:
 * interleaved (re, im), row-major, index bit j = qubit j). The products, adjoints and Kronecker
 * products are the noise module's (src/noise/matrix.ts); this file adds what states need: a
 * k-qubit matrix applied on chosen index bits, circuits unrolled into gate matrices, and
 * functions of Hermitian matrices (eigenvalues, square roots).
 */
import Complex from 'complex.js';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { Circuit } from '../circuit/circuit';
import { gateMatrix, type GateMatrix, isIdleInstruction } from '../circuit/gates';
import { CircuitValidationError, InputValidationError, ResourceLimitError } from '../core/errors';
import { complexParts, type ComplexLike } from './complex-input';
import { MAX_DENSE_QUBITS } from './sparse-pauli-op';

/**
 * Applies the k-qubit matrix `g` in place to a vector of 2^totalBits interleaved (re, im)
 * entries, g's argument j on index bit `bits[j]`. A row-major 2^n × 2^n matrix is such a vector
 * with 2n bits: its row index is bits n…2n−1, so `bits = qubits + n` multiplies from the left.
 */
export function applyOnBits(data: Float64Array, totalBits: number, g: GateMatrix, bits: readonly number[]): void {
  const d = g.dim;
  const offsets = new Int32Array(d);
  for (let j = 0; j < d; j++) {
    let off = 0;
    for (let t = 0; t < bits.length; t++) if ((j >> t) & 1) off |= 1 << bits[t]!;
    offsets[j] = off;
  }
  let mask = 0;
  for (const b of bits) mask |= 1 << b;
  const inRe = new Float64Array(d);
  const inIm = new Float64Array(d);
  const size = 2 ** totalBits;
  for (let base = 0; base < size; base++) {
    if (base & mask) continue;
    for (let j = 0; j < d; j++) {
      inRe[j] = data[2 * (base | offsets[j]!)]!;
      inIm[j] = data[2 * (base | offsets[j]!) + 1]!;
    }
    for (let r = 0; r < d; r++) {
      let sr = 0, si = 0;
      for (let c = 0; c < d; c++) {
        const mr = g.data[2 * (r * d + c)]!, mi = g.data[2 * (r * d + c) + 1]!;
        sr += mr * inRe[c]! - mi * inIm[c]!;
        si += mr * inIm[c]! + mi * inRe[c]!;
      }
      data[2 * (base | offsets[r]!)] = sr;
      data[2 * (base | offsets[r]!) + 1] = si;
    }
  }
}

/** One gate of a circuit with numeric parameters. */
export interface UnitaryStep {
  readonly name: string;
  readonly params: readonly number[];
  readonly matrix: GateMatrix;
  readonly qubits: readonly number[];
}

/**
 * A circuit's gates as matrices (barriers and delays skipped: they act as the identity) and its numeric global phase.
 *
 * @throws {CircuitValidationError} for a measurement or reset (not unitary) or an unbound parameter
 */
export function unitarySteps(circuit: Circuit): { steps: UnitaryStep[]; globalPhase: number } {
  const steps: UnitaryStep[] = [];
  circuit.instructions.forEach((ins, i) => {
    if (isIdleInstruction(ins.name)) return;
    if (ins.name === 'measure' || ins.name === 'reset') {
      throw new CircuitValidationError(`instruction ${i} (${ins.name}) is not unitary; remove measurements and resets first`, i);
    }
    const params = ins.params.map((p) => {
      if (typeof p === 'number') return p;
      throw new CircuitValidationError(`instruction ${i} (${ins.name}): unbound parameter(s) ${p.parameterNames().join(', ')}; bind values first`, i);
    });
    steps.push({ name: ins.name, params, matrix: gateMatrix(ins.name, params), qubits: ins.qubits });
  });
  const gp = circuit.globalPhase;
  if (typeof gp !== 'number') throw new CircuitValidationError(`global phase has unbound parameter(s): ${gp.parameterNames().join(', ')}`);
  return { steps, globalPhase: gp };
}

/** Multiplies every entry by e^{iφ}. */
export function applyPhase(data: Float64Array, phi: number): void {
  if (phi === 0) return;
  const c = Math.cos(phi), s = Math.sin(phi);
  for (let i = 0; i < data.length; i += 2) {
    const re = data[i]!, im = data[i + 1]!;
    data[i] = c * re - s * im;
    data[i + 1] = s * re + c * im;
  }
}

/**
 * Refuses dense work above {@link MAX_DENSE_QUBITS} qubits.
 *
 * @throws {ResourceLimitError} naming the size and the limit
 */
export function assertDenseFits(numQubits: number, what: string): void {
  if (numQubits > MAX_DENSE_QUBITS) {
    throw new ResourceLimitError(`${what} on ${numQubits} qubits is refused: quantum_info builds dense matrices up to ${MAX_DENSE_QUBITS} qubits`);
  }
}

/** The trace as (re, im). */
export function traceOf(m: GateMatrix): [number, number] {
  let re = 0, im = 0;
  for (let i = 0; i < m.dim; i++) {
    re += m.data[2 * (i * m.dim + i)]!;
    im += m.data[2 * (i * m.dim + i) + 1]!;
  }
  return [re, im];
}

/** Tr(A†B) as (re, im): Σ conj(A_ij)·B_ij. */
export function hilbertSchmidt(a: GateMatrix, b: GateMatrix): [number, number] {
  let re = 0, im = 0;
  for (let i = 0; i < a.data.length; i += 2) {
    const ar = a.data[i]!, ai = a.data[i + 1]!, br = b.data[i]!, bi = b.data[i + 1]!;
    re += ar * br + ai * bi;
    im += ar * bi - ai * br;
  }
  return [re, im];
}

/** Rows of complex.js values. */
export function toComplexRows(m: GateMatrix): Complex[][] {
  return Array.from({ length: m.dim }, (_, r) => Array.from({ length: m.dim }, (_, c) => new Complex(m.data[2 * (r * m.dim + c)]!, m.data[2 * (r * m.dim + c) + 1]!)));
}

/**
 * A square matrix of side 2^n from rows of numbers or complex values.
 *
 * @throws {InputValidationError} for a ragged or non-square input, a side that is not a power of two, a non-finite entry
 */
export function fromComplexRows(rows: ReadonlyArray<ReadonlyArray<ComplexLike>>, what: string): GateMatrix {
  const dim = Array.isArray(rows) ? rows.length : 0;
  if (dim === 0 || !Number.isInteger(Math.log2(dim))) throw new InputValidationError(`${what} needs a square matrix of side 2^n, got ${dim} row(s)`);
  const data = new Float64Array(2 * dim * dim);
  rows.forEach((row, r) => {
    if (!Array.isArray(row) || row.length !== dim) throw new InputValidationError(`${what}: row ${r} has ${Array.isArray(row) ? row.length : 0} entries, not ${dim}`);
    row.forEach((x, c) => {
      [data[2 * (r * dim + c)], data[2 * (r * dim + c) + 1]] = complexParts(x, `${what}: entry (${r}, ${c})`);
    });
  });
  return { dim, data };
}

/**
 * Eigenvalues and f(H) of a Hermitian H = A + iB, through the real symmetric embedding
 * M = [[A, −B], [B, A]] (ml-matrix's symmetric solver): M is unitarily similar to H ⊕ H̄, so
 * each eigenvalue of H appears twice in M, and f(M) = [[A', −B'], [B', A']] with f(H) = A' + iB'
 * for any real function f (the embedding is a *-homomorphism).
 */
export function hermitianFunction(h: GateMatrix, f: (lambda: number) => number): { values: Float64Array; result: GateMatrix } {
  const d = h.dim;
  const emb = new Matrix(2 * d, 2 * d);
  for (let r = 0; r < d; r++) {
    for (let c = 0; c < d; c++) {
      // Symmetrised: rounding may leave H a few ulps from Hermitian.
      const re = (h.data[2 * (r * d + c)]! + h.data[2 * (c * d + r)]!) / 2;
      const im = (h.data[2 * (r * d + c) + 1]! - h.data[2 * (c * d + r) + 1]!) / 2;
      emb.set(r, c, re);
      emb.set(r + d, c + d, re);
      emb.set(r, c + d, -im);
      emb.set(r + d, c, im);
    }
  }
  const eig = new EigenvalueDecomposition(emb, { assumeSymmetric: true });
  const w = eig.realEigenvalues;
  const v = eig.eigenvectorMatrix;
  const fw = w.map(f);
  const data = new Float64Array(2 * d * d);
  for (let r = 0; r < d; r++) {
    for (let c = 0; c < d; c++) {
      let re = 0, im = 0;
      for (let k = 0; k < 2 * d; k++) {
        const vc = v.get(c, k) * fw[k]!;
        re += v.get(r, k) * vc;
        im += v.get(r + d, k) * vc;
      }
      data[2 * (r * d + c)] = re;
      data[2 * (r * d + c) + 1] = im;
    }
  }
  // Every eigenvalue of H once: the embedding's sorted values come in equal pairs.
  const sorted = [...w].sort((a, b) => a - b);
  const values = Float64Array.from({ length: d }, (_, k) => (sorted[2 * k]! + sorted[2 * k + 1]!) / 2);
  return { values, result: { dim: d, data } };
}
