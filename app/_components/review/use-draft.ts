'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { apiJson } from '../api-client';
import { sameMeasurements } from './same-measurements';
import type { ReviewContent } from './sign-review';
import type { ReviewView } from './types';

export type DraftState =
  | { state: 'none' }
  /** The draft saved at an earlier visit, not changed since. */
  | { state: 'restored' }
  | { state: 'saving' }
  | { state: 'saved'; at: string }
  | { state: 'failed'; message: string };

/**
 * Whether a draft already holds `content`. Measurements compare by place and points to a
 * hundredth of a pixel: drawn again from the draft, they come back with rounding noise.
 */
function holds(saved: ReviewContent | null, content: ReviewContent): boolean {
  if (!saved) return false;
  const { measurements, ...rest } = content;
  const { measurements: savedMeasurements, ...savedRest } = saved;
  return (
    JSON.stringify(rest) === JSON.stringify(savedRest) &&
    sameMeasurements(measurements, savedMeasurements)
  );
}

function isEmpty(content: ReviewContent): boolean {
  return (
    content.decisions.length === 0 &&
    content.confounders.length === 0 &&
    content.text === '' &&
    content.measurements.length === 0
  );
}

/** Quiet time after the last change before the draft is saved. */
const SAVE_AFTER_MS = 1500;

function contentOf(review: ReviewView): ReviewContent {
  return {
    decisions: review.decisions,
    confounders: review.confounders,
    text: review.text,
    measurements: review.measurements,
  };
}

/**
 * Keeps a review's content as the reader's draft on the server while they work: created at the
 * first change, updated after each pause in changes (never for content it already holds), one
 * request at a time. An interrupted read is found again when the study is opened again. With
 * `amends`, the draft is an amendment of that signed review, made at the first change from it
 * (its verdicts, flag and measurements, with a new comment).
 */
export function useDraft(
  studyId: number,
  csrfToken: string,
  initial: ReviewView | null,
  amends: ReviewView | null = null,
): {
  draft: DraftState;
  /** Saves `content` once the reader pauses. */
  schedule: (content: ReviewContent) => void;
  /** Waits for saves in flight and returns the draft's id (null when none was made). */
  settle: () => Promise<number | null>;
} {
  const [draft, setDraft] = useState<DraftState>(
    initial ? { state: 'restored' } : { state: 'none' },
  );
  const id = useRef<number | null>(initial?.id ?? null);
  const saved = useRef<ReviewContent | null>(
    initial ? contentOf(initial) : amends ? { ...contentOf(amends), text: '' } : null,
  );
  const amendsId = amends?.id ?? null;
  const chain = useRef<Promise<void>>(Promise.resolve());
  const timer = useRef<number | null>(null);
  const pending = useRef<ReviewContent | null>(null);

  const save = useCallback(() => {
    const content = pending.current;
    pending.current = null;
    if (!content) return chain.current;
    chain.current = chain.current.then(async () => {
      if (holds(saved.current, content)) return;
      // Nothing written yet: no draft to keep.
      if (id.current === null && isEmpty(content)) return;
      setDraft({ state: 'saving' });
      try {
        const body = await apiJson<{ review: ReviewView }>(
          id.current !== null
            ? `/api/reviews/${id.current}`
            : amendsId !== null
              ? `/api/reviews/${amendsId}/amend`
              : '/api/reviews',
          {
            method: id.current === null ? 'POST' : 'PATCH',
            body:
              id.current !== null
                ? content
                : amendsId !== null
                  ? { ...content, draft: true }
                  : { studyId, ...content },
            csrfToken,
          },
        );
        id.current = body.review.id;
        saved.current = content;
        setDraft({ state: 'saved', at: new Date().toISOString() });
      } catch (caught) {
        setDraft({
          state: 'failed',
          message: caught instanceof Error ? caught.message : 'the draft could not be saved',
        });
      }
    });
    return chain.current;
  }, [studyId, csrfToken, amendsId]);

  const schedule = useCallback(
    (content: ReviewContent) => {
      pending.current = content;
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => {
        timer.current = null;
        void save();
      }, SAVE_AFTER_MS);
    },
    [save],
  );

  const settle = useCallback(async () => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    await save();
    return id.current;
  }, [save]);

  // Leaving the page with a change not saved yet saves it on the way out.
  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
      void save();
    },
    [save],
  );
  return { draft, schedule, settle };
}
