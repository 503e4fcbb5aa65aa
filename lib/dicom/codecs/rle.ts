/**
 * RLE Lossless (PS3.5 Annex G): a 64-byte header of segment offsets, one PackBits segment per
 * byte plane (most significant first) per sample. Every offset is checked before use.
 */
import { unpackBits } from './native';
import type { CodecInput, CodecOutput } from './types';

function u32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

/** Decodes one PackBits segment into `out` (stride `stride`, starting at `start`). */
function unpackSegment(
  src: Uint8Array,
  from: number,
  to: number,
  out: Uint8Array,
  start: number,
  stride: number,
  count: number,
): void {
  let pos = from;
  let written = 0;
  let at = start;
  while (pos < to && written < count) {
    const n = src[pos++]!;
    if (n < 128) {
      const len = n + 1;
      for (let i = 0; i < len && pos < to && written < count; i++, written++, at += stride)
        out[at] = src[pos++]!;
    } else if (n > 128) {
      const len = 257 - n;
      if (pos >= to) break;
      const v = src[pos++]!;
      for (let i = 0; i < len && written < count; i++, written++, at += stride) out[at] = v;
    }
    // n === 128: no-op
  }
  if (written < count) throw new Error(`RLE segment decoded ${written} of ${count} bytes`);
}

export async function decodeRLE(input: CodecInput): Promise<CodecOutput> {
  const { pm, bytes } = input;
  if (bytes.length < 64) throw new Error('RLE frame shorter than its 64-byte header');
  const segments = u32(bytes, 0);
  const pixels = pm.rows * pm.columns;
  const spp = pm.samplesPerPixel;
  const ba = pm.bitsAllocated;
  const bytesPerSample = ba === 1 ? 1 : ba / 8;
  const expected = ba === 1 ? spp : spp * bytesPerSample;
  if (segments !== expected || segments > 15) {
    throw new Error(`RLE header has ${segments} segments, expected ${expected}`);
  }
  const offsets: number[] = [];
  for (let i = 0; i < segments; i++) offsets.push(u32(bytes, 4 + 4 * i));
  offsets.push(bytes.length);
  for (let i = 0; i < segments; i++) {
    if (offsets[i]! < 64 || offsets[i]! > bytes.length || offsets[i]! > offsets[i + 1]!) {
      throw new Error(`RLE segment ${i} offset ${offsets[i]} is out of range`);
    }
  }
  if (ba === 1) {
    const packedLength = Math.ceil(pixels / 8);
    const packed = new Uint8Array(packedLength);
    unpackSegment(bytes, offsets[0]!, offsets[1]!, packed, 0, 1, packedLength);
    return {
      samples: unpackBits(packed, 0, pixels),
      samplesPerPixel: 1,
      planar: false,
      rgb: false,
    };
  }
  // Decode straight into a little-endian byte image of planar samples.
  const out = new Uint8Array(pixels * spp * bytesPerSample);
  for (let s = 0; s < spp; s++) {
    for (let b = 0; b < bytesPerSample; b++) {
      const segment = s * bytesPerSample + b;
      // Segment b holds byte (bytesPerSample - 1 - b) of each little-endian sample.
      const start = s * pixels * bytesPerSample + (bytesPerSample - 1 - b);
      unpackSegment(
        bytes,
        offsets[segment]!,
        offsets[segment + 1]!,
        out,
        start,
        bytesPerSample,
        pixels,
      );
    }
  }
  const signed = pm.pixelRepresentation === 1 && spp === 1;
  const samples =
    bytesPerSample === 1
      ? signed
        ? new Int8Array(out.buffer)
        : out
      : bytesPerSample === 2
        ? signed
          ? new Int16Array(out.buffer)
          : new Uint16Array(out.buffer)
        : signed
          ? new Int32Array(out.buffer)
          : new Uint32Array(out.buffer);
  return { samples, samplesPerPixel: spp, planar: spp > 1, rgb: false };
}
