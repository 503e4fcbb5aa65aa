'use client';

import { useEffect, useRef } from 'react';
import { displayFrame, drawDisplay } from './frame-display';
import { markOnce, marks } from './performance-marks';

/**
 * The first image, drawn by lib/imaging while Cornerstone starts: the same pixels and window the
 * viewport opens with, fitted and centred as the viewport fits them. The viewer removes it once
 * the viewport has rendered.
 */
export function FramePreview({ imageId }: { imageId: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
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
        markOnce(marks.firstImage);
      })
      // The viewport reports a load failure itself.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [imageId]);
  return (
    <canvas
      ref={canvas}
      aria-hidden="true"
      data-testid="frame-preview"
      width={0}
      height={0}
      style={{
        position: 'absolute',
        inset: 0,
        width: '100%',
        height: '100%',
        objectFit: 'contain',
      }}
    />
  );
}
