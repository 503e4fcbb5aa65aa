import { getStudyDetail } from '@/lib/store';
import { idParam, json, READERS, route } from '../../_lib/route';

/** GET: one study with series, instances and inferences; audited as a study view. */
export const GET = route<{ id: string }>(READERS, async ({ session, store, params }) =>
  json(await getStudyDetail(store, idParam(params.id, 'study'), session.user)),
);
