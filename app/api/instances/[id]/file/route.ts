import { readInstanceBytes } from '@/lib/store';
import { idParam, READERS, route } from '../../../_lib/route';

/**
 * GET: the stored DICOM file, checked against its sha256. Not kept by the browser's HTTP cache: the
 * viewer holds the decoded series itself, a full series (160 MB for 300 CT slices) would evict the
 * app's scripts and first images from that cache, and full-fidelity patient images should not sit in
 * a shared workstation's disk cache.
 */
export const GET = route<{ id: string }>(READERS, async ({ store, params }) => {
  const { bytes, sha256 } = await readInstanceBytes(store, idParam(params.id, 'instance'));
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': 'application/dicom',
      'Content-Length': String(bytes.length),
      'Cache-Control': 'private, no-store',
      ETag: `"${sha256}"`,
    },
  });
});
