/** The contract between decodeFrame and each codec file. */
import type { DicomFile, PixelArray, PixelModule } from '../types';

export type Samples = PixelArray;

export interface CodecInput {
  file: DicomFile;
  pm: PixelModule;
  frame: number;
  /** The frame's bytes: compressed for encapsulated syntaxes, raw for native ones. */
  bytes: Uint8Array;
  /** Native only: bit offset of the frame's first pixel in `bytes` (BitsAllocated 1). */
  bitOffset?: number;
  /** Native only: the Pixel Data VR (OB or OW) when the file says, for big endian word swaps. */
  vr?: string;
}

export interface CodecOutput {
  /** Samples in host order; one element per sample (bit-packed data already unpacked). */
  samples: Samples;
  /** Samples per pixel actually decoded. */
  samplesPerPixel: number;
  /** Colour samples are planar (RRR...GGG...BBB...) rather than interleaved. */
  planar: boolean;
  /** The codec already converted YBR to RGB (JPEG baseline, JPEG 2000 with MCT). */
  rgb: boolean;
  /** Width and height the codec saw, when it knows them. */
  columns?: number;
  rows?: number;
}

export type Codec = (input: CodecInput) => Promise<CodecOutput>;
