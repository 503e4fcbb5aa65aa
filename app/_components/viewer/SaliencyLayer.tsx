'use client';

import { useEffect, useRef } from 'react';
import type { CamOverlay } from '@/lib/saliency';
import type { StackController } from './stack-controller';
import type { ViewportState } from './types';

/**
 * Draws a saliency overlay (RGBA at the source image's size) over the viewport, through the
 * same image -> world -> canvas mapping Cornerstone uses, so it follows zoom and pan.
 */
export function SaliencyLayer({
  controller,
  state,
  overlay,
  imageId,
}: {
  controller: StackController;
  state: ViewportState;
  overlay: CamOverlay;
  /** The image the overlay was computed for; nothing is drawn over any other. */
  imageId: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const source = useRef<HTMLCanvasElement | null>(null);

  useEffect(() => {
    const bitmap = document.createElement('canvas');
    bitmap.width = overlay.width;
    bitmap.height = overlay.height;
    const context = bitmap.getContext('2d');
    if (!context) return;
    const pixels = new Uint8ClampedArray(overlay.rgba.length);
    pixels.set(overlay.rgba);
    context.putImageData(new ImageData(pixels, overlay.width, overlay.height), 0, 0);
    source.current = bitmap;
  }, [overlay]);

  useEffect(() => {
    const target = canvas.current;
    const bitmap = source.current;
    if (!target || !bitmap) return;
    const ratio = window.devicePixelRatio || 1;
    target.width = Math.round(target.clientWidth * ratio);
    target.height = Math.round(target.clientHeight * ratio);
    const context = target.getContext('2d');
    if (!context) return;
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, target.width, target.height);
    if (state.imageId !== imageId) return;
    const toCanvas = (x: number, y: number) => controller.imageToCanvas(imageId, x, y);
    const origin = toCanvas(0, 0);
    const right = toCanvas(overlay.width, 0);
    const down = toCanvas(0, overlay.height);
    if (!origin || !right || !down) return;
    context.setTransform(
      (ratio * (right[0] - origin[0])) / overlay.width,
      (ratio * (right[1] - origin[1])) / overlay.width,
      (ratio * (down[0] - origin[0])) / overlay.height,
      (ratio * (down[1] - origin[1])) / overlay.height,
      ratio * origin[0],
      ratio * origin[1],
    );
    context.imageSmoothingEnabled = true;
    context.drawImage(bitmap, 0, 0);
  }, [controller, state, overlay, imageId]);

  return (
    <canvas
      ref={canvas}
      className="saliency-layer"
      data-testid="saliency-layer"
      aria-label="Grad-CAM overlay"
      role="img"
    />
  );
}
