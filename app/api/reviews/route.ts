import { createReview } from '@/lib/review';
import { json, RADIOLOGIST, readJson, route } from '../_lib/route';

/** POST {studyId, inferenceId?, decisions, confounders, text, startedAt?, sign?}: a new review. */
export const POST = route(RADIOLOGIST, async ({ request, session, store }) => {
  const body = await readJson(request);
  const review = await createReview(store, session.user, { ...body, studyId: body.studyId });
  return json({ review }, 201);
});
