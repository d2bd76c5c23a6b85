import { InputValidationError } from '../core/errors';
import { diagonalTerms, diagonalValue, isSingleDiagonal, type DiagonalObservableLike } from './diagonal-observables';
import { formatShape, shapeSize, type Shape } from './shape';

/**
 * Measurement outcomes of one classical register, Qiskit `BitArray`-like: `numRows` parameter
 * rows × `numShots` shots × `numBits` bits, in shot order. Bit k of the register is bit k of the
 * stored integer (little-endian); bit strings print the highest bit first, as Qiskit does.
 *
 * Storage: per shot, `ceil(numBits / 32)` unsigned 32-bit words (least significant word first).
 *
 * The rows are the elements of Qiskit's shape, in row-major order: `shape` arranges them (the
 * Sampler gives a PUB's BitArrays the shape of its parameter values: `[]` without parameters,
 * `[4, 3]` for a 4 × 3 grid of parameter sets) and `numRows` is their number. Methods that Qiskit
 * applies per shape element (`sliceBits`, `sliceShots`, `expectationValues`, the concatenations)
 * act per row, and every method returns a new BitArray (instances are never changed).
 */
export class BitArray {
  /** Bits per shot: the register's size. */
  readonly numBits: number;
  /** Shots per parameter row. */
  readonly numShots: number;
  /** Parameter rows (1 for a circuit without parameters): the number of elements of `shape`. */
  readonly numRows: number;
  /** Qiskit's shape: how the rows are arranged, row-major (frozen). `[numRows]` unless given. */
  readonly shape: Shape;
  private readonly words: Uint32Array;
  private readonly wordsPerShot: number;

  /**
   * @param words - `numRows · numShots · ceil(numBits/32)` words, row by row and shot by shot
   * @param numBits - bits per shot
   * @param numShots - shots per row
   * @param numRows - parameter rows
   * @param shape - how the rows are arranged (its elements must number `numRows`); `[numRows]` when omitted
   * @throws {InputValidationError} when sizes disagree or a value has bits above `numBits`
   */
  constructor(words: Uint32Array, numBits: number, numShots: number, numRows = 1, shape?: Shape) {
    for (const [k, v] of [['numBits', numBits], ['numShots', numShots], ['numRows', numRows]] as const) {
      if (!Number.isInteger(v) || v < 0) throw new InputValidationError(`BitArray ${k} must be an integer ≥ 0`);
    }
    const wps = Math.max(1, Math.ceil(numBits / 32));
    if (words.length !== numRows * numShots * wps) {
      throw new InputValidationError(
        `BitArray expects ${numRows * numShots * wps} words for ${numRows}×${numShots} shots of ${numBits} bits, got ${words.length}`,
      );
    }
    // The top word may only use the bits the register has (all words are 0 for 0 bits).
    const limit = numBits === 0 ? 1 : numBits % 32 === 0 ? 2 ** 32 : 2 ** (numBits % 32);
    for (let s = 0; s < numRows * numShots; s++) {
      if (words[s * wps + wps - 1]! >= limit) {
        throw new InputValidationError(`BitArray shot ${s} has bits set beyond its ${numBits} bits`);
      }
    }
    if (shape !== undefined && (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0) || shapeSize(shape) !== numRows)) {
      throw new InputValidationError(`BitArray shape ${Array.isArray(shape) ? formatShape(shape) : String(shape)} does not hold ${numRows} row(s)`);
    }
    this.shape = Object.freeze(shape === undefined ? [numRows] : [...shape]);
    this.words = words;
    this.wordsPerShot = wps;
    this.numBits = numBits;
    this.numShots = numShots;
    this.numRows = numRows;
  }

  /** Builds from per-shot integers (registers of ≤ 32 bits), rows concatenated. */
  static fromInts(values: ArrayLike<number>, numBits: number, numShots: number, numRows = 1): BitArray {
    if (numBits > 32) throw new InputValidationError('fromInts takes registers of at most 32 bits');
    return new BitArray(Uint32Array.from(values as ArrayLike<number>), numBits, numShots, numRows);
  }

  /** Builds from bit strings (highest bit first), rows concatenated. */
  static fromBitstrings(strings: readonly string[], numBits: number, numRows = 1): BitArray {
    if (strings.length % Math.max(1, numRows) !== 0) {
      throw new InputValidationError(`${strings.length} bit strings do not split into ${numRows} rows`);
    }
    const wps = Math.max(1, Math.ceil(numBits / 32));
    const words = new Uint32Array(strings.length * wps);
    strings.forEach((s, i) => {
      if (s.length !== numBits || !/^[01]*$/.test(s)) {
        throw new InputValidationError(`bit string ${i} ('${s.slice(0, 40)}') is not ${numBits} binary digits`);
      }
      for (let k = 0; k < numBits; k++) {
        if (s[numBits - 1 - k] === '1') words[i * wps + (k >>> 5)]! |= 1 << (k & 31);
      }
    });
    return new BitArray(words, numBits, numRows ? strings.length / numRows : 0, numRows);
  }

  /** Number of axes of `shape` (0 for a PUB without parameters). */
  get ndim(): number {
    return this.shape.length;
  }

  /**
   * The same shots with the rows arranged as `shape` (Qiskit's `reshape`; rows stay in
   * row-major order).
   * @throws {InputValidationError} when `shape` does not hold `numRows` elements
   */
  reshape(shape: Shape): BitArray {
    return new BitArray(this.words, this.numBits, this.numShots, this.numRows, shape);
  }

  private checkRow(row: number | undefined): void {
    if (row !== undefined && (!Number.isInteger(row) || row < 0 || row >= this.numRows)) {
      throw new InputValidationError(`row ${row} out of range [0, ${this.numRows})`);
    }
  }

  private shotRange(row?: number): [number, number] {
    this.checkRow(row);
    return row === undefined ? [0, this.numRows * this.numShots] : [row * this.numShots, (row + 1) * this.numShots];
  }

  /** The bit string of shot `s` (global shot index over all rows). */
  private bitstringAt(s: number): string {
    let out = '';
    for (let w = this.wordsPerShot - 1; w >= 0; w--) {
      const bits = w === this.wordsPerShot - 1 ? this.numBits - 32 * w : 32;
      if (bits <= 0) continue;
      out += this.words[s * this.wordsPerShot + w]!.toString(2).padStart(bits, '0');
    }
    return out;
  }

  /** Bit strings in shot order, for one row or (row omitted) all rows concatenated. */
  getBitstrings(row?: number): string[] {
    const [a, b] = this.shotRange(row);
    const out: string[] = new Array(b - a);
    for (let s = a; s < b; s++) out[s - a] = this.bitstringAt(s);
    return out;
  }

  /** Outcome counts keyed by bit string, for one row or (row omitted) all rows together. */
  getCounts(row?: number): Record<string, number> {
    const [a, b] = this.shotRange(row);
    const counts: Record<string, number> = {};
    for (let s = a; s < b; s++) {
      const key = this.bitstringAt(s);
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  /** Outcomes as integers (registers of ≤ 32 bits), shot order. */
  getInts(row?: number): Uint32Array {
    if (this.numBits > 32) throw new InputValidationError('getInts needs a register of at most 32 bits');
    const [a, b] = this.shotRange(row);
    return this.words.slice(a, b);
  }

  /** Shots whose outcome is all zeros, per row or overall: the compute-uncompute fidelity estimator. */
  countZeros(row?: number): number {
    const [a, b] = this.shotRange(row);
    let n = 0;
    for (let s = a; s < b; s++) {
      let zero = true;
      for (let w = 0; w < this.wordsPerShot; w++) if (this.words[s * this.wordsPerShot + w] !== 0) zero = false;
      if (zero) n++;
    }
    return n;
  }
  /** Bit `k` (0 = rightmost in bit strings) of global shot `s`. */
  private bit(s: number, k: number): number {
    return (this.words[s * this.wordsPerShot + (k >>> 5)]! >>> (k & 31)) & 1;
  }

  /** Builds a BitArray of `numRows × numShots` shots, bit `k` of shot `s` from `bitOf(s, k)`. */
  private static build(numBits: number, numShots: number, shape: Shape, bitOf: (s: number, k: number) => number): BitArray {
    const numRows = shapeSize(shape);
    const wps = Math.max(1, Math.ceil(numBits / 32));
    const words = new Uint32Array(numRows * numShots * wps);
    for (let s = 0; s < numRows * numShots; s++) {
      for (let k = 0; k < numBits; k++) if (bitOf(s, k)) words[s * wps + (k >>> 5)]! |= (1 << (k & 31)) >>> 0;
    }
    return new BitArray(words, numBits, numShots, numRows, shape);
  }

  /**
   * Outcome counts keyed by the outcome's integer value (bit k weighs 2^k), as Qiskit's
   * `get_int_counts`: for one row, or (row omitted) all rows together. Keys in order of first
   * appearance.
   *
   * @throws {InputValidationError} for registers above 53 bits, whose values a JS number cannot hold exactly
   */
  getIntCounts(row?: number): Map<number, number> {
    if (this.numBits > 53) throw new InputValidationError(`getIntCounts needs a register of at most 53 bits (this one has ${this.numBits}); use getCounts`);
    const [a, b] = this.shotRange(row);
    const counts = new Map<number, number>();
    for (let s = a; s < b; s++) {
      let v = 0;
      for (let w = this.wordsPerShot - 1; w >= 0; w--) v = v * 2 ** 32 + this.words[s * this.wordsPerShot + w]!;
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    return counts;
  }

  /** Number of 1 bits of each shot (Qiskit's `bitcount`), for one row or (row omitted) all rows concatenated. */
  bitcount(row?: number): number[] {
    const [a, b] = this.shotRange(row);
    const out: number[] = new Array(b - a);
    for (let s = a; s < b; s++) {
      let n = 0;
      for (let w = 0; w < this.wordsPerShot; w++) {
        let x = this.words[s * this.wordsPerShot + w]!;
        while (x) { x &= x - 1; n++; }
      }
      out[s - a] = n;
    }
    return out;
  }

  /**
   * The bits at `indices` in every shot, as Qiskit's `slice_bits`: bit `i` of the result is bit
   * `indices[i]` of this array (so `sliceBits([0, 1])` keeps the two rightmost bits). Rows and
   * shots are kept.
   *
   * @throws {InputValidationError} for an index outside `[0, numBits)` (no negative indices, as Qiskit)
   */
  sliceBits(indices: number | readonly number[]): BitArray {
    const idx = typeof indices === 'number' ? [indices] : [...indices];
    for (const i of idx) {
      if (!Number.isInteger(i) || i < 0 || i >= this.numBits) throw new InputValidationError(`sliceBits: index ${i} is out of bounds for the number of bits ${this.numBits}`);
    }
    return BitArray.build(idx.length, this.numShots, this.shape, (s, k) => this.bit(s, idx[k]!));
  }

  /**
   * The shots at `indices` of every row, in the order given, as Qiskit's `slice_shots`.
   *
   * @throws {InputValidationError} for an index outside `[0, numShots)`
   */
  sliceShots(indices: number | readonly number[]): BitArray {
    const idx = typeof indices === 'number' ? [indices] : [...indices];
    for (const i of idx) {
      if (!Number.isInteger(i) || i < 0 || i >= this.numShots) throw new InputValidationError(`sliceShots: index ${i} is out of bounds for the number of shots ${this.numShots}`);
    }
    const wps = this.wordsPerShot;
    const words = new Uint32Array(this.numRows * idx.length * wps);
    for (let r = 0; r < this.numRows; r++) {
      idx.forEach((i, j) => words.set(this.words.subarray((r * this.numShots + i) * wps, (r * this.numShots + i + 1) * wps), (r * idx.length + j) * wps));
    }
    return new BitArray(words, this.numBits, idx.length, this.numRows, this.shape);
  }

  /**
   * The shots whose bit `indices[i]` equals `selection[i]` for every `i`, as Qiskit's
   * `postselect`. Rows are first flattened into one row of `numRows · numShots` shots (rows
   * would otherwise keep different numbers of shots). Negative indices count from the top bit
   * (`-1` is bit `numBits − 1`); contradictory conditions on one bit select no shot; no
   * conditions keep every shot.
   *
   * @throws {InputValidationError} for an index outside `[-numBits, numBits)` or lists of different lengths
   */
  postselect(indices: number | readonly number[], selection: number | boolean | ReadonlyArray<number | boolean>): BitArray {
    const idx = typeof indices === 'number' ? [indices] : [...indices];
    const sel = Array.isArray(selection) ? [...(selection as ReadonlyArray<number | boolean>)] : [selection as number | boolean];
    if (idx.length !== sel.length) throw new InputValidationError(`postselect: ${idx.length} indices but ${sel.length} selection values`);
    const want = new Map<number, boolean>();
    let contradiction = false;
    idx.forEach((i, j) => {
      if (!Number.isInteger(i) || i >= this.numBits || i < -this.numBits) throw new InputValidationError(`postselect: index ${i} out of bounds for the number of bits ${this.numBits}`);
      const k = i < 0 ? i + this.numBits : i;
      const v = Boolean(sel[j]);
      if (want.has(k) && want.get(k) !== v) contradiction = true;
      want.set(k, v);
    });
    const kept: number[] = [];
    if (!contradiction) {
      for (let s = 0; s < this.numRows * this.numShots; s++) {
        let ok = true;
        for (const [k, v] of want) if (this.bit(s, k) !== (v ? 1 : 0)) { ok = false; break; }
        if (ok) kept.push(s);
      }
    }
    const wps = this.wordsPerShot;
    const words = new Uint32Array(kept.length * wps);
    kept.forEach((s, j) => words.set(this.words.subarray(s * wps, (s + 1) * wps), j * wps));
    return new BitArray(words, this.numBits, kept.length, 1);
  }

  /**
   * Expectation values of diagonal observables estimated from the shots, one per row, as Qiskit's
   * `expectation_values`: label characters `I`, `Z`, `0` (projector on 0) and `1` (projector on
   * 1), the last character on bit 0; only the real part of complex coefficients counts. One
   * observable applies to every row; a list pairs observable `r` with row `r` (numpy
   * broadcasting of a list against the rows: its length must be `numRows`, or 1).
   *
   * @throws {InputValidationError} a label whose length is not `numBits`, a non-diagonal label
   *   (`X`, `Y`, …), a list whose length does not broadcast against the rows, or no shots
   */
  expectationValues(observables: DiagonalObservableLike | readonly DiagonalObservableLike[]): number[] {
    const list = isSingleDiagonal(observables) ? [observables] : [...(observables as readonly DiagonalObservableLike[])];
    if (list.length !== 1 && list.length !== this.numRows) {
      throw new InputValidationError(`expectationValues: shape mismatch, ${list.length} observables against ${this.numRows} rows (give 1 or ${this.numRows})`);
    }
    const terms = list.map((o, i) => diagonalTerms(o, this.numBits, `observable ${i}`));
    // No shots, no estimate: a 0 here would read as a measured value.
    if (this.numShots === 0) throw new InputValidationError('expectationValues: the bit array has no shots (e.g. a postselection kept none)');
    const out: number[] = [];
    for (let r = 0; r < this.numRows; r++) {
      const counts = this.getCounts(r);
      let ev = 0;
      for (const { label, coeff } of terms[list.length === 1 ? 0 : r]!) {
        let sum = 0;
        for (const [bits, n] of Object.entries(counts)) sum += diagonalValue(label, bits) * n;
        ev += (coeff * sum) / this.numShots;
      }
      out.push(ev);
    }
    return out;
  }

  /**
   * Joins bit arrays along the rows (Qiskit's `concatenate` on axis 0): rows of the first, then
   * of the second, and so on. The result is one-dimensional (`shape` `[numRows]`).
   *
   * @throws {InputValidationError} for an empty list or arrays with different numbers of bits or shots
   */
  static concatenate(arrays: readonly BitArray[]): BitArray {
    const first = BitArray.checkSame(arrays, 'concatenate', ['numBits', 'numShots']);
    const words = new Uint32Array(arrays.reduce((n, a) => n + a.words.length, 0));
    let at = 0;
    for (const a of arrays) { words.set(a.words, at); at += a.words.length; }
    return new BitArray(words, first.numBits, first.numShots, arrays.reduce((n, a) => n + a.numRows, 0));
  }

  /**
   * Joins bit arrays along the shots (Qiskit's `concatenate_shots`): each row gets the shots of
   * the first array's row, then the second's, and so on. The result has the first array's shape.
   *
   * @throws {InputValidationError} for an empty list or arrays with different numbers of bits or rows
   */
  static concatenateShots(arrays: readonly BitArray[]): BitArray {
    const first = BitArray.checkSame(arrays, 'concatenateShots', ['numBits', 'numRows']);
    const wps = first.wordsPerShot;
    const shots = arrays.reduce((n, a) => n + a.numShots, 0);
    const words = new Uint32Array(first.numRows * shots * wps);
    let at = 0;
    for (let r = 0; r < first.numRows; r++) {
      for (const a of arrays) {
        const part = a.words.subarray(r * a.numShots * wps, (r + 1) * a.numShots * wps);
        words.set(part, at);
        at += part.length;
      }
    }
    return new BitArray(words, first.numBits, shots, first.numRows, first.shape);
  }

  /**
   * Joins bit arrays along the bits (Qiskit's `concatenate_bits`): the first array gives the
   * lowest bits, so each result bit string is the last array's string, …, then the first's. The
   * result has the first array's shape.
   *
   * @throws {InputValidationError} for an empty list or arrays with different numbers of shots or rows
   */
  static concatenateBits(arrays: readonly BitArray[]): BitArray {
    const first = BitArray.checkSame(arrays, 'concatenateBits', ['numShots', 'numRows']);
    const owner: Array<[BitArray, number]> = arrays.flatMap((a) => Array.from({ length: a.numBits }, (_, k) => [a, k] as [BitArray, number]));
    return BitArray.build(owner.length, first.numShots, first.shape, (s, k) => owner[k]![0].bit(s, owner[k]![1]));
  }

  private static checkSame(arrays: readonly BitArray[], what: string, keys: ReadonlyArray<'numBits' | 'numShots' | 'numRows'>): BitArray {
    if (arrays.length === 0) throw new InputValidationError(`${what}: needs at least one bit array`);
    const first = arrays[0]!;
    arrays.forEach((a, i) => {
      for (const k of keys) {
        if (a[k] !== first[k]) throw new InputValidationError(`${what}: all bit arrays must have the same ${k}, but array 0 has ${first[k]} and array ${i} has ${a[k]}`);
      }
    });
    return first;
  }
}
