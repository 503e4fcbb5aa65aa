export type Vec3 = [number, number, number];

/** Direction cosines agree when every component is within this. */
const ORIENTATION_TOLERANCE = 1e-3;
/** Positions along the normal closer than this (mm) are the same position. */
export const POSITION_TOLERANCE = 1e-3;

function isVector(values: number[] | null | undefined, length: number): values is number[] {
  return Array.isArray(values) && values.length >= length && values.every(Number.isFinite);
}

/** The slice normal n = row x column of ImageOrientationPatient, unit length; null if degenerate. */
export function sliceNormal(orientation: number[] | null | undefined): Vec3 | null {
  if (!isVector(orientation, 6)) return null;
  const [rx, ry, rz, cx, cy, cz] = orientation as [number, number, number, number, number, number];
  const n: Vec3 = [ry * cz - rz * cy, rz * cx - rx * cz, rx * cy - ry * cx];
  const length = Math.hypot(n[0], n[1], n[2]);
  if (length < 1e-6) return null;
  // (+ 0 turns -0 into 0, so equal normals compare and print equal)
  return [n[0] / length + 0, n[1] / length + 0, n[2] / length + 0];
}

/** Position along the normal, d = IPP . n (PS3.3 C.7.6.2.1.1); null without a position. */
export function locationAlong(position: number[] | null | undefined, normal: Vec3): number | null {
  if (!isVector(position, 3)) return null;
  return position[0]! * normal[0] + position[1]! * normal[1] + position[2]! * normal[2];
}

export function sameOrientation(a: number[] | null, b: number[] | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.length === b.length &&
    a.every((v, i) => Math.abs(v - (b[i] as number)) <= ORIENTATION_TOLERANCE)
  );
}

export function validOrientation(values: number[] | null | undefined): number[] | null {
  return isVector(values, 6) && sliceNormal(values) ? values.slice(0, 6) : null;
}
