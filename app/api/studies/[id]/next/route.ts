import { nextUnread } from '@/lib/store';
import { idParam, json, READERS, route } from '../../../_lib/route';

/** GET: the study to read after this one (the next unsigned by the reader in worklist order), or null. */
export const GET = route<{ id: string }>(READERS, async ({ session, store, params }) =>
  json({ study: await nextUnread(store.db, session.user, idParam(params.id, 'study')) }),
);
