/**
 * One label's saliency for one image, end to end: the CAM on the feature grid (from the outputs
 * the method fetched), normalised by its maximum, mapped back onto the source image, and summarised.
 */
import { bodyMask, outsideBodyMass } from './body-mask';
import type { CamMethod } from './cam-method';
import { normaliseByMax } from './normalise';
import { summariseCam, type CamSummary } from './summary';
import type { CamMap, CamSource } from './types';
import { upsampleToSource, type InputRegion } from './upsample';

export interface Explanation {
  method: string;
  label: number;
  /** The normalised map on the feature grid. */
  grid: CamMap;
  /** The grid map's maximum before normalisation (the colour bar's top value). */
  maximum: number;
  /** The normalised map at the source image's size. */
  source: CamMap;
  summary: CamSummary;
  /** Fraction of the map on background air around the body (needs the grey image). */
  outsideBodyMass: number | null;
}

export function explain(
  method: CamMethod,
  outputs: CamSource,
  index: number,
  label: number,
  image: { width: number; height: number; region: InputRegion; grey?: Uint8Array },
): Explanation {
  const grid = method.compute({ ...outputs, index, label });
  const maximum = normaliseByMax(grid);
  const source = upsampleToSource(grid, image, image.region);
  const outside = image.grey
    ? outsideBodyMass(source.data, bodyMask(image.grey, image.width, image.height))
    : null;
  return {
    method: method.name,
    label,
    grid,
    maximum,
    source,
    summary: summariseCam(source),
    outsideBodyMass: outside,
  };
}
