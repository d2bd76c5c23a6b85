/**
 * Qiskit-exact number formatting. Expected values are Qiskit's own: the pi_check cases of
 * test/python/circuit/test_tools.py (real inputs; the complex ones have no qbridge counterpart),
 * Python's float repr / '%.5g' / str.center as CPython prints them (literal values below), and
 * Fraction.limit_denominator's documented examples.
 */
import { center, limitDenominator, piCheck, pyGeneral, pyRepr } from '../../../../src/circuit/py-format';

const { PI } = Math;

describe('piCheck = Qiskit pi_check (test_tools.py TestPiCheck.test_default, real cases)', () => {
  const cases: [number, string][] = [
    [3.14, '3.14'], [3.141592653589793, 'π'], [6.283185307179586, '2π'], [2.99, '2.99'], [2.9999999999999999, '3.0'],
    [0.99, '0.99'], [0.99999999999999999, '1.0'], [PI, 'π'], [-PI, '-π'], [3 * PI, '3π'], [-3 * PI, '-3π'],
    [PI / 35, 'π/35'], [-PI / 35, '-π/35'], [(3 * PI) / 35, '3π/35'], [(-3 * PI) / 35, '-3π/35'], [17 * PI, '17π'],
    [-17 * PI, '-17π'], [PI ** 2, 'π**2'], [-(PI ** 2), '-π**2'], [1e9, '1000000000.0'], [-1e9, '-1000000000.0'],
    [1e-9, '1e-09'], [-1e-9, '-1e-09'], [(6 * PI) / 11, '6π/11'], [(-6 * PI) / 11, '-6π/11'], [(6 * PI) / 1, '6π'],
    [(-6 * PI) / 1, '-6π'], [(6 * PI) / 2, '3π'], [(-6 * PI) / 2, '-3π'], [1 / PI, '1/π'], [-1 / PI, '-1/π'],
    [6 / (5 * PI), '6/5π'], [-6 / (5 * PI), '-6/5π'],
  ];
  it.each(cases)('pi_check(%p) = %p', (x, want) => {
    expect(piCheck(x)).toBe(want);
  });
  it('test_near_pi_over_k_no_redundant_coefficient: text and qasm', () => {
    expect(piCheck(1.5707963276708181)).toBe('π/2');
    expect(piCheck(1.5707963276708181, { output: 'qasm' })).toBe('pi/2');
    expect(piCheck(-1.5707963276708181)).toBe('-π/2');
  });
});

describe('Python formatting primitives', () => {
  it("pyRepr is Python's repr (and f'{x:#}' with alternate)", () => {
    expect(pyRepr(0.1)).toBe('0.1');
    expect(pyRepr(123)).toBe('123.0');
    expect(pyRepr(1e16)).toBe('1e+16');
    expect(pyRepr(1e15)).toBe('1000000000000000.0');
    expect(pyRepr(0.0001)).toBe('0.0001');
    expect(pyRepr(0.00001)).toBe('1e-05');
    expect(pyRepr(-2.5e-7)).toBe('-2.5e-07');
    expect(pyRepr(1e-6, true)).toBe('1.e-06');
    expect(pyRepr(1e22, true)).toBe('1.e+22');
    expect(pyRepr(312.01767270538954, true)).toBe('312.01767270538954');
  });
  it("pyGeneral is Python's '%.Ng'", () => {
    expect(pyGeneral(1e-7, 5)).toBe('1e-07');
    expect(pyGeneral(11111, 5)).toBe('11111');
    expect(pyGeneral(111111, 5)).toBe('1.1111e+05');
    expect(pyGeneral(0.8602325267042626, 5)).toBe('0.86023');
    expect(pyGeneral(2.5, 5)).toBe('2.5');
    expect(pyGeneral(99999.9, 5)).toBe('1e+05');
  });
  it("center is CPython's str.center (the extra pad goes left only when the width is odd)", () => {
    expect(center('a', 4, '-')).toBe('-a--');
    expect(center('a', 5, '-')).toBe('--a--');
    expect(center('ab', 5, '-')).toBe('--ab-');
    expect(center('ab', 3, '-')).toBe('-ab');
    expect(center('abc', 2, '-')).toBe('abc');
  });
  it('limitDenominator is Fraction.limit_denominator (the Python documentation examples)', () => {
    expect(limitDenominator(3.141592653589793, 1000)).toEqual([355, 113]);
    expect(limitDenominator(1.1, 100)).toEqual([11, 10]);
    expect(limitDenominator(0.5, 99)).toEqual([1, 2]);
  });
});
