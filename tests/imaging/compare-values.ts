/**
 * Compares two long arrays of numbers in a form that fails fast and prints small: the length,
 * how many values differ and the first difference (a diff of 262144 values would not print).
 */
export interface ValueComparison {
  length: number;
  differing: number;
  first: { index: number; actual: number; expected: number } | null;
}

export function compareValues(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
): ValueComparison {
  let differing = 0;
  let first: ValueComparison['first'] = null;
  for (let i = 0; i < Math.max(actual.length, expected.length); i++) {
    if (Object.is(actual[i], expected[i])) continue;
    differing++;
    first ??= { index: i, actual: actual[i]!, expected: expected[i]! };
  }
  return { length: actual.length, differing, first };
}

/** What compareValues gives for equal arrays of `length` values. */
export const equalValues = (length: number): ValueComparison => ({
  length,
  differing: 0,
  first: null,
});
