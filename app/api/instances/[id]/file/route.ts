import { readInstanceBytes } from '@/lib/store';
import { idParam, READERS, route } from '../../../_lib/route';

/** GET: the stored DICOM file, checked against its sha256. */
export const GET = route<{ id: string }>(READERS, async ({ store, params }) => {
  const { bytes, sha256 } = await readInstanceBytes(store, idParam(params.id, 'instance'));
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': 'application/dicom',
      'Content-Length': String(bytes.length),
      'Cache-Control': 'private, max-age=3600, immutable',
      ETag: `"${sha256}"`,
    },
  });
});
