import { listWorklist, parseWorklistQuery } from '@/lib/store';
import { json, READERS, readJson, route } from '../../_lib/route';

/**
 * POST {q?, modality?, ai?, review?, flagged?, from?, to?, limit?, offset?}: a page of the
 * worklist, as GET /api/studies answers, with the search text in the body (never in a URL).
 */
export const POST = route(READERS, async ({ request, session, store }) => {
  const body = await readJson(request, 16 * 1024);
  const get = (name: string) => {
    const value = body[name];
    return value === undefined || value === null ? null : String(value);
  };
  return json(await listWorklist(store.db, session.user, parseWorklistQuery(get)));
});
