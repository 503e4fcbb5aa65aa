import type { CamMap } from './types';

/** Divides by the map's maximum (an all-zero map stays zero); returns the maximum. */
export function normaliseByMax(map: CamMap): number {
  let max = 0;
  for (let i = 0; i < map.data.length; i++) if (map.data[i]! > max) max = map.data[i]!;
  if (max > 0) {
    const scale = 1 / max;
    for (let i = 0; i < map.data.length; i++) map.data[i]! *= scale;
  }
  return max;
}
