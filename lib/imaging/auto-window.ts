import { SecondlookError } from '../errors';

/** Percentile options for the automatic window. */
export interface AutoWindowOptions {
  /** Lower percentile, 0..100 (default 0.5). */
  low?: number;
  /** Upper percentile, 0..100 (default 99.5). */
  high?: number;
  /** Histogram bins when the values do not fit one bin per integer (default 4096). */
  bins?: number;
}

/**
 * A window for images that carry none: the [low, high] percentiles of the modality values,
 * read from a histogram so that a few outliers (padding at -32768, a metal streak) do not
 * flatten the picture the way a raw min/max would. Integer-valued data with a range up to
 * 65536 gets one bin per value, so its percentiles are exact; other data gets `bins` equal bins
 * and the percentile is interpolated inside its bin. Returns a LINEAR window (width >= 1).
 */
export function autoWindow(
  values: ArrayLike<number>,
  options: AutoWindowOptions = {},
): { center: number; width: number } {
  const lowPct = options.low ?? 0.5;
  const highPct = options.high ?? 99.5;
  if (!(lowPct >= 0 && lowPct < highPct && highPct <= 100)) {
    throw new SecondlookError('BAD_WINDOW', `bad percentiles ${lowPct}/${highPct}`);
  }
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    count++;
    if (v < min) min = v;
    if (v > max) max = v;
    if (integral && !Number.isInteger(v)) integral = false;
  }
  if (count === 0) throw new SecondlookError('EMPTY_IMAGE', 'no finite pixel values to window');
  if (max === min) return { center: min, width: 1 };

  const perValue = integral && max - min < 65536;
  const binCount = perValue ? max - min + 1 : (options.bins ?? 4096);
  const binWidth = perValue ? 1 : (max - min) / binCount;
  const histogram = new Float64Array(binCount);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    histogram[Math.min(binCount - 1, Math.floor((v - min) / binWidth))]! += 1;
  }
  const at = (pct: number): number => {
    const target = (pct / 100) * count;
    let seen = 0;
    for (let bin = 0; bin < binCount; bin++) {
      const inBin = histogram[bin] as number;
      if (seen + inBin >= target && inBin > 0) {
        if (perValue) return min + bin;
        return min + (bin + (target - seen) / inBin) * binWidth;
      }
      seen += inBin;
    }
    return max;
  };
  const lo = at(lowPct);
  const hi = at(highPct);
  return { center: (lo + hi) / 2, width: Math.max(1, hi - lo) };
}
