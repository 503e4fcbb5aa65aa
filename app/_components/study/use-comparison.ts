'use client';

import { useEffect, useState } from 'react';
import type { StackController } from '../viewer/stack-controller';

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
