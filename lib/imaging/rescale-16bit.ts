/**
 * The rescale out = slope * x + intercept for 16-bit samples, reading two samples per 32-bit
 * load. In V8 this is about a fifth faster than one typed-array read per sample, which
 * matters for whole-series loads (300 CT slices are 79 million samples). Needs a
 * little-endian host (so the first sample is the low half) and a 4-byte-aligned input;
 * returns false when it cannot run, and the caller takes the plain loop.
 */
const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function rescale16BitPairs(
  pixels: Int16Array | Uint16Array,
  out: Float32Array,
  slope: number,
  intercept: number,
): boolean {
  if (!littleEndianHost || pixels.byteOffset % 4 !== 0) return false;
  const pairs = new Int32Array(pixels.buffer, pixels.byteOffset, pixels.length >> 1);
  if (pixels instanceof Int16Array) {
    for (let k = 0; k < pairs.length; k++) {
      const both = pairs[k] as number;
      out[2 * k] = ((both << 16) >> 16) * slope + intercept; // low half, sign-extended
      out[2 * k + 1] = (both >> 16) * slope + intercept; // high half, arithmetic shift
    }
  } else {
    for (let k = 0; k < pairs.length; k++) {
      const both = pairs[k] as number;
      out[2 * k] = (both & 0xffff) * slope + intercept;
      out[2 * k + 1] = (both >>> 16) * slope + intercept;
    }
  }
  const last = pixels.length - 1;
  if (pixels.length % 2) out[last] = (pixels[last] as number) * slope + intercept;
  return true;
}
