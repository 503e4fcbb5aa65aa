/**
 * What the overlay and the slider state before the viewport has an image of the series: what the
 * study outline and the server's first image tell, nothing made up.
 */
import {
  emptyViewportState,
  type OpeningView,
  type ViewerSeries,
  type ViewportState,
} from './types';

/**
 * The series a study opens on: its first (in series order) of images that are not a localizer,
 * as a radiologist reads the scans planned on a scout, not the scout, nor a report stored with
 * them, nor another object; else its first of images; else its first.
 */
export function openingSeries<S extends Pick<ViewerSeries, 'localizer' | 'content'>>(
  series: readonly S[],
): S | undefined {
  return (
    series.find((one) => !one.localizer && one.content === 'images') ??
    series.find((one) => one.content === 'images') ??
    series[0]
  );
}

/**
 * `series` at its first image (the one the preview shows and the viewport opens), with the window
 * and inversion of `opening` when it describes that image; otherwise the window is not known yet.
 */
export function openingState(series: ViewerSeries, opening: OpeningView | null): ViewportState {
  const first = series.images[0];
  const known =
    first && opening && first.instanceId === opening.instanceId && first.frame === opening.frame
      ? opening
      : null;
  return {
    ...emptyViewportState,
    imageCount: series.images.length,
    imageId: first?.imageId ?? null,
    windowCenter: known?.window?.center ?? null,
    windowWidth: known?.window?.width ?? null,
    invert: known?.inverted ?? false,
  };
}

/** Whether the viewport's state is about an image of `series` (not empty, not another series'). */
export function showsSeries(state: ViewportState, series: ViewerSeries): boolean {
  return state.imageId !== null && series.images.some((image) => image.imageId === state.imageId);
}
