import { signReview } from '@/lib/review';
import { idParam, json, RADIOLOGIST, route } from '../../../_lib/route';

/** POST: signs the reader's own draft; it never changes again. */
export const POST = route<{ id: string }>(RADIOLOGIST, async ({ session, store, params }) =>
  json({ review: await signReview(store, session.user, idParam(params.id, 'review')) }),
);
