/**
 * What a result object takes from the image the model read: the patient and study attributes,
 * byte for byte with their Specific Character Set, and the source's UIDs; and DICOM dates and
 * times of when it was made (UTC).
 */
import {
  presentElement,
  str,
  TAG,
  type DicomFile,
  type WritableElement,
  type WritableVr,
} from '../dicom';
import { SecondlookError } from '../errors';

const PATIENT_ORIENTATION = 0x00200020;

/** Patient, study and orientation attributes copied from the source, with their VRs. */
const COPIED: readonly [number, WritableVr][] = [
  [0x00080005, 'CS'], // Specific Character Set
  [0x00080020, 'DA'], // Study Date
  [0x00080030, 'TM'], // Study Time
  [0x00080050, 'SH'], // Accession Number
  [0x00080090, 'PN'], // Referring Physician's Name
  [0x00081030, 'LO'], // Study Description
  [0x00100010, 'PN'], // Patient's Name
  [0x00100020, 'LO'], // Patient ID
  [0x00100021, 'LO'], // Issuer of Patient ID
  [0x00100030, 'DA'], // Patient's Birth Date
  [0x00100040, 'CS'], // Patient's Sex
  [0x0020000d, 'UI'], // Study Instance UID
  [0x00200010, 'SH'], // Study ID
  [PATIENT_ORIENTATION, 'CS'], // Patient Orientation: a picture keeps the source's orientation
];

/** Attributes of type 2 in the IODs: present, empty when the source lacks them. */
const TYPE_2 = new Set([
  0x00080020,
  0x00080030,
  0x00080050,
  0x00080090,
  0x00100010,
  0x00100020,
  0x00100030,
  0x00100040,
  0x00200010,
  PATIENT_ORIENTATION,
]);

function tagKey(tag: number): string {
  return `x${tag.toString(16).padStart(8, '0')}`;
}

/** The copied attributes; Patient Orientation only for an image (`orientation`). */
export function copiedFrom(
  source: DicomFile,
  options: { orientation: boolean },
): WritableElement[] {
  const ds = source.dataSet;
  const elements: WritableElement[] = [];
  for (const [tag, vr] of COPIED) {
    if (tag === PATIENT_ORIENTATION && !options.orientation) continue;
    const element = presentElement(ds, tagKey(tag));
    if (element) {
      const bytes = ds.byteArray.subarray(element.dataOffset, element.dataOffset + element.length);
      elements.push({ tag, vr, value: new Uint8Array(bytes) });
    } else if (TYPE_2.has(tag)) {
      elements.push({ tag, vr, value: '' });
    }
  }
  return elements;
}

/** The source's UIDs a result names; MISSING_UID when it lacks one. */
export function sourceUids(source: DicomFile): {
  sopClassUID: string;
  sopInstanceUID: string;
  seriesInstanceUID: string;
  studyInstanceUID: string;
} {
  const sopClassUID = str(source.dataSet, TAG.SOPClassUID);
  const sopInstanceUID = str(source.dataSet, TAG.SOPInstanceUID);
  const seriesInstanceUID = str(source.dataSet, TAG.SeriesInstanceUID);
  const studyInstanceUID = str(source.dataSet, TAG.StudyInstanceUID);
  if (!sopClassUID || !sopInstanceUID || !seriesInstanceUID || !studyInstanceUID) {
    throw new SecondlookError(
      'MISSING_UID',
      'the source image lacks its SOP Class, SOP Instance, Series or Study Instance UID',
      { file: source.file ?? undefined },
    );
  }
  return { sopClassUID, sopInstanceUID, seriesInstanceUID, studyInstanceUID };
}

/** An item of a Referenced SOP (or Source Image) Sequence naming an instance. */
export function sopReference(sop: {
  sopClassUID: string;
  sopInstanceUID: string;
}): WritableElement[] {
  return [
    { tag: 0x00081150, vr: 'UI', value: sop.sopClassUID },
    { tag: 0x00081155, vr: 'UI', value: sop.sopInstanceUID },
  ];
}

const pad2 = (n: number) => String(n).padStart(2, '0');
export const dicomDate = (d: Date) =>
  `${d.getUTCFullYear()}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}`;
export const dicomTime = (d: Date) =>
  `${pad2(d.getUTCHours())}${pad2(d.getUTCMinutes())}${pad2(d.getUTCSeconds())}`;
