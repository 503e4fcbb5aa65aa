import { listReviews } from '@/lib/review';
import { idParam, json, READERS, route } from '../../../_lib/route';

/** GET: a radiologist's own reviews of the study, or all of them for an auditor. */
export const GET = route<{ id: string }>(READERS, async ({ session, store, params }) =>
  json({ reviews: await listReviews(store.db, session.user, idParam(params.id, 'study')) }),
);
