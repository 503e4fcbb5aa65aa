/**
 * A map on the feature grid back onto the source image: bilinear (lib/imaging's resize, pixel
 * centres aligned) onto the square region the model saw, zero outside it.
 */
import { resize } from '../imaging';
import type { CamMap } from './types';

/** The square of the source image that was resized into the model input. */
export interface InputRegion {
  left: number;
  top: number;
  size: number;
}

export function upsampleToSource(
  map: CamMap,
  source: { width: number; height: number },
  region: InputRegion,
): CamMap {
  const square = resize(
    { width: map.width, height: map.height, data: map.data },
    region.size,
    region.size,
  );
  const out = new Float32Array(source.width * source.height);
  for (let y = 0; y < region.size; y++) {
    const row = (region.top + y) * source.width + region.left;
    out.set(square.data.subarray(y * region.size, (y + 1) * region.size), row);
  }
  return { width: source.width, height: source.height, data: out };
}
