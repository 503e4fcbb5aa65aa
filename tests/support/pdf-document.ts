/**
 * Encapsulated PDF documents as a PACS holds them: a small PDF written here (one page, one line of
 * text) and encapsulated by DCMTK's pdf2dcm, in the study of a given DICOM file or a new one; and
 * the PDF as DCMTK's dcm2pdf takes it back out, the reference for what the app serves.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A one-page PDF showing `text` (ASCII), with its cross-reference offsets computed. */
function minimalPdf(text: string): Buffer {
  const stream = `BT /F1 18 Tf 20 70 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R ' +
      '/Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets = objects.map((body, k) => {
    const offset = out.length;
    out += `${k + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/**
 * `dir/document.dcm`: a PDF showing `text` encapsulated by pdf2dcm (odd length, so the element is
 * padded), in the study of `studyFrom` when given.
 */
export function encapsulatedPdf(dir: string, text: string, studyFrom?: string): string {
  mkdirSync(dir, { recursive: true });
  const pdf = path.join(dir, 'document.pdf');
  const pdfBytes = minimalPdf(text);
  writeFileSync(pdf, pdfBytes.length % 2 ? pdfBytes : Buffer.concat([pdfBytes, Buffer.from('\n')]));
  const out = path.join(dir, 'document.dcm');
  const study = studyFrom ? ['+st', studyFrom] : ['+pn', 'DOCUMENT^ONLY', '+pi', 'DOC-0001'];
  execFileSync('pdf2dcm', [...study, '+t', 'Outside report', pdf, out]);
  return out;
}

/** The PDF in an Encapsulated PDF file, as DCMTK's dcm2pdf writes it out. */
export function dcmtkPdf(file: string): Buffer {
  const out = `${file}.dcm2pdf.pdf`;
  execFileSync('dcm2pdf', [file, out]);
  return readFileSync(out);
}
