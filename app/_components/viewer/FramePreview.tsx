'use client';

import { useEffect, useRef, type CSSProperties } from 'react';
import { displayFrame, drawDisplay } from './frame-display';
import { openingImageUrl } from './frame-loader';
import { markOnce, marks, openingImageTiming } from './performance-marks';
import { useImageFailed } from './use-image-failed';
import type { ViewerImage } from './types';

/** Fitted and centred in the viewport frame, as the viewport fits its image. */
const fitted: CSSProperties = {
  position: 'absolute',
  inset: 0,
  width: '100%',
  height: '100%',
  objectFit: 'contain',
};

/**
 * The first image while Cornerstone starts, in two layers with the same pixels, window and fit as
 * the viewport opens with: the server's PNG (in the page's HTML, so it shows before any script
 * has run) and over it the frame drawn by lib/imaging in the browser, from the bytes the viewport
 * then takes over. The viewer removes both once the viewport has rendered. A server image that
 * failed (a frame the server could not render) is hidden rather than shown broken.
 */
export function FramePreview({ image }: { image: ViewerImage }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { failed, ref, onError } = useImageFailed();
  const { imageId } = image;
  // Like react-dom's preload(), start the load while rendering (on the client), so the frame is
  // decoded while the rest of the page hydrates; the effect below draws it.
  if (typeof window !== 'undefined') void displayFrame(imageId).catch(() => undefined);
  useEffect(() => {
    let live = true;
    markOnce(marks.previewStart);
    displayFrame(imageId)
      .then((display) => {
        if (!live || !canvas.current) return;
        drawDisplay(canvas.current, display);
        markOnce(marks.previewImage);
      })
      // The viewport reports a load failure itself.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [imageId]);
  return (
    <>
      {/* eslint-disable-next-line @next/next/no-img-element -- a PNG the server rendered for this frame, not a static asset */}
      <img
        ref={ref}
        src={openingImageUrl(image)}
        alt=""
        aria-hidden="true"
        data-testid="opening-image"
        fetchPriority="high"
        // Decoded for the paint it arrives in, not one later: it is the page's first image.
        decoding="sync"
        {...{ elementtiming: openingImageTiming }}
        onError={onError}
        style={failed ? { ...fitted, visibility: 'hidden' } : fitted}
      />
      <canvas
        ref={canvas}
        aria-hidden="true"
        data-testid="frame-preview"
        width={0}
        height={0}
        style={fitted}
      />
    </>
  );
}
