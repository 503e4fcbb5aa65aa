/**
 * A volume of modality values (HU for CT), written slice by slice into the smallest array that
 * holds every value exactly, as Cornerstone3D keeps its CT volumes: Int16Array while every slice
 * has an integral rescale slope and intercept and every value fits [-32768, 32767]; Uint16Array
 * when the values fit [0, 65535] instead; Float32Array otherwise (a fractional slope or
 * intercept, a Modality LUT Sequence, float pixel data, values that fit neither 16-bit type).
 *
 * The type follows the data of every slice, not the first one: slices go into 16-bit storage
 * while they fit, and the first slice that does not fit promotes the volume to Float32 once
 * (the slices written so far are converted; none of the Float32 memory is touched before).
 * A promotion late in a series holds both arrays for a moment: up to 1.5 times the Float32
 * volume, where a volume that stays 16-bit never needs more than half of it.
 */
import { SecondlookError } from '../errors';
import { applyModalityLut, type ModalityTransform } from './modality-lut';
import { rescaleInto16Bits } from './rescale-integer';
import type { NumericArray } from './types';

export type ModalityVolumeData = Int16Array | Uint16Array | Float32Array;
export type ModalityVolumeType = 'int16' | 'uint16' | 'float32';

export class ModalityVolumeBuilder {
  /** 16-bit storage, until a slice needs Float32. */
  private words: Int16Array | null;
  private floats: Float32Array | null = null;
  /** Whether every slice written into `words` so far fits Int16 / Uint16. */
  private fitsInt16 = true;
  private fitsUint16 = true;
  private readonly written: Uint8Array;

  constructor(
    readonly sliceLength: number,
    readonly depth: number,
  ) {
    if (
      !Number.isInteger(sliceLength) ||
      sliceLength < 1 ||
      !Number.isInteger(depth) ||
      depth < 1
    ) {
      throw new SecondlookError(
        'BAD_SIZE',
        `a volume needs whole positive sizes, not ${sliceLength} values x ${depth} slices`,
      );
    }
    this.words = new Int16Array(sliceLength * depth);
    this.written = new Uint8Array(depth);
  }

  /** Writes the modality values of `pixels` (one slice's stored values) as slice `index`. */
  writeSlice(index: number, pixels: NumericArray, transform: ModalityTransform): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.depth) {
      throw new SecondlookError(
        'BAD_SIZE',
        `slice ${index} is outside the volume's ${this.depth} slices (0-based)`,
      );
    }
    if (pixels.length !== this.sliceLength) {
      throw new SecondlookError(
        'BAD_SIZE',
        `slice ${index} holds ${pixels.length} values, the volume's slices ${this.sliceLength}`,
      );
    }
    const start = index * this.sliceLength;
    const end = start + this.sliceLength;
    if (this.words) {
      const fit = transform.modalityLut
        ? null
        : rescaleInto16Bits(
            pixels,
            this.words.subarray(start, end),
            transform.rescaleSlope,
            transform.rescaleIntercept,
          );
      if (fit && ((fit.int16 && this.fitsInt16) || (fit.uint16 && this.fitsUint16))) {
        this.fitsInt16 &&= fit.int16;
        this.fitsUint16 &&= fit.uint16;
        this.written[index] = 1;
        return;
      }
      this.promoteToFloat32();
    }
    applyModalityLut(pixels, transform, this.floats!.subarray(start, end));
  }

  private promoteToFloat32(): void {
    const words = this.words!;
    const values = this.fitsInt16
      ? words
      : new Uint16Array(words.buffer, words.byteOffset, words.length);
    const floats = new Float32Array(words.length);
    for (let index = 0; index < this.depth; index++) {
      if (!this.written[index]) continue;
      const start = index * this.sliceLength;
      floats.set(values.subarray(start, start + this.sliceLength), start);
    }
    this.floats = floats;
    this.words = null;
  }

  get type(): ModalityVolumeType {
    if (this.floats) return 'float32';
    return this.fitsInt16 ? 'int16' : 'uint16';
  }

  /** The volume, slice after slice; slices never written hold 0. */
  get data(): ModalityVolumeData {
    if (this.floats) return this.floats;
    const words = this.words!;
    return this.fitsInt16 ? words : new Uint16Array(words.buffer, words.byteOffset, words.length);
  }
}
