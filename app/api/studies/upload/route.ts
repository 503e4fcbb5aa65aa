import { renderOpeningImages, storedSeriesIds } from '@/lib/display';
import { SecondlookError } from '@/lib/errors';
import { notifyIngested } from '@/lib/screening/server';
import { importBytes, ingestLimits, summarise, type ImportResult } from '@/lib/store';
import { eachFilePart } from '../../_lib/multipart';
import { json, route, UPLOADERS } from '../../_lib/route';

const MB = 1 << 20;

/**
 * POST multipart/form-data with `files` parts: each file is ingested like `secondlook import`
 * (stored, duplicate, conflict or failed), each as it arrives (the request is streamed, so memory
 * holds one file, not the upload). Bounded per file and per request. The new series are
 * screened and their opening images rendered in the background, after the answer.
 */
export const POST = route(UPLOADERS, async ({ request, session, store }) => {
  const { maxRequestBytes: maxRequest, maxFileBytes: maxFile } = ingestLimits();
  const length = request.headers.get('content-length');
  if (length === null) throw new SecondlookError('LENGTH_REQUIRED', 'send a Content-Length');
  if (Number(length) > maxRequest)
    throw new SecondlookError(
      'TOO_LARGE',
      `uploads are limited to ${maxRequest / MB} MB per request`,
    );
  if (!(request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
    throw new SecondlookError('UNSUPPORTED_MEDIA_TYPE', 'send the files as multipart/form-data');
  }
  const results: ImportResult[] = [];
  const limits = { field: 'files', maxFileBytes: maxFile, maxRequestBytes: maxRequest };
  await eachFilePart(request, limits, async (part) => {
    results.push(
      part.tooLarge
        ? {
            file: part.name,
            status: 'failed',
            error: new SecondlookError('TOO_LARGE', `files are limited to ${maxFile / MB} MB`, {
              file: part.name,
            }).toJSON(),
          }
        : await importBytes(store, part.bytes, part.name, session.user),
    );
  });
  if (results.length === 0) throw new SecondlookError('BAD_REQUEST', 'no files part in the upload');
  notifyIngested();
  void renderOpeningImages(store, storedSeriesIds(results)).catch(() => undefined);
  return json(summarise(results));
});
