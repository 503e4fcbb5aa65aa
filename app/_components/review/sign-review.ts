/**
 * Signing as the API wants it: the AI result on screen is stored first when it came from the
 * browser, then the review is signed naming it (the reader's draft, if one was saved, else a new
 * review), or the amendment of a signed one is signed (its draft, else a new one).
 */
import type { Measurement } from '@/lib/review';
import { apiJson } from '../api-client';
import type { Decision, ReviewView, ShownAiResult } from './types';

export interface ReviewContent {
  decisions: Decision[];
  confounders: string[];
  text: string;
  measurements: Measurement[];
}

async function inferenceIdOf(ai: ShownAiResult | null, csrfToken: string): Promise<number | null> {
  if (!ai) return null;
  if (ai.kind === 'server') return ai.inferenceId;
  const body = await apiJson<{ inference: { id: number } }>('/api/inferences', {
    method: 'POST',
    body: ai.input,
    csrfToken,
  });
  return body.inference.id;
}

export async function signReview(
  studyId: number,
  content: ReviewContent,
  ai: ShownAiResult | null,
  amends: ReviewView | null,
  csrfToken: string,
  draftId: number | null = null,
): Promise<ReviewView> {
  if (amends) {
    // The reader's draft amendment, if one was saved, signed; else a new amendment.
    const body = await apiJson<{ review: ReviewView }>(
      draftId === null ? `/api/reviews/${amends.id}/amend` : `/api/reviews/${draftId}`,
      {
        method: draftId === null ? 'POST' : 'PATCH',
        body: { ...content, reason: content.text, ...(draftId === null ? {} : { sign: true }) },
        csrfToken,
      },
    );
    return body.review;
  }
  const inferenceId = await inferenceIdOf(ai, csrfToken);
  const body = await apiJson<{ review: ReviewView }>(
    draftId === null ? '/api/reviews' : `/api/reviews/${draftId}`,
    {
      method: draftId === null ? 'POST' : 'PATCH',
      body: { ...(draftId === null ? { studyId } : {}), inferenceId, ...content, sign: true },
      csrfToken,
    },
  );
  return body.review;
}
