import { POSITION_TOLERANCE } from './geometry';
import type { SeriesWarning, StackSlice } from './types';

/** Relative and absolute slack before a spacing counts as different from the nominal one. */
const RELATIVE_TOLERANCE = 0.01;
const ABSOLUTE_TOLERANCE = 0.01;
/** A step this many nominal spacings or more is a gap (slices are missing). */
const GAP_FACTOR = 1.5;

export interface SpacingReport {
  spacing: number | null;
  spacingUniform: boolean | null;
  warnings: SeriesWarning[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function uid(slice: StackSlice<unknown>): string {
  return slice.sopInstanceUID ?? `(no SOP Instance UID, frame ${slice.frame})`;
}

const mm = (value: number): string => `${Number(value.toFixed(3))} mm`;

/**
 * Spacing of slices already sorted by location: the nominal spacing is the median step
 * between distinct positions; steps of (almost) zero are duplicate positions, steps of 1.5x
 * nominal or more are gaps, other steps off by more than 1% (and 0.01 mm) are non-uniform.
 */
export function analyseSpacing(slices: StackSlice<unknown>[]): SpacingReport {
  const located = slices.filter((slice) => slice.location !== null);
  if (located.length < 2) return { spacing: null, spacingUniform: null, warnings: [] };
  const steps = located.slice(1).map((slice, i) => slice.location! - located[i]!.location!);
  const warnings: SeriesWarning[] = [];
  const distinct = steps.filter((step) => step > POSITION_TOLERANCE);
  steps.forEach((step, i) => {
    if (step > POSITION_TOLERANCE) return;
    const pair = [uid(located[i]!), uid(located[i + 1]!)];
    warnings.push({
      code: 'DUPLICATE_POSITION',
      message: `two slices at the same position ${mm(located[i]!.location!)} along the normal`,
      sopInstanceUIDs: pair,
    });
  });
  if (distinct.length === 0) return { spacing: null, spacingUniform: false, warnings };
  const nominal = median(distinct);
  const slack = Math.max(ABSOLUTE_TOLERANCE, RELATIVE_TOLERANCE * nominal);
  let uniform = warnings.length === 0;
  steps.forEach((step, i) => {
    if (step <= POSITION_TOLERANCE || Math.abs(step - nominal) <= slack) return;
    uniform = false;
    const pair = [uid(located[i]!), uid(located[i + 1]!)];
    if (step >= GAP_FACTOR * nominal) {
      const missing = Math.max(1, Math.round(step / nominal) - 1);
      warnings.push({
        code: 'GAP',
        message: `gap of ${mm(step)} where the nominal spacing is ${mm(nominal)} (about ${missing} slice${missing === 1 ? '' : 's'} missing)`,
        sopInstanceUIDs: pair,
      });
    } else {
      warnings.push({
        code: 'NON_UNIFORM_SPACING',
        message: `step of ${mm(step)} where the nominal spacing is ${mm(nominal)}`,
        sopInstanceUIDs: pair,
      });
    }
  });
  return { spacing: nominal, spacingUniform: uniform, warnings };
}
