/**
 * Checks a review's measurements against the images they name: each instance is of the study,
 * each frame is one of its frames, each point lies on or near the image, and each length or
 * angle is what its points make on that frame with the frame's own pixel spacing (read from the
 * stored file, functional groups included), so a signed number never disagrees with the
 * geometry it is signed with.
 */
import { parseDicom, readFrameMetadata } from '../dicom';
import { SecondlookError } from '../errors';
import { readInstanceBytes, type Store } from '../store';
import { geometricValue, type Measurement } from './measurements';

interface FrameGeometry {
  rows: number;
  columns: number;
  spacing: [number, number] | null;
}

/** Half the last digit of a value shown to two decimals, or a ten-thousandth of it if larger. */
function agrees(shown: number, computed: number): boolean {
  return Math.abs(shown - computed) <= 0.005 + 1e-4 * Math.abs(computed);
}

function bad(message: string): SecondlookError {
  return new SecondlookError('BAD_MEASUREMENT', message);
}

async function frameGeometry(
  store: Store,
  studyId: number,
  instanceId: number,
  frame: number,
): Promise<FrameGeometry> {
  const instance = await store.db.instance.findUnique({
    where: { id: instanceId },
    include: { series: { select: { studyId: true } } },
  });
  if (!instance || instance.series.studyId !== studyId)
    throw bad(`instance ${instanceId} is not of study ${studyId}`);
  if (frame > (instance.numberOfFrames ?? 1))
    throw bad(`instance ${instanceId} has no frame ${frame}`);
  const { bytes } = await readInstanceBytes(store, instanceId);
  const file = parseDicom(bytes, { file: `instance ${instanceId}` });
  const spacing = readFrameMetadata(file, frame - 1).pixelSpacing;
  return {
    rows: instance.rows ?? 0,
    columns: instance.columns ?? 0,
    spacing:
      spacing?.length === 2 && spacing.every((value) => value > 0)
        ? [spacing[0]!, spacing[1]!]
        : null,
  };
}

function checkOne(measurement: Measurement, geometry: FrameGeometry, where: string): void {
  const { rows, columns } = geometry;
  const off = measurement.points.some(
    ([column, row]) => column < -columns || column > 2 * columns || row < -rows || row > 2 * rows,
  );
  if (off) throw bad(`${where}: a point lies off the image (${columns} x ${rows})`);
  const expected = geometricValue(measurement, geometry.spacing);
  if (!expected) return;
  const shown = measurement.values.find((value) => value.name === expected.name);
  if (!shown) return;
  if (shown.unit !== expected.unit || !agrees(shown.value, expected.value)) {
    throw new SecondlookError(
      'MEASUREMENT_MISMATCH',
      `${where}: its points make ${expected.name} ${expected.value.toFixed(2)} ${expected.unit} ` +
        `on instance ${measurement.instanceId} frame ${measurement.frame}, ` +
        `not ${shown.value.toFixed(2)} ${shown.unit}`,
    );
  }
}

/** Throws BAD_MEASUREMENT or MEASUREMENT_MISMATCH for the first measurement that fails. */
export async function checkMeasurements(
  store: Store,
  studyId: number,
  measurements: readonly Measurement[],
): Promise<void> {
  const geometries = new Map<string, Promise<FrameGeometry>>();
  for (const [index, measurement] of measurements.entries()) {
    const key = `${measurement.instanceId}:${measurement.frame}`;
    let geometry = geometries.get(key);
    if (!geometry) {
      geometry = frameGeometry(store, studyId, measurement.instanceId, measurement.frame);
      geometries.set(key, geometry);
    }
    checkOne(measurement, await geometry, `measurement ${index + 1}`);
  }
}
