/**
 * Renders ahead the image the viewer opens each series with (its first instance in instance
 * order, frame 1), so that a study's first open is a cached file read and not a decode. Run after
 * an import (CLI and upload) and once at server start-up; an image already kept is not redone.
 * One broken file never stops the others: its series is reported by id with the error's code.
 */
import { access } from 'node:fs/promises';
import { toErrorInfo } from '../errors';
import type { Store } from '../store';
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

/** The opening image of every series (or of `seriesIds`), rendered where it is not kept yet. */
export async function renderOpeningImages(
  store: Store,
  seriesIds?: number[],
): Promise<PrerenderSummary> {
  const series = await store.db.series.findMany({
    where: seriesIds ? { id: { in: seriesIds } } : {},
    orderBy: { id: 'asc' },
    select: {
      id: true,
      instances: {
        orderBy: [{ instanceNumber: 'asc' }, { id: 'asc' }],
        take: 1,
        select: { id: true, sha256: true },
      },
    },
  });
  const summary: PrerenderSummary = { rendered: 0, kept: 0, failed: [] };
  for (const { id: seriesId, instances } of series) {
    const first = instances[0];
    if (!first) continue;
    const outcome = await ensureOpeningImage(store, first, 1);
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
