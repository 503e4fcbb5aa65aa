import { SecondlookError } from '@/lib/errors';
import { parseCspReport, recordCspViolations } from '@/lib/health';
import { errorResponse } from '../_lib/route';

const MAX_BYTES = 16 * 1024;
const REPORT_TYPES = ['application/csp-report', 'application/reports+json', 'application/json'];

/**
 * POST, from anyone (a browser reports without a session): a Content Security Policy violation
 * report (proxy.ts's `report-uri`), counted in the metrics and logged by directive and kind of
 * what was blocked. 204; 415 for another type, 413 over 16 KiB, 400 for a body that is no report.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim();
    if (!REPORT_TYPES.includes(type))
      throw new SecondlookError('UNSUPPORTED_MEDIA_TYPE', 'send a CSP report');
    if (Number(request.headers.get('content-length') ?? 0) > MAX_BYTES)
      throw new SecondlookError('TOO_LARGE', `the report is over ${MAX_BYTES} bytes`);
    const text = await request.text();
    if (text.length > MAX_BYTES)
      throw new SecondlookError('TOO_LARGE', `the report is over ${MAX_BYTES} bytes`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new SecondlookError('BAD_REQUEST', 'not a CSP report');
    }
    recordCspViolations(parseCspReport(body));
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
