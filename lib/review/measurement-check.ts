/**
 * Checks a review's measurements against the images they name: each instance is of the study,
 * each frame is one of its frames, each point lies on or near the image, and every number the
 * stored file decides is the one shown: a length, an angle and an ellipse's area from the points
 * and the frame's measuring scale (lib/imaging: its own Pixel Spacing, functional groups
 * included, or a radiograph's detector spacing, with the label its units carry); a probe's value
 * from the frame's modality values (decoded and rescaled as the viewer does, at the pixel the
 * viewer reads: the nearest to the point); and an ellipse's mean, spread and range from those
 * values at the pixels the viewer takes inside it (ellipse-statistics). So a signed number never
 * disagrees with the image it is signed on.
 */
import {
  decodeFrame,
  parseDicom,
  readFrameMetadata,
  readPixelModule,
  readProjectionSpacing,
  type DicomFile,
} from '../dicom';
import { SecondlookError } from '../errors';
import { applyModalityLut, measurementScale, type MeasurementScale } from '../imaging';
import { readInstanceBytes, type Store } from '../store';
import { ellipseStatistics, type RegionStatistics } from './ellipse-statistics';
import { geometricValues, type Measurement, type MeasurementValue } from './measurements';

interface Frame {
  rows: number;
  columns: number;
  scale: MeasurementScale;
  /** Modality values, row by row; null for colour. Decoded on first use. */
  values: () => Promise<Float32Array | null>;
}

/** Half the last digit of a value shown to two decimals, or a ten-thousandth of it if larger. */
function agrees(shown: number, computed: number): boolean {
  return Math.abs(shown - computed) <= 0.005 + 1e-4 * Math.abs(computed);
}

function bad(message: string): SecondlookError {
  return new SecondlookError('BAD_MEASUREMENT', message);
}

function mismatch(where: string, measurement: Measurement, expected: string, shown: string) {
  return new SecondlookError(
    'MEASUREMENT_MISMATCH',
    `${where}: on instance ${measurement.instanceId} frame ${measurement.frame} it makes ` +
      `${expected}, not ${shown}`,
  );
}

function decoder(file: DicomFile, frame: number): () => Promise<Float32Array | null> {
  let values: Promise<Float32Array | null> | null = null;
  return () => {
    values ??= decodeFrame(file, frame - 1).then((decoded) => {
      if (decoded.samplesPerPixel !== 1) return null;
      const meta = readFrameMetadata(file, frame - 1);
      return applyModalityLut(decoded.pixels, {
        rescaleSlope: meta.rescaleSlope,
        rescaleIntercept: meta.rescaleIntercept,
        modalityLut: readPixelModule(file).modalityLut,
      });
    });
    return values;
  };
}

/**
 * Each frame of one stored instance that the measurements name, from one read of its file: the
 * instance must be of the study and have the frame.
 */
async function readFrames(
  store: Store,
  studyId: number,
  instanceId: number,
  frames: ReadonlySet<number>,
): Promise<Map<number, Frame>> {
  const instance = await store.db.instance.findUnique({
    where: { id: instanceId },
    include: { series: { select: { studyId: true } } },
  });
  if (!instance || instance.series.studyId !== studyId)
    throw bad(`instance ${instanceId} is not of study ${studyId}`);
  for (const frame of frames) {
    if (frame > (instance.numberOfFrames ?? 1))
      throw bad(`instance ${instanceId} has no frame ${frame}`);
  }
  const { bytes } = await readInstanceBytes(store, instanceId);
  const file = parseDicom(bytes, { file: `instance ${instanceId}` });
  const projection = readProjectionSpacing(file);
  return new Map(
    [...frames].map((frame) => [
      frame,
      {
        rows: instance.rows ?? 0,
        columns: instance.columns ?? 0,
        scale: measurementScale(readFrameMetadata(file, frame - 1), projection),
        values: decoder(file, frame),
      },
    ]),
  );
}

/** The pixels the viewer may read for a point: the nearest, both neighbours on a tie. */
function nearest(coordinate: number): number[] {
  const fraction = coordinate - Math.floor(coordinate);
  const base = Math.floor(coordinate);
  return Math.abs(fraction - 0.5) < 1e-6 ? [base, base + 1] : [Math.round(coordinate)];
}

async function checkProbe(measurement: Measurement, frame: Frame, where: string): Promise<void> {
  const shown = measurement.values.find((value) => value.name === 'value');
  if (!shown) return;
  const values = await frame.values();
  const [column, row] = measurement.points[0]!;
  const candidates = nearest(row).flatMap((r) =>
    nearest(column).flatMap((c) =>
      values && r >= 0 && r < frame.rows && c >= 0 && c < frame.columns
        ? [values[r * frame.columns + c]!]
        : [],
    ),
  );
  if (!candidates.some((value) => agrees(shown.value, value))) {
    const expected =
      candidates.length > 0 ? `value ${candidates.join(' or ')}` : 'no value (no grey pixel there)';
    throw mismatch(where, measurement, expected, `${shown.value}`);
  }
}

const REGION_VALUES = ['mean', 'stdDev', 'min', 'max'] as const;

/** An ellipse's mean, spread and range against the pixels the viewer takes inside it. */
async function checkEllipse(measurement: Measurement, frame: Frame, where: string): Promise<void> {
  const shown = REGION_VALUES.flatMap((name) =>
    measurement.values.filter((value) => value.name === name),
  );
  if (shown.length === 0) return;
  const values = await frame.values();
  const readings = values
    ? ellipseStatistics(
        values,
        frame.columns,
        frame.rows,
        measurement.points,
        frame.scale.spacing ?? [1, 1],
      )
    : [];
  const fits = (reading: RegionStatistics | null) =>
    reading !== null &&
    shown.every(({ name, value }) => agrees(value, reading[name as keyof RegionStatistics]));
  if (readings.some(fits)) return;
  const reading = readings.find((candidate) => candidate !== null);
  const expected = reading
    ? REGION_VALUES.map((name) => `${name} ${reading[name].toFixed(2)}`).join(', ') +
      ` over ${reading.count} pixel(s)`
    : 'no statistics (no grey pixel centre inside)';
  const given = shown.map(({ name, value }) => `${name} ${value.toFixed(2)}`).join(', ');
  throw mismatch(where, measurement, expected, given);
}

function checkGeometry(measurement: Measurement, frame: Frame, where: string): void {
  for (const expected of geometricValues(measurement, frame.scale)) {
    const shown: MeasurementValue | undefined = measurement.values.find(
      (value) => value.name === expected.name,
    );
    if (shown && (shown.unit !== expected.unit || !agrees(shown.value, expected.value))) {
      throw mismatch(
        where,
        measurement,
        `${expected.name} ${expected.value.toFixed(2)} ${expected.unit}`,
        `${shown.value.toFixed(2)} ${shown.unit}`,
      );
    }
  }
}

async function checkOne(measurement: Measurement, frame: Frame, where: string): Promise<void> {
  const { rows, columns } = frame;
  const off = measurement.points.some(
    ([column, row]) => column < -columns || column > 2 * columns || row < -rows || row > 2 * rows,
  );
  if (off) throw bad(`${where}: a point lies off the image (${columns} x ${rows})`);
  checkGeometry(measurement, frame, where);
  if (measurement.tool === 'Probe') await checkProbe(measurement, frame, where);
  if (measurement.tool === 'EllipticalROI') await checkEllipse(measurement, frame, where);
}

/**
 * Throws BAD_MEASUREMENT or MEASUREMENT_MISMATCH for a measurement that fails. Each instance's
 * file is read once, and only one is held at a time (a review may name up to 100 instances, each
 * as large as an upload).
 */
export async function checkMeasurements(
  store: Store,
  studyId: number,
  measurements: readonly Measurement[],
): Promise<void> {
  const byInstance = new Map<number, number[]>();
  measurements.forEach((measurement, index) => {
    byInstance.set(measurement.instanceId, [
      ...(byInstance.get(measurement.instanceId) ?? []),
      index,
    ]);
  });
  for (const [instanceId, indices] of byInstance) {
    const wanted = new Set(indices.map((index) => measurements[index]!.frame));
    const frames = await readFrames(store, studyId, instanceId, wanted);
    for (const index of indices) {
      const measurement = measurements[index]!;
      await checkOne(measurement, frames.get(measurement.frame)!, `measurement ${index + 1}`);
    }
  }
}
