/**
 * A reader's signed review as a DICOM Enhanced SR (TID 1500 Imaging Measurement Report), verified
 * by that reader: a person observer, an image library naming every image measured, one TID 1410
 * measurement group per measurement (its points as the Image Region, a line, an angle's two
 * lines, a point, an ellipse or a bidirectional's outline, and the values the tool showed: length,
 * angle, modality value, an ellipse's area, mean, spread and range, or a bidirectional's long and
 * short axis, with the image's measuring scale), and the review's
 * qualitative evaluations: the decision on each AI finding (named by the finding's code), the AI
 * result reviewed, confounder flags and the comment. PixelMed's template validator checks the
 * layout (tests/support/dicom-sr.ts). Points are SCOORD image coordinates (0, 0 the top left corner
 * of the top left pixel, so a pixel index plus one half). An amendment names the report of the
 * review it amends as its predecessor. Concepts DICOM has no code for are in 99SECONDLOOK.
 */
import { SecondlookError } from '../errors';
import type { ModelLabel } from '../inference';
import type { FindingDecision, Measurement, MeasurementValue } from '../review';
import { sourceUids } from './source-attributes';
import { dcm, own, sct, SR_CODES, ucum } from './sr-codes';
import {
  codeContent,
  container,
  imageContent,
  numContent,
  personContent,
  scoordContent,
  textContent,
  uidContent,
  type Code,
  type ContentItem,
  type GraphicType,
} from './sr-content';
import { srDocument, type NewReport, type SeriesSop } from './sr-document';
import { uidFromName } from './uid';

const CODES = {
  ...SR_CODES,
  person: dcm('121006', 'Person'),
  personName: dcm('121008', 'Person Observer Name'),
  imageRegion: dcm('111030', 'Image Region'),
  qualitativeEvaluations: { value: 'C0034375', scheme: 'UMLS', meaning: 'Qualitative Evaluations' },
  comment: dcm('121106', 'Comment'),
  confounder: own('CONFOUNDER', 'Saliency on a confounder, flagged by the reader'),
  aiResult: own('AI-RESULT', 'AI result reviewed'),
  scale: own('MEASURING-SCALE', 'Measuring scale of the image'),
} as const;

/** The reader's decision on an AI finding, the value of the evaluation the finding names. */
const DECISIONS: Record<FindingDecision['decision'], Code> = {
  agree: own('AGREE', 'Agrees with the AI'),
  disagree: own('DISAGREE', 'Disagrees with the AI'),
  uncertain: own('UNCERTAIN', 'Uncertain whether the AI is right'),
};

/** How the image's spacing is known (lib/imaging's measuring scale), the units' label. */
const SCALES: Record<string, Code> = {
  Proj: own('PROJ', 'At the detector, not corrected for magnification'),
  ERMF: own('ERMF', 'Corrected for the estimated radiographic magnification factor'),
  Calibrated: own('CALIBRATED', 'Calibrated against an object of known size'),
  Unknown: own('UNKNOWN', 'Pixel spacing whose derivation the image does not give'),
};

/** The concept of each value a measurement tool shows. */
const VALUE_CONCEPTS: Record<string, Code> = {
  length: sct('410668003', 'Length'),
  angle: own('ANGLE', 'Angle between two lines'),
  value: own('MODALITY-VALUE', 'Modality value at the point'),
  area: sct('42798000', 'Area'),
  mean: sct('373098007', 'Mean'),
  stdDev: sct('386136009', 'Standard Deviation'),
  min: sct('255605001', 'Minimum'),
  max: sct('56851009', 'Maximum'),
};

/** A bidirectional's values: its longer and its shorter line. */
const AXIS_CONCEPTS: Record<string, Code> = {
  length: sct('103339001', 'Long Axis'),
  width: sct('103340004', 'Short Axis'),
};

/** A value's unit as the viewer wrote it (mm, mm Proj, mm², px, HU, °), in UCUM. */
function unitsOf(unit: string): Code {
  const base = unit.split(' ')[0];
  if (base === 'mm') return ucum('mm', 'millimeter');
  if (base === 'mm²') return ucum('mm2', 'square millimeter');
  if (base === 'px') return ucum('{pixel}', 'pixel');
  if (base === 'px²') return ucum('{pixel}2', 'square pixel');
  if (base === '°') return ucum('deg', 'degree');
  if (base === 'HU') return ucum("[hnsf'U]", 'Hounsfield unit');
  return SR_CODES.noUnits;
}

const GRAPHIC: Record<Measurement['tool'], GraphicType> = {
  Length: 'POLYLINE',
  Angle: 'POLYLINE',
  Probe: 'POINT',
  EllipticalROI: 'ELLIPSE',
  Bidirectional: 'POLYLINE',
};

/** An image measured, with its series and number of frames. */
export interface MeasuredImage extends SeriesSop {
  frames: number;
}

export interface ReviewReportInput extends NewReport {
  review: {
    id: number;
    reader: string;
    signedAt: Date;
    decisions: readonly FindingDecision[];
    confounders: readonly string[];
    text: string;
    measurements: readonly Measurement[];
    /** The AI result the reader reviewed ("pneumonia-cxr 1.2.0"), if any. */
    aiResult: string | null;
  };
  /** Each measured instance by its id. */
  images: ReadonlyMap<number, MeasuredImage>;
  /** The model's labels, for the findings' codes. */
  labels: readonly ModelLabel[];
  /** The report of the review this one amends, if that was sent. */
  predecessor: SeriesSop | null;
}

function findingCode(labels: readonly ModelLabel[], finding: string): Code {
  return (
    labels.find((label) => label.name === finding)?.code ??
    own(finding.slice(0, 16).toUpperCase(), finding.slice(0, 64))
  );
}

function imageOf(input: ReviewReportInput, measurement: Measurement): MeasuredImage {
  const image = input.images.get(measurement.instanceId);
  if (!image) {
    throw new SecondlookError(
      'BAD_RESULT',
      `the review's instance ${measurement.instanceId} is not among the images given`,
    );
  }
  return image;
}

/** The image item naming a measurement's frame (a multi-frame instance's by number). */
function frameImage(image: MeasuredImage, frame: number): ContentItem {
  return imageContent('SELECTED FROM', image, image.frames > 1 ? frame : undefined);
}

/**
 * SCOORD points: (column, row) from the corner of the first pixel. An ellipse's longer axis comes
 * first; a bidirectional's two lines are the diagonals of the closed outline through their ends.
 */
function graphicPoints(measurement: Measurement): [number, number][] {
  const points = measurement.points.map(([column, row]): [number, number] => [
    column + 0.5,
    row + 0.5,
  ]);
  if (measurement.tool === 'Bidirectional') {
    const [a, b, c, d] = points as [number, number][];
    return [a!, c!, b!, d!, a!];
  }
  if (measurement.tool !== 'EllipticalROI') return points;
  const [bottom, top, left, right] = points as [number, number][];
  const across = Math.hypot(right![0] - left![0], right![1] - left![1]);
  const down = Math.hypot(top![0] - bottom![0], top![1] - bottom![1]);
  return across >= down ? [left!, right!, bottom!, top!] : [bottom!, top!, left!, right!];
}

/** A value of a tool as a NUM, with its image's measuring scale (mm Proj: Proj). */
function num(tool: Measurement['tool'], value: MeasurementValue): ContentItem {
  const concepts = tool === 'Bidirectional' ? AXIS_CONCEPTS : VALUE_CONCEPTS;
  const concept = concepts[value.name] ?? own(value.name.toUpperCase(), value.name);
  const scale = value.unit.split(' ')[1];
  return numContent('CONTAINS', concept, value.value, unitsOf(value.unit), [
    ...(scale
      ? [
          codeContent(
            'HAS CONCEPT MOD',
            CODES.scale,
            SCALES[scale] ?? own(scale.slice(0, 16).toUpperCase(), scale),
          ),
        ]
      : []),
  ]);
}

function measurementGroup(
  input: ReviewReportInput,
  measurement: Measurement,
  index: number,
): ContentItem {
  const image = imageOf(input, measurement);
  const name = `review ${input.review.id} measurement ${index + 1}`;
  return container(
    'CONTAINS',
    CODES.measurementGroup,
    [
      textContent('HAS OBS CONTEXT', CODES.trackingId, name),
      uidContent('HAS OBS CONTEXT', CODES.trackingUid, uidFromName(`secondlook ${name}`)),
      scoordContent(
        'CONTAINS',
        CODES.imageRegion,
        GRAPHIC[measurement.tool],
        graphicPoints(measurement),
        frameImage(image, measurement.frame),
      ),
      ...measurement.values.map((value) => num(measurement.tool, value)),
    ],
    '1410',
  );
}

/**
 * The review's qualitative evaluations, as TID 1500 rows 13 and 14 order them: per AI finding the
 * reader's decision (a CODE named by the finding: "Pneumonia: disagrees with the AI"), then the AI
 * result reviewed, confounder flags and the comment (TEXT).
 */
function evaluations(input: ReviewReportInput): ContentItem[] {
  const { review } = input;
  return [
    ...review.decisions.map(({ finding, decision }) =>
      codeContent('CONTAINS', findingCode(input.labels, finding), DECISIONS[decision]),
    ),
    ...(review.aiResult ? [textContent('CONTAINS', CODES.aiResult, review.aiResult)] : []),
    ...review.confounders.map((flag) => textContent('CONTAINS', CODES.confounder, flag)),
    ...(review.text ? [textContent('CONTAINS', CODES.comment, review.text)] : []),
  ];
}

function content(input: ReviewReportInput, library: readonly SeriesSop[]): ContentItem[] {
  const qualitative = evaluations(input);
  return [
    codeContent('HAS CONCEPT MOD', CODES.language, CODES.english),
    codeContent('HAS OBS CONTEXT', CODES.observerType, CODES.person),
    personContent('HAS OBS CONTEXT', CODES.personName, input.review.reader),
    codeContent('HAS CONCEPT MOD', CODES.procedureReported, CODES.imagingProcedure),
    container('CONTAINS', CODES.imageLibrary, [
      container(
        'CONTAINS',
        CODES.imageLibraryGroup,
        library.map((sop) => imageContent('CONTAINS', sop)),
      ),
    ]),
    container(
      'CONTAINS',
      CODES.imagingMeasurements,
      input.review.measurements.map((measurement, index) =>
        measurementGroup(input, measurement, index),
      ),
    ),
    ...(qualitative.length > 0
      ? [container('CONTAINS', CODES.qualitativeEvaluations, qualitative)]
      : []),
  ];
}

/** The Part 10 bytes of the review's report (explicit VR little endian). */
export function reviewReport(input: ReviewReportInput): Uint8Array {
  const source = sourceUids(input.source);
  const measured = input.review.measurements.map((measurement) => imageOf(input, measurement));
  const library = [
    ...new Map(
      (measured.length > 0 ? measured : [source]).map((sop) => [sop.sopInstanceUID, sop]),
    ).values(),
  ];
  return srDocument({
    ...input,
    studyInstanceUID: source.studyInstanceUID,
    schemeName: 'secondlook review concepts',
    evidence: library,
    verification: {
      observer: input.review.reader,
      organization: input.software.name,
      at: input.review.signedAt,
    },
    content: content(input, library),
  });
}
