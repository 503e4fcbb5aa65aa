'use client';

import { useEffect, useRef } from 'react';
import { displayFrame, drawDisplay } from './frame-display';
import type { ViewerSeries } from './types';

function Thumbnail({ series }: { series: ViewerSeries }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const imageId = series.images[0]?.imageId;
  useEffect(() => {
    if (!imageId) return;
    let live = true;
    displayFrame(imageId)
      .then((display) => {
        if (live && canvas.current) drawDisplay(canvas.current, display);
      })
      // A thumbnail that cannot be drawn stays black; the viewport reports the error.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [imageId]);
  return (
    <canvas
      ref={canvas}
      width={96}
      height={96}
      aria-hidden="true"
      style={{ objectFit: 'contain' }}
    />
  );
}

/** One button per series with a thumbnail of its first image (the one the viewport loads first). */
export function SeriesThumbnails({
  series,
  activeId,
  onSelect,
}: {
  series: ViewerSeries[];
  activeId: string | undefined;
  onSelect: (id: string) => void;
}) {
  return (
    <nav className="series-thumbnails" aria-label="Series">
      {series.map((s) => (
        <button
          key={s.id}
          type="button"
          aria-pressed={s.id === activeId}
          onClick={() => onSelect(s.id)}
        >
          <Thumbnail series={s} />
          <span>
            {s.modality} #{s.number ?? '–'} {s.description}
          </span>
          <span className="muted">
            {s.images.length} image{s.images.length === 1 ? '' : 's'}
          </span>
        </button>
      ))}
    </nav>
  );
}
