import { saliencyAudit } from '@/lib/review';
import { AUDITOR, json, route } from '../_lib/route';

/** GET ?flagged=1&limit=N: the confounder audit across the newest inferences (lib/review). */
export const GET = route(AUDITOR, async ({ request, store }) => {
  const query = new URL(request.url).searchParams;
  const limit = Math.min(1000, Math.max(1, Number(query.get('limit') ?? 200) || 200));
  return json(await saliencyAudit(store.db, { flaggedOnly: query.get('flagged') === '1', limit }));
});
