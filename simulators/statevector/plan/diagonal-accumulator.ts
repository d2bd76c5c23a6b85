/**
 * The open diagonal of the fusion scheduler: a product of one-qubit phase terms (per qubit),
 * two-qubit terms (per pair), a scalar and parametric parity phases, turned into the cheapest
 * pass when emitted.
 */
import { mulInto } from '../ops/apply-phase-terms';
import type { ParityPhase, PlanOp } from './fused-op';

/** The open diagonal: one-qubit terms, two-qubit terms keyed by a·n + b (a < b), a scalar. */
export class DiagonalAccumulator {
  readonly one: Float64Array;
  private readonly touched: Uint8Array;
  readonly pairs = new Map<number, Float64Array>();
  /** Parametric parity phases (their angles come with each run). */
  readonly terms: ParityPhase[] = [];
  private used = false;
  scalarRe = 1;
  scalarIm = 0;

  constructor(private readonly n: number) {
    this.one = new Float64Array(4 * n);
    this.touched = new Uint8Array(n);
    this.reset();
  }

  reset(): void {
    for (let q = 0; q < this.n; q++) this.one.set([1, 0, 1, 0], 4 * q);
    this.touched.fill(0);
    this.pairs.clear();
    this.terms.length = 0;
    this.used = false;
    this.scalarRe = 1;
    this.scalarIm = 0;
  }

  get empty(): boolean {
    return !this.used;
  }

  touches(q: number): boolean {
    return this.touched[q] === 1;
  }

  /** Multiplies the one-qubit term of q by diag(d0, d1). */
  addOne(q: number, d0r: number, d0i: number, d1r: number, d1i: number): void {
    mulInto(this.one, 4 * q, d0r, d0i);
    mulInto(this.one, 4 * q + 2, d1r, d1i);
    this.touched[q] = 1;
    this.used = true;
  }

  private isIdentityOne(q: number): boolean {
    const o = this.one;
    return o[4 * q] === 1 && o[4 * q + 1] === 0 && o[4 * q + 2] === 1 && o[4 * q + 3] === 0;
  }

  /** Adds g(bit_a, bit_b) (4 complex entries at bit_a + 2·bit_b). */
  addPair(a: number, b: number, d: Float64Array): void {
    // Normalise to a < b: the local index bit_a + 2·bit_b becomes bit_b + 2·bit_a (entries 1 ↔ 2).
    const e = a < b ? d : Float64Array.of(d[0]!, d[1]!, d[4]!, d[5]!, d[2]!, d[3]!, d[6]!, d[7]!);
    const lo = a < b ? a : b, hi = a < b ? b : a;
    const key = lo * this.n + hi;
    const cur = this.pairs.get(key);
    if (cur) for (let k = 0; k < 4; k++) mulInto(cur, 2 * k, e[2 * k]!, e[2 * k + 1]!);
    else this.pairs.set(key, Float64Array.from(e));
    this.touched[lo] = 1;
    this.touched[hi] = 1;
    this.used = true;
  }

  /** Adds a parametric parity phase on the qubits of its mask. */
  addParity(term: ParityPhase): void {
    this.terms.push(term);
    for (let q = 0; q < this.n; q++) if (term.mask & (1 << q)) this.touched[q] = 1;
    this.used = true;
  }

  multiplyScalar(c: number, s: number): void {
    const r = this.scalarRe * c - this.scalarIm * s;
    this.scalarIm = this.scalarRe * s + this.scalarIm * c;
    this.scalarRe = r;
    this.used = true;
  }

  /** The cheapest op for the accumulated diagonal (an `angles` op when it has parametric terms). */
  toOp(): PlanOp {
    const { scalarRe: sr, scalarIm: si } = this;
    const ones: number[] = [];
    for (let q = 0; q < this.n; q++) if (!this.isIdentityOne(q)) ones.push(q);
    if (this.terms.length === 0 && this.pairs.size === 0 && ones.length === 1) {
      const q = ones[0]!, o = this.one;
      const m = Float64Array.of(o[4 * q]!, o[4 * q + 1]!, 0, 0, 0, 0, o[4 * q + 2]!, o[4 * q + 3]!);
      mulInto(m, 0, sr, si);
      mulInto(m, 6, sr, si);
      return { kind: 'one', q, m };
    }
    if (this.terms.length === 0 && this.pairs.size === 1 && ones.length === 0) {
      const [key, d] = [...this.pairs][0]!;
      const out = Float64Array.from(d);
      for (let k = 0; k < 4; k++) mulInto(out, 2 * k, sr, si);
      return { kind: 'diag2', a: Math.floor(key / this.n), b: key % this.n, d: out };
    }
    const keys = [...this.pairs.keys()].sort((x, y) => x - y);
    const pairQubits = new Int32Array(2 * keys.length);
    const pairDiag = new Float64Array(8 * keys.length);
    keys.forEach((key, p) => {
      pairQubits[2 * p] = Math.floor(key / this.n);
      pairQubits[2 * p + 1] = key % this.n;
      pairDiag.set(this.pairs.get(key)!, 8 * p);
    });
    const one = Float64Array.from(this.one);
    if (this.terms.length) return { kind: 'angles', one, pairQubits, pairDiag, scalarRe: sr, scalarIm: si, terms: [...this.terms] };
    return { kind: 'phases', one, pairQubits, pairDiag, scalarRe: sr, scalarIm: si };
  }
}
