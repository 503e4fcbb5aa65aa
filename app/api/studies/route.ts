import { listWorklist } from '@/lib/store';
import { json, READERS, route } from '../_lib/route';

/** GET ?limit&offset: the worklist, most suspicious first. */
export const GET = route(READERS, async ({ request, session, store }) => {
  const query = new URL(request.url).searchParams;
  const studies = await listWorklist(store.db, session.user, {
    limit: Number(query.get('limit') ?? 200) || 200,
    offset: Number(query.get('offset') ?? 0) || 0,
  });
  return json({ studies });
});
