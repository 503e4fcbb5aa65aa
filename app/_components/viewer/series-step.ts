/**
 * PageDown and PageUp: the next or the previous series of the study, in the thumbnails' order,
 * as OHIF and PACS viewers bind them. At the last (or the first) the series stays.
 */
export function steppedSeries<S extends { id: string }>(
  series: readonly S[],
  currentId: string | undefined,
  step: 1 | -1,
): S | undefined {
  const at = series.findIndex((one) => one.id === currentId);
  if (at < 0) return series[0];
  return series[Math.min(series.length - 1, Math.max(0, at + step))];
}
