import { SecondlookError } from '@/lib/errors';
import { collectMetrics, metricsTokenMatches } from '@/lib/health';
import { appPacsPoller } from '@/lib/pacs';
import { appScreening } from '@/lib/screening/server';
import { getStore } from '@/lib/store';
import { errorResponse, route } from '../_lib/route';

async function metrics(): Promise<Response> {
  const text = await collectMetrics({
    store: getStore(),
    screening: appScreening(),
    pacs: appPacsPoller(),
  });
  return new Response(text, {
    headers: { 'Content-Type': 'text/plain; version=0.0.4', 'Cache-Control': 'no-store' },
  });
}

const forAdmins = route(['admin'], metrics);

/**
 * GET: the server's numbers in Prometheus' text format, for a monitoring system (with
 * `Authorization: Bearer $SECONDLOOK_METRICS_TOKEN`) or an admin's session. Counts and states only.
 */
export async function GET(
  request: Request,
  context: { params: Promise<Record<string, never>> },
): Promise<Response> {
  if (!request.headers.has('authorization')) return forAdmins(request, context);
  if (!metricsTokenMatches(request.headers.get('authorization'))) {
    return errorResponse(new SecondlookError('BAD_CREDENTIALS', 'not the metrics token'));
  }
  try {
    return await metrics();
  } catch (error) {
    return errorResponse(error);
  }
}
