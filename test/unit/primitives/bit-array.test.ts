/**
 * BitArray methods with Qiskit's semantics. Values quoted as "Qiskit states" are the ones
 * Qiskit's own test_bit_array.py asserts; the rest are closed forms from hand-built arrays.
 *
 * Qiskit's main fixture is a BitArray of shape (1, 2, 3), 10 shots, 9 bits whose outcomes count
 * up 0..59 in C order; here the 6 shape elements are 6 rows (row r, shot s holds 10·r + s).
 */
import { BitArray } from '../../../src/primitives/bit-array';
import { InputValidationError } from '../../../src/core/errors';
import { SparsePauliOp } from '../../../src/quantum-info/sparse-pauli-op';

const counting = (): BitArray => BitArray.fromInts(Array.from({ length: 60 }, (_, v) => v), 9, 10, 6);
const bin = (v: number, n: number): string => v.toString(2).padStart(n, '0');
const rows = <T>(ba: BitArray, f: (r: number) => T): T[] => Array.from({ length: ba.numRows }, (_, r) => f(r));

describe('BitArray counts (Qiskit test_get_counts / test_get_int_counts / test_get_bitstrings)', () => {
  // Qiskit: bytes [3, 5] and [234, 100] of a 15-bit register; bit 15 of 234 is junk Qiskit masks
  // off, so the value is ((234 & 127) << 8) + 100. Row 1 holds [0, 1], [1, 0], [1, 0].
  const v1 = (3 << 8) + 5;
  const v2 = ((234 & 127) << 8) + 100;
  const ba = BitArray.fromInts([v1, v1, v2, 1, 1 << 8, 1 << 8], 15, 3, 2);
  const bs1 = '0000011' + '00000101';
  const bs2 = '1101010' + '01100100';
  const bs3 = '0000000' + '00000001';
  const bs4 = '0000001' + '00000000';

  it('getCounts per row and over all rows', () => {
    expect(ba.getCounts(0)).toEqual({ [bs1]: 2, [bs2]: 1 });
    expect(ba.getCounts(1)).toEqual({ [bs3]: 1, [bs4]: 2 });
    expect(ba.getCounts()).toEqual({ [bs1]: 2, [bs2]: 1, [bs3]: 1, [bs4]: 2 });
  });

  it('getIntCounts keys outcomes by integer value', () => {
    expect(ba.getIntCounts(0)).toEqual(new Map([[v1, 2], [v2, 1]]));
    expect(ba.getIntCounts(1)).toEqual(new Map([[1, 1], [1 << 8, 2]]));
    expect(ba.getIntCounts()).toEqual(new Map([[v1, 2], [v2, 1], [1, 1], [1 << 8, 2]]));
  });

  it('getBitstrings keeps shot order', () => {
    expect(ba.getBitstrings(0)).toEqual([bs1, bs1, bs2]);
    expect(ba.getBitstrings(1)).toEqual([bs3, bs4, bs4]);
    expect(ba.getBitstrings()).toEqual([bs1, bs1, bs2, bs3, bs4, bs4]);
  });

  it('getIntCounts reads registers wider than 32 bits (bit 40 weighs 2^40)', () => {
    const wide = BitArray.fromBitstrings(['1' + '0'.repeat(40), '0'.repeat(40) + '1'], 41);
    expect(wide.getIntCounts()).toEqual(new Map([[2 ** 40, 1], [1, 1]]));
  });

  it('getIntCounts refuses registers above 53 bits with a typed error', () => {
    const big = BitArray.fromBitstrings(['0'.repeat(54)], 54);
    expect(() => big.getIntCounts()).toThrow(InputValidationError);
  });
});

describe('BitArray.sliceBits (Qiskit test_slice_bits)', () => {
  const ba = counting();

  it('all bits give the same counts', () => {
    const all = ba.sliceBits([...Array(9).keys()]);
    expect(all.numBits).toBe(9);
    for (let r = 0; r < 6; r++) expect(all.getCounts(r)).toEqual(ba.getCounts(r));
  });

  it('bit 0 alone: Qiskit states {"0": 5, "1": 5} in every element, as int or list', () => {
    for (const sel of [0, [0]]) {
      const b = ba.sliceBits(sel);
      expect([b.numBits, b.numShots, b.numRows]).toEqual([1, 10, 6]);
      for (let r = 0; r < 6; r++) expect(b.getCounts(r)).toEqual({ 0: 5, 1: 5 });
    }
  });

  it('bits [0, 1]: Qiskit states the even/odd element counts', () => {
    const even = { '00': 3, '01': 3, '10': 2, '11': 2 };
    const odd = { '10': 3, '11': 3, '00': 2, '01': 2 };
    const b = ba.sliceBits([0, 1]);
    expect(rows(b, (r) => b.getCounts(r))).toEqual([even, odd, even, odd, even, odd]);
  });

  it('result bit i is source bit indices[i] (order follows the list)', () => {
    const b = BitArray.fromBitstrings(['110', '001'], 3).sliceBits([2, 0]);
    // '110': bit2=1, bit0=0 → new bit0=1, bit1=0 → '01'; '001': bit2=0, bit0=1 → '10'.
    expect(b.getBitstrings()).toEqual(['01', '10']);
  });

  it('indices -1 and 9 are out of bounds (typed error)', () => {
    expect(() => ba.sliceBits(-1)).toThrow(/index -1 is out of bounds/);
    expect(() => ba.sliceBits(9)).toThrow(InputValidationError);
  });
});

describe('BitArray.sliceShots (Qiskit test_slice_shots)', () => {
  const ba = counting();

  it('shots [1, 2, 3, 5, 8] of every row, original untouched', () => {
    const idx = [1, 2, 3, 5, 8];
    const b = ba.sliceShots(idx);
    expect([b.numBits, b.numShots, b.numRows]).toEqual([9, 5, 6]);
    for (let r = 0; r < 6; r++) expect(b.getBitstrings(r)).toEqual(idx.map((s) => bin(10 * r + s, 9)));
    expect(ba.getBitstrings(5)).toEqual(Array.from({ length: 10 }, (_, s) => bin(50 + s, 9)));
  });

  it('one shot as an int or a list', () => {
    for (const sel of [0, [0]]) expect(ba.sliceShots(sel).getBitstrings(2)).toEqual([bin(20, 9)]);
  });

  it('indices -1 and 10 are out of bounds (typed error)', () => {
    expect(() => ba.sliceShots(-1)).toThrow(InputValidationError);
    expect(() => ba.sliceShots(10)).toThrow(/index 10 is out of bounds/);
  });
});

describe('BitArray.expectationValues (Qiskit test_expectation_values)', () => {
  const ba = counting();
  const op = 'I'.repeat(8) + 'Z';

  it('Z on bit 0: Qiskit states 0 everywhere (0 and 1 each appear 5 times)', () => {
    expect(ba.expectationValues(op)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(ba.expectationValues(new SparsePauliOp(op))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("projectors '0' and '1' on bit 0: Qiskit states 0.5 everywhere", () => {
    expect(ba.expectationValues('I'.repeat(8) + '0')).toEqual(Array(6).fill(0.5));
    expect(ba.expectationValues('I'.repeat(8) + '1')).toEqual(Array(6).fill(0.5));
  });

  it('bit 6 is always 0: Z gives 1 (sliced, and as SparsePauliOp Z on qubit 6 of 9)', () => {
    expect(ba.sliceBits(6).expectationValues('Z')).toEqual(Array(6).fill(1));
    expect(ba.expectationValues(SparsePauliOp.fromSparseList([['Z', [6], 1]], 9))).toEqual(Array(6).fill(1));
  });

  it("bit 5 with '0': Qiskit states [[[1, 1, 1], [0.2, 0, 0]]]", () => {
    expect(ba.sliceBits(5).expectationValues('0')).toEqual([1, 1, 1, 0.2, 0, 0]);
  });

  it("bit 5 with ['Z','0','1'] broadcast over shape (1, 2, 3): Qiskit states [[[1, 1, 0], [-0.6, 0, 1]]]", () => {
    // numpy pairs element (0, j, k) with observable k; over the 6 flattened rows that is the
    // list repeated once per j.
    const ev = ba.sliceBits(5).expectationValues(['Z', '0', '1', 'Z', '0', '1']);
    expect(ev[3]).toBeCloseTo(-0.6, 12);
    expect(ev.map((x) => Math.round(x * 1e12) / 1e12)).toEqual([1, 1, 0, -0.6, 0, 1]);
  });

  it('a weighted sum adds coefficient × value; only real parts of complex coefficients count', () => {
    // bits '01','01','10','11': <ZI> = (1+1-1-1)/4 = 0, <IZ> = (-1-1+1-1)/4 = -0.5, <11> = 1/4
    const b = BitArray.fromBitstrings(['01', '01', '10', '11'], 2);
    expect(b.expectationValues([['IZ', 2], ['11', 4], ['ZI', 3]])).toEqual([2 * -0.5 + 4 * 0.25 + 0]);
    expect(b.expectationValues({ IZ: 1, II: 0.5 })).toEqual([0]);
    expect(b.expectationValues(new SparsePauliOp(['IZ', 'II'], [{ re: 2, im: 5 }, 1]))).toEqual([0]);
  });

  it('errors: shape mismatch, wrong label length, non-diagonal label (typed)', () => {
    expect(() => ba.expectationValues([op, 'I'.repeat(8) + '0'])).toThrow(/shape mismatch/);
    expect(() => ba.expectationValues('Z')).toThrow(/1 characters, the bit array has 9 bits/);
    expect(() => ba.expectationValues('X'.repeat(9))).toThrow(InputValidationError);
    expect(() => ba.expectationValues('X'.repeat(9))).toThrow(/not diagonal/);
    // a postselection that keeps nothing leaves no shots to estimate from
    expect(() => ba.postselect([5, 5], [0, 1]).expectationValues('I'.repeat(9))).toThrow(/no shots/);
  });
});

describe('BitArray.postselect (Qiskit test_postselection)', () => {
  // Qiskit's data: bool rows where column i is creg[i] (bit i).
  const flat = [
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 1, 1, 1, 1, 1],
    [0, 1, 0, 1, 0, 1, 0, 1, 0, 1],
  ];
  const second = [
    [1, 0, 1, 0, 1, 0, 1, 0, 1, 0],
    [1, 1, 1, 1, 1, 0, 0, 0, 0, 0],
    [1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
  ];
  const toString = (bools: number[]): string => [...bools].reverse().join('');
  const cases: Array<[string, number | number[], number | number[]]> = [
    ['basic', [0, 1], [0, 0]],
    ['multibyte', [0, 9], [0, 1]],
    ['repeated', [5, 5, 5], [0, 0, 0]],
    ['contradict', [5, 5, 5], [1, 0, 0]],
    ['unsorted', [5, 0, 9, 3], [1, 0, 1, 0]],
    ['negative', [-5, 1, -2, -10], [1, 0, 1, 0]],
    ['negcontradict', [4, -6], [1, 0]],
    ['trivial', [], []],
    ['bareindex', 6, 0],
  ];
  const datasets: Array<[string, BitArray, number[][]]> = [
    ['flat', BitArray.fromBitstrings(flat.map(toString), 10), flat],
    ['shaped (2 rows flattened)', BitArray.fromBitstrings([...flat, ...second].map(toString), 10, 2), [...flat, ...second]],
  ];
  for (const [dname, ba, bools] of datasets) {
    for (const [name, idx, sel] of cases) {
      it(`${dname} ${name}`, () => {
        const is = typeof idx === 'number' ? [idx] : idx;
        const ss = typeof sel === 'number' ? [sel] : sel;
        const expected = bools.filter((row) => is.every((i, j) => row[i < 0 ? i + 10 : i] === ss[j])).map(toString);
        if (name.includes('contradict')) expect(expected).toHaveLength(0);
        else expect(expected.length).toBeGreaterThan(0);
        const out = ba.postselect(idx, sel);
        expect([out.numRows, out.numShots]).toEqual([1, expected.length]);
        expect(out.getBitstrings()).toEqual(expected);
      });
    }
    it(`${dname} errors: above range, below range, length mismatch`, () => {
      expect(() => ba.postselect([0, 6, 10], [1, 1, 0])).toThrow(InputValidationError);
      expect(() => ba.postselect([0, 6, -11], [1, 1, 0])).toThrow(/index -11 out of bounds/);
      expect(() => ba.postselect([0, 1, 2], [0, 0])).toThrow(/3 indices but 2 selection values/);
    });
  }
});

describe('BitArray methods on registers wider than one 32-bit word', () => {
  const a = '1' + '0'.repeat(35) + '101'; // bits 0, 2 and 38 set
  const b = '0'.repeat(38) + '1'; // bit 0 set
  const ba = BitArray.fromBitstrings([a, b], 39);

  it('postselect and sliceBits read bits above 31', () => {
    expect(ba.postselect([38], [1]).getBitstrings()).toEqual([a]);
    expect(ba.postselect(-1, 0).getBitstrings()).toEqual([b]);
    expect(ba.sliceBits([38, 2, 1]).getBitstrings()).toEqual(['011', '000']);
  });
});

describe('BitArray concatenation (Qiskit test_concatenate / _shots / _bits)', () => {
  const ba = counting();

  it('concatenate joins rows: row r of the copy equals row r', () => {
    const two = BitArray.concatenate([ba, ba]);
    expect([two.numRows, two.numShots, two.numBits]).toEqual([12, 10, 9]);
    for (let r = 0; r < 6; r++) expect(two.getBitstrings(r + 6)).toEqual(ba.getBitstrings(r));
    expect(BitArray.concatenate([ba, ba, ba]).numRows).toBe(18);
  });

  it('concatenateShots: Qiskit states every count multiplied by the number of arrays', () => {
    for (const n of [2, 3]) {
      const c = BitArray.concatenateShots(Array(n).fill(ba));
      expect([c.numRows, c.numShots, c.numBits]).toEqual([6, 10 * n, 9]);
      for (let r = 0; r < 6; r++) {
        expect(c.getCounts(r)).toEqual(Object.fromEntries(Object.entries(ba.getCounts(r)).map(([k, v]) => [k, v * n])));
      }
    }
    const mixed = BitArray.concatenateShots([ba.sliceShots([0]), ba.sliceShots([9])]);
    expect(mixed.getBitstrings(1)).toEqual([bin(10, 9), bin(19, 9)]);
  });

  it('concatenateBits: Qiskit states bit strings s01 + s (first array = lowest bits)', () => {
    const b01 = ba.sliceBits([0, 1]);
    const two = BitArray.concatenateBits([ba, b01]);
    const three = BitArray.concatenateBits([ba, b01, b01]);
    expect([two.numBits, three.numBits]).toEqual([11, 13]);
    for (let r = 0; r < 6; r++) {
      const s = ba.getBitstrings(r);
      const s01 = b01.getBitstrings(r);
      expect(two.getBitstrings(r)).toEqual(s.map((x, i) => s01[i] + x));
      expect(three.getBitstrings(r)).toEqual(s.map((x, i) => s01[i]! + s01[i] + x));
    }
  });

  it('concatenateBits across the 32-bit word boundary', () => {
    const a = BitArray.fromBitstrings(['1'.repeat(30)], 30);
    const b = BitArray.fromBitstrings(['101'], 3);
    expect(BitArray.concatenateBits([a, b]).getBitstrings()).toEqual(['101' + '1'.repeat(30)]);
  });

  it('errors: empty list, different bits, shots or rows (typed)', () => {
    expect(() => BitArray.concatenate([])).toThrow(/at least one bit array/);
    expect(() => BitArray.concatenate([ba, ba.sliceBits([0])])).toThrow(/same numBits/);
    expect(() => BitArray.concatenate([ba, ba.sliceShots([0])])).toThrow(/same numShots/);
    expect(() => BitArray.concatenateShots([])).toThrow(InputValidationError);
    expect(() => BitArray.concatenateShots([ba, ba.sliceBits([0])])).toThrow(/same numBits/);
    expect(() => BitArray.concatenateShots([ba, BitArray.concatenate([ba, ba])])).toThrow(/same numRows/);
    expect(() => BitArray.concatenateBits([])).toThrow(InputValidationError);
    expect(() => BitArray.concatenateBits([ba, ba.sliceShots([0, 1])])).toThrow(/same numShots/);
    expect(() => BitArray.concatenateBits([ba, BitArray.concatenate([ba, ba])])).toThrow(/same numRows/);
  });
});

describe('BitArray.bitcount', () => {
  it('is the popcount of each shot value, per row and overall', () => {
    const ba = counting();
    const pop = (v: number): number => [...bin(v, 9)].filter((c) => c === '1').length;
    expect(ba.bitcount(4)).toEqual(Array.from({ length: 10 }, (_, s) => pop(40 + s)));
    expect(ba.bitcount()).toEqual(Array.from({ length: 60 }, (_, v) => pop(v)));
  });

  it('counts bits in every word of wide registers', () => {
    expect(BitArray.fromBitstrings(['1'.repeat(40), '0'.repeat(39) + '1'], 40).bitcount()).toEqual([40, 1]);
  });
});
