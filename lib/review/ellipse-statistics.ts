/**
 * The pixels an ellipse measurement covers and their statistics, taken as Cornerstone3D's
 * EllipticalROI tool takes them (core's voxelSlab createEllipseShape, tools' BasicStatsCalculator):
 * a pixel counts when its centre lies in the ellipse whose axes are the handles' left-right and
 * bottom-top segments, centred halfway between left and right, distances measured with the
 * frame's spacing, up to Cornerstone's boundary tolerance; the spread is the population standard
 * deviation. The viewer finds the same pixels row by row from the roots of a quadratic; a centre
 * within rounding of the boundary may fall either way there, so both readings are given.
 */

/** Cornerstone's SHAPE_BOUNDARY_EPSILON: a centre counts up to this far past the boundary. */
const BOUNDARY = 1 + 1e-5;
/** How far rounding may move a centre's normalised distance between two ways of computing it. */
const ROUNDING = 1e-9;
/** Cornerstone's MINIMUM_AREA_ANNOTATION_DIMENSION: a thinner ellipse is no area. */
const MINIMUM_RADIUS = 1e-6;

export interface RegionStatistics {
  count: number;
  mean: number;
  stdDev: number;
  min: number;
  max: number;
}

/** Welford's running mean and sum of squared deviations, as Cornerstone keeps them. */
interface Accumulator {
  count: number;
  mean: number;
  squares: number;
  min: number;
  max: number;
}

function accumulator(): Accumulator {
  return { count: 0, mean: 0, squares: 0, min: Infinity, max: -Infinity };
}

function add(into: Accumulator, value: number): void {
  into.count += 1;
  const delta = value - into.mean;
  into.mean += delta / into.count;
  into.squares += delta * (value - into.mean);
  into.min = Math.min(into.min, value);
  into.max = Math.max(into.max, value);
}

function statistics({ count, mean, squares, min, max }: Accumulator): RegionStatistics | null {
  return count === 0 ? null : { count, mean, stdDev: Math.sqrt(squares / count), min, max };
}

/** The indices from `low` to `high` (in mm along an axis of `spacing`) clipped to `size`. */
function span(low: number, high: number, spacing: number, size: number): [number, number] {
  return [
    Math.max(0, Math.floor(low / spacing) - 1),
    Math.min(size - 1, Math.ceil(high / spacing) + 1),
  ];
}

/**
 * The statistics of `values` (one frame's modality values, row by row) inside the ellipse whose
 * handles are `points` (bottom, top, left, right; [column, row] pixel index coordinates) on a
 * frame with `[rowSpacing, columnSpacing]`. The first reading leaves out the centres within
 * rounding of the boundary, the second takes them in; both are one when there are none. Empty
 * (null) when no pixel centre is inside or the ellipse is flat, as the viewer then shows none.
 */
export function ellipseStatistics(
  values: ArrayLike<number>,
  columns: number,
  rows: number,
  points: readonly [number, number][],
  [rowSpacing, columnSpacing]: readonly [number, number],
): [RegionStatistics | null, RegionStatistics | null] {
  const mm = ([column, row]: [number, number]): [number, number] => [
    column * columnSpacing,
    row * rowSpacing,
  ];
  const [bottom, top, left, right] = points.map(mm) as [number, number][];
  const major = [right![0] - left![0], right![1] - left![1]] as const;
  const majorRadius = Math.hypot(...major) / 2;
  const minorRadius = Math.hypot(top![0] - bottom![0], top![1] - bottom![1]) / 2;
  if (!(majorRadius > MINIMUM_RADIUS && minorRadius > MINIMUM_RADIUS)) return [null, null];
  const [ux, uy] = [major[0] / (2 * majorRadius), major[1] / (2 * majorRadius)];
  const [cx, cy] = [(left![0] + right![0]) / 2, (left![1] + right![1]) / 2];
  const reach = Math.max(majorRadius, minorRadius) * Math.sqrt(BOUNDARY + ROUNDING);
  const [firstRow, lastRow] = span(cy - reach, cy + reach, rowSpacing, rows);
  const [firstColumn, lastColumn] = span(cx - reach, cx + reach, columnSpacing, columns);
  const inside = accumulator();
  const withRim = accumulator();
  for (let row = firstRow; row <= lastRow; row++) {
    const dy = row * rowSpacing - cy;
    for (let column = firstColumn; column <= lastColumn; column++) {
      const dx = column * columnSpacing - cx;
      const along = (dx * ux + dy * uy) / majorRadius;
      const across = (dy * ux - dx * uy) / minorRadius;
      const distance = along * along + across * across;
      if (distance > BOUNDARY + ROUNDING) continue;
      const value = values[row * columns + column]!;
      add(withRim, value);
      if (distance <= BOUNDARY - ROUNDING) add(inside, value);
    }
  }
  return [statistics(inside), statistics(withRim)];
}
