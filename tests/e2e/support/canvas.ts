/** Pixel readback from the page's canvases (not screenshots). */
import type { Locator } from '@playwright/test';

export interface CanvasStats {
  width: number;
  height: number;
  /** Mean of (R + G + B) / 3 over all pixels, 0..255. */
  meanLuminance: number;
  /** Fraction of pixels with a non-zero alpha. */
  coverage: number;
  /** A cheap fingerprint of the pixels, to tell two images apart. */
  checksum: number;
}

export function canvasStats(canvas: Locator): Promise<CanvasStats> {
  return canvas.evaluate((element) => {
    const target = element as HTMLCanvasElement;
    const context = target.getContext('2d');
    if (!context) throw new Error('the canvas has no 2D context');
    const { data } = context.getImageData(0, 0, target.width, target.height);
    let sum = 0;
    let covered = 0;
    let checksum = 0;
    for (let i = 0; i < data.length; i += 4) {
      sum += (data[i]! + data[i + 1]! + data[i + 2]!) / 3;
      if (data[i + 3]! > 0) covered += 1;
      checksum = (checksum * 31 + data[i]! + data[i + 1]! * 7 + data[i + 2]! * 13) >>> 0;
    }
    const pixels = data.length / 4;
    return {
      width: target.width,
      height: target.height,
      meanLuminance: sum / pixels,
      coverage: covered / pixels,
      checksum,
    };
  });
}

export interface CanvasGrey {
  width: number;
  height: number;
  grey: number[];
}

/** A canvas's red channel, row by row. */
export function canvasGrey(canvas: Locator): Promise<CanvasGrey> {
  return canvas.evaluate((element) => {
    const target = element as HTMLCanvasElement;
    const { data } = target.getContext('2d')!.getImageData(0, 0, target.width, target.height);
    const grey: number[] = [];
    for (let i = 0; i < data.length; i += 4) grey.push(data[i]!);
    return { width: target.width, height: target.height, grey };
  });
}

/**
 * Mean |after - before| over the central square (where a fitted square image is; a mirror about the centre is one either way), with `before`
 * read at the point `map` sends each pixel of `after` to.
 */
export function meanDifference(
  before: CanvasGrey,
  after: CanvasGrey,
  map: (x: number, y: number) => [number, number],
): number {
  const { width, height } = before;
  const side = Math.min(width, height);
  const [left, top] = [Math.floor((width - side) / 2), Math.floor((height - side) / 2)];
  let sum = 0;
  let count = 0;
  for (let y = top + 4; y < top + side - 4; y += 3) {
    for (let x = left + 4; x < left + side - 4; x += 3) {
      const [sx, sy] = map(x, y);
      sum += Math.abs(after.grey[y * width + x]! - before.grey[sy * width + sx]!);
      count += 1;
    }
  }
  return sum / count;
}
