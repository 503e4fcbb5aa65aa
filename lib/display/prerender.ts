/**
 * Renders ahead the image the viewer opens each series with (its first in reading order, lib/dicom
 * `seriesReadingOrder`, as the study page orders it: an axial stack's top slice), so that a study's
 * first open is a cached file read and not a decode. Run after an import (CLI and upload) and
 * once at server start-up; an image already kept is not redone.
 * One broken file never stops the others: its series is reported by id with the error's code.
 */
import { access } from 'node:fs/promises';
import { assembleSeries, seriesReadingOrder } from '../dicom';
import { toErrorInfo } from '../errors';
import { instanceGeometry, type Store } from '../store';
import { openingImage, openingImageFiles } from './opening-image';

export interface PrerenderSummary {
  /** Series whose opening image was rendered now. */
  rendered: number;
  /** Series whose opening image was already kept. */
  kept: number;
  /** Series whose first image could not be rendered (the viewer shows that error too). */
  failed: { seriesId: number; code: string }[];
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/**
 * Renders the opening image of frame `frame` of the instance unless it is kept (its PNG and how it
 * shows); a failure is returned as its error code (the display route answers with that error).
 */
async function ensureOpeningImage(
  store: Store,
  instance: { id: number; sha256: string },
  frame: number,
): Promise<'kept' | 'rendered' | { code: string }> {
  const files = openingImageFiles(store, instance.sha256, frame);
  if ((await exists(files.png)) && (await exists(files.display))) return 'kept';
  try {
    await openingImage(store, instance.id, frame);
    return 'rendered';
  } catch (error) {
    return { code: toErrorInfo(error).code };
  }
}

/**
 * The image the viewer opens a series with: the first in reading order (lib/dicom), and its frame;
 * null for a series of reports or other objects that are not images.
 */
async function openingFrameOf(
  store: Store,
  seriesId: number,
): Promise<{ instance: { id: number; sha256: string }; frame: number } | null> {
  // An instance without Rows (a report, an RT structure set) has no image to open with.
  const instances = await store.db.instance.findMany({
    where: { seriesId, rows: { not: null } },
    select: {
      id: true,
      sha256: true,
      sopInstanceUID: true,
      instanceNumber: true,
      rows: true,
      columns: true,
      numberOfFrames: true,
      imagePositionPatient: true,
      imageOrientationPatient: true,
      pixelSpacing: true,
      frameGeometry: true,
    },
  });
  const [first] = seriesReadingOrder(
    assembleSeries(
      instances.map((row) => ({
        ...row,
        ...instanceGeometry(row),
        file: { id: row.id, sha256: row.sha256 },
        studyInstanceUID: null,
        seriesInstanceUID: null,
      })),
    ),
  );
  return first ? { instance: first.file, frame: first.frame + 1 } : null;
}

/** The opening image of every series (or of `seriesIds`), rendered where it is not kept yet. */
export async function renderOpeningImages(
  store: Store,
  seriesIds?: number[],
): Promise<PrerenderSummary> {
  const series = await store.db.series.findMany({
    where: seriesIds ? { id: { in: seriesIds } } : {},
    orderBy: { id: 'asc' },
    select: { id: true },
  });
  const summary: PrerenderSummary = { rendered: 0, kept: 0, failed: [] };
  for (const { id: seriesId } of series) {
    const opening = await openingFrameOf(store, seriesId);
    if (!opening) continue;
    const outcome = await ensureOpeningImage(store, opening.instance, opening.frame);
    if (outcome === 'kept') summary.kept++;
    else if (outcome === 'rendered') summary.rendered++;
    else summary.failed.push({ seriesId, code: outcome.code });
  }
  return summary;
}

/** The series that an import stored new instances in (those whose opening image may be new). */
export function storedSeriesIds(results: { status: string; seriesId?: number }[]): number[] {
  const ids = results.flatMap((r) => (r.status === 'stored' && r.seriesId ? [r.seriesId] : []));
  return [...new Set(ids)];
}
