'use client';

import { useEffect, useState } from 'react';
import { parallelStacks, type SliceLinkMode } from '../viewer/slice-link';
import type { ViewerSeries } from '../viewer/types';
import type { StackController } from '../viewer/stack-controller';
import type { WorklistStudy } from '../worklist/types';

/**
 * The patient's newest study before `studyDate` with `modality` among `others` (newest first, as
 * the study page lists them); an undated one counts as earlier. Null when none has the modality.
 */
export function newestPrior(
  others: readonly WorklistStudy[],
  studyDate: string,
  modality: string | null,
): WorklistStudy | null {
  if (!modality) return null;
  const earlier = (date: string | null) => !studyDate || !date || date < studyDate;
  return (
    others.find((other) => other.modalities.includes(modality) && earlier(other.studyDate)) ?? null
  );
}

/**
 * The series to show beside series `shownId` of the same study, looking from the next after it in
 * the list (round to the start): the first stack of its modality whose slices lie parallel to its
 * own (a thin and a thick axial, or two kernels: they follow each other by position), else the
 * first of its modality (a coronal beside an axial: reference lines), else the first of any; the
 * shown series itself when it is the only one (one series in two windows: lung and soft tissue,
 * say). A scout or another single image is no stack. Null without series.
 */
export function besideSeries(
  series: readonly Pick<ViewerSeries, 'id' | 'modality' | 'images' | 'placement'>[],
  shownId: string | null,
): string | null {
  const at = Math.max(
    0,
    series.findIndex((one) => one.id === shownId),
  );
  const shown = series[at];
  const after = [...series.slice(at + 1), ...series.slice(0, at)];
  const ofModality = after.filter((one) => one.modality === shown?.modality);
  const parallel = ofModality.find(
    (one) => one.images.length > 1 && parallelStacks(one.placement, shown?.placement ?? null),
  );
  return (parallel ?? ofModality[0] ?? after[0] ?? shown)?.id ?? null;
}

/** What the study page shows beside the study being read: another study, or another series of this one. */
export interface Compared {
  studyId: string;
  /** The series it opens on; absent: the first of the modality on screen. */
  seriesId?: string;
}

/**
 * The study page's comparison: what is shown beside the study being read, and whether the two
 * viewports follow each other's slices, and window and zoom (linked while both viewports exist),
 * and whether each shows where the other's image cuts it (reference lines; on unless turned off).
 */
export function useComparison() {
  const [compared, setCompared] = useState<Compared | null>(null);
  const [linkedSlices, setLinkedSlices] = useState(false);
  const [linkedViews, setLinkedViews] = useState(false);
  const [referenceLines, setReferenceLines] = useState(true);
  const [sliceLinkMode, setSliceLinkMode] = useState<SliceLinkMode | null>(null);
  const [reading, setReading] = useState<StackController | null>(null);
  const [comparing, setComparing] = useState<StackController | null>(null);
  useEffect(() => {
    if (!linkedSlices || !reading || !comparing) return;
    const unlink = reading.linkSlices(comparing, setSliceLinkMode);
    return () => {
      unlink();
      setSliceLinkMode(null);
    };
  }, [linkedSlices, reading, comparing]);
  useEffect(
    () => (linkedViews && reading && comparing ? reading.linkViews(comparing) : undefined),
    [linkedViews, reading, comparing],
  );
  useEffect(
    () =>
      referenceLines && reading && comparing ? reading.showReferencesWith(comparing) : undefined,
    [referenceLines, reading, comparing],
  );
  return {
    compared,
    setCompared,
    linkedSlices,
    setLinkedSlices,
    linkedViews,
    setLinkedViews,
    referenceLines,
    setReferenceLines,
    sliceLinkMode,
    reading,
    setReading,
    setComparing,
  };
}
