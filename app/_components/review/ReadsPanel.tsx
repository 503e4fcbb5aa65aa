'use client';

import { useState } from 'react';
import type { Measurement } from '@/lib/review';
import { SignedReview } from './SignedReview';
import type { ReviewView } from './types';
import { useStudyReviews } from './use-study-reviews';

/**
 * An auditor's view of every reader's signed reviews of the study, amendments and the reviews
 * they replaced alike, oldest first; each review with measurements can draw them in the viewer
 * (one review's at a time). Drafts are counted, not shown: they are their readers' own.
 */
export function ReadsPanel({
  studyId,
  describe,
  onShowMeasurements,
}: {
  studyId: number;
  describe: (measurement: Measurement) => string;
  /** Told the review whose measurements to draw, or null for none. */
  onShowMeasurements: (review: ReviewView | null) => void;
}) {
  const { reviews, error } = useStudyReviews(studyId);
  const [shown, setShown] = useState<number | null>(null);

  const signed = reviews?.filter((review) => review.signedAt !== null) ?? [];
  const drafts = (reviews?.length ?? 0) - signed.length;

  function toggle(review: ReviewView) {
    const next = shown === review.id ? null : review;
    setShown(next?.id ?? null);
    onShowMeasurements(next);
  }

  return (
    <aside className="review-panel" aria-labelledby="reads-heading">
      <h2 id="reads-heading">Reads</h2>
      {error ? <p role="alert">{error}</p> : null}
      {reviews !== null && signed.length === 0 ? <p>No signed review yet.</p> : null}
      {drafts > 0 ? <p className="muted">{drafts} draft(s) not signed.</p> : null}
      {signed.map((review) => (
        <SignedReview key={review.id} review={review} describe={describe}>
          {review.measurements.length > 0 ? (
            <button type="button" aria-pressed={shown === review.id} onClick={() => toggle(review)}>
              Show its measurements in the viewer
            </button>
          ) : null}
        </SignedReview>
      ))}
    </aside>
  );
}
