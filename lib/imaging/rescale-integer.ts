/**
 * The rescale out = slope * x + intercept into 16-bit words, for an integral slope and
 * intercept, reporting whether every result fits Int16 [-32768, 32767] and whether every result
 * fits Uint16 [0, 65535]. A 16-bit store keeps the low 16 bits of the integer result (ToInt16
 * and ToUint16 agree bit for bit), so the words read correctly as whichever type holds the range.
 *
 * The CT case (slope 1, intercept 0 or below, 16-bit samples) adds the intercept to two samples
 * per 32-bit word with lane-wise (SWAR) arithmetic, about twice the speed of the general loop,
 * which also has to track the minimum and maximum. Anything else takes the general loop.
 */
import type { NumericArray } from './types';

/** Which 16-bit types hold every value of a rescaled slice exactly. */
export interface SixteenBitFit {
  int16: boolean;
  uint16: boolean;
}

const LOW_BITS = 0x7fff7fff;
const SIGN_BITS = 0x80008000 | 0;
/** What the pair loops return: a lane left Int16 (or was 32768+ unsigned), a sum was negative. */
const FAILED = 1;
const NEGATIVE = 2;

const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Each 16-bit lane of `word` plus the same lane of `both`, modulo 2^16: the low 15 bits are
 * summed (no carry leaves a lane), the sign bits xored in. With an intercept of 0 or below a
 * signed lane can only leave Int16 downwards, a negative sample whose sum is not negative
 * (word & ~sum); an unsigned lane fits only if its sample is below 32768 (`unsigned` = all
 * ones adds the word's own sign bits), and then never leaves Int16.
 */
function addPairsAligned(from: Int32Array, to: Int32Array, both: number, unsigned: number) {
  const bothLow = both & LOW_BITS;
  const bothSign = both & SIGN_BITS;
  let failed = 0;
  let negative = 0;
  for (let k = 0; k < from.length; k++) {
    const word = from[k] as number;
    const sum = ((word & LOW_BITS) + bothLow) ^ ((word ^ bothSign) & SIGN_BITS);
    to[k] = sum;
    failed |= word & (unsigned | ~sum);
    negative |= sum;
  }
  return ((failed & SIGN_BITS) !== 0 ? FAILED : 0) | ((negative & SIGN_BITS) !== 0 ? NEGATIVE : 0);
}

/** As addPairsAligned for samples that start in the high half of from[0]; leaves the last pair. */
function addPairsShifted(from: Int32Array, to: Int32Array, both: number, unsigned: number) {
  const bothLow = both & LOW_BITS;
  const bothSign = both & SIGN_BITS;
  let failed = 0;
  let negative = 0;
  let previous = from[0] as number;
  for (let k = 0; k + 1 < from.length; k++) {
    const next = from[k + 1] as number;
    const word = (previous >>> 16) | (next << 16);
    previous = next;
    const sum = ((word & LOW_BITS) + bothLow) ^ ((word ^ bothSign) & SIGN_BITS);
    to[k] = sum;
    failed |= word & (unsigned | ~sum);
    negative |= sum;
  }
  return ((failed & SIGN_BITS) !== 0 ? FAILED : 0) | ((negative & SIGN_BITS) !== 0 ? NEGATIVE : 0);
}

/**
 * slope 1 and an intercept of 0 or below on 16-bit samples, two per 32-bit word; null when it
 * cannot run (a misaligned output, a sample of 32768 or more in unsigned data, a result below
 * -32768): the general loop then decides. Input at 2 mod 4 (a pixel data element two bytes off
 * a word boundary, as often as not) is read as aligned words, each pair put together from two.
 */
function addInterceptPairs(
  pixels: Int16Array | Uint16Array,
  out: Int16Array,
  intercept: number,
): SixteenBitFit | null {
  const shifted = pixels.byteOffset % 4 !== 0;
  if (out.byteOffset % 4 !== 0 || pixels.length % 2 !== 0 || pixels.length < 4) return null;
  if (shifted && !littleEndianHost) return null;
  if (intercept < -32768 || intercept > 0) return null;
  const pairs = pixels.length >> 1;
  const to = new Int32Array(out.buffer, out.byteOffset, pairs);
  const both = (intercept & 0xffff) * 0x10001;
  const unsigned = pixels instanceof Uint16Array ? -1 : 0;
  let result = shifted
    ? addPairsShifted(
        new Int32Array(pixels.buffer, pixels.byteOffset - 2, pairs),
        to,
        both,
        unsigned,
      )
    : addPairsAligned(new Int32Array(pixels.buffer, pixels.byteOffset, pairs), to, both, unsigned);
  if (shifted) {
    // the last pair would need the word after the pixels: done on its own
    const last = rescaleLoop(pixels.subarray(-2), out.subarray(-2), 1, intercept);
    if (!last.int16) return null;
    if (!last.uint16) result |= NEGATIVE;
  }
  if (result & FAILED) return null;
  return { int16: true, uint16: (result & NEGATIVE) === 0 };
}

function rescaleLoop(
  pixels: NumericArray,
  out: Int16Array,
  slope: number,
  intercept: number,
): SixteenBitFit {
  if (pixels.length === 0) return { int16: true, uint16: true };
  let lowest = (pixels[0] as number) * slope + intercept;
  let highest = lowest;
  for (let i = 0; i < pixels.length; i++) {
    const value = (pixels[i] as number) * slope + intercept;
    out[i] = value;
    if (value < lowest) lowest = value;
    else if (value > highest) highest = value;
  }
  return {
    int16: lowest >= -32768 && highest <= 32767,
    uint16: lowest >= 0 && highest <= 65535,
  };
}

/**
 * Writes slope * pixels + intercept into `out` (same length) as 16-bit words. Returns null,
 * writing nothing, when the results are not all integers: a fractional slope or intercept, or
 * float pixel data.
 */
export function rescaleInto16Bits(
  pixels: NumericArray,
  out: Int16Array,
  slope: number,
  intercept: number,
): SixteenBitFit | null {
  if (!Number.isInteger(slope) || !Number.isInteger(intercept)) return null;
  if (pixels instanceof Float32Array || pixels instanceof Float64Array) return null;
  if (slope === 1 && (pixels instanceof Int16Array || pixels instanceof Uint16Array)) {
    const fit = addInterceptPairs(pixels, out, intercept);
    if (fit) return fit;
  }
  return rescaleLoop(pixels, out, slope, intercept);
}
