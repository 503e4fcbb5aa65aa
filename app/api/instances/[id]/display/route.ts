import { SecondlookError } from '@/lib/errors';
import { idParam, READERS, route } from '../../../_lib/route';
import { openingImage } from '@/lib/display';

/** A 1-based frame number from the query (default 1). */
function frameParam(request: Request): number {
  const text = new URL(request.url).searchParams.get('frame');
  if (text === null) return 1;
  const frame = Number(text);
  if (!Number.isSafeInteger(frame) || frame < 1) {
    throw new SecondlookError('BAD_REQUEST', `frame must be a whole number from 1, got "${text}"`);
  }
  return frame;
}

/** GET: one frame of the stored instance as the viewer opens it, as an 8-bit PNG. */
export const GET = route<{ id: string }>(READERS, async ({ request, store, params }) => {
  const frame = frameParam(request);
  const { png, sha256 } = await openingImage(store, idParam(params.id, 'instance'), frame);
  return new Response(new Uint8Array(png), {
    headers: {
      'Content-Type': 'image/png',
      'Content-Length': String(png.length),
      'Cache-Control': 'private, max-age=3600, immutable',
      ETag: `"${sha256}-${frame}"`,
    },
  });
});
