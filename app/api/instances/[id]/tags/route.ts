import { listElements, parseDicom } from '@/lib/dicom';
import { readInstanceBytes } from '@/lib/store';
import { idParam, READERS, route } from '../../../_lib/route';

/**
 * GET: every element of the stored DICOM file, nested sequences included, for the viewer's tag
 * browser (lib/dicom listElements). Patient data: not kept by the browser's cache.
 */
export const GET = route<{ id: string }>(READERS, async ({ store, params }) => {
  const instanceId = idParam(params.id, 'instance');
  const { bytes } = await readInstanceBytes(store, instanceId);
  const file = parseDicom(bytes, { file: `instance ${instanceId}` });
  const { rows, truncated } = listElements(file);
  return Response.json(
    { instanceId, transferSyntaxUID: file.encoding.transferSyntaxUID, truncated, rows },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
});
