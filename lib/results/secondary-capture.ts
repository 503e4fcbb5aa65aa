/**
 * An AI result as a DICOM Secondary Capture Image (PS3.3 A.8.1) in the source image's study: the
 * patient and study attributes are copied byte for byte from the source instance (with its
 * Specific Character Set), the picture is 8-bit RGB with its caption burned in (Burned In
 * Annotation YES), and the Source Image Sequence names the image the model read.
 */
import { writePart10, type DicomFile, type WritableElement } from '../dicom';
import { SecondlookError } from '../errors';
import type { RgbImage } from './caption';
import { copiedFrom, dicomDate, dicomTime, sopReference, sourceUids } from './source-attributes';

export const SECONDARY_CAPTURE_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.7';

export interface SecondaryCaptureInput {
  /** The instance the model read. */
  source: DicomFile;
  picture: RgbImage;
  seriesInstanceUID: string;
  sopInstanceUID: string;
  seriesNumber: number;
  /** Shown in a PACS's series list (LO: at most 64 characters). */
  seriesDescription: string;
  /** What the picture shows and how it was made (ST: at most 1024 characters). */
  derivation: string;
  /** Who made it: the software and its version, the model and its version. */
  software: { name: string; version: string; model: string };
  createdAt: Date;
}

/** The Part 10 bytes of the Secondary Capture (explicit VR little endian). */
export function secondaryCapture(input: SecondaryCaptureInput): Uint8Array {
  const { picture, createdAt, software } = input;
  if (input.seriesDescription.length > 64 || input.derivation.length > 1024) {
    throw new SecondlookError('BAD_RESULT', 'series description or derivation too long');
  }
  if (picture.data.length !== picture.width * picture.height * 3) {
    throw new SecondlookError('BAD_RESULT', 'the picture is not RGB of its size');
  }
  const source = sourceUids(input.source);
  const date = dicomDate(createdAt);
  const time = dicomTime(createdAt);
  const dataset: WritableElement[] = [
    ...copiedFrom(input.source, { orientation: true }),
    { tag: 0x00080008, vr: 'CS', value: 'DERIVED\\SECONDARY' },
    { tag: 0x00080012, vr: 'DA', value: date },
    { tag: 0x00080013, vr: 'TM', value: time },
    { tag: 0x00080016, vr: 'UI', value: SECONDARY_CAPTURE_IMAGE_STORAGE },
    { tag: 0x00080018, vr: 'UI', value: input.sopInstanceUID },
    { tag: 0x00080023, vr: 'DA', value: date },
    { tag: 0x00080033, vr: 'TM', value: time },
    { tag: 0x00080060, vr: 'CS', value: 'OT' },
    { tag: 0x00080064, vr: 'CS', value: 'WSD' },
    { tag: 0x00080070, vr: 'LO', value: software.name },
    { tag: 0x0008103e, vr: 'LO', value: input.seriesDescription },
    { tag: 0x00082111, vr: 'ST', value: input.derivation },
    {
      tag: 0x00082112,
      vr: 'SQ',
      value: [sopReference(source)],
    },
    { tag: 0x00181012, vr: 'DA', value: date },
    { tag: 0x00181014, vr: 'TM', value: time },
    { tag: 0x00181016, vr: 'LO', value: software.name },
    { tag: 0x00181018, vr: 'LO', value: software.model },
    { tag: 0x00181019, vr: 'LO', value: software.version },
    { tag: 0x00181020, vr: 'LO', value: software.version },
    { tag: 0x0020000e, vr: 'UI', value: input.seriesInstanceUID },
    // Laterality, type 2C in General Series: the picture is of the whole source image, none.
    { tag: 0x00200060, vr: 'CS', value: '' },
    { tag: 0x00200011, vr: 'IS', value: String(input.seriesNumber) },
    { tag: 0x00200013, vr: 'IS', value: '1' },
    { tag: 0x00280002, vr: 'US', value: [3] },
    { tag: 0x00280004, vr: 'CS', value: 'RGB' },
    { tag: 0x00280006, vr: 'US', value: [0] },
    { tag: 0x00280010, vr: 'US', value: [picture.height] },
    { tag: 0x00280011, vr: 'US', value: [picture.width] },
    { tag: 0x00280100, vr: 'US', value: [8] },
    { tag: 0x00280101, vr: 'US', value: [8] },
    { tag: 0x00280102, vr: 'US', value: [7] },
    { tag: 0x00280103, vr: 'US', value: [0] },
    { tag: 0x00280301, vr: 'CS', value: 'YES' },
    { tag: 0x7fe00010, vr: 'OB', value: picture.data },
  ];
  return writePart10(dataset, {
    sopClassUID: SECONDARY_CAPTURE_IMAGE_STORAGE,
    sopInstanceUID: input.sopInstanceUID,
  });
}
