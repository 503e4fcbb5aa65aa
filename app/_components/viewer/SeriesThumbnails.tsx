'use client';

import { utilities } from '@cornerstonejs/core';
import { useEffect, useRef } from 'react';
import { setUpCornerstone } from './cornerstone-setup';
import type { ViewerSeries } from './types';

function Thumbnail({ series }: { series: ViewerSeries }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const imageId = series.images[0]?.imageId;
  useEffect(() => {
    if (!canvas.current || !imageId) return;
    setUpCornerstone();
    utilities
      .loadImageToCanvas({ canvas: canvas.current, imageId, thumbnail: true })
      .catch(() => undefined);
  }, [imageId]);
  return <canvas ref={canvas} width={96} height={96} aria-hidden="true" />;
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
