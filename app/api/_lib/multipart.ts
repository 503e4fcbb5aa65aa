/**
 * The file parts of a multipart/form-data request, handed over one at a time as they arrive.
 * The body is read as a stream: while one file is handled the rest of the upload waits in the
 * socket (backpressure), so memory holds one file (at most `maxFileBytes`) however large the
 * request. A file over the limit is skipped to its end and reported, not buffered.
 */
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { SecondlookError } from '@/lib/errors';

export type FilePart =
  | { name: string; bytes: Uint8Array; tooLarge?: never }
  | { name: string; bytes?: never; tooLarge: true };

export interface FilePartLimits {
  /** The form field the files come in. */
  field: string;
  maxFileBytes: number;
  maxRequestBytes: number;
}

/** Calls `handle` for each file part of `field`, in order, each after the one before finished. */
export async function eachFilePart(
  request: Request,
  limits: FilePartLimits,
  handle: (part: FilePart) => Promise<void>,
): Promise<void> {
  if (!request.body) throw new SecondlookError('BAD_REQUEST', 'the upload has no body');
  const parser = busboy({
    headers: { 'content-type': request.headers.get('content-type') ?? '' },
    limits: { fileSize: limits.maxFileBytes },
  });
  const body = Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>);
  let received = 0;
  let handled = Promise.resolve();
  const done = new Promise<void>((resolve, reject) => {
    const fail = (error: unknown) => {
      body.destroy();
      reject(error);
    };
    body.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.maxRequestBytes) {
        fail(
          new SecondlookError(
            'TOO_LARGE',
            `uploads are limited to ${limits.maxRequestBytes} bytes per request`,
          ),
        );
      }
    });
    body.on('error', fail);
    parser.on('file', (field, file, info) => {
      if (field !== limits.field) {
        file.resume();
        return;
      }
      const name = info.filename || 'upload';
      // Wait for the previous file's handler: the upload stays in the socket meanwhile.
      file.pause();
      handled = handled.then(
        () =>
          new Promise<void>((next, stop) => {
            const chunks: Buffer[] = [];
            file.on('data', (chunk: Buffer) => {
              if (!file.truncated) chunks.push(chunk);
            });
            file.on('error', stop);
            file.on('end', () => {
              const part: FilePart = file.truncated
                ? { name, tooLarge: true }
                : { name, bytes: new Uint8Array(Buffer.concat(chunks)) };
              handle(part).then(next, stop);
            });
            file.resume();
          }),
      );
      handled.catch(fail);
    });
    parser.on('error', () =>
      fail(new SecondlookError('BAD_REQUEST', 'the upload is not well-formed multipart/form-data')),
    );
    parser.on('close', () => handled.then(resolve, fail));
  });
  body.pipe(parser);
  await done;
}
