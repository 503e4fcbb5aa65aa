import { parsePreferences, setPreferences } from '@/lib/auth';
import { ANY_USER, json, readJson, route } from '../../_lib/route';

/**
 * PATCH {flaggedAlerts?}: changes the signed-in user's own preferences, audited (GET
 * /api/auth/session gives them).
 */
export const PATCH = route(ANY_USER, async ({ request, session, store }) => {
  const change = parsePreferences(await readJson(request, 1024));
  return json({ preferences: await setPreferences(store.db, session.user, change) });
});
