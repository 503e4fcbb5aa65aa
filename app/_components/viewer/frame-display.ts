/**
 * A frame as the viewport opens it, drawn without Cornerstone: lib/imaging's display pipeline
 * (modality LUT, the window the viewport starts with, MONOCHROME1 inversion) to 8-bit RGBA, for
 * the preview shown while Cornerstone starts.
 */
import { renderDisplay } from '@/lib/imaging';
import { preloadFrame, type LoadedFrame } from './frame-loader';

export interface DisplayFrame {
  width: number;
  height: number;
  rgba: Uint8ClampedArray<ArrayBuffer>;
}

const displays = new Map<string, Promise<DisplayFrame>>();

function toDisplay(frame: LoadedFrame): DisplayFrame {
  const { decoded, pixelModule, frameMeta } = frame;
  const channels = frame.rgb ? 3 : 1;
  const data =
    frame.rgb ??
    renderDisplay(decoded, { ...pixelModule, ...frameMeta }, { window: frame.window }).data;
  const rgba = new Uint8ClampedArray(decoded.rows * decoded.columns * 4);
  for (let i = 0, j = 0; j < rgba.length; i += channels, j += 4) {
    const first = data[i]!;
    rgba[j] = first;
    rgba[j + 1] = channels === 1 ? first : data[i + 1]!;
    rgba[j + 2] = channels === 1 ? first : data[i + 2]!;
    rgba[j + 3] = 255;
  }
  return { width: decoded.columns, height: decoded.rows, rgba };
}

/** The display of a frame, computed once per image id. */
export function displayFrame(imageId: string): Promise<DisplayFrame> {
  let display = displays.get(imageId);
  if (!display) {
    display = preloadFrame(imageId).then(toDisplay);
    displays.set(imageId, display);
    display.catch(() => displays.delete(imageId));
  }
  return display;
}

/** Draws a display frame into `canvas` at its own size (CSS scales it). */
export function drawDisplay(canvas: HTMLCanvasElement, display: DisplayFrame): void {
  canvas.width = display.width;
  canvas.height = display.height;
  canvas
    .getContext('2d')
    ?.putImageData(new ImageData(display.rgba, display.width, display.height), 0, 0);
}
