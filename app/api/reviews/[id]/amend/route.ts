import { amendReview } from '@/lib/review';
import { idParam, json, RADIOLOGIST, readJson, route } from '../../../_lib/route';

/**
 * POST {decisions, confounders, text, reason}: a new signed review amending a signed one; with
 * `draft: true`, the reader's draft amendment of it (signed later with PATCH /api/reviews/:id).
 */
export const POST = route<{ id: string }>(
  RADIOLOGIST,
  async ({ request, session, store, params }) => {
    const review = await amendReview(
      store,
      session.user,
      idParam(params.id, 'review'),
      await readJson(request),
    );
    return json({ review }, 201);
  },
);
