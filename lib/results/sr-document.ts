/**
 * A DICOM Enhanced SR (1.2.840.10008.5.1.4.1.1.88.22) document around a TID 1500 content tree: the
 * patient and study attributes copied byte for byte from an instance of the study, a new series,
 * the private coding scheme declared, every instance the content names listed as evidence, and
 * the document's completion, verification (a person who signed it, or none) and predecessor (the
 * document it replaces, if any).
 */
import { writePart10, type DicomFile, type WritableElement } from '../dicom';
import { SecondlookError } from '../errors';
import { copiedFrom, dicomDate, dicomTime, sopReference } from './source-attributes';
import { PRIVATE_SCHEME, SR_CODES } from './sr-codes';
import { containerAttributes, type ContentItem } from './sr-content';

export const ENHANCED_SR_STORAGE = '1.2.840.10008.5.1.4.1.1.88.22';

/** An instance, named with its series. */
export interface SeriesSop {
  sopClassUID: string;
  sopInstanceUID: string;
  seriesInstanceUID: string;
}

/** The new series and instance a report is, and what made it when. */
export interface NewReport {
  /** An instance of the study: the patient and study attributes are copied from it. */
  source: DicomFile;
  seriesInstanceUID: string;
  sopInstanceUID: string;
  seriesNumber: number;
  /** LO: at most 64 characters. */
  seriesDescription: string;
  software: { name: string; version: string };
  createdAt: Date;
}

export interface SrDocumentInput extends NewReport {
  studyInstanceUID: string;
  /** What the private scheme's concepts are about. */
  schemeName: string;
  /** Every instance the content names. */
  evidence: readonly SeriesSop[];
  /** Who verified (signed) the document, or null for an unverified one (a device's). */
  verification: { observer: string; organization: string; at: Date } | null;
  /** The document this one replaces, or null. */
  predecessor: SeriesSop | null;
  content: readonly ContentItem[];
}

/** Instances as a study's Referenced Series Sequence items, grouped by series. */
function bySeries(studyInstanceUID: string, sops: readonly SeriesSop[]): WritableElement[][] {
  const series = new Map<string, SeriesSop[]>();
  for (const sop of sops) {
    const known = series.get(sop.seriesInstanceUID) ?? [];
    if (!known.some((other) => other.sopInstanceUID === sop.sopInstanceUID)) known.push(sop);
    series.set(sop.seriesInstanceUID, known);
  }
  return [
    [
      { tag: 0x0020000d, vr: 'UI', value: studyInstanceUID },
      {
        tag: 0x00081115,
        vr: 'SQ',
        value: [...series].map(([seriesInstanceUID, members]): WritableElement[] => [
          { tag: 0x0020000e, vr: 'UI', value: seriesInstanceUID },
          { tag: 0x00081199, vr: 'SQ', value: members.map(sopReference) },
        ]),
      },
    ],
  ];
}

function verificationAttributes(verification: SrDocumentInput['verification']): WritableElement[] {
  if (!verification) return [{ tag: 0x0040a493, vr: 'CS', value: 'UNVERIFIED' }];
  const { observer, organization, at } = verification;
  return [
    { tag: 0x0040a493, vr: 'CS', value: 'VERIFIED' },
    {
      tag: 0x0040a073,
      vr: 'SQ',
      value: [
        [
          { tag: 0x0040a027, vr: 'LO', value: organization },
          { tag: 0x0040a030, vr: 'DT', value: `${dicomDate(at)}${dicomTime(at)}+0000` },
          { tag: 0x0040a075, vr: 'PN', value: observer },
          // Verifying Observer Identification Code Sequence, type 2: no coded identity.
          { tag: 0x0040a088, vr: 'SQ', value: [] },
        ],
      ],
    },
  ];
}

/** The Part 10 bytes of the document (explicit VR little endian). */
export function srDocument(input: SrDocumentInput): Uint8Array {
  if (input.seriesDescription.length > 64) {
    throw new SecondlookError('BAD_RESULT', 'series description too long');
  }
  const date = dicomDate(input.createdAt);
  const time = dicomTime(input.createdAt);
  const dataset: WritableElement[] = [
    ...copiedFrom(input.source, { orientation: false }),
    { tag: 0x00080012, vr: 'DA', value: date },
    { tag: 0x00080013, vr: 'TM', value: time },
    { tag: 0x00080016, vr: 'UI', value: ENHANCED_SR_STORAGE },
    { tag: 0x00080018, vr: 'UI', value: input.sopInstanceUID },
    { tag: 0x00080023, vr: 'DA', value: date },
    { tag: 0x00080033, vr: 'TM', value: time },
    { tag: 0x00080060, vr: 'CS', value: 'SR' },
    { tag: 0x00080070, vr: 'LO', value: input.software.name },
    {
      tag: 0x00080110,
      vr: 'SQ',
      value: [
        [
          { tag: 0x00080102, vr: 'SH', value: PRIVATE_SCHEME },
          { tag: 0x00080115, vr: 'ST', value: input.schemeName },
          { tag: 0x00080116, vr: 'ST', value: input.software.name },
        ],
      ],
    },
    { tag: 0x0008103e, vr: 'LO', value: input.seriesDescription },
    // Referenced Performed Procedure Step Sequence, type 2: no procedure step made this.
    { tag: 0x00081111, vr: 'SQ', value: [] },
    { tag: 0x00181020, vr: 'LO', value: input.software.version },
    { tag: 0x0020000e, vr: 'UI', value: input.seriesInstanceUID },
    { tag: 0x00200011, vr: 'IS', value: String(input.seriesNumber) },
    { tag: 0x00200013, vr: 'IS', value: '1' },
    ...(input.predecessor
      ? [
          {
            tag: 0x0040a360,
            vr: 'SQ' as const,
            value: bySeries(input.studyInstanceUID, [input.predecessor]),
          },
        ]
      : []),
    // Performed Procedure Code Sequence, type 2: none.
    { tag: 0x0040a372, vr: 'SQ', value: [] },
    { tag: 0x0040a375, vr: 'SQ', value: bySeries(input.studyInstanceUID, input.evidence) },
    { tag: 0x0040a491, vr: 'CS', value: 'COMPLETE' },
    ...verificationAttributes(input.verification),
    ...containerAttributes(SR_CODES.report, input.content, '1500'),
  ];
  return writePart10(dataset, {
    sopClassUID: ENHANCED_SR_STORAGE,
    sopInstanceUID: input.sopInstanceUID,
  });
}
