/**
 * An AI result as a DICOM Enhanced SR (1.2.840.10008.5.1.4.1.1.88.22) following TID 1500
 * "Imaging Measurement Report", laid out as DCMTK's TID 1500 classes lay it out: language, a
 * device observer (the model), the procedure, an image library naming the image the model read,
 * and per label one TID 1501 measurement group with the finding, the algorithm (TID 4019), the
 * calibrated probability (NUM) and the call at each operating point (a qualitative evaluation,
 * Yes/No, with the operating point and its threshold as modifiers). A RIS or a reporting template
 * reads the numbers and calls from it; the Secondary Capture carries the picture. Concepts DICOM
 * has no code for are in the private scheme 99SECONDLOOK, declared in the Coding Scheme
 * Identification Sequence.
 */
import { writePart10, type DicomFile, type WritableElement } from '../dicom';
import { SecondlookError } from '../errors';
import type { Finding, ModelIdentity, ModelLabel } from '../inference';
import { copiedFrom, dicomDate, dicomTime, sopReference, sourceUids } from './source-attributes';
import {
  codeContent,
  container,
  containerAttributes,
  imageContent,
  numContent,
  textContent,
  uidContent,
  type Code,
  type ContentItem,
} from './sr-content';
import { uidFromName } from './uid';

export const ENHANCED_SR_STORAGE = '1.2.840.10008.5.1.4.1.1.88.22';

const PRIVATE_SCHEME = '99SECONDLOOK';
const dcm = (value: string, meaning: string): Code => ({ value, scheme: 'DCM', meaning });
const own = (value: string, meaning: string): Code => ({ value, scheme: PRIVATE_SCHEME, meaning });

const CODES = {
  report: dcm('126000', 'Imaging Measurement Report'),
  language: dcm('121049', 'Language of Content Item and Descendants'),
  english: { value: 'en-US', scheme: 'RFC5646', meaning: 'English (United States)' },
  observerType: dcm('121005', 'Observer Type'),
  device: dcm('121007', 'Device'),
  deviceUid: dcm('121012', 'Device Observer UID'),
  deviceName: dcm('121013', 'Device Observer Name'),
  deviceManufacturer: dcm('121014', 'Device Observer Manufacturer'),
  deviceModel: dcm('121015', 'Device Observer Model Name'),
  procedureReported: dcm('121058', 'Procedure reported'),
  imagingProcedure: { value: '363679005', scheme: 'SCT', meaning: 'Imaging procedure' },
  imageLibrary: dcm('111028', 'Image Library'),
  imageLibraryGroup: dcm('126200', 'Image Library Group'),
  imagingMeasurements: dcm('126010', 'Imaging Measurements'),
  measurementGroup: dcm('125007', 'Measurement Group'),
  trackingId: dcm('112039', 'Tracking Identifier'),
  trackingUid: dcm('112040', 'Tracking Unique Identifier'),
  finding: dcm('121071', 'Finding'),
  algorithmName: dcm('111001', 'Algorithm Name'),
  algorithmVersion: dcm('111003', 'Algorithm Version'),
  algorithmParameters: dcm('111002', 'Algorithm Parameters'),
  yes: { value: '373066001', scheme: 'SCT', meaning: 'Yes' },
  no: { value: '373067005', scheme: 'SCT', meaning: 'No' },
  noUnits: { value: '1', scheme: 'UCUM', meaning: 'no units' },
  probability: own('PROBABILITY', 'Calibrated probability of the finding'),
  flagged: own('FLAGGED', 'Finding flagged by the AI'),
  operatingPoint: own('OPERATING-POINT', 'Operating point'),
  threshold: own('THRESHOLD', 'Probability threshold of the operating point'),
} as const;

export interface MeasurementReportInput {
  /** The instance the model read. */
  source: DicomFile;
  model: ModelIdentity;
  labels: readonly ModelLabel[];
  probabilities: Record<string, number>;
  findings: readonly Finding[];
  seriesInstanceUID: string;
  sopInstanceUID: string;
  seriesNumber: number;
  /** LO: at most 64 characters. */
  seriesDescription: string;
  software: { name: string; version: string };
  createdAt: Date;
}

/** The label's finding code, or a private one named after the label. */
function findingCode(label: ModelLabel): Code {
  return label.code ?? own(label.name.slice(0, 16).toUpperCase(), label.name.slice(0, 64));
}

function measurementGroup(input: MeasurementReportInput, label: ModelLabel): ContentItem {
  const probability = input.probabilities[label.name];
  if (probability === undefined) {
    throw new SecondlookError('BAD_RESULT', `the result has no probability for ${label.name}`);
  }
  const { model } = input;
  const calls = input.findings
    .filter((finding) => finding.label === label.name)
    .map((finding) =>
      codeContent('CONTAINS', CODES.flagged, finding.flagged ? CODES.yes : CODES.no, [
        textContent('HAS CONCEPT MOD', CODES.operatingPoint, finding.operatingPoint),
        numContent('HAS PROPERTIES', CODES.threshold, finding.threshold, CODES.noUnits),
      ]),
    );
  return container('CONTAINS', CODES.measurementGroup, [
    textContent('HAS OBS CONTEXT', CODES.trackingId, `${model.id} ${label.name}`),
    uidContent(
      'HAS OBS CONTEXT',
      CODES.trackingUid,
      uidFromName(`secondlook finding ${input.sopInstanceUID} ${label.name}`),
    ),
    codeContent('CONTAINS', CODES.finding, findingCode(label)),
    textContent('HAS CONCEPT MOD', CODES.algorithmName, model.id),
    textContent('HAS CONCEPT MOD', CODES.algorithmVersion, model.version),
    textContent('HAS CONCEPT MOD', CODES.algorithmParameters, `model sha256 ${model.sha256}`),
    numContent('CONTAINS', CODES.probability, probability, CODES.noUnits),
    ...calls,
  ]);
}

function content(
  input: MeasurementReportInput,
  source: ReturnType<typeof sourceUids>,
): ContentItem[] {
  const { model, software } = input;
  return [
    codeContent('HAS CONCEPT MOD', CODES.language, CODES.english),
    codeContent('HAS OBS CONTEXT', CODES.observerType, CODES.device),
    uidContent('HAS OBS CONTEXT', CODES.deviceUid, uidFromName(`secondlook model ${model.sha256}`)),
    textContent('HAS OBS CONTEXT', CODES.deviceName, `${software.name} ${model.id}`),
    textContent('HAS OBS CONTEXT', CODES.deviceManufacturer, software.name),
    textContent('HAS OBS CONTEXT', CODES.deviceModel, `${model.id} ${model.version}`),
    codeContent('HAS CONCEPT MOD', CODES.procedureReported, CODES.imagingProcedure),
    container('CONTAINS', CODES.imageLibrary, [
      container('CONTAINS', CODES.imageLibraryGroup, [imageContent('CONTAINS', source)]),
    ]),
    container(
      'CONTAINS',
      CODES.imagingMeasurements,
      input.labels.map((label) => measurementGroup(input, label)),
    ),
  ];
}

/** The Part 10 bytes of the report (explicit VR little endian). */
export function measurementReport(input: MeasurementReportInput): Uint8Array {
  if (input.seriesDescription.length > 64) {
    throw new SecondlookError('BAD_RESULT', 'series description too long');
  }
  const source = sourceUids(input.source);
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
          { tag: 0x00080115, vr: 'ST', value: 'secondlook AI result concepts' },
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
    // Performed Procedure Code Sequence, type 2: none.
    { tag: 0x0040a372, vr: 'SQ', value: [] },
    {
      tag: 0x0040a375,
      vr: 'SQ',
      value: [
        [
          { tag: 0x0020000d, vr: 'UI', value: source.studyInstanceUID },
          {
            tag: 0x00081115,
            vr: 'SQ',
            value: [
              [
                { tag: 0x0020000e, vr: 'UI', value: source.seriesInstanceUID },
                {
                  tag: 0x00081199,
                  vr: 'SQ',
                  value: [sopReference(source)],
                },
              ],
            ],
          },
        ],
      ],
    },
    { tag: 0x0040a491, vr: 'CS', value: 'COMPLETE' },
    { tag: 0x0040a493, vr: 'CS', value: 'UNVERIFIED' },
    ...containerAttributes(CODES.report, content(input, source), '1500'),
  ];
  return writePart10(dataset, {
    sopClassUID: ENHANCED_SR_STORAGE,
    sopInstanceUID: input.sopInstanceUID,
  });
}
