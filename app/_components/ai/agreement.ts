/** The largest probability difference between two results for the same labels, or null. */
export function maxDifference(
  a: Record<string, number> | null,
  b: Record<string, number> | null,
): number | null {
  if (!a || !b) return null;
  const labels = Object.keys(a);
  if (labels.length === 0 || labels.some((label) => b[label] === undefined)) return null;
  return Math.max(...labels.map((label) => Math.abs(a[label]! - b[label]!)));
}
