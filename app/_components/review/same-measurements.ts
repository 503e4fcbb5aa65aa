import type { Measurement } from '@/lib/review';

/** A measurement's place and points to a hundredth of a pixel (drawing again moves them less). */
function key({ tool, instanceId, frame, points }: Measurement): string {
  const rounded = points.map(([column, row]) => `${column.toFixed(2)},${row.toFixed(2)}`);
  return `${tool}@${instanceId}/${frame}:${rounded.join(';')}`;
}

/** Whether two lists hold the same measurements, in any order. */
export function sameMeasurements(a: readonly Measurement[], b: readonly Measurement[]): boolean {
  const [left, right] = [a.map(key).sort(), b.map(key).sort()];
  return left.length === right.length && left.every((value, i) => value === right[i]);
}
