import { flaggedBacklog } from '@/lib/store';
import { json, READERS, route } from '../../_lib/route';

/**
 * GET: the flagged studies waiting for a first read, counted, with the oldest's arrival and the
 * latest flag (no patient data): what every page's header watches for the reader.
 */
export const GET = route(READERS, async ({ store }) => json(await flaggedBacklog(store.db)));
