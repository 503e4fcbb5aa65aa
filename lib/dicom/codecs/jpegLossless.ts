/** JPEG Lossless (Process 14, any predictor) with the pure-JS decoder Cornerstone3D uses. */
import type { CodecInput, CodecOutput } from './types';

export async function decodeJPEGLossless(input: CodecInput): Promise<CodecOutput> {
  const { Decoder } = await import('@cornerstonejs/jpeg-lossless-decoder-js');
  const decoder = new Decoder();
  const { pm, bytes } = input;
  const bytesPerSample = pm.bitsAllocated <= 8 ? 1 : 2;
  // The decoder reads from an ArrayBuffer: give it an exact copy of the frame.
  const buffer = bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
  const decoded = decoder.decode(buffer, 0, buffer.byteLength, bytesPerSample);
  const raw = new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.byteLength);
  const copy = new Uint8Array(raw.length);
  copy.set(raw);
  const signed = pm.pixelRepresentation === 1 && pm.samplesPerPixel === 1;
  const samples =
    bytesPerSample === 1
      ? signed
        ? new Int8Array(copy.buffer)
        : copy
      : signed
        ? new Int16Array(copy.buffer)
        : new Uint16Array(copy.buffer);
  // The decoder interleaves colour components.
  return { samples, samplesPerPixel: pm.samplesPerPixel, planar: false, rgb: false };
}
