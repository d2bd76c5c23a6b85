/** Numeric assertions shared by tests. */

/** Asserts every |actual[i] − expected[i]| ≤ atol, reporting the first offending index. */
export function expectAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  atol = 1e-12,
): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const diff = Math.abs(actual[i]! - expected[i]!);
    if (!(diff <= atol)) {
      throw new Error(`index ${i}: ${actual[i]} vs ${expected[i]} (|diff| ${diff} > ${atol})`);
    }
  }
}
