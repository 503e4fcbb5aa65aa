/**
 * The plain shapes `lib/imaging` works on: typed arrays and small parameter objects. They are
 * structural subsets of what `lib/dicom` hands out (DecodedFrame, PixelModule, LookupTable), so
 * those can be passed as they are, while tests and other callers can build them by hand.
 */

export type NumericArray =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array;

/** A DICOM lookup table: descriptor [entries (0 means 65536), first input value mapped, bits]. */
export interface LutTable {
  readonly descriptor: readonly [number, number, number];
  readonly data: ArrayLike<number>;
  /** LUT Explanation (0028,3003), when the file gives one. */
  readonly explanation?: string | null;
}

/** One Window Center / Window Width pair (0028,1050 / 0028,1051). */
export interface VoiWindow {
  center: number;
  width: number;
  explanation?: string | null;
}

/** VOI LUT Function (0028,1056); absent means LINEAR. */
export type VoiLutFunction = 'LINEAR' | 'LINEAR_EXACT' | 'SIGMOID';

/** What turns stored values into display values (a subset of lib/dicom's PixelModule). */
export interface DisplayParams {
  photometricInterpretation: string;
  rescaleSlope: number;
  rescaleIntercept: number;
  modalityLut: LutTable | null;
  windows: readonly VoiWindow[];
  voiLutFunction: string | null;
  voiLuts: readonly LutTable[];
}

/** One frame of stored values (a subset of lib/dicom's DecodedFrame). */
export interface FramePixels {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  photometricInterpretation: string;
  pixels: NumericArray;
}

/** A single-channel float image, row-major. */
export interface FloatPlane {
  width: number;
  height: number;
  data: Float32Array;
}

/** An 8-bit image ready to show or encode: grey (1), RGB (3) or RGBA (4), interleaved. */
export interface DisplayImage {
  width: number;
  height: number;
  channels: 1 | 3 | 4;
  data: Uint8Array;
}
