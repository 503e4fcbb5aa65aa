import { verifyAuditChain } from '@/lib/audit';
import { AUDITOR, json, route } from '../../_lib/route';

/** GET: walks the audit chain: {ok, events, firstBadEvent, headHash}. */
export const GET = route(AUDITOR, async ({ store }) => json(await verifyAuditChain(store.db)));
