/**
 * Intended-use checks. An input outside the manifest's intended use gets explicit reasons:
 * blocking ones (the model's output would be meaningless) replace the scores, advisory ones
 * travel with them. Never a silent prediction.
 */
import type { IntendedUse } from './manifest';

type ScopeCode =
  | 'MODALITY'
  | 'MODALITY_UNKNOWN'
  | 'COLOUR'
  | 'VIEW'
  | 'VIEW_UNKNOWN'
  | 'BODY_PART'
  | 'TOO_SMALL'
  | 'BURNED_IN_ANNOTATION';

export interface OutOfScopeReason {
  code: ScopeCode;
  /** `block`: no scores are given; `advisory`: scores are given with this reason. */
  severity: 'block' | 'advisory';
  message: string;
}

/** What is known about an input: DICOM header values, or null where the format has none (PNG). */
export interface ScopeFacts {
  modality: string | null;
  viewPosition: string | null;
  bodyPart: string | null;
  /** The pixels (not just the header) are colour. */
  colour: boolean;
  rows: number;
  columns: number;
  /** The header says text is burned into the pixels (Burned In Annotation YES). */
  burnedInAnnotation: boolean;
}

/** The facts of a DICOM image: its header's values and its pixels' shape. */
export function dicomScopeFacts(
  meta: {
    modality: string | null;
    viewPosition: string | null;
    bodyPartExamined: string | null;
    burnedInAnnotation: string | null;
  },
  pixels: { samplesPerPixel: number; rows: number; columns: number },
): ScopeFacts {
  return {
    modality: meta.modality,
    viewPosition: meta.viewPosition,
    bodyPart: meta.bodyPartExamined,
    colour: pixels.samplesPerPixel !== 1,
    rows: pixels.rows,
    columns: pixels.columns,
    burnedInAnnotation: meta.burnedInAnnotation?.trim().toUpperCase() === 'YES',
  };
}

const CHEST_BODY_PARTS = new Set(['CHEST', 'THORAX', 'LUNG', 'PORT CHEST']);

export function checkScope(facts: ScopeFacts, use: IntendedUse): OutOfScopeReason[] {
  const reasons: OutOfScopeReason[] = [];
  const modality = facts.modality?.trim().toUpperCase() || null;
  if (modality === null) {
    reasons.push({
      code: 'MODALITY_UNKNOWN',
      severity: 'advisory',
      message: `the input carries no modality; the model is meant for ${use.modalities.join('/')} only`,
    });
  } else if (!use.modalities.includes(modality)) {
    reasons.push({
      code: 'MODALITY',
      severity: 'block',
      message: `modality ${modality} is outside the intended use (${use.modalities.join('/')})`,
    });
  }
  if (facts.colour) {
    reasons.push({
      code: 'COLOUR',
      severity: 'block',
      message: 'colour image: the model reads greyscale radiographs',
    });
  }
  const view = facts.viewPosition?.trim().toUpperCase() || null;
  if (view === null) {
    reasons.push({
      code: 'VIEW_UNKNOWN',
      severity: 'advisory',
      message: `the view position is not recorded; the model is meant for ${use.views.join('/')} views`,
    });
  } else if (!use.views.includes(view)) {
    reasons.push({
      code: 'VIEW',
      severity: 'block',
      message: `view position ${view} (e.g. lateral) is outside the intended use (${use.views.join('/')})`,
    });
  }
  const bodyPart = facts.bodyPart?.trim().toUpperCase() || null;
  if (bodyPart !== null && !CHEST_BODY_PARTS.has(bodyPart) && bodyPart !== use.bodyPart) {
    reasons.push({
      code: 'BODY_PART',
      severity: 'advisory',
      message: `body part ${bodyPart} is not ${use.bodyPart}`,
    });
  }
  if (facts.burnedInAnnotation) {
    reasons.push({
      code: 'BURNED_IN_ANNOTATION',
      severity: 'advisory',
      message:
        'text is burned into the image (Burned In Annotation YES): a marker or label is a known confounder, check that the map does not sit on it',
    });
  }
  const minimum = use.minimumImageSize;
  if (facts.rows < minimum.rows || facts.columns < minimum.columns) {
    reasons.push({
      code: 'TOO_SMALL',
      severity: 'block',
      message: `${facts.columns}x${facts.rows} pixels is below the minimum ${minimum.columns}x${minimum.rows}`,
    });
  }
  return reasons;
}

export function blocksScoring(reasons: readonly OutOfScopeReason[]): boolean {
  return reasons.some((reason) => reason.severity === 'block');
}
