import { saveView } from '@/lib/review';
import { idParam, json, RADIOLOGIST, readJson, route } from '../../../_lib/route';

/**
 * POST {seriesId, label, description?, window: {center, width}, invert, rotation, flip,
 * measurements?}: the radiologist's view of a series of the study saved as a Grayscale Softcopy
 * Presentation State in the study (lib/review saveView); 201 with its instance and series.
 */
export const POST = route<{ id: string }>(
  RADIOLOGIST,
  async ({ request, session, store, params }) => {
    const studyId = idParam(params.id, 'study');
    const saved = await saveView(store, session.user, studyId, await readJson(request));
    return json(saved, 201);
  },
);
