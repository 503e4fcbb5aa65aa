/**
 * Numbers that summarise a (normalised, source-sized) map for worklists and audits: where it
 * peaks, how concentrated it is, and how much of it sits on the image border, where text
 * markers and collimation edges live.
 */
import type { CamMap } from './types';

export interface CamSummary {
  width: number;
  height: number;
  /** First pixel (row-major) holding the maximum, in the map's pixel coordinates. */
  peak: { x: number; y: number; value: number };
  /** Fraction of the total map mass carried by the top 10% of pixels by value. */
  topDecileMass: number;
  /** Fraction of the mass within the outer band (10% of each side) of the image. */
  borderMass: number;
}

const MAX_BINS = 4096;

/**
 * Sum of the `count` largest values, exactly: a histogram finds the boundary bin, which is sorted.
 * At most one bin per value, so a 7x7 grid map does not pay for 4096 bins.
 */
function sumOfLargest(data: Float32Array, count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  const bins = Math.min(MAX_BINS, data.length);
  const bin = (value: number) => Math.min(bins - 1, Math.floor((value / max) * bins));
  const counts = new Uint32Array(bins);
  for (let i = 0; i < data.length; i++) if (data[i]! > 0) counts[bin(data[i]!)]!++;
  let remaining = count;
  let boundary = bins - 1;
  while (boundary > 0 && counts[boundary]! < remaining) remaining -= counts[boundary--]!;
  let total = 0;
  const edge: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const value = data[i]!;
    if (value <= 0) continue;
    const b = bin(value);
    if (b > boundary) total += value;
    else if (b === boundary) edge.push(value);
  }
  edge.sort((a, b) => b - a);
  for (let i = 0; i < Math.min(remaining, edge.length); i++) total += edge[i]!;
  return total;
}

export function summariseCam(map: CamMap, borderFraction = 0.1): CamSummary {
  const { width, height, data } = map;
  const bandX = Math.max(1, Math.round(width * borderFraction));
  const bandY = Math.max(1, Math.round(height * borderFraction));
  let total = 0;
  let border = 0;
  let peak = 0;
  let peakAt = 0;
  for (let y = 0; y < height; y++) {
    const edgeRow = y < bandY || y >= height - bandY;
    for (let x = 0; x < width; x++) {
      const value = data[y * width + x]!;
      if (value <= 0) continue;
      total += value;
      if (edgeRow || x < bandX || x >= width - bandX) border += value;
      if (value > peak) {
        peak = value;
        peakAt = y * width + x;
      }
    }
  }
  const top = sumOfLargest(data, Math.ceil(data.length * 0.1), peak);
  return {
    width,
    height,
    peak: { x: peakAt % width, y: Math.floor(peakAt / width), value: peak },
    topDecileMass: total > 0 ? top / total : 0,
    borderMass: total > 0 ? border / total : 0,
  };
}
