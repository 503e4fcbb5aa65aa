/**
 * PNG encode/decode for Node (pngjs). Node-only: reach it through `lib/imaging/node`, never
 * through the browser-safe `lib/imaging` index.
 */
import { PNG, type ColorType } from 'pngjs';
import { foreignMessage, SecondlookError } from '../errors';
import type { DisplayImage } from './types';

const colourTypeFor: Record<DisplayImage['channels'], ColorType> = { 1: 0, 3: 2, 4: 6 };

/** An 8-bit grey, RGB or RGBA image to PNG bytes (same colour type as the input). */
export function encodePng(image: DisplayImage): Buffer {
  const { width, height, channels, data } = image;
  if (data.length !== width * height * channels) {
    throw new SecondlookError(
      'BAD_IMAGE',
      `image data holds ${data.length} bytes, ${width}x${height}x${channels} needs ${width * height * channels}`,
    );
  }
  const colorType = colourTypeFor[channels];
  const png = { width, height, data: Buffer.from(data.buffer, data.byteOffset, data.byteLength) };
  return PNG.sync.write(png as PNG, {
    colorType,
    inputColorType: colorType,
    inputHasAlpha: channels === 4,
    bitDepth: 8,
  });
}

/**
 * PNG bytes to an 8-bit image: grey PNGs give 1 channel, colour PNGs 3, anything with alpha 4
 * (palettes are expanded; 16-bit samples are scaled to 8 bits by pngjs).
 */
export function decodePng(bytes: Uint8Array, file?: string): DisplayImage {
  let decoded: ReturnType<typeof PNG.sync.read> & { color?: boolean; alpha?: boolean };
  try {
    decoded = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    throw new SecondlookError('BAD_PNG', `not a readable PNG: ${foreignMessage(error)}`, { file });
  }
  const { width, height, data } = decoded;
  const channels: DisplayImage['channels'] = decoded.alpha ? 4 : decoded.color ? 3 : 1;
  if (channels === 4) return { width, height, channels, data: new Uint8Array(data) };
  const out = new Uint8Array(width * height * channels);
  for (let i = 0; i < width * height; i++) {
    for (let c = 0; c < channels; c++) out[i * channels + c] = data[i * 4 + c] as number;
  }
  return { width, height, channels, data: out };
}
