import { SecondlookError } from '../errors';
import { lookUp, lutEntryCount } from './lookup-table';
import { rescale16BitPairs } from './rescale-16bit';
import type { LutTable, NumericArray } from './types';

/** The Modality LUT stage (PS3.3 C.11.1): rescale slope/intercept, or a Modality LUT Sequence. */
export interface ModalityTransform {
  rescaleSlope: number;
  rescaleIntercept: number;
  /** When present it replaces the rescale (the two are mutually exclusive in the standard). */
  modalityLut: LutTable | null;
}

/**
 * Stored values to modality values (Hounsfield units for CT), as float32.
 * Rescale: out = slope * stored + intercept. Modality LUT Sequence: out = LUT[stored] with the
 * first/last-entry clamping of C.11.1.1.1. `out` (same length) lets a caller write straight
 * into a slice of a volume instead of allocating.
 */
export function applyModalityLut(
  pixels: NumericArray,
  transform: ModalityTransform,
  out: Float32Array = new Float32Array(pixels.length),
): Float32Array {
  if (out.length !== pixels.length) {
    throw new SecondlookError(
      'BAD_SIZE',
      `output holds ${out.length} values, the frame ${pixels.length}`,
    );
  }
  const lut = transform.modalityLut;
  if (lut) {
    const count = lutEntryCount(lut);
    for (let i = 0; i < pixels.length; i++) out[i] = lookUp(lut, count, pixels[i] as number);
    return out;
  }
  const slope = transform.rescaleSlope;
  const intercept = transform.rescaleIntercept;
  const sixteenBit = pixels instanceof Int16Array || pixels instanceof Uint16Array;
  if (sixteenBit && rescale16BitPairs(pixels, out, slope, intercept)) return out;
  for (let i = 0; i < pixels.length; i++) out[i] = (pixels[i] as number) * slope + intercept;
  return out;
}
