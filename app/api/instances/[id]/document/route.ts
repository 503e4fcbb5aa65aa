import { parseDicom, readEncapsulatedDocument } from '@/lib/dicom';
import { SecondlookError } from '@/lib/errors';
import { readInstanceBytes } from '@/lib/store';
import { idParam, READERS, route } from '../../../_lib/route';

/**
 * GET: the document stored as this instance (an Encapsulated PDF: a scanned requisition, an
 * outside report), its bytes as the file holds them, for the viewer to show in place of images.
 * Only a PDF is served as one; anything else is bytes to save. Opened by itself it is a download,
 * sandboxed, never a page of this site; and the browser keeps no copy of patient data.
 */
export const GET = route<{ id: string }>(READERS, async ({ store, params }) => {
  const instanceId = idParam(params.id, 'instance');
  const { bytes } = await readInstanceBytes(store, instanceId);
  const document = readEncapsulatedDocument(parseDicom(bytes, { file: `instance ${instanceId}` }));
  if (!document) {
    throw new SecondlookError('NOT_A_DOCUMENT', `instance ${instanceId} holds no document`);
  }
  const pdf = document.mimeType.toLowerCase() === 'application/pdf';
  return new Response(new Uint8Array(document.bytes), {
    headers: {
      'Content-Type': pdf ? 'application/pdf' : 'application/octet-stream',
      'Content-Length': String(document.bytes.length),
      'Content-Disposition': `attachment; filename="document-${instanceId}.${pdf ? 'pdf' : 'bin'}"`,
      'Content-Security-Policy': "sandbox; default-src 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  });
});
