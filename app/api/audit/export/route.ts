import { exportAuditEvents, parseExportDate, parseExportFormat } from '@/lib/audit';
import { AUDITOR, route } from '../../_lib/route';

/** GET ?from&to&format=csv|json: the audit events as a download; the export is audited. */
export const GET = route(AUDITOR, async ({ request, session, store }) => {
  const query = new URL(request.url).searchParams;
  const exported = await exportAuditEvents(store.db, {
    from: parseExportDate(query.get('from'), 'from'),
    to: parseExportDate(query.get('to'), 'to'),
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
