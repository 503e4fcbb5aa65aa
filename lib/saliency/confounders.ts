/**
 * Judging a stored map for the confounder audit: a positive call whose Grad-CAM mass sits mostly
 * on the image border (where text markers, rulers and collimation edges live) or on background
 * air outside the body did not come from the anatomy. The limits are data, stated on the page.
 */
import type { Explanation } from './explain';

/**
 * The numbers kept of one map with an inference (its `saliency.cam`), by the screening worker and
 * by the browser alike: the label and method, where it peaks and where its mass sits.
 */
export interface StoredCam {
  label: string;
  method: string;
  borderMass: number;
  outsideBodyMass: number | null;
  topDecileMass: number;
  peak: { x: number; y: number };
  width: number;
  height: number;
}

/** The stored numbers of an explanation of `label` (the label's name). */
export function storedCamOf(label: string, explanation: Explanation): StoredCam {
  const { summary } = explanation;
  return {
    label,
    method: explanation.method,
    width: summary.width,
    height: summary.height,
    peak: { x: summary.peak.x, y: summary.peak.y },
    topDecileMass: summary.topDecileMass,
    borderMass: summary.borderMass,
    outsideBodyMass: explanation.outsideBodyMass,
  };
}

export type ConfounderFlag = 'border' | 'outside-body';

export interface ConfounderLimits {
  /**
   * Above this fraction of the mass in the outer band (10% of each side, 36% of the area, so a
   * flat map puts 0.36 there) the map sits mostly on the edge.
   */
  borderMass: number;
  /** Above this fraction of the mass on background air, a quarter of the evidence is not body. */
  outsideBodyMass: number;
}

export const CONFOUNDER_LIMITS: ConfounderLimits = { borderMass: 0.5, outsideBodyMass: 0.25 };

export function confounderFlags(
  cam: Pick<StoredCam, 'borderMass' | 'outsideBodyMass'>,
  limits: ConfounderLimits = CONFOUNDER_LIMITS,
): ConfounderFlag[] {
  const flags: ConfounderFlag[] = [];
  if (cam.borderMass > limits.borderMass) flags.push('border');
  if (cam.outsideBodyMass !== null && cam.outsideBodyMass > limits.outsideBodyMass) {
    flags.push('outside-body');
  }
  return flags;
}

const fraction = (value: unknown): value is number =>
  typeof value === 'number' && value >= 0 && value <= 1;
const count = (value: unknown): value is number => Number.isSafeInteger(value);

/**
 * The CAM summary inside an inference's stored `saliency` JSON (`{cam: {...}}`), or null when
 * there is none or it is not the expected shape (a browser may have sent anything).
 */
export function readStoredCam(saliency: unknown): StoredCam | null {
  const cam = (saliency as { cam?: unknown } | null)?.cam as Record<string, unknown> | undefined;
  if (!cam || typeof cam !== 'object') return null;
  const peak = cam.peak as { x?: unknown; y?: unknown } | undefined;
  const outside = cam.outsideBodyMass ?? null;
  if (
    typeof cam.label !== 'string' ||
    typeof cam.method !== 'string' ||
    !fraction(cam.borderMass) ||
    !fraction(cam.topDecileMass) ||
    !(outside === null || fraction(outside)) ||
    !count(cam.width) ||
    !count(cam.height) ||
    !count(peak?.x) ||
    !count(peak?.y)
  ) {
    return null;
  }
  return {
    label: cam.label,
    method: cam.method,
    borderMass: cam.borderMass,
    outsideBodyMass: outside,
    topDecileMass: cam.topDecileMass,
    peak: { x: peak.x, y: peak.y },
    width: cam.width,
    height: cam.height,
  };
}
