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
