/**
 * Lossy JPEG (Processes 1, 2/4, 6/8, 10/12). 8-bit streams go to libjpeg-turbo (the wasm codec
 * Cornerstone3D uses), which also converts YCbCr to RGB; 12-bit streams, which an 8-bit
 * libjpeg-turbo cannot read, go to the pure-JS decoder the dicom-image-loader ships, vendored
 * with its 12-bit level shift and progressive refinement fixed (see vendor/jpeg12.js).
 */
import { codecErrorsSince, codecLog, instantiate } from './wasm';
import type { CodecInput, CodecOutput } from './types';

interface FrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
}
interface JPEGDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): FrameInfo;
  getDecodedBuffer(): Uint8Array;
}
interface TurboModule {
  JPEGDecoder: new () => JPEGDecoder;
}

let turbo: Promise<JPEGDecoder> | null = null;

/** One decoder, reused: each decode runs synchronously to completion. */
function loadTurbo(): Promise<JPEGDecoder> {
  turbo ??= import('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs')
    .then((m) => instantiate<TurboModule>(m, 'libjpegturbowasm_decode.wasm'))
    .then((codec) => new codec.JPEGDecoder());
  turbo.catch(() => (turbo = null));
  return turbo;
}

/** The sample precision from the first SOFn marker, or 8 when none is found. */
function jpegPrecision(bytes: Uint8Array): number {
  let pos = 2;
  while (pos + 4 < bytes.length) {
    if (bytes[pos] !== 0xff) {
      pos++;
      continue;
    }
    const marker = bytes[pos + 1]!;
    if (marker === 0xff) {
      pos++;
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return pos + 4 < bytes.length ? bytes[pos + 4]! : 8;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      pos += 2;
      continue;
    }
    const length = (bytes[pos + 2]! << 8) | bytes[pos + 3]!;
    pos += 2 + length;
  }
  return 8;
}

async function decode12(input: CodecInput): Promise<CodecOutput> {
  const { default: JpegImage } = await import('./vendor/jpeg12');
  const jpeg = new JpegImage();
  jpeg.parse(input.bytes);
  jpeg.colorTransform = false;
  const { rows, columns } = input.pm;
  if (jpeg.components.length !== 1) throw new Error('12-bit colour JPEG is not supported');
  const data = jpeg.getData16(columns, rows);
  const samples =
    input.pm.pixelRepresentation === 1
      ? new Int16Array(data.buffer, data.byteOffset, data.length)
      : data;
  return {
    samples,
    samplesPerPixel: 1,
    planar: false,
    rgb: false,
    columns: jpeg.width,
    rows: jpeg.height,
  };
}

export async function decodeJPEG(input: CodecInput): Promise<CodecOutput> {
  if (jpegPrecision(input.bytes) > 8) return decode12(input);
  const decoder = await loadTurbo();
  const logFrom = codecLog.length;
  const buffer = decoder.getEncodedBuffer(input.bytes.length);
  buffer.set(input.bytes);
  decoder.decode();
  const info = decoder.getFrameInfo();
  const errors = codecErrorsSince(logFrom);
  if (errors) throw new Error(errors);
  if (info.width !== input.pm.columns || info.height !== input.pm.rows) {
    throw new Error(
      `JPEG stream is ${info.width}x${info.height}, the file says ${input.pm.columns}x${input.pm.rows}`,
    );
  }
  const decoded = decoder.getDecodedBuffer();
  const samples = new Uint8Array(decoded.length);
  samples.set(decoded);
  return {
    samples,
    samplesPerPixel: info.componentCount,
    planar: false,
    rgb: info.componentCount === 3,
    columns: info.width,
    rows: info.height,
  };
}
