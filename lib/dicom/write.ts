/**
 * A small DICOM Part 10 writer: explicit VR little endian, with a preamble and file meta group.
 * It writes what the project creates itself (the demo study set, the AI results sent to a
 * PACS): strings (a Uint8Array for a string VR is written as given, so text copied from another
 * file keeps its bytes), unsigned shorts and longs, signed longs, floats (FL, from a Float32Array), 8- and
 * 16-bit pixel data, and sequences of defined length. It is not a general-purpose encoder.
 */

type ElementValue =
  string | number[] | Uint8Array | Int16Array | Uint16Array | Float32Array | readonly Element[][];

export type WritableVr =
  | 'AE'
  | 'CS'
  | 'DA'
  | 'DS'
  | 'DT'
  | 'FL'
  | 'IS'
  | 'LO'
  | 'LT'
  | 'OB'
  | 'OW'
  | 'PN'
  | 'SH'
  | 'SL'
  | 'SQ'
  | 'ST'
  | 'TM'
  | 'UI'
  | 'US'
  | 'UL'
  | 'UT';

export interface Element {
  /** (group << 16) | element */
  tag: number;
  vr: WritableVr;
  /** Sequence items for SQ; text, numbers or bytes otherwise. */
  value: ElementValue;
}

const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
const IMPLEMENTATION_CLASS_UID = '1.2.826.0.1.3680043.10.1470.1';
/** VRs whose explicit encoding has a 2-byte reserved field and a 4-byte length. */
const LONG_VRS = new Set(['OB', 'OW', 'SQ', 'UT']);
const ITEM = 0xfffee000;

function encodeText(element: Element, text: string): Uint8Array {
  const padByte = element.vr === 'UI' ? 0 : 0x20;
  const bytes = new TextEncoder().encode(text);
  const padded = new Uint8Array(bytes.length + (bytes.length % 2));
  padded.set(bytes);
  if (padded.length > bytes.length) padded[bytes.length] = padByte;
  return padded;
}

function tagHeader(tag: number, length: number): Uint8Array {
  const header = new Uint8Array(8);
  const view = new DataView(header.buffer);
  view.setUint16(0, tag >>> 16, true);
  view.setUint16(2, tag & 0xffff, true);
  view.setUint32(4, length, true);
  return header;
}

/** Items of defined length, each its elements in tag order. */
function encodeItems(items: readonly Element[][]): Uint8Array {
  return concat(
    items.flatMap((item) => {
      const body = concat(sorted(item).map(encodeElement));
      return [tagHeader(ITEM, body.length), body];
    }),
  );
}

function encodeValue(element: Element): Uint8Array {
  const { value, vr } = element;
  if (typeof value === 'string') return encodeText(element, value);
  if (vr === 'SQ') return encodeItems(value as readonly Element[][]);
  if (value instanceof Uint8Array) {
    if (value.length % 2 === 0) return value;
    const padded = new Uint8Array(value.length + 1);
    padded.set(value);
    padded[value.length] = vr === 'OB' || vr === 'UI' ? 0 : 0x20;
    return padded;
  }
  if (
    value instanceof Int16Array ||
    value instanceof Uint16Array ||
    value instanceof Float32Array
  ) {
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }
  const numbers = value as number[];
  const size = vr === 'UL' || vr === 'SL' ? 4 : 2;
  const out = new Uint8Array(numbers.length * size);
  const view = new DataView(out.buffer);
  numbers.forEach((n, i) => {
    if (vr === 'SL') view.setInt32(i * 4, n, true);
    else if (size === 4) view.setUint32(i * 4, n, true);
    else view.setUint16(i * 2, n, true);
  });
  return out;
}

function encodeElement(element: Element): Uint8Array {
  const body = encodeValue(element);
  const long = LONG_VRS.has(element.vr);
  const header = new Uint8Array(long ? 12 : 8);
  const view = new DataView(header.buffer);
  view.setUint16(0, element.tag >>> 16, true);
  view.setUint16(2, element.tag & 0xffff, true);
  header[4] = element.vr.charCodeAt(0);
  header[5] = element.vr.charCodeAt(1);
  if (long) view.setUint32(8, body.length, true);
  else view.setUint16(6, body.length, true);
  return concat([header, body]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function sorted(elements: readonly Element[]): Element[] {
  return [...elements].sort((a, b) => a.tag - b.tag);
}

/** Encodes a dataset (without group 0002) as a Part 10 file. */
export function writePart10(
  dataset: Element[],
  meta: { sopClassUID: string; sopInstanceUID: string },
): Uint8Array {
  const metaElements: Element[] = [
    { tag: 0x00020001, vr: 'OB', value: Uint8Array.of(0, 1) },
    { tag: 0x00020002, vr: 'UI', value: meta.sopClassUID },
    { tag: 0x00020003, vr: 'UI', value: meta.sopInstanceUID },
    { tag: 0x00020010, vr: 'UI', value: EXPLICIT_VR_LITTLE_ENDIAN },
    { tag: 0x00020012, vr: 'UI', value: IMPLEMENTATION_CLASS_UID },
  ];
  const metaBody = concat(metaElements.map(encodeElement));
  const groupLength = encodeElement({ tag: 0x00020000, vr: 'UL', value: [metaBody.length] });
  const preamble = new Uint8Array(132);
  preamble.set(new TextEncoder().encode('DICM'), 128);
  return concat([preamble, groupLength, metaBody, ...sorted(dataset).map(encodeElement)]);
}
