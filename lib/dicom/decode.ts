/**
 * decodeFrame: one frame of pixel data -> stored values (grayscale) or RGB (colour). The codec
 * for the transfer syntax comes from the registry; this file checks the request, finds the
 * frame's bytes, and normalises what the codec returns: container type, BitsStored mask of
 * native data, clamp of unsigned codec output, sign extension (only when BitsStored <
 * BitsAllocated), planar -> interleaved, YBR -> RGB, palettes.
 */
import { foreignMessage, SecondlookError } from '../errors';
import { applyPalette, interleave, upsample422, ybrFullToRgb } from './colour';
import { codecFor } from './codecs/registry';
import type { CodecOutput, Samples } from './codecs/types';
import { encapsulatedFrame, isEncapsulated, nativeFrameRange, pixelDataElement } from './frames';
import { readPixelModule } from './pixelModule';
import type { DecodedFrame, DicomFile, PixelArray, PixelDType, PixelModule } from './types';

function error(file: DicomFile, code: string, message: string, offset?: number): SecondlookError {
  return new SecondlookError(code, message, { file: file.file ?? undefined, offset });
}

function grayDType(pm: PixelModule): PixelDType {
  if (pm.floatPixelData) return pm.floatPixelData;
  const signed = pm.pixelRepresentation === 1;
  if (pm.bitsAllocated <= 8) return signed ? 'int8' : 'uint8';
  if (pm.bitsAllocated <= 16) return signed ? 'int16' : 'uint16';
  return signed ? 'int32' : 'uint32';
}

const CTORS = {
  uint8: Uint8Array,
  int8: Int8Array,
  uint16: Uint16Array,
  int16: Int16Array,
  uint32: Uint32Array,
  int32: Int32Array,
  float32: Float32Array,
  float64: Float64Array,
} as const;

/** `samples` as the dtype's array: a view when the element size matches, else one copy. */
function asDType(samples: Samples, dtype: PixelDType, count: number): PixelArray {
  const Ctor = CTORS[dtype];
  if (samples instanceof Ctor)
    return samples.length === count ? samples : samples.subarray(0, count);
  if (
    samples.BYTES_PER_ELEMENT === Ctor.BYTES_PER_ELEMENT &&
    !(samples instanceof Float32Array) &&
    !(samples instanceof Float64Array)
  ) {
    return new Ctor(samples.buffer as ArrayBuffer, samples.byteOffset, count);
  }
  const out = new Ctor(count);
  for (let i = 0; i < count; i++) out[i] = samples[i]!;
  return out;
}

/** Masks to BitsStored (unsigned) or sign-extends from BitsStored (signed), in place. */
function maskInPlace(pixels: PixelArray, bitsStored: number, signed: boolean, shift: number): void {
  if (signed) {
    const s = 32 - bitsStored;
    for (let i = 0; i < pixels.length; i++) pixels[i] = ((pixels[i]! >>> shift) << s) >> s;
  } else {
    const mask = bitsStored >= 32 ? 0xffffffff : (1 << bitsStored) - 1;
    for (let i = 0; i < pixels.length; i++) pixels[i] = ((pixels[i]! >>> shift) & mask) >>> 0;
  }
}

/**
 * Clamps unsigned codec samples to BitsStored, in place. A lossy codec may overshoot the stored
 * range by a level or two at sharp edges (IJG libjpeg does too); masking such a sample would
 * wrap the brightest pixels to black, clamping keeps them at the top of the range.
 */
function clampInPlace(pixels: PixelArray, bitsStored: number): void {
  const max = 2 ** bitsStored - 1;
  for (let i = 0; i < pixels.length; i++) if (pixels[i]! > max) pixels[i] = max;
}

function finishGray(
  file: DicomFile,
  pm: PixelModule,
  out: CodecOutput,
  native: boolean,
): { dtype: PixelDType; pixels: PixelArray } {
  const dtype = grayDType(pm);
  let pixels = asDType(out.samples, dtype, pm.rows * pm.columns);
  if (!pm.floatPixelData && pm.bitsAllocated > 1) {
    // Stored values sit in bits [highBit - bitsStored + 1, highBit]; only native data keeps
    // a non-standard high bit (codecs return the sample values themselves).
    const shift = native ? Math.max(0, pm.highBit + 1 - pm.bitsStored) : 0;
    if (pm.bitsStored < pm.bitsAllocated || shift > 0) {
      // Native frames can be views of the file's bytes: mask a copy of those, never the file.
      if (pixels.buffer === file.dataSet.byteArray.buffer) pixels = pixels.slice();
      if (native || pm.pixelRepresentation === 1) {
        maskInPlace(pixels, pm.bitsStored, pm.pixelRepresentation === 1, shift);
      } else {
        clampInPlace(pixels, pm.bitsStored);
      }
    }
  }
  return { dtype, pixels };
}

function finishColour(
  pm: PixelModule,
  out: CodecOutput,
  native: boolean,
): { dtype: PixelDType; pixels: PixelArray } {
  const pixelsCount = pm.rows * pm.columns;
  const pi = pm.photometricInterpretation;
  let samples = out.samples;
  if (native && pi === 'YBR_FULL_422') {
    samples = upsample422(samples, pm.rows, pm.columns);
  } else if (out.planar) {
    samples = interleave(samples, pixelsCount);
  }
  const dtype: PixelDType =
    pm.bitsAllocated <= 8 ? 'uint8' : pm.bitsAllocated <= 16 ? 'uint16' : 'uint32';
  let pixels = asDType(samples, dtype, pixelsCount * 3);
  if (!out.rgb && (pi === 'YBR_FULL' || pi === 'YBR_FULL_422')) {
    if (pixels === out.samples) pixels = pixels.slice();
    ybrFullToRgb(pixels, pm.bitsAllocated <= 8 ? 255 : pm.bitsAllocated <= 16 ? 65535 : 0xffffffff);
  }
  return { dtype, pixels };
}

export interface DecodeOptions {
  /** PALETTE COLOR: 'rgb' (default) applies the palette; 'indices' returns the stored indices. */
  palette?: 'rgb' | 'indices';
}

/** Decodes frame `frameIndex` (zero-based). Throws SecondlookError with a stable code. */
export async function decodeFrame(
  file: DicomFile,
  frameIndex: number,
  options: DecodeOptions = {},
): Promise<DecodedFrame> {
  const pm = readPixelModule(file);
  const el = pixelDataElement(file);
  if (!Number.isInteger(frameIndex) || frameIndex < 0 || frameIndex >= pm.numberOfFrames) {
    throw error(
      file,
      'FRAME_OUT_OF_RANGE',
      `frame ${frameIndex} is out of range: the file has ${pm.numberOfFrames} frame(s) (0-based)`,
    );
  }
  if (
    ![1, 8, 16, 32, 64].includes(pm.bitsAllocated) ||
    (pm.bitsAllocated === 64 && !pm.floatPixelData)
  ) {
    throw error(
      file,
      'UNSUPPORTED_PIXEL_FORMAT',
      `BitsAllocated ${pm.bitsAllocated} is not supported`,
    );
  }
  if (pm.samplesPerPixel !== 1 && pm.samplesPerPixel !== 3) {
    throw error(
      file,
      'UNSUPPORTED_PIXEL_FORMAT',
      `SamplesPerPixel ${pm.samplesPerPixel} is not supported`,
    );
  }
  const ts = file.encoding.transferSyntaxUID;
  const entry = codecFor(ts);
  if (!entry) {
    throw error(file, 'UNSUPPORTED_TRANSFER_SYNTAX', `transfer syntax ${ts} cannot be decoded`);
  }
  const encapsulated = isEncapsulated(el);
  if (encapsulated !== entry.encapsulated) {
    throw error(
      file,
      'BAD_PIXEL_DATA',
      encapsulated
        ? `Pixel Data is encapsulated but transfer syntax ${ts} is native`
        : `Pixel Data is native but transfer syntax ${ts} requires encapsulation`,
      file.encoding.deflated ? undefined : file.datasetOffset + el.dataOffset,
    );
  }
  let bytes: Uint8Array;
  let bitOffset = 0;
  let vr = el.vr;
  if (encapsulated) {
    bytes = encapsulatedFrame(file, pm, frameIndex);
  } else {
    const frameModule =
      pm.photometricInterpretation === 'YBR_FULL_422' ? { ...pm, samplesPerPixel: 2 } : pm;
    const range = nativeFrameRange(file, frameModule, frameIndex);
    bitOffset = range.bitOffset;
    if (!file.encoding.littleEndian && el.vr === 'OW' && pm.bitsAllocated <= 8) {
      // Word-swapped data: take whole 16-bit words (the frame may start or end mid-word).
      const wordStart = range.start - ((range.start - el.dataOffset) % 2);
      const end = Math.min(el.dataOffset + el.length, range.start + range.length + 1);
      bitOffset += (range.start - wordStart) * 8;
      bytes = file.dataSet.byteArray.subarray(wordStart, end);
    } else {
      bytes = file.dataSet.byteArray.subarray(range.start, range.start + range.length);
      vr = undefined;
    }
  }
  const codec = await entry.load();
  let out: CodecOutput;
  try {
    const codecModule =
      !encapsulated && pm.photometricInterpretation === 'YBR_FULL_422'
        ? { ...pm, samplesPerPixel: 2, planarConfiguration: 0 }
        : pm;
    out = await codec({ file, pm: codecModule, frame: frameIndex, bytes, bitOffset, vr });
  } catch (thrown) {
    if (thrown instanceof SecondlookError)
      throw thrown.file ? thrown : thrown.inFile(file.file ?? '');
    throw error(
      file,
      'DECODE_FAILED',
      `${entry.name} decoder failed on frame ${frameIndex}: ${foreignMessage(thrown)}`,
    );
  }
  const expected =
    pm.rows *
    pm.columns *
    (!encapsulated && pm.photometricInterpretation === 'YBR_FULL_422' ? 2 : pm.samplesPerPixel);
  if (out.samples.length < expected) {
    throw error(
      file,
      'DECODE_FAILED',
      `${entry.name} decoder returned ${out.samples.length} samples for frame ${frameIndex}, expected ${expected} (${pm.rows}x${pm.columns}x${pm.samplesPerPixel})`,
    );
  }
  const base = {
    rows: pm.rows,
    columns: pm.columns,
    frame: frameIndex,
    numberOfFrames: pm.numberOfFrames,
  };
  if (
    pm.samplesPerPixel === 1 &&
    pm.photometricInterpretation === 'PALETTE COLOR' &&
    options.palette !== 'indices'
  ) {
    if (!pm.palette)
      throw error(file, 'BAD_PIXEL_DATA', 'PALETTE COLOR without readable palette lookup tables');
    const indices = asDType(out.samples, grayDType(pm), pm.rows * pm.columns);
    return {
      ...base,
      samplesPerPixel: 3,
      photometricInterpretation: 'RGB',
      dtype: 'uint8',
      pixels: applyPalette(indices, pm),
    };
  }
  if (pm.samplesPerPixel === 1) {
    const { dtype, pixels } = finishGray(file, pm, out, !encapsulated);
    const pi = pm.photometricInterpretation.startsWith('MONOCHROME')
      ? pm.photometricInterpretation
      : 'MONOCHROME2';
    return {
      ...base,
      samplesPerPixel: 1,
      photometricInterpretation: options.palette === 'indices' ? pm.photometricInterpretation : pi,
      dtype,
      pixels,
    };
  }
  const { dtype, pixels } = finishColour(pm, out, !encapsulated);
  return { ...base, samplesPerPixel: 3, photometricInterpretation: 'RGB', dtype, pixels };
}
