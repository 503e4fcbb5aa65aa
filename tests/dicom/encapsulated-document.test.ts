/**
 * An Encapsulated PDF's document (lib/dicom readEncapsulatedDocument): the bytes DCMTK's dcm2pdf
 * takes out of a file its pdf2dcm made, the element's padding left off, with its MIME type and
 * title; nothing for an image.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDicom, readEncapsulatedDocument } from '../../lib/dicom';
import { sharedDicomDir, workDir } from '../support/paths';
import { dcmtkPdf, encapsulatedPdf } from '../support/pdf-document';

const read = (file: string) =>
  readEncapsulatedDocument(parseDicom(new Uint8Array(readFileSync(file)), { file }));

describe('readEncapsulatedDocument', () => {
  it('reads the PDF as dcm2pdf does, without the padding of its odd length', () => {
    const file = encapsulatedPdf(path.join(workDir, 'encapsulated-pdf'), 'Outside report');
    const document = read(file)!;
    const original = readFileSync(path.join(workDir, 'encapsulated-pdf', 'document.pdf'));
    expect(original.length % 2).toBe(1);
    expect(Buffer.from(document.bytes).equals(dcmtkPdf(file))).toBe(true);
    expect(Buffer.from(document.bytes).equals(original)).toBe(true);
    expect(document).toMatchObject({ mimeType: 'application/pdf', title: 'Outside report' });
  });

  it('reads none in an image or a report', () => {
    expect(read(path.join(sharedDicomDir, 'dcmqi', 'ct-3slice', '01.dcm'))).toBeNull();
    expect(read(path.join(sharedDicomDir, 'cornerstone3D', 'no-pixel-data.dcm'))).toBeNull();
  });
});
