import type { ViewerSeries, ViewerStudy, ViewportState } from './types';

function formatNumber(value: number | null, digits = 0): string {
  return value === null ? '–' : value.toFixed(digits);
}

/** The text drawn in the viewport corners: who, what, where in the stack, and the window. */
export function ViewportOverlay({
  study,
  series,
  state,
}: {
  study: ViewerStudy;
  series: ViewerSeries | undefined;
  state: ViewportState;
}) {
  const position = state.position?.map((v) => v.toFixed(1)).join(', ');
  return (
    <div className="viewport-overlay" aria-label="Image overlay" role="group">
      <div className="overlay-top-left">
        <div>{study.patientName}</div>
        <div>ID {study.patientId}</div>
        <div>
          {study.studyDate} {study.description}
        </div>
      </div>
      <div className="overlay-top-right">
        <div>
          {series?.modality} #{series?.number ?? '–'} {series?.description}
        </div>
      </div>
      <div className="overlay-bottom-left">
        <div data-testid="slice-indicator">
          Image {state.imageCount === 0 ? 0 : state.imageIndex + 1} / {state.imageCount}
        </div>
        {position ? <div>Pos {position} mm</div> : null}
      </div>
      <div className="overlay-bottom-right">
        <div data-testid="window-indicator">
          W {formatNumber(state.windowWidth)} L {formatNumber(state.windowCenter)}
          {state.invert ? ' (inverted)' : ''}
        </div>
        <div>Zoom {formatNumber(state.zoom, 2)}×</div>
      </div>
    </div>
  );
}
