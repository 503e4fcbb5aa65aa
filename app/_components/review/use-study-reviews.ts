'use client';

import { useEffect, useState } from 'react';
import { apiJson } from '../api-client';
import type { ReviewView } from './types';

/**
 * The study's reviews as `GET /api/studies/:id/reviews` gives them to the caller (a reader's own,
 * or all for an auditor): null until loaded, with the loading error, if any.
 */
export function useStudyReviews(studyId: number) {
  const [reviews, setReviews] = useState<ReviewView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    apiJson<{ reviews: ReviewView[] }>(`/api/studies/${studyId}/reviews`).then(
      (body) => {
        if (live) setReviews(body.reviews);
      },
      (caught: unknown) => {
        if (live)
          setError(caught instanceof Error ? caught.message : 'reviews could not be loaded');
      },
    );
    return () => {
      live = false;
    };
  }, [studyId]);
  return { reviews, setReviews, error };
}
