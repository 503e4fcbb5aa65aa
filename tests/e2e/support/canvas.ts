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
