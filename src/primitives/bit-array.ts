import { InputValidationError } from '../core/errors';

/**
 * Measurement outcomes of one classical register, Qiskit `BitArray`-like: `numRows` parameter
 * rows × `numShots` shots × `numBits` bits, in shot order. Bit k of the register is bit k of the
 * stored integer (little-endian); bit strings print the highest bit first, as Qiskit does.
 *
 * Storage: per shot, `ceil(numBits / 32)` unsigned 32-bit words (least significant word first).
 */
export class BitArray {
  /** Bits per shot: the register's size. */
  readonly numBits: number;
  /** Shots per parameter row. */
  readonly numShots: number;
  /** Parameter rows (1 for a circuit without parameters). */
  readonly numRows: number;
  private readonly words: Uint32Array;
  private readonly wordsPerShot: number;

  /**
   * @param words - `numRows · numShots · ceil(numBits/32)` words, row by row and shot by shot
   * @param numBits - bits per shot
   * @param numShots - shots per row
   * @param numRows - parameter rows
   * @throws {InputValidationError} when sizes disagree or a value has bits above `numBits`
   */
  constructor(words: Uint32Array, numBits: number, numShots: number, numRows = 1) {
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
}
