'use client';

import { useEffect, useState } from 'react';
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
 * The study page's comparison: which other study of the patient is shown beside the one being
 * read, and whether the two viewports follow each other's window, zoom and slices (linked while both
 * viewports exist).
 */
export function useComparison() {
  const [comparedId, setComparedId] = useState<string | null>(null);
  const [linked, setLinked] = useState(false);
  const [reading, setReading] = useState<StackController | null>(null);
  const [comparing, setComparing] = useState<StackController | null>(null);
  useEffect(
    () => (linked && reading && comparing ? reading.linkWith(comparing) : undefined),
    [linked, reading, comparing],
  );
  return { comparedId, setComparedId, linked, setLinked, setReading, setComparing };
}
