import { SecondlookError } from '@/lib/errors';
import { listWorklist, parseWorklistQuery } from '@/lib/store';
import { json, READERS, route } from '../_lib/route';

/**
 * GET ?modality&ai&review&flagged&from&to&limit&offset: a page of the worklist, most suspicious
 * first. Text (`q`: patient names and IDs) is searched with POST /api/studies/query instead, so
 * that it never stands in a URL, which proxies and browsers keep in their logs and history.
 */
export const GET = route(READERS, async ({ request, session, store }) => {
  const params = new URL(request.url).searchParams;
  if (params.has('q')) {
    throw new SecondlookError(
      'BAD_QUERY',
      'search text goes in the body of POST /api/studies/query, never in a URL',
    );
  }
  return json(
    await listWorklist(
      store.db,
      session.user,
      parseWorklistQuery((n) => params.get(n)),
    ),
  );
});
