import { edgeLetters, type AxisLetters, type EdgeLetters } from '@/lib/dicom/orientation';

/**
 * The markers of a view from its camera: screen up is the camera's view-up, screen right is
 * view-up x view-plane normal (Cornerstone3D's cameras, flips and rotations included).
 */
export function markersOf(
  camera: { viewUp?: readonly number[]; viewPlaneNormal?: readonly number[] },
  axes: AxisLetters | null,
): EdgeLetters | null {
  const up = camera.viewUp;
  const normal = camera.viewPlaneNormal;
  if (!axes || up?.length !== 3 || normal?.length !== 3) return null;
  const [ux, uy, uz] = up as [number, number, number];
  const [nx, ny, nz] = normal as [number, number, number];
  const right = [uy * nz - uz * ny, uz * nx - ux * nz, ux * ny - uy * nx];
  return edgeLetters(right, up, axes);
}

const edges = ['top', 'bottom', 'left', 'right'] as const;

/** The letters at the middle of each edge of a viewport (none where a direction has none). */
export function OrientationMarkers({ letters }: { letters: EdgeLetters | null }) {
  if (!letters) return null;
  return (
    <>
      {edges.map((edge) =>
        letters[edge] ? (
          <span key={edge} className={`orientation-marker orientation-${edge}`} data-edge={edge}>
            {letters[edge]}
          </span>
        ) : null,
      )}
    </>
  );
}
