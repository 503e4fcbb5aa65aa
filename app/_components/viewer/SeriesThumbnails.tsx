'use client';

import { useEffect, useRef } from 'react';
import { displayFrame, drawDisplay } from './frame-display';
import { openingImageUrl } from './frame-loader';
import type { SeriesContent, ViewerImage, ViewerSeries } from './types';
import { useImageFailed } from './use-image-failed';

const CONTENT_NOUN: Record<SeriesContent, string> = {
  images: 'image',
  report: 'report',
  document: 'document',
  presentation: 'presentation state',
  object: 'object',
};

const THUMBNAIL_LABEL: Partial<Record<SeriesContent, string>> = {
  report: 'SR',
  document: 'PDF',
  presentation: 'PR',
};

/** The frame drawn in the browser (lib/imaging), for when the server could not render it. */
function DrawnThumbnail({ image }: { image: ViewerImage }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { imageId } = image;
  useEffect(() => {
    let live = true;
    displayFrame(imageId)
      .then((display) => {
        if (live && canvas.current) drawDisplay(canvas.current, display);
      })
      // A thumbnail neither can draw stays black; the viewport reports the error.
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
      data-testid="series-thumbnail"
      style={{ objectFit: 'contain' }}
    />
  );
}

/**
 * The server's rendering of the frame (`GET /api/instances/:id/display`: the same PNG as the
 * viewer's first image, so the opening series' thumbnail costs no request of its own), in the
 * page's HTML, loaded lazily and drawn small; drawn in the browser only if the server failed.
 */
function Thumbnail({ image }: { image: ViewerImage }) {
  const { failed, ref, onError } = useImageFailed();
  if (failed) return <DrawnThumbnail image={image} />;
  return (
    // eslint-disable-next-line @next/next/no-img-element -- a PNG the server rendered for this frame, not a static asset
    <img
      ref={ref}
      src={openingImageUrl(image)}
      alt=""
      aria-hidden="true"
      data-testid="series-thumbnail"
      width={96}
      height={96}
      loading="lazy"
      decoding="async"
      onError={onError}
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
      {series.map((s) => {
        const first = s.images[0];
        return (
          <button
            key={s.id}
            type="button"
            aria-pressed={s.id === activeId}
            onClick={() => onSelect(s.id)}
          >
            {s.content !== 'images' ? (
              <span className="report-thumbnail" aria-hidden="true" data-testid="series-thumbnail">
                {THUMBNAIL_LABEL[s.content] ?? (s.modality || 'OT')}
              </span>
            ) : first ? (
              <Thumbnail image={first} />
            ) : null}
            <span>
              {s.modality}
              {s.number === null ? '' : ` #${s.number}`} {s.description}
            </span>
            <span className="muted">
              {s.images.length} {CONTENT_NOUN[s.content]}
              {s.images.length === 1 ? '' : 's'}
            </span>
          </button>
        );
      })}
    </nav>
  );
}
