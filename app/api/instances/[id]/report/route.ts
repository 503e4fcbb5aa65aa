import { parseDicom, readStructuredReport, type SrItem } from '@/lib/dicom';
import { SecondlookError } from '@/lib/errors';
import { readInstanceBytes } from '@/lib/store';
import { idParam, READERS, route } from '../../../_lib/route';
import { storedReferences } from '../../_lib/stored-references';

function referencedUids(item: SrItem): string[] {
  const own = item.reference ? [item.reference.sopInstanceUID] : [];
  return [...own, ...item.children.flatMap(referencedUids)];
}

/**
 * GET: the structured report stored as this instance (a prior's report, the AI's, a signed
 * review's), as its content tree (lib/dicom readStructuredReport), for the viewer to show in
 * place of images, with the instances of its study that its items reference, for the viewer to
 * go to. Patient data: not kept by the browser's cache.
 */
export const GET = route<{ id: string }>(READERS, async ({ store, params }) => {
  const instanceId = idParam(params.id, 'instance');
  const { bytes } = await readInstanceBytes(store, instanceId);
  const report = readStructuredReport(parseDicom(bytes, { file: `instance ${instanceId}` }));
  if (!report) {
    throw new SecondlookError('NOT_A_REPORT', `instance ${instanceId} is not a structured report`);
  }
  const stored = await storedReferences(store, instanceId, referencedUids(report.document));
  return Response.json(
    { instanceId, ...report, stored },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
});
