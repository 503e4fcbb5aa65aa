import { OrientationMarkers } from './OrientationMarkers';
import type { ViewerSeries, ViewerStudy, ViewportState } from './types';

/**
 * The text drawn in the viewport corners: who, what, where in the stack (the image's place in
 * it, and its Instance Number, which reports cite and which need not follow the order along the
 * slice normal), and the window. A line
 * whose values are not known (no patient ID in the file; no window before the viewport or the
 * server's first image has told it) is left out rather than shown with placeholders.
 */
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
  const image = series?.images[state.imageIndex];
  const frames = series?.images.filter((other) => other.instanceId === image?.instanceId).length;
  const { windowCenter, windowWidth } = state;
  return (
    <div className="viewport-overlay" aria-label="Image overlay" role="group">
      <div className="overlay-top-left">
        <div>{study.patientName}</div>
        {study.patientId ? <div>ID {study.patientId}</div> : null}
        {study.studyDate || study.description ? (
          <div>
            {study.studyDate} {study.description}
          </div>
        ) : null}
      </div>
      <div className="overlay-top-right">
        {series ? (
          <div>
            {series.modality}
            {series.number === null ? '' : ` #${series.number}`} {series.description}
          </div>
        ) : null}
      </div>
      <div className="overlay-bottom-left">
        {state.imageCount > 0 ? (
          <div data-testid="slice-indicator">
            Image {state.imageIndex + 1} / {state.imageCount}
          </div>
        ) : null}
        {image && image.instanceNumber !== null ? (
          <div data-testid="instance-indicator">
            Instance {image.instanceNumber}
            {frames !== undefined && frames > 1 ? `, frame ${image.frame}` : ''}
          </div>
        ) : null}
        {position ? <div data-testid="position-indicator">Pos {position} mm</div> : null}
      </div>
      <div className="overlay-bottom-right">
        {windowCenter !== null && windowWidth !== null ? (
          <div data-testid="window-indicator">
            W {windowWidth.toFixed(0)} L {windowCenter.toFixed(0)}
            {state.invert ? ' (inverted)' : ''}
          </div>
        ) : null}
        <div>Zoom {state.zoom.toFixed(2)}×</div>
      </div>
      <OrientationMarkers letters={state.orientation} />
    </div>
  );
}
