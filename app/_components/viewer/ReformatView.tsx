'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ViewerConfig, ViewerToolName } from '@/app/_config/viewer';
import type { VolumeGeometry } from '@/lib/dicom/series';
import { OrientationMarkers } from './OrientationMarkers';
import {
  emptyReformatState,
  planes,
  projectionLabels,
  type Plane,
  type Projection,
  type ReformatState,
} from './reformat';
import type { ReformatController } from './reformat-controller';
import { useViewportController } from './use-viewport-controller';
import type { ViewerSeries } from './types';

const planeLabels: Record<Plane, string> = {
  axial: 'Axial',
  coronal: 'Coronal',
  sagittal: 'Sagittal',
};

export interface ReformatViewProps {
  /** Who and which study, shown with the reformats as with every image. */
  patient: string;
  series: ViewerSeries;
  geometry: VolumeGeometry;
  config: ViewerConfig;
  primaryTool: ViewerToolName;
  /** The stack viewer's window, which the reformat opens with. */
  window: { center: number; width: number } | null;
  /** The stack viewer's image (0-based), whose level the reformat opens at. */
  atImage: number;
  /** Told the controller once it exists, and null when it goes. */
  onController: (controller: ReformatController | null) => void;
  /** Told which projection the panes show (null: planes), whenever that changes. */
  onProjection: (projection: Projection | null) => void;
}

/**
 * Axial, coronal and sagittal reformats of a series, side by side, over the stack viewport. The
 * container's `data-ready` is "true" once the volume is built and shown; each pane's
 * `data-slice` is its 1-based slice.
 */
export function ReformatView({
  patient,
  series,
  geometry,
  config,
  primaryTool,
  window,
  atImage,
  onController,
  onProjection,
}: ReformatViewProps) {
  const axial = useRef<HTMLDivElement>(null);
  const coronal = useRef<HTMLDivElement>(null);
  const sagittal = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<ReformatState>(emptyReformatState);
  const opening = useRef({ primaryTool, window, atImage });

  const start = useCallback(() => {
    const found = { axial: axial.current, coronal: coronal.current, sagittal: sagittal.current };
    if (!found.axial || !found.coronal || !found.sagittal) return null;
    const panes = found as Record<Plane, HTMLDivElement>;
    return import('./reformat-controller').then(({ ReformatController }) => ({
      elements: planes.map((plane) => panes[plane]),
      make: () => {
        const { primaryTool, window, atImage } = opening.current;
        const made = new ReformatController(panes, config, primaryTool, setState);
        void made.show(series, geometry, window, atImage);
        return made;
      },
    }));
  }, [config, series, geometry]);
  const failed = useCallback(
    (message: string) =>
      setState({ ...emptyReformatState, error: `the reformat could not start: ${message}` }),
    [],
  );
  const controller = useViewportController(start, failed);

  useEffect(() => onProjection(state.projection), [state.projection, onProjection]);

  useEffect(() => {
    onController(controller);
    return () => onController(null);
  }, [controller, onController]);

  const refs: Record<Plane, typeof axial> = { axial, coronal, sagittal };
  const window_ =
    state.windowCenter !== null && state.windowWidth !== null
      ? `W ${Math.round(state.windowWidth)} L ${Math.round(state.windowCenter)}${state.invert ? ' (inverted)' : ''}`
      : null;
  return (
    <div className="reformat" data-ready={state.ready} aria-label="Reformats" role="group">
      {planes.map((plane) => {
        const pane = state.planes?.[plane];
        return (
          <div key={plane} className="reformat-pane">
            <div
              ref={refs[plane]}
              className="viewport"
              tabIndex={0}
              role="img"
              aria-label={`${planeLabels[plane]} reformat`}
              data-slice={pane ? pane.sliceIndex + 1 : ''}
              onPointerDown={() => controller?.setActive(plane)}
              onWheel={() => controller?.setActive(plane)}
              onContextMenu={(event) => event.preventDefault()}
            />
            <div className="reformat-markers" aria-label={`${planeLabels[plane]} orientation`}>
              <OrientationMarkers letters={pane?.orientation ?? null} />
            </div>
            <p className="reformat-label">
              {planeLabels[plane]}
              {pane?.oblique ? ', oblique' : ''}
            </p>
            {pane ? (
              <p className="reformat-slice" data-testid={`${plane}-slice`}>
                {pane.sliceIndex + 1} / {pane.sliceCount}
              </p>
            ) : null}
          </div>
        );
      })}
      <p className="reformat-patient">
        {patient} · {series.modality}
        {series.number === null ? '' : ` #${series.number}`} {series.description}
        {window_ ? <span data-testid="reformat-window"> · {window_}</span> : null}
        {state.projection === null ? null : (
          <span data-testid="reformat-projection">
            {' '}
            · {projectionLabels[state.projection]} {state.slabMm} mm
          </span>
        )}
      </p>
      {!state.ready && !state.error ? (
        <p className="reformat-status" role="status">
          Building the volume: {state.loaded} of {state.total || series.images.length} slices
        </p>
      ) : null}
      {state.error ? (
        <p role="alert" className="viewport-error">
          {state.error}
        </p>
      ) : null}
    </div>
  );
}
