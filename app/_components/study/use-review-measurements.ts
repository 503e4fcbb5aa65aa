'use client';

import { useCallback, useMemo, useState } from 'react';
import type { Measurement } from '@/lib/review';
import type { ReviewView } from '../review/types';
import type { ViewerMeasurement, ViewerStudy } from '../viewer/types';
import { toReviewMeasurements, toViewerMeasurements } from './review-measurements';

/**
 * The study page's measurements between the viewer and the review panels. A reader's review (or
 * draft) as the page opened is drawn again; until the viewer shows it, the reader's measurements
 * are not known (null), so that nothing saves or signs them as none. An auditor picks the review
 * whose measurements the viewer shows, in place of any other. While Cornerstone is still computing
 * the values of a measurement just moved, `measuring` is true.
 */
export function useReviewMeasurements(study: ViewerStudy) {
  const [onScreen, setOnScreen] = useState<ViewerMeasurement[]>([]);
  /** The reader's review as the page opened: undefined until the review panel has loaded. */
  const [opened, setOpened] = useState<ReviewView | null | undefined>(undefined);
  const [picked, setPicked] = useState<ViewerMeasurement[] | null>(null);
  const [drawnBack, setDrawnBack] = useState(false);

  const reopened = useMemo(
    () => (opened ? toViewerMeasurements(opened.id, opened.measurements) : []),
    [opened],
  );
  const onOpenedReview = useCallback((review: ReviewView | null) => {
    setOpened((first) => (first === undefined ? review : first));
  }, []);
  const onShowMeasurements = useCallback((review: ReviewView | null) => {
    setPicked(review ? toViewerMeasurements(review.id, review.measurements) : []);
  }, []);
  const onMeasurementsChange = useCallback(
    (list: ViewerMeasurement[]) => {
      setOnScreen(list);
      if (reopened.length > 0 && reopened.every((m) => list.some((shown) => shown.uid === m.uid)))
        setDrawnBack(true);
    },
    [reopened],
  );

  const saved = useMemo(
    () =>
      picked
        ? { measurements: picked, replace: true }
        : opened
          ? { measurements: reopened, replace: false }
          : null,
    [picked, opened, reopened],
  );
  const known = opened !== undefined && (reopened.length === 0 || drawnBack);
  const measurements: Measurement[] | null = useMemo(
    () => (known ? toReviewMeasurements(study, onScreen) : null),
    [known, study, onScreen],
  );
  /** A measurement on screen waits for its values (a moment after a drag): nothing signs it yet. */
  const measuring = onScreen.some((measurement) => measurement.pending);
  return {
    saved,
    measurements,
    measuring,
    onMeasurementsChange,
    onOpenedReview,
    onShowMeasurements,
  };
}
