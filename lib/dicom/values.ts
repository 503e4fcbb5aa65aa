/**
 * Typed value readers over a dicom-parser DataSet. Every reader returns null when the element
 * is absent, empty or unreadable; none throws. Offsets and lengths are checked before use.
 */
import type { DataSet, Element } from 'dicom-parser';
import type { TextReader } from './character-set';

/** The element, if present with a value (length > 0 and inside the byte array). */
export function presentElement(ds: DataSet, tag: string): Element | null {
  const el = ds.elements[tag];
  if (!el || el.length === undefined || el.length <= 0 || el.length === 0xffffffff) return null;
  if (el.dataOffset + el.length > ds.byteArray.length) return null;
  return el;
}

/** The first value of a string VR, trimmed of padding; null when absent or empty. */
export function str(ds: DataSet, tag: string): string | null {
  if (!presentElement(ds, tag)) return null;
  const value = ds.string(tag);
  return value === undefined || value === '' ? null : value;
}

/**
 * A text element's value (SH, LO, PN, ST, LT, UT...) read by `reader` in the dataset's Specific
 * Character Set, up to any NUL, its trailing padding dropped; '' when absent. Leading spaces are
 * the caller's to drop: they count in ST, LT and UT, not in SH, LO or PN.
 */
export function textValue(ds: DataSet, tag: string, reader: TextReader): string {
  const element = presentElement(ds, tag);
  if (!element) return '';
  const bytes = ds.byteArray.subarray(element.dataOffset, element.dataOffset + element.length);
  const end = bytes.indexOf(0);
  return reader(end < 0 ? bytes : bytes.subarray(0, end)).replace(/ +$/, '');
}

/** The raw string of all values (backslash-separated), trimmed. */
function rawString(ds: DataSet, tag: string): string | null {
  const el = presentElement(ds, tag);
  if (!el) return null;
  const bytes = ds.byteArray;
  let text = '';
  for (let i = el.dataOffset, end = el.dataOffset + el.length; i < end; i++) {
    const c = bytes[i]!;
    if (c === 0) break;
    text += String.fromCharCode(c);
  }
  text = text.trim();
  return text === '' ? null : text;
}

/** Every value of a multi-valued string (CS, LO...) trimmed; null when absent. */
export function strings(ds: DataSet, tag: string): string[] | null {
  const text = rawString(ds, tag);
  return text === null ? null : text.split('\\').map((v) => v.trim());
}

/** Every value of a DS/IS element as numbers; null when absent or any value is not a number. */
export function numbers(ds: DataSet, tag: string): number[] | null {
  const values = strings(ds, tag);
  if (!values) return null;
  const out: number[] = [];
  for (const v of values) {
    if (v === '') continue;
    const n = Number(v);
    if (!Number.isFinite(n)) return null;
    out.push(n);
  }
  return out.length ? out : null;
}

/** The values of a binary element (FL, SL, UL...) read by `read`, `size` bytes each; [] when absent. */
export function binaryValues(
  ds: DataSet,
  tag: string,
  size: number,
  read: (k: number) => number | undefined,
): number[] {
  const element = presentElement(ds, tag);
  if (!element) return [];
  return Array.from({ length: Math.floor(element.length / size) }, (_, k) => read(k) ?? NaN);
}

/** The first value of a DS/IS element; null when absent or not a number. */
export function num(ds: DataSet, tag: string): number | null {
  const values = numbers(ds, tag);
  return values ? values[0]! : null;
}

/** A US value (or US/SS/OW read as unsigned 16-bit); null when absent or too short. */
export function us(ds: DataSet, tag: string, index = 0): number | null {
  const el = presentElement(ds, tag);
  if (!el || el.length < (index + 1) * 2) return null;
  return ds.uint16(tag, index) ?? null;
}

/** An IS-or-US value: NumberOfFrames is IS, but some writers get it wrong. */
export function intValue(ds: DataSet, tag: string): number | null {
  const n = num(ds, tag);
  return n === null ? null : Math.trunc(n);
}
