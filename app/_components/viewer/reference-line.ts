/**
 * Reference lines: where another image's plane cuts the image on screen, as a segment in its pixel
 * index coordinates (column, row; 0, 0 the centre of the first pixel), clipped to the image's
 * edges. Shown for two crossing stacks in one frame of reference (an axial beside a coronal, or a
 * scout), so the reader sees where the other viewport's image lies.
 */

type Vec3 = [number, number, number];

/** An image's plane in the patient, as its Image Plane module gives it. */
export interface ImagePlaneGeometry {
  /** Image Position (Patient): the centre of the first pixel (mm). */
  position: Vec3;
  /** Direction along a row (increasing column). */
  rowCosines: Vec3;
  /** Direction down a column (increasing row). */
  columnCosines: Vec3;
  /** Distance between adjacent columns (mm): Pixel Spacing's second value. */
  columnSpacing: number;
  /** Distance between adjacent rows (mm): Pixel Spacing's first value. */
  rowSpacing: number;
  rows: number;
  columns: number;
}

/** The other image's plane: a point on it and its normal. */
export interface CuttingPlane {
  point: Vec3;
  normal: Vec3;
}

export type Segment = [[number, number], [number, number]];

/** Planes at most about 2.5 degrees apart are parallel: they do not cut each other on screen. */
const PARALLEL = Math.cos((2.5 * Math.PI) / 180);

function dot(a: readonly number[], b: readonly number[]): number {
  return a.reduce((sum, value, axis) => sum + value * b[axis]!, 0);
}

export function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

/** Where `plane` cuts `image`, within its pixels' outer edges; null when parallel or outside it. */
export function referenceSegment(image: ImagePlaneGeometry, plane: CuttingPlane): Segment | null {
  const normal = cross(image.rowCosines, image.columnCosines);
  if (Math.abs(dot(normal, plane.normal)) >= PARALLEL) return null;
  // The pixel (c, r) lies on the plane where a c + b r + d = 0.
  const a = dot(image.rowCosines, plane.normal) * image.columnSpacing;
  const b = dot(image.columnCosines, plane.normal) * image.rowSpacing;
  const d = dot(
    image.position.map((value, axis) => value - plane.point[axis]!),
    plane.normal,
  );
  const [left, top, right, bottom] = [-0.5, -0.5, image.columns - 0.5, image.rows - 0.5];
  const points: [number, number][] = [];
  const add = (column: number, row: number) => {
    const inside =
      column >= left - 1e-9 && column <= right + 1e-9 && row >= top - 1e-9 && row <= bottom + 1e-9;
    const known = points.some(([c, r]) => Math.abs(c - column) < 1e-6 && Math.abs(r - row) < 1e-6);
    if (inside && !known) points.push([column, row]);
  };
  if (b !== 0) {
    for (const column of [left, right]) add(column, -(a * column + d) / b);
  }
  if (a !== 0) {
    for (const row of [top, bottom]) add(-(b * row + d) / a, row);
  }
  return points.length >= 2 ? [points[0]!, points[1]!] : null;
}

/** The patient position (mm) of the pixel index point (column, row) of `image`. */
export function pixelToPatient(image: ImagePlaneGeometry, [column, row]: [number, number]): Vec3 {
  return image.position.map(
    (value, axis) =>
      value +
      image.rowCosines[axis]! * image.columnSpacing * column +
      image.columnCosines[axis]! * image.rowSpacing * row,
  ) as Vec3;
}
