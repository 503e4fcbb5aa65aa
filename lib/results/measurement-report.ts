/**
 * An AI result as a DICOM Enhanced SR (1.2.840.10008.5.1.4.1.1.88.22) following TID 1500
 * "Imaging Measurement Report", laid out as DCMTK's TID 1500 classes lay it out: language, a
 * device observer (the model), the procedure, an image library naming the image the model read,
 * and per label and operating point one TID 1501 measurement group: the finding, the algorithm
 * (TID 4019, with the operating point among its parameters), the calibrated probability and the
 * point's threshold (NUMs), and the call (a qualitative evaluation, Yes/No). A RIS or a reporting
 * template reads the numbers and calls from it; the Secondary Capture carries the picture.
 * Concepts DICOM has no code for are in the private scheme 99SECONDLOOK, declared in the Coding
 * Scheme Identification Sequence.
 */
import { SecondlookError } from '../errors';
import type { Finding, ModelIdentity, ModelLabel } from '../inference';
import { sourceUids } from './source-attributes';
import { dcm, own, SR_CODES } from './sr-codes';
import {
  codeContent,
  container,
  imageContent,
  numContent,
  textContent,
  uidContent,
  type Code,
  type ContentItem,
} from './sr-content';
import { srDocument, type NewReport } from './sr-document';
import { uidFromName } from './uid';

const CODES = {
  ...SR_CODES,
  device: dcm('121007', 'Device'),
  deviceUid: dcm('121012', 'Device Observer UID'),
  deviceName: dcm('121013', 'Device Observer Name'),
  deviceManufacturer: dcm('121014', 'Device Observer Manufacturer'),
  deviceModel: dcm('121015', 'Device Observer Model Name'),
  algorithmName: dcm('111001', 'Algorithm Name'),
  algorithmVersion: dcm('111003', 'Algorithm Version'),
  algorithmParameters: dcm('111002', 'Algorithm Parameters'),
  probability: own('PROBABILITY', 'Calibrated probability of the finding'),
  flagged: own('FLAGGED', 'Finding flagged by the AI'),
  threshold: own('THRESHOLD', 'Probability threshold of the operating point'),
} as const;

export interface MeasurementReportInput extends NewReport {
  model: ModelIdentity;
  labels: readonly ModelLabel[];
  probabilities: Record<string, number>;
  findings: readonly Finding[];
}

/** The label's finding code, or a private one named after the label. */
function findingCode(label: ModelLabel): Code {
  return label.code ?? own(label.name.slice(0, 16).toUpperCase(), label.name.slice(0, 64));
}

/**
 * The call at one operating point as a TID 1501 group: the finding, the algorithm (TID 4019, the
 * operating point among its parameters), the calibrated probability and the point's threshold
 * (TID 300 NUMs) and the call (a qualitative evaluation, Yes/No).
 */
function callGroup(input: MeasurementReportInput, label: ModelLabel, call: Finding): ContentItem {
  const probability = input.probabilities[label.name];
  if (probability === undefined) {
    throw new SecondlookError('BAD_RESULT', `the result has no probability for ${label.name}`);
  }
  const { model } = input;
  const name = `${model.id} ${label.name} ${call.operatingPoint}`;
  return container(
    'CONTAINS',
    CODES.measurementGroup,
    [
      textContent('HAS OBS CONTEXT', CODES.trackingId, name),
      uidContent(
        'HAS OBS CONTEXT',
        CODES.trackingUid,
        uidFromName(`secondlook finding ${input.sopInstanceUID} ${name}`),
      ),
      codeContent('CONTAINS', CODES.finding, findingCode(label)),
      textContent('HAS CONCEPT MOD', CODES.algorithmName, model.id),
      textContent('HAS CONCEPT MOD', CODES.algorithmVersion, model.version),
      textContent('HAS CONCEPT MOD', CODES.algorithmParameters, `model sha256 ${model.sha256}`),
      textContent(
        'HAS CONCEPT MOD',
        CODES.algorithmParameters,
        `operating point ${call.operatingPoint}`,
      ),
      numContent('CONTAINS', CODES.probability, probability, CODES.noUnits),
      numContent('CONTAINS', CODES.threshold, call.threshold, CODES.noUnits),
      codeContent('CONTAINS', CODES.flagged, call.flagged ? CODES.yes : CODES.no),
    ],
    '1501',
  );
}

/** Each label's calls, one group per operating point. */
function callGroups(input: MeasurementReportInput): ContentItem[] {
  return input.labels.flatMap((label) =>
    input.findings
      .filter((finding) => finding.label === label.name)
      .map((call) => callGroup(input, label, call)),
  );
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
    container('CONTAINS', CODES.imagingMeasurements, callGroups(input)),
  ];
}

/** The Part 10 bytes of the report (explicit VR little endian). */
export function measurementReport(input: MeasurementReportInput): Uint8Array {
  const source = sourceUids(input.source);
  return srDocument({
    ...input,
    studyInstanceUID: source.studyInstanceUID,
    schemeName: 'secondlook AI result concepts',
    evidence: [source],
    verification: null,
    predecessor: null,
    content: content(input, source),
  });
}
