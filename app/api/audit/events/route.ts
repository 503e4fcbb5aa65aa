import { auditWhere, parseAuditFilter } from '@/lib/audit';
import { AUDITOR, json, route } from '../../_lib/route';

/**
 * GET ?from&to&user&study&action&afterSeq&limit: matching audit events in seq order, a page at a
 * time; `nextAfterSeq` is the `afterSeq` of the next page, null when no more events match.
 */
export const GET = route(AUDITOR, async ({ request, store }) => {
  const query = new URL(request.url).searchParams;
  const filter = parseAuditFilter(query);
  const afterSeq = Math.max(0, Number(query.get('afterSeq') ?? 0) || 0);
  const limit = Math.min(1000, Math.max(1, Number(query.get('limit') ?? 200) || 200));
  const rows = await store.db.auditEvent.findMany({
    where: { AND: [{ seq: { gt: afterSeq } }, auditWhere(filter)] },
    orderBy: { seq: 'asc' },
    // One row past the page says whether another page follows.
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const events = page.map((row) => ({
    ...row,
    at: row.at.toISOString(),
    details: JSON.parse(row.details) as unknown,
  }));
  return json({ events, nextAfterSeq: rows.length > limit ? page[limit - 1]!.seq : null });
});
