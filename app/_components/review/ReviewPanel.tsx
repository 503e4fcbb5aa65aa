'use client';

import { useEffect, useState } from 'react';
import type { Measurement } from '@/lib/review';
import { apiJson } from '../api-client';
import { ReviewForm } from './ReviewForm';
import { SignedReview } from './SignedReview';
import { sameMeasurements } from './same-measurements';
import type { ReviewView, ShownAiResult } from './types';

/**
 * The study's signed reviews (read-only) and the form: a new review while this reader has
 * none, otherwise, on request, an amendment of their current one. The reader's current review
 * is told to `onCurrentReview` (the viewer draws its measurements again).
 */
export function ReviewPanel({
  studyId,
  labels,
  ai,
  reader,
  measurements,
  describe,
  onCurrentReview,
  csrfToken,
}: {
  studyId: number;
  labels: string[];
  ai: ShownAiResult | null;
  reader: string;
  /** The measurements on screen, which a review signs. */
  measurements: Measurement[];
  describe: (measurement: Measurement) => string;
  onCurrentReview: (review: ReviewView | null) => void;
  csrfToken: string;
}) {
  const [reviews, setReviews] = useState<ReviewView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [amending, setAmending] = useState(false);

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

  const signed = reviews.filter((review) => review.signedAt !== null);
  const current =
    signed.find((review) => review.reader.username === reader && review.status === 'signed') ??
    null;

  useEffect(() => onCurrentReview(current), [current, onCurrentReview]);

  function onSigned(review: ReviewView) {
    setReviews((previous) => [
      ...previous.map((r) =>
        r.id === review.amendsId ? { ...r, status: 'amended' as const, amendedById: review.id } : r,
      ),
      review,
    ]);
    setAmending(false);
  }

  return (
    <aside className="review-panel" aria-labelledby="review-heading">
      <h2 id="review-heading">Review</h2>
      {error ? <p role="alert">{error}</p> : null}
      {current === null || amending ? (
        <ReviewForm
          key={current?.id ?? 'new'}
          studyId={studyId}
          labels={labels}
          ai={ai}
          amends={amending ? current : null}
          measurements={measurements}
          describe={describe}
          csrfToken={csrfToken}
          onSigned={onSigned}
        />
      ) : (
        <>
          {sameMeasurements(measurements, current.measurements) ? null : (
            <p role="status">
              The measurements on screen are not those of your signed review: amend it to keep them.
            </p>
          )}
          <button type="button" onClick={() => setAmending(true)}>
            Amend my review
          </button>
        </>
      )}
      {[...signed].reverse().map((review) => (
        <SignedReview key={review.id} review={review} describe={describe} />
      ))}
    </aside>
  );
}
