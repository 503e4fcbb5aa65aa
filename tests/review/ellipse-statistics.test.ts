/**
 * The pixels an ellipse measurement takes, by Cornerstone3D's rule: centres inside the ellipse
 * in mm, up to its boundary tolerance of 1e-5, with centres within rounding of that boundary
 * given both ways.
 */
import { describe, expect, it } from 'vitest';
import { ellipseStatistics } from '../../lib/review/ellipse-statistics';

/** A frame whose value at each pixel is its index, so the statistics name the pixels taken. */
function frame(columns: number, rows: number): number[] {
  return Array.from({ length: columns * rows }, (_, index) => index);
}

/** Bottom, top, left, right handles of an axis-aligned ellipse in pixel index coordinates. */
function handles(
  [column, row]: [number, number],
  [columnRadius, rowRadius]: [number, number],
): [number, number][] {
  return [
    [column, row + rowRadius],
    [column, row - rowRadius],
    [column - columnRadius, row],
    [column + columnRadius, row],
  ];
}

describe('ellipseStatistics', () => {
  it('gives centres within rounding of the tolerance both ways', () => {
    // A circle of radius 2 / sqrt(1 + 1e-5) pixels: the four centres two pixels from the middle
    // lie at Cornerstone's tolerance itself, where its roots may fall either way.
    const radius = 2 / Math.sqrt(1 + 1e-5);
    const [strict, withRim] = ellipseStatistics(
      frame(5, 5),
      5,
      5,
      handles([2, 2], [radius, radius]),
      [1, 1],
    );
    expect(strict).toMatchObject({ count: 9, mean: 12, min: 6, max: 18 });
    expect(withRim).toMatchObject({ count: 13, mean: 12, min: 2, max: 22 });
    // A hair larger, they are inside on both readings.
    const [larger, largerWithRim] = ellipseStatistics(
      frame(5, 5),
      5,
      5,
      handles([2, 2], [2, 2]),
      [1, 1],
    );
    expect(larger).toEqual(largerWithRim);
    expect(larger!.count).toBe(13);
  });

  it('measures in mm, so a circle on oblong pixels takes an ellipse of them', () => {
    // Rows 2 mm apart, columns 1 mm: a circle of 2 mm reaches two columns but one row each way.
    const values = frame(7, 7);
    const [circle] = ellipseStatistics(values, 7, 7, handles([3, 3], [2, 1]), [2, 1]);
    expect(circle!.count).toBe(7);
    expect([circle!.min, circle!.max]).toEqual([2 * 7 + 3, 4 * 7 + 3]);
    // Population spread: the values 17, 22 to 26 and 31 about their mean of 24.
    const taken = [17, 22, 23, 24, 25, 26, 31];
    const spread = Math.sqrt(taken.reduce((sum, v) => sum + (v - 24) ** 2, 0) / taken.length);
    expect(circle!.stdDev).toBeCloseTo(spread, 12);
  });

  it('takes nothing from a flat ellipse or one off the image', () => {
    expect(ellipseStatistics(frame(5, 5), 5, 5, handles([2, 2], [2, 0]), [1, 1])).toEqual([
      null,
      null,
    ]);
    expect(ellipseStatistics(frame(5, 5), 5, 5, handles([20, 20], [1, 1]), [1, 1])).toEqual([
      null,
      null,
    ]);
  });
});
