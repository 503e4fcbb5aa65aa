/**
 * An encapsulated document (PS3.3 C.24.2: Encapsulated PDF, CDA, STL...): a scanned requisition,
 * an outside report, a consent form, stored in a study as one instance. Its bytes are Encapsulated
 * Document (0042,0011), cut to Encapsulated Document Length (0042,0015) where the file gives it
 * (the element is padded to an even length), with its MIME Type (0042,0012) and Document Title
 * (0042,0010) in the file's character set.
 */
import { textDecoderFor } from './character-set';
import { TAG } from './tags';
import type { DicomFile } from './types';
import { presentElement, str, textValue } from './values';

const DOC = {
  DocumentTitle: 'x00420010',
  EncapsulatedDocument: 'x00420011',
  MIMETypeOfEncapsulatedDocument: 'x00420012',
  EncapsulatedDocumentLength: 'x00420015',
} as const;

export interface EncapsulatedDocument {
  /** `application/pdf`, `text/XML`...; '' when the file does not say. */
  mimeType: string;
  title: string;
  bytes: Uint8Array;
}

/** The document in `file`, or null when it holds none. */
export function readEncapsulatedDocument(file: DicomFile): EncapsulatedDocument | null {
  const ds = file.dataSet;
  const element = presentElement(ds, DOC.EncapsulatedDocument);
  if (!element) return null;
  const length = presentElement(ds, DOC.EncapsulatedDocumentLength)
    ? ds.uint32(DOC.EncapsulatedDocumentLength)
    : undefined;
  const size = length !== undefined && length <= element.length ? length : element.length;
  const reader = textDecoderFor(str(ds, TAG.SpecificCharacterSet) ?? '');
  return {
    mimeType: str(ds, DOC.MIMETypeOfEncapsulatedDocument) ?? '',
    title: textValue(ds, DOC.DocumentTitle, reader).trim(),
    bytes: ds.byteArray.subarray(element.dataOffset, element.dataOffset + size),
  };
}
