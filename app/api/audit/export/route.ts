import { exportAuditEvents, parseAuditFilter, parseExportFormat } from '@/lib/audit';
import { AUDITOR, route } from '../../_lib/route';

/** GET ?from&to&user&study&action&format=csv|json: the matching events as a download; audited. */
export const GET = route(AUDITOR, async ({ request, session, store }) => {
  const query = new URL(request.url).searchParams;
  const exported = await exportAuditEvents(store.db, {
    ...parseAuditFilter(query),
    format: parseExportFormat(query.get('format')),
    actor: { id: session.user.id, name: session.user.username },
  });
  return new Response(exported.body, {
    headers: {
      'Content-Type': exported.contentType,
      'Content-Disposition': `attachment; filename="secondlook-audit.${exported.format}"`,
      'Cache-Control': 'no-store',
    },
  });
});
