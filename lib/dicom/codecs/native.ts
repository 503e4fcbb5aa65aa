/**
 * Native (uncompressed) frames. Little-endian grayscale samples at an offset aligned to their
 * size are returned as a view of the file's bytes (no copy); anything else is one copy out of
 * them, byte-swapped for big endian, bit-unpacked for BitsAllocated 1. No per-pixel loop for
 * little-endian 8/16/32-bit data.
 */
import type { CodecInput, CodecOutput, Samples } from './types';

function copyBytes(bytes: Uint8Array): ArrayBuffer {
  // slice() of the underlying buffer is a single memcpy and gives an aligned buffer.
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function swap(buffer: ArrayBuffer, width: number): void {
  const b = new Uint8Array(buffer);
  if (width === 2) {
    for (let i = 0; i + 1 < b.length; i += 2) {
      const t = b[i]!;
      b[i] = b[i + 1]!;
      b[i + 1] = t;
    }
  } else if (width === 4) {
    for (let i = 0; i + 3 < b.length; i += 4) {
      const t0 = b[i]!;
      const t1 = b[i + 1]!;
      b[i] = b[i + 3]!;
      b[i + 1] = b[i + 2]!;
      b[i + 2] = t1;
      b[i + 3] = t0;
    }
  } else if (width === 8) {
    for (let i = 0; i + 7 < b.length; i += 8) {
      for (let k = 0; k < 4; k++) {
        const t = b[i + k]!;
        b[i + k] = b[i + 7 - k]!;
        b[i + 7 - k] = t;
      }
    }
  }
}

/** A copy of `bytes` with each 16-bit word's bytes swapped (an odd last byte pairs with 0). */
function swapWords(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length + (bytes.length % 2));
  out.set(bytes);
  for (let i = 0; i + 1 < out.length; i += 2) {
    const t = out[i]!;
    out[i] = out[i + 1]!;
    out[i + 1] = t;
  }
  return out;
}

/** Unpacks 1-bit samples (least significant bit first) starting at bit `bitOffset`. */
export function unpackBits(bytes: Uint8Array, bitOffset: number, count: number): Uint8Array {
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const bit = bitOffset + i;
    out[i] = (bytes[bit >> 3]! >> (bit & 7)) & 1;
  }
  return out;
}

export async function decodeNative(input: CodecInput): Promise<CodecOutput> {
  const { pm, bytes, file } = input;
  const count = pm.rows * pm.columns * pm.samplesPerPixel;
  const planar = pm.samplesPerPixel > 1 && pm.planarConfiguration === 1;
  const out = (samples: Samples): CodecOutput => ({
    samples,
    samplesPerPixel: pm.samplesPerPixel,
    planar,
    rgb: false,
  });
  const ba = pm.bitsAllocated;
  // Big endian OW data is byte-swapped per 16-bit word, whatever BitsAllocated is: 1- and 8-bit
  // samples need their words swapped back; OB data is never swapped.
  const wordSwapped = !file.encoding.littleEndian && input.vr === 'OW' && ba <= 8;
  if (ba === 1) {
    const source = wordSwapped ? swapWords(bytes) : bytes;
    return out(unpackBits(source, input.bitOffset ?? 0, count));
  }
  if (wordSwapped) {
    const skip = (input.bitOffset ?? 0) >> 3;
    const swapped = swapWords(bytes).slice(skip, skip + count);
    return out(
      pm.pixelRepresentation === 1 && pm.samplesPerPixel === 1
        ? new Int8Array(swapped.buffer)
        : swapped,
    );
  }
  const width = ba / 8;
  const frameBytes = bytes.subarray(0, count * width);
  const view =
    pm.samplesPerPixel === 1 &&
    (file.encoding.littleEndian || width === 1) &&
    frameBytes.byteOffset % width === 0;
  const buffer = view ? (frameBytes.buffer as ArrayBuffer) : copyBytes(frameBytes);
  const at = view ? frameBytes.byteOffset : 0;
  const length = Math.floor(frameBytes.byteLength / width);
  if (!view && !file.encoding.littleEndian && width > 1) swap(buffer, width);
  if (pm.floatPixelData === 'float32') return out(new Float32Array(buffer, at, length));
  if (pm.floatPixelData === 'float64') return out(new Float64Array(buffer, at, length));
  const signed = pm.pixelRepresentation === 1 && pm.samplesPerPixel === 1;
  switch (ba) {
    case 8:
      return out(signed ? new Int8Array(buffer, at, length) : new Uint8Array(buffer, at, length));
    case 16:
      return out(signed ? new Int16Array(buffer, at, length) : new Uint16Array(buffer, at, length));
    case 32:
      return out(signed ? new Int32Array(buffer, at, length) : new Uint32Array(buffer, at, length));
    default:
      throw new Error(`BitsAllocated ${ba} is not supported`);
  }
}
