/**
 * `multipart/related` bodies (RFC 2387), each part one DICOM instance with its own headers: the
 * WADO-RS answers read (parsed from the whole body; the caller bounds its size while reading it)
 * and the STOW-RS requests sent.
 */
import { randomBytes } from 'node:crypto';
import { SecondlookError } from '../errors';

const CRLF_CRLF = Buffer.from('\r\n\r\n');

/** The boundary parameter of a multipart media type (quoted or not), or null when there is none. */
function boundaryOf(contentType: string): string | null {
  if (!/^\s*multipart\//i.test(contentType)) return null;
  const match = /;\s*boundary=(?:"([^"]{1,200})"|([^;\s"]{1,200}))/i.exec(contentType);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

/** Each part's body, in order. Throws PACS_RESPONSE, with the byte offset, on a malformed body. */
export function splitMultipart(body: Uint8Array, contentType: string, where: string): Uint8Array[] {
  const boundary = boundaryOf(contentType);
  if (!boundary) {
    throw new SecondlookError(
      'PACS_RESPONSE',
      `expected a multipart answer with a boundary, got '${contentType.slice(0, 100)}'`,
      { file: where },
    );
  }
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${boundary}`);
  const partEnd = Buffer.from(`\r\n--${boundary}`);
  const parts: Uint8Array[] = [];
  let at = bytes.indexOf(delimiter);
  if (at < 0) {
    throw new SecondlookError('PACS_RESPONSE', 'the multipart answer has no boundary line', {
      file: where,
      offset: 0,
    });
  }
  for (;;) {
    const afterDelimiter = at + delimiter.length;
    if (bytes[afterDelimiter] === 0x2d && bytes[afterDelimiter + 1] === 0x2d) return parts;
    const headersEnd = bytes.indexOf(CRLF_CRLF, afterDelimiter);
    if (headersEnd < 0) {
      throw new SecondlookError('PACS_RESPONSE', 'a part of the multipart answer has no body', {
        file: where,
        offset: afterDelimiter,
      });
    }
    const start = headersEnd + CRLF_CRLF.length;
    const next = bytes.indexOf(partEnd, start);
    if (next < 0) {
      throw new SecondlookError('PACS_RESPONSE', 'the multipart answer ends inside a part', {
        file: where,
        offset: start,
      });
    }
    parts.push(new Uint8Array(bytes.subarray(start, next)));
    at = next + 2;
  }
}

/** A STOW-RS request body of DICOM instances, and its content type with a fresh boundary. */
export function joinMultipart(instances: readonly Uint8Array[]): {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
} {
  const boundary = `secondlook-${randomBytes(16).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const instance of instances) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`));
    chunks.push(Buffer.from(instance.buffer, instance.byteOffset, instance.byteLength));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    body: new Uint8Array(Buffer.concat(chunks)),
    contentType: `multipart/related; type="application/dicom"; boundary=${boundary}`,
  };
}
