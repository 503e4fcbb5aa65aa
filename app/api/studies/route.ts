import { listWorklist, parseWorklistQuery } from '@/lib/store';
import { json, READERS, route } from '../_lib/route';

/** GET ?q&modality&ai&review&flagged&from&to&limit&offset: a page of the worklist, most suspicious first. */
export const GET = route(READERS, async ({ request, session, store }) => {
  const query = parseWorklistQuery(new URL(request.url).searchParams);
  return json(await listWorklist(store.db, session.user, query));
});
