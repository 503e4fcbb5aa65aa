/**
 * Locating one frame's bytes in PixelData: native (frames laid end to end, bit-packed for
 * BitsAllocated 1) or encapsulated (Basic Offset Table, one fragment per frame, or fragments
 * grouped by codestream start markers). Every offset and length is checked before use.
 */
import type { Element } from 'dicom-parser';
import { SecondlookError } from '../errors';
import { TAG } from './tags';
import type { DicomFile, PixelModule } from './types';

interface FragmentSpan {
  /** Offset of the fragment's data in dataSet.byteArray. */
  position: number;
  length: number;
}

function fail(file: DicomFile, code: string, message: string, offset?: number): never {
  const at =
    offset === undefined || file.encoding.deflated ? undefined : file.datasetOffset + offset;
  throw new SecondlookError(code, message, { offset: at, file: file.file ?? undefined });
}

/** The PixelData element (or Float/Double Float Pixel Data), checked against the buffer. */
export function pixelDataElement(file: DicomFile): Element {
  const ds = file.dataSet;
  const el =
    ds.elements[TAG.PixelData] ??
    ds.elements[TAG.FloatPixelData] ??
    ds.elements[TAG.DoubleFloatPixelData];
  if (!el) fail(file, 'NO_PIXEL_DATA', 'no Pixel Data (7fe0,0010) element');
  if (!isEncapsulated(el) && el.dataOffset + el.length > ds.byteArray.length) {
    fail(
      file,
      'TRUNCATED',
      `Pixel Data claims ${el.length} bytes but only ${ds.byteArray.length - el.dataOffset} remain`,
      el.dataOffset,
    );
  }
  return el;
}

export function isEncapsulated(el: Element): boolean {
  return (
    Boolean(el.encapsulatedPixelData) ||
    (el.hadUndefinedLength === true && (el.items?.length ?? 0) > 0)
  );
}

/** Bytes per frame of native pixel data, in bits (frames of 1-bit data need not be byte aligned). */
function nativeFrameBits(pm: PixelModule): number {
  return pm.rows * pm.columns * pm.samplesPerPixel * pm.bitsAllocated;
}

/** One native frame's byte range (for BitsAllocated 1: the bytes covering its bits). */
export function nativeFrameRange(
  file: DicomFile,
  pm: PixelModule,
  frame: number,
): { start: number; length: number; bitOffset: number } {
  const el = pixelDataElement(file);
  const frameBits = nativeFrameBits(pm);
  const startBit = frameBits * frame;
  const start = el.dataOffset + Math.floor(startBit / 8);
  const bitOffset = startBit % 8;
  const length = Math.ceil((bitOffset + frameBits) / 8);
  const available = el.dataOffset + el.length - start;
  if (length > available) {
    fail(
      file,
      'BAD_PIXEL_DATA',
      `frame ${frame} needs ${length} bytes of Pixel Data but only ${Math.max(0, available)} remain (Pixel Data is ${el.length} bytes)`,
      start,
    );
  }
  return { start, length, bitOffset };
}

/** Fragments of encapsulated pixel data (without the Basic Offset Table item). */
function fragmentsOf(file: DicomFile, el: Element): { bot: number[]; fragments: FragmentSpan[] } {
  const size = file.dataSet.byteArray.length;
  let fragments: FragmentSpan[];
  let bot: number[];
  if (el.fragments) {
    fragments = el.fragments.map((f) => ({ position: f.position, length: f.length }));
    bot = el.basicOffsetTable ?? [];
  } else {
    // An implicit VR reading of encapsulated pixel data: dicom-parser saw items.
    const items = el.items ?? [];
    const first = items[0];
    bot = [];
    if (first && first.length > 0) {
      const ds = file.dataSet;
      for (let i = 0; i + 4 <= first.length; i += 4)
        bot.push(ds.byteArrayParser.readUint32(ds.byteArray, first.dataOffset + i));
    }
    fragments = items.slice(1).map((item) => ({ position: item.dataOffset, length: item.length }));
  }
  for (const f of fragments) {
    if (f.position + f.length > size || f.length === 0xffffffff) {
      fail(
        file,
        'TRUNCATED',
        `pixel data fragment at ${f.position} runs past the end of the data`,
        f.position,
      );
    }
  }
  return { bot, fragments };
}

function startsFrame(bytes: Uint8Array, at: number, length: number): boolean {
  if (length < 4) return false;
  const b0 = bytes[at]!;
  const b1 = bytes[at + 1]!;
  if (b0 === 0xff && (b1 === 0xd8 || b1 === 0x4f)) return true; // JPEG/JPEG-LS SOI, J2K SOC
  // JP2 signature box: 0000000C 6A502020
  return (
    length >= 8 &&
    b0 === 0 &&
    b1 === 0 &&
    bytes[at + 2] === 0 &&
    bytes[at + 3] === 0x0c &&
    bytes[at + 4] === 0x6a &&
    bytes[at + 5] === 0x50
  );
}

function concat(bytes: Uint8Array, spans: FragmentSpan[]): Uint8Array {
  if (spans.length === 1)
    return bytes.subarray(spans[0]!.position, spans[0]!.position + spans[0]!.length);
  let total = 0;
  for (const s of spans) total += s.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const s of spans) {
    out.set(bytes.subarray(s.position, s.position + s.length), at);
    at += s.length;
  }
  return out;
}

/** The compressed bytes of one frame of encapsulated pixel data. */
export function encapsulatedFrame(
  file: DicomFile,
  pm: PixelModule,
  frame: number,
  markerGrouping = true,
): Uint8Array {
  const el = pixelDataElement(file);
  const { bot, fragments } = fragmentsOf(file, el);
  const bytes = file.dataSet.byteArray;
  if (fragments.length === 0)
    fail(file, 'BAD_PIXEL_DATA', 'encapsulated Pixel Data has no fragments', el.dataOffset);
  const frames = pm.numberOfFrames;
  if (frames === 1) return concat(bytes, fragments);
  if (bot.length === frames) {
    // Offsets are from the first byte of the first fragment's item tag.
    const first = fragments[0]!.position - 8;
    const start = first + bot[frame]!;
    const end = frame + 1 < frames ? first + bot[frame + 1]! : Infinity;
    const spans = fragments.filter((f) => f.position - 8 >= start && f.position - 8 < end);
    if (spans.length === 0)
      fail(
        file,
        'BAD_PIXEL_DATA',
        `Basic Offset Table entry ${frame} points at no fragment`,
        el.dataOffset,
      );
    return concat(bytes, spans);
  }
  if (fragments.length === frames) return concat(bytes, [fragments[frame]!]);
  if (markerGrouping) {
    const groups: FragmentSpan[][] = [];
    for (const f of fragments) {
      if (groups.length === 0 || startsFrame(bytes, f.position, f.length)) groups.push([f]);
      else groups[groups.length - 1]!.push(f);
    }
    if (groups.length === frames) return concat(bytes, groups[frame]!);
  }
  fail(
    file,
    'BAD_PIXEL_DATA',
    `cannot tell which of ${fragments.length} fragments make frame ${frame} of ${frames} (no usable Basic Offset Table)`,
    el.dataOffset,
  );
}
