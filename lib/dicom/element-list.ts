/**
 * Every element of a DICOM file as rows, sequences' items nested below them, as a tag browser
 * (OHIF's, or `dcmdump`) shows them: tag, VR, keyword, length and the value in words. Values are
 * read with the file's byte order and its Specific Character Set; long values are cut short.
 */
import dicomParser, { type DataSet, type Element } from 'dicom-parser';
import { dictionaryEntry } from './dictionary';
import { textDecoderFor, type TextReader } from './character-set';
import { TAG } from './tags';
import type { DicomFile } from './types';

export interface ElementRow {
  /** `(0010,0010)`, as DICOM and dcmdump write tags. */
  tag: string;
  /** The VR as the file gives it (explicit VR) or as the dictionary does (implicit VR). */
  vr: string;
  /** The dictionary's keyword; `PrivateCreator`, `PrivateTag`, `GroupLength`, `Item`, or '' if unknown. */
  keyword: string;
  /** The private creator (gggg,00xx) that reserved a private element's block; null for others. */
  creator: string | null;
  /** 0 for the dataset's own elements; one deeper for each sequence item around it. */
  depth: number;
  /** The value's length in bytes; null for an undefined length (a sequence or encapsulated data). */
  length: number | null;
  /** The value in words: strings as read, numbers joined by `\`, binary as hex, a sequence's item count. */
  value: string;
}

export interface ElementList {
  rows: ElementRow[];
  /** Whether rows stopped at the limit (an enhanced multi-frame's per-frame groups can be huge). */
  truncated: boolean;
}

const TEXT_VRS = new Set([
  'AE',
  'AS',
  'CS',
  'DA',
  'DS',
  'DT',
  'IS',
  'LO',
  'LT',
  'PN',
  'SH',
  'ST',
  'TM',
  'UC',
  'UI',
  'UR',
  'UT',
]);
/** Free text keeps its leading spaces (PS3.5 6.2); the others are trimmed at both ends. */
const FREE_TEXT_VRS = new Set(['LT', 'ST', 'UT']);
/** A 32-bit float as the shortest decimal that reads back to it (-77.2040634, not -77.20406341552734). */
function single(value: number): number {
  for (let digits = 1; digits < 9; digits++) {
    const shorter = Number(value.toPrecision(digits));
    if (Math.fround(shorter) === value) return shorter;
  }
  return Number(value.toPrecision(9));
}

const NUMBER_READERS: Record<
  string,
  { size: number; read: (view: DataView, at: number, le: boolean) => number | bigint }
> = {
  US: { size: 2, read: (v, at, le) => v.getUint16(at, le) },
  SS: { size: 2, read: (v, at, le) => v.getInt16(at, le) },
  UL: { size: 4, read: (v, at, le) => v.getUint32(at, le) },
  SL: { size: 4, read: (v, at, le) => v.getInt32(at, le) },
  FL: { size: 4, read: (v, at, le) => single(v.getFloat32(at, le)) },
  FD: { size: 8, read: (v, at, le) => v.getFloat64(at, le) },
  OF: { size: 4, read: (v, at, le) => single(v.getFloat32(at, le)) },
  OD: { size: 8, read: (v, at, le) => v.getFloat64(at, le) },
  OL: { size: 4, read: (v, at, le) => v.getUint32(at, le) },
  SV: { size: 8, read: (v, at, le) => v.getBigInt64(at, le) },
  UV: { size: 8, read: (v, at, le) => v.getBigUint64(at, le) },
  OV: { size: 8, read: (v, at, le) => v.getBigUint64(at, le) },
};
/** At most this many characters of a text value, and this many numbers or bytes of others. */
const MAX_TEXT = 1024;
const MAX_VALUES = 64;
const DEFAULT_MAX_ROWS = 20_000;

function tagText(tag: string): string {
  return `(${tag.slice(1, 5).toUpperCase()},${tag.slice(5, 9).toUpperCase()})`;
}

function cut(values: string[], separator: string, total: number): string {
  return values.join(separator) + (total > values.length ? `${separator}…` : '');
}

interface Context {
  littleEndian: boolean;
  pixelRepresentation: number | null;
  decoder: TextReader;
}

/**
 * The VR of an element that is not a sequence (an element with items is one, even a UN of
 * undefined length, CP-246, as DCMTK reads it): the file's where explicit, else the dictionary's
 * choice resolved.
 */
function vrOf(element: Element, context: Context): string {
  // Encapsulated pixel data is OB (PS3.5 A.4), whatever dicom-parser records.
  if (element.encapsulatedPixelData) return 'OB';
  if (element.vr) return element.vr;
  const entry = dictionaryEntry(element.tag);
  const group = parseInt(element.tag.slice(1, 5), 16);
  const number = parseInt(element.tag.slice(5, 9), 16);
  if (number === 0) return 'UL';
  if (group % 2 === 1) return number >= 0x10 && number <= 0xff ? 'LO' : 'UN';
  if (!entry) return 'UN';
  if (entry.vr === 'xs') return context.pixelRepresentation === 1 ? 'SS' : 'US';
  if (entry.vr === 'ox' || entry.vr === 'lt') return 'OW';
  if (entry.vr === 'up') return 'UL';
  return entry.vr;
}

function keywordOf(tag: string): string {
  const group = parseInt(tag.slice(1, 5), 16);
  const number = parseInt(tag.slice(5, 9), 16);
  const entry = group % 2 === 0 ? dictionaryEntry(tag) : null;
  if (entry) return entry.keyword;
  if (number === 0) return 'GroupLength';
  if (group % 2 === 0) return '';
  return number >= 0x10 && number <= 0xff ? 'PrivateCreator' : 'PrivateTag';
}

function valueOf(ds: DataSet, element: Element, vr: string, context: Context): string {
  if (element.encapsulatedPixelData) {
    return `encapsulated: ${element.fragments?.length ?? 0} fragments after the offset table`;
  }
  const length = element.length;
  if (length <= 0 || length === 0xffffffff) return '';
  const bytes = ds.byteArray;
  if (element.dataOffset + length > bytes.length)
    return '(the value runs past the end of the file)';
  const raw = bytes.subarray(element.dataOffset, element.dataOffset + length);
  if (TEXT_VRS.has(vr)) {
    const text = context.decoder(raw).replace(/\0+$/, '');
    const trimmed = FREE_TEXT_VRS.has(vr) ? text.trimEnd() : text.trim();
    return trimmed.length > MAX_TEXT ? `${trimmed.slice(0, MAX_TEXT)}…` : trimmed;
  }
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  if (vr === 'AT') {
    const count = Math.floor(length / 4);
    const shown = Array.from({ length: Math.min(count, MAX_VALUES) }, (_, k) => {
      const group = view
        .getUint16(k * 4, context.littleEndian)
        .toString(16)
        .padStart(4, '0');
      const number = view
        .getUint16(k * 4 + 2, context.littleEndian)
        .toString(16)
        .padStart(4, '0');
      return `(${group},${number})`.toUpperCase();
    });
    return cut(shown, '\\', count);
  }
  const reader = NUMBER_READERS[vr];
  if (reader) {
    const count = Math.floor(length / reader.size);
    const shown = Array.from({ length: Math.min(count, MAX_VALUES) }, (_, k) =>
      String(reader.read(view, k * reader.size, context.littleEndian)),
    );
    return cut(shown, '\\', count);
  }
  if (vr === 'OW') {
    const count = Math.floor(length / 2);
    const shown = Array.from({ length: Math.min(count, MAX_VALUES) }, (_, k) =>
      view
        .getUint16(k * 2, context.littleEndian)
        .toString(16)
        .padStart(4, '0'),
    );
    return cut(shown, '\\', count);
  }
  const shown = Array.from(raw.subarray(0, MAX_VALUES), (byte) =>
    byte.toString(16).padStart(2, '0'),
  );
  return cut(shown, '\\', length);
}

/**
 * The tags of a dataset's elements in order; not the Transfer Syntax UID dicom-parser adds to a
 * dataset it was told the transfer syntax of (no value in the bytes), nor the item delimiters it
 * keeps as elements of an item of undefined length.
 */
/**
 * Whether the length field before `dataOffset` was undefined (FFFFFFFFH): dicom-parser records the
 * length it found by reading to the delimiter, and marks only some undefined lengths.
 */
function undefinedLength(bytes: Uint8Array, dataOffset: number): boolean {
  return dataOffset >= 4 && bytes.subarray(dataOffset - 4, dataOffset).every((b) => b === 0xff);
}

/**
 * The items of a private sequence in an implicit VR dataset, which dicom-parser reads past and
 * drops: read again from the element's bytes when they start with an item tag; null otherwise.
 */
function privateItems(ds: DataSet, element: Element): Element['items'] | null {
  const bytes = ds.byteArray;
  const at = element.dataOffset;
  const startsWithItem =
    bytes[at] === 0xfe &&
    bytes[at + 1] === 0xff &&
    bytes[at + 2] === 0x00 &&
    bytes[at + 3] === 0xe0;
  if (element.vr || element.items || !startsWithItem) return null;
  const sequence: Element = {
    ...element,
    length: undefinedLength(bytes, at) ? 0xffffffff : element.length,
  };
  try {
    dicomParser.readSequenceItemsImplicit(
      new dicomParser.ByteStream(ds.byteArrayParser, bytes, at),
      sequence,
    );
  } catch {
    return null;
  }
  return sequence.items ?? null;
}

function sortedTags(ds: DataSet): string[] {
  return Object.keys(ds.elements)
    .filter((tag) => ds.elements[tag]!.length !== undefined && !tag.startsWith('xfffe'))
    .sort();
}

/** The file meta group (explicit VR little endian, before the dataset), or null if none. */
function fileMeta(file: DicomFile): DataSet | null {
  if (!file.encoding.hasFileMeta) return null;
  const bytes = file.bytes;
  const dicmAtStart =
    bytes[0] === 0x44 && bytes[1] === 0x49 && bytes[2] === 0x43 && bytes[3] === 0x4d;
  const start = file.encoding.hasPreamble ? 132 : dicmAtStart ? 4 : 0;
  const stream = new dicomParser.ByteStream(dicomParser.littleEndianByteArrayParser, bytes, start);
  const meta = new dicomParser.DataSet(stream.byteArrayParser, bytes, {});
  try {
    dicomParser.parseDicomDataSetExplicit(meta, stream, file.datasetOffset);
  } catch {
    return null;
  }
  return meta;
}

/** The decoder for a dataset: its own Specific Character Set, else the one around it. */
function contextFor(ds: DataSet, outer: Context): Context {
  const charset = ds.elements[TAG.SpecificCharacterSet];
  if (!charset || charset.length <= 0) return outer;
  return { ...outer, decoder: textDecoderFor(ds.string(TAG.SpecificCharacterSet) ?? '') };
}

/**
 * The rows of every element of `file` in tag order, each sequence followed by its items and
 * theirs; at most `maxRows` (then `truncated`).
 */
export function listElements(file: DicomFile, maxRows = DEFAULT_MAX_ROWS): ElementList {
  const rows: ElementRow[] = [];
  const top = file.dataSet;
  const pixelRepresentation = top.elements[TAG.PixelRepresentation]
    ? (top.uint16(TAG.PixelRepresentation) ?? null)
    : null;
  const base: Context = {
    littleEndian: file.encoding.littleEndian,
    pixelRepresentation,
    decoder: textDecoderFor(''),
  };
  const walk = (ds: DataSet, depth: number, outer: Context): boolean => {
    const context = contextFor(ds, outer);
    const creators = new Map<string, string>();
    for (const tag of sortedTags(ds)) {
      if (rows.length >= maxRows) return false;
      const element = ds.elements[tag]!;
      const items = element.items ?? privateItems(ds, element);
      const vr = items ? 'SQ' : vrOf(element, context);
      const keyword = keywordOf(tag);
      const value = items ? `${items.length} items` : valueOf(ds, element, vr, context);
      if (keyword === 'PrivateCreator') creators.set(`${tag.slice(1, 5)}${tag.slice(7, 9)}`, value);
      const block = `${tag.slice(1, 5)}${tag.slice(5, 7)}`;
      rows.push({
        tag: tagText(tag),
        vr,
        keyword,
        creator: keyword === 'PrivateTag' ? (creators.get(block) ?? null) : null,
        depth,
        length: undefinedLength(ds.byteArray, element.dataOffset) ? null : element.length,
        value,
      });
      for (const [index, item] of (items ?? []).entries()) {
        if (rows.length >= maxRows) return false;
        rows.push({
          tag: '(FFFE,E000)',
          vr: 'na',
          keyword: 'Item',
          creator: null,
          depth: depth + 1,
          length: undefinedLength(ds.byteArray, item.dataOffset) ? null : item.length,
          value: `#${index + 1}`,
        });
        if (item.dataSet && !walk(item.dataSet, depth + 2, context)) return false;
      }
    }
    return true;
  };
  const meta = fileMeta(file);
  const metaContext: Context = { ...base, littleEndian: true };
  const complete = (meta === null || walk(meta, 0, metaContext)) && walk(top, 0, base);
  return { rows, truncated: !complete };
}
