/**
 * Reference lines: where another image's plane cuts an image, in its pixel index coordinates,
 * checked by hand-worked geometry and by every end lying on the plane and on the image's edge.
 */
import { describe, expect, it } from 'vitest';
import {
  pixelToPatient,
  referenceSegment,
  type CuttingPlane,
  type ImagePlaneGeometry,
} from '../../app/_components/viewer/reference-line';

/** 512 x 512 axial image at z = 10, 0.5 mm pixels, from (-100, -100). */
const axial: ImagePlaneGeometry = {
  position: [-100, -100, 10],
  rowCosines: [1, 0, 0],
  columnCosines: [0, 1, 0],
  columnSpacing: 0.5,
  rowSpacing: 0.5,
  rows: 512,
  columns: 512,
};
/** 200 x 200 coronal image at y = 0, 1 mm pixels, head at the top: z = 100 - row. */
const coronal: ImagePlaneGeometry = {
  position: [-100, 0, 100],
  rowCosines: [1, 0, 0],
  columnCosines: [0, 0, -1],
  columnSpacing: 1,
  rowSpacing: 1,
  rows: 200,
  columns: 200,
};

function onPlane(image: ImagePlaneGeometry, plane: CuttingPlane, point: [number, number]) {
  const world = pixelToPatient(image, point);
  return world.reduce((sum, v, axis) => sum + (v - plane.point[axis]!) * plane.normal[axis]!, 0);
}

describe('reference lines', () => {
  it("draws a coronal image's plane across an axial image at its row", () => {
    const plane: CuttingPlane = { point: [3, 0, -7], normal: [0, 1, 0] };
    const segment = referenceSegment(axial, plane)!;
    // y = -100 + 0.5 row = 0: row 200, edge to edge.
    expect(segment).toEqual([
      [-0.5, 200],
      [511.5, 200],
    ]);
    for (const end of segment) expect(onPlane(axial, plane, end)).toBeCloseTo(0, 9);
  });

  it("draws an axial image's plane across a coronal image, the head at the top", () => {
    const plane: CuttingPlane = { point: [0, 50, 40], normal: [0, 0, -1] };
    expect(referenceSegment(coronal, plane)).toEqual([
      [-0.5, 60],
      [199.5, 60],
    ]);
  });

  it('clips an oblique plane to the image', () => {
    // x + z = 0 on the coronal image: -100 + column + 100 - row = 0, the diagonal.
    const plane: CuttingPlane = { point: [0, 0, 0], normal: [Math.SQRT1_2, 0, Math.SQRT1_2] };
    const segment = referenceSegment(coronal, plane)!;
    const sorted = [...segment].sort((a, b) => a[0] - b[0]);
    expect(sorted[0]![0]).toBeCloseTo(-0.5, 9);
    expect(sorted[0]![1]).toBeCloseTo(-0.5, 9);
    expect(sorted[1]![0]).toBeCloseTo(199.5, 9);
    expect(sorted[1]![1]).toBeCloseTo(199.5, 9);
    for (const end of segment) expect(onPlane(coronal, plane, end)).toBeCloseTo(0, 9);
  });

  it('draws nothing for a parallel plane, or one outside the image', () => {
    expect(referenceSegment(axial, { point: [0, 0, 20], normal: [0, 0, 1] })).toBeNull();
    const tilt = (2 * Math.PI) / 180;
    const nearlyParallel: CuttingPlane = {
      point: [0, 0, 10],
      normal: [0, Math.sin(tilt), Math.cos(tilt)],
    };
    expect(referenceSegment(axial, nearlyParallel)).toBeNull();
    // The coronal image spans z from -99.5 to 100.5 mm: an axial plane at z = 300 misses it.
    expect(referenceSegment(coronal, { point: [0, 0, 300], normal: [0, 0, 1] })).toBeNull();
  });
});
