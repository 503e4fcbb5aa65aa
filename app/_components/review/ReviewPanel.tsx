'use client';

import { useEffect, useState } from 'react';
import type { Measurement } from '@/lib/review';
import { ReviewForm } from './ReviewForm';
import { SignedReview } from './SignedReview';
import { sameMeasurements } from './same-measurements';
import type { ReviewView, ShownAiResult } from './types';
import { useStudyReviews } from './use-study-reviews';

/**
 * The study's signed reviews (read-only) and the form: a new review while this reader has
 * none (starting from their draft), otherwise, on request or while they have a draft of one, an
 * amendment of their current one.
 * The review the reader opened the study with is told to `onOpenedReview` (the viewer draws its
 * measurements again).
 */
export function ReviewPanel({
  studyId,
  labels,
  ai,
  reader,
  measurements,
  measuring,
  describe,
  onOpenedReview,
  onDiscarded,
  csrfToken,
}: {
  studyId: number;
  labels: string[];
  ai: ShownAiResult | null;
  reader: string;
  /** The measurements on screen, which a review signs; null until the viewer has drawn the opened review's. */
  measurements: Measurement[] | null;
  /** A measurement on screen waits for its values: neither signed nor saved until it has them. */
  measuring: boolean;
  describe: (measurement: Measurement) => string;
  /** Told, once loaded, the reader's signed review (else their draft), or null: the viewer draws its measurements. */
  onOpenedReview: (review: ReviewView | null) => void;
  /**
   * Told, once a draft is discarded, the reader's signed review (null for none): the viewer draws
   * its measurements instead of the draft's, which would otherwise make a new draft at once.
   */
  onDiscarded: (review: ReviewView | null) => void;
  csrfToken: string;
}) {
  // Null until loaded: the form waits for the reader's draft, so nothing typed is lost to it.
  const { reviews, setReviews, error } = useStudyReviews(studyId);
  const [amending, setAmending] = useState(false);
  /** A new form after a discarded draft, with nothing of it. */
  const [formRound, setFormRound] = useState(0);

  const signed = reviews?.filter((review) => review.signedAt !== null) ?? [];
  const mine = (review: ReviewView) => review.reader.username === reader;
  const current = signed.find((review) => mine(review) && review.status === 'signed') ?? null;
  const draft = reviews?.findLast((review) => mine(review) && review.status === 'draft') ?? null;
  // A draft is the reader's new review while they have none signed, else their amendment of it.
  const amendmentDraft = current && draft?.amendingId === current.id ? draft : null;
  const reviewDraft = draft?.amendingId === null ? draft : null;
  const amends = current && (amending || amendmentDraft) ? current : null;

  useEffect(() => {
    if (reviews !== null) onOpenedReview(amendmentDraft ?? current ?? reviewDraft);
  }, [reviews, current, amendmentDraft, reviewDraft, onOpenedReview]);

  function discarded(draftId: number | null) {
    setReviews((previous) => (previous ?? []).filter((r) => r.id !== draftId));
    setAmending(false);
    setFormRound((round) => round + 1);
    onDiscarded(current);
  }

  function onSigned(review: ReviewView) {
    setReviews((previous) => [
      ...(previous ?? [])
        .filter((r) => r.id !== review.id)
        .map((r) =>
          r.id === review.amendsId
            ? { ...r, status: 'amended' as const, amendedById: review.id }
            : r,
        ),
      review,
    ]);
    setAmending(false);
  }

  return (
    <aside className="review-panel" aria-labelledby="review-heading">
      <h2 id="review-heading">Review</h2>
      {error ? <p role="alert">{error}</p> : null}
      {reviews === null ? (
        <p role="status">Loading your review…</p>
      ) : current === null || amends ? (
        <ReviewForm
          key={`${amends ? `amend-${amends.id}` : 'new'}-${formRound}`}
          studyId={studyId}
          labels={labels}
          ai={ai}
          amends={amends}
          draft={amends ? amendmentDraft : reviewDraft}
          measurements={measurements}
          measuring={measuring}
          describe={describe}
          csrfToken={csrfToken}
          onSigned={onSigned}
          onDiscarded={discarded}
        />
      ) : (
        <>
          {measurements === null || sameMeasurements(measurements, current.measurements) ? null : (
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
