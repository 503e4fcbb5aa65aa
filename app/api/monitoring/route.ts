import { screeningMonitoring } from '@/lib/review';
import { SecondlookError } from '@/lib/errors';
import { AUDITOR, json, route } from '../_lib/route';

/** GET ?weeks=N: screening over time per model version and week (lib/review monitoring). */
export const GET = route(AUDITOR, async ({ request, store }) => {
  const given = new URL(request.url).searchParams.get('weeks');
  const weeks = given === null ? 12 : Number(given);
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 104)
    throw new SecondlookError('BAD_QUERY', 'weeks must be a whole number from 1 to 104');
  return json({ monitoring: await screeningMonitoring(store.db, { weeks }) });
});
