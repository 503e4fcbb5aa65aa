import { discardDraft, updateDraft } from '@/lib/review';
import { idParam, json, RADIOLOGIST, readJson, route } from '../../_lib/route';

/** PATCH: changes the reader's own draft (409 once signed); a draft amendment signed amends its review. */
export const PATCH = route<{ id: string }>(
  RADIOLOGIST,
  async ({ request, session, store, params }) => {
    const review = await updateDraft(
      store,
      session.user,
      idParam(params.id, 'review'),
      await readJson(request),
    );
    return json({ review });
  },
);

/** DELETE: discards the reader's own draft (409 once signed). */
export const DELETE = route<{ id: string }>(RADIOLOGIST, async ({ session, store, params }) => {
  await discardDraft(store, session.user, idParam(params.id, 'review'));
  return json({ discarded: true });
});
