/**
 * A radiologist saves the view of a series (its window, grey-scale sense, rotation and flip, and
 * the measurements on its images) as a Grayscale Softcopy Presentation State in the study
 * (lib/results presentationStateFile), for the next reader and for any PACS viewer. The request
 * is checked whole before anything is stored: the series is of the study, the measurements are
 * on its images with the values the images give (checkMeasurements), the label and description
 * are plain text. The file is stored like an upload (importBytes: the audit trail records it).
 */
import { randomUUID } from 'node:crypto';
import packageJson from '../../package.json';
import type { SessionUser } from '../auth/roles';
import { parseDicom, readFrameMetadata, readPixelModule, str, TAG } from '../dicom';
import { SecondlookError } from '../errors';
import { presentationStateFile, uidFromName, type ViewImage } from '../results';
import { importBytes, readInstanceBytes, type Store } from '../store';
import { checkMeasurements } from './measurement-check';
import { parseMeasurements } from './measurements';

/** The series number a saved view's series gets (a review's report is 9500, a result 9900). */
const VIEW_SERIES_NUMBER = 9800;
/** A Code String: up to 16 capitals, digits, spaces and underscores. */
const LABEL = /^[A-Z0-9_ ]{1,16}$/;
/** A Long String in the default repertoire, no backslash. */
const DESCRIPTION = /^[\x20-\x5b\x5d-\x7e]{0,64}$/;
const ROTATIONS = [0, 90, 180, 270] as const;

function bad(message: string): SecondlookError {
  return new SecondlookError('BAD_VIEW', message);
}

function finite(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw bad(`${what} must be a number`);
  return value;
}

function flag(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean') throw bad(`${what} must be true or false`);
  return value;
}

/** The view asked for, its shape checked. */
function parseView(body: Record<string, unknown>) {
  const label = typeof body.label === 'string' ? body.label.trim().toUpperCase() : '';
  if (!LABEL.test(label))
    throw bad('label: 1 to 16 letters, digits, spaces or underscores (a DICOM Code String)');
  const description = typeof body.description === 'string' ? body.description.trim() : '';
  if (!DESCRIPTION.test(description))
    throw bad('description: at most 64 plain ASCII characters, no backslash');
  const window = (body.window ?? {}) as Record<string, unknown>;
  const center = finite(window.center, 'window.center');
  const width = finite(window.width, 'window.width');
  if (width < 1) throw bad('window.width must be at least 1');
  const rotation = ROTATIONS.find((one) => one === body.rotation);
  if (rotation === undefined) throw bad('rotation must be 0, 90, 180 or 270');
  if (!Number.isSafeInteger(body.seriesId) || (body.seriesId as number) < 1)
    throw bad('seriesId must be a positive integer');
  return {
    seriesId: body.seriesId as number,
    label,
    description,
    window: { center, width },
    invert: flag(body.invert, 'invert'),
    rotation,
    flip: flag(body.flip, 'flip'),
    measurements: parseMeasurements(body.measurements),
  };
}

/** The series' images that share its first image's rescale (one modality LUT serves them). */
async function viewImages(store: Store, studyId: number, seriesId: number) {
  const series = await store.db.series.findFirst({
    where: { id: seriesId, studyId },
    select: {
      seriesInstanceUID: true,
      instances: {
        where: { rows: { not: null }, columns: { not: null }, sopClassUID: { not: null } },
        orderBy: [{ instanceNumber: 'asc' }, { id: 'asc' }],
        select: {
          id: true,
          sopClassUID: true,
          sopInstanceUID: true,
          rows: true,
          columns: true,
          rescaleSlope: true,
          rescaleIntercept: true,
        },
      },
    },
  });
  if (!series) throw new SecondlookError('NOT_FOUND', `no series ${seriesId} in study ${studyId}`);
  const [first] = series.instances;
  if (!first) throw bad(`series ${seriesId} has no images`);
  const images: ViewImage[] = series.instances
    .filter(
      (one) =>
        one.rescaleSlope === first.rescaleSlope && one.rescaleIntercept === first.rescaleIntercept,
    )
    .map((one) => ({
      instanceId: one.id,
      sopClassUID: one.sopClassUID!,
      sopInstanceUID: one.sopInstanceUID,
      rows: one.rows!,
      columns: one.columns!,
    }));
  return { seriesInstanceUID: series.seriesInstanceUID, images };
}

/** Saves the view; the stored presentation state's instance and series. */
export async function saveView(
  store: Store,
  user: SessionUser,
  studyId: number,
  body: Record<string, unknown>,
): Promise<{ instanceId: number; seriesId: number }> {
  const view = parseView(body);
  const { seriesInstanceUID, images } = await viewImages(store, studyId, view.seriesId);
  const shown = new Set(images.map((image) => image.instanceId));
  view.measurements.forEach((measurement, index) => {
    if (!shown.has(measurement.instanceId))
      throw new SecondlookError(
        'BAD_MEASUREMENT',
        `measurement ${index + 1}: instance ${measurement.instanceId} is not an image of the view`,
      );
  });
  await checkMeasurements(store, studyId, view.measurements);
  const { bytes } = await readInstanceBytes(store, images[0]!.instanceId);
  const source = parseDicom(bytes, { file: `instance ${images[0]!.instanceId}` });
  const pixels = readPixelModule(source);
  if (pixels.modalityLut)
    throw bad('its images have a Modality LUT Sequence: a view of them is not saved');
  // The first frame's rescale, from its functional groups in an enhanced image.
  const frame = readFrameMetadata(source, 0);
  const [slope, intercept] = [frame.rescaleSlope, frame.rescaleIntercept];
  const rescaled =
    source.dataSet.elements[TAG.RescaleSlope] !== undefined || slope !== 1 || intercept !== 0;
  const ct = str(source.dataSet, TAG.Modality) === 'CT';
  const file = presentationStateFile({
    ...view,
    source,
    seriesInstanceUID,
    images,
    rescale: rescaled
      ? { slope, intercept, type: frame.rescaleType ?? pixels.rescaleType ?? (ct ? 'HU' : 'US') }
      : null,
    creator: user.username,
    uids: { series: uidFromName(randomUUID()), instance: uidFromName(randomUUID()) },
    seriesNumber: VIEW_SERIES_NUMBER,
    software: { name: 'secondlook', version: packageJson.version },
    created: new Date(),
  });
  const stored = await importBytes(store, file, `view ${view.label}`, user);
  if (stored.status !== 'stored' || !stored.instanceId || !stored.seriesId) {
    throw new SecondlookError(
      stored.error?.code ?? 'VIEW_NOT_STORED',
      stored.error?.message ?? 'the view could not be stored',
    );
  }
  return { instanceId: stored.instanceId, seriesId: stored.seriesId };
}
