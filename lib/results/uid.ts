import { createHash } from 'node:crypto';

/**
 * A DICOM UID named by `name`: `2.25.` and the decimal of a name-based UUID (version 8, from the
 * name's SHA-256; PS3.5 B.2). The same name always gives the same UID, so a result sent again
 * after a crash between the PACS's answer and the store's record replaces itself in the PACS
 * instead of appearing twice.
 */
export function uidFromName(name: string): string {
  const bytes = createHash('sha256').update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  return `2.25.${BigInt(`0x${bytes.toString('hex')}`).toString(10)}`;
}
