import { parseDicom, readPresentationState } from '@/lib/dicom';
import { SecondlookError } from '@/lib/errors';
import { readInstanceBytes } from '@/lib/store';
import { idParam, READERS, route } from '../../../_lib/route';
import { storedReferences } from '../../_lib/stored-references';

/**
 * GET: the Grayscale Softcopy Presentation State stored as this instance (lib/dicom
 * readPresentationState): the window, sense, rotation, flip and annotations someone chose for
 * images of the study, with the instances of its study it applies to, for the viewer to show
 * them so. Patient data: not kept by the browser's cache.
 */
export const GET = route<{ id: string }>(READERS, async ({ store, params }) => {
  const instanceId = idParam(params.id, 'instance');
  const { bytes } = await readInstanceBytes(store, instanceId);
  const state = readPresentationState(parseDicom(bytes, { file: `instance ${instanceId}` }));
  if (!state) {
    throw new SecondlookError(
      'NOT_A_PRESENTATION_STATE',
      `instance ${instanceId} is not a grayscale softcopy presentation state`,
    );
  }
  const uids = state.images.map((image) => image.sopInstanceUID);
  const stored = await storedReferences(store, instanceId, uids);
  return Response.json(
    { instanceId, ...state, stored },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
});
