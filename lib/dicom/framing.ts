/**
 * Finds where the dataset starts and how it is encoded, before dicom-parser sees it:
 * 128-byte preamble + "DICM" (standard), "DICM" without preamble, a file meta group without
 * either, or a bare dataset (no meta: the encoding is sniffed from the first element).
 * Every read is bounds-checked; nothing here throws except with a SecondlookError.
 */
import { SecondlookError } from '../errors';
import { TS } from './tags';

const VRS = new Set(
  'AE AS AT CS DA DS DT FL FD IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV'.split(
    ' ',
  ),
);
/** VRs whose explicit encoding has 2 reserved bytes and a 32-bit length. */
const LONG_VRS = new Set('OB OD OF OL OV OW SQ UC UN UR UT SV UV'.split(' '));

export interface Framing {
  hasPreamble: boolean;
  hasFileMeta: boolean;
  /** Where the dataset (after any meta) starts. */
  datasetOffset: number;
  /** (0002,0010) from the meta, null when absent. */
  metaTransferSyntaxUID: string | null;
  /** The transfer syntax of the pixel data (the meta's, or the one inferred). */
  transferSyntaxUID: string;
  /** The transfer syntax to parse the dataset with (differs when the meta lies about VR). */
  parseAs: string;
  warnings: string[];
}

function isDICM(bytes: Uint8Array, at: number): boolean {
  return (
    at + 4 <= bytes.length &&
    bytes[at] === 0x44 &&
    bytes[at + 1] === 0x49 &&
    bytes[at + 2] === 0x43 &&
    bytes[at + 3] === 0x4d
  );
}

function vrAt(bytes: Uint8Array, at: number): string | null {
  if (at + 2 > bytes.length) return null;
  const vr = String.fromCharCode(bytes[at]!, bytes[at + 1]!);
  return VRS.has(vr) ? vr : null;
}

function u16le(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8);
}
function u32le(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

/** The encoding of a dataset from its first element, or null when it looks like no DICOM. */
function sniffEncoding(bytes: Uint8Array, at: number): string | null {
  if (at + 8 > bytes.length) return null;
  const groupLE = u16le(bytes, at);
  const groupBE = (bytes[at]! << 8) | bytes[at + 1]!;
  if (vrAt(bytes, at + 4)) return groupLE <= groupBE ? TS.ExplicitLE : TS.ExplicitBE;
  const length = u32le(bytes, at + 4);
  if (groupLE % 2 === 0 && (length === 0xffffffff || at + 8 + length <= bytes.length)) {
    return TS.ImplicitLE;
  }
  return null;
}

/** The first group of a bare dataset must be one a dataset starts with. */
function plausibleFirstGroup(bytes: Uint8Array, at: number, ts: string): boolean {
  if (at + 2 > bytes.length) return false;
  const group = ts === TS.ExplicitBE ? (bytes[at]! << 8) | bytes[at + 1]! : u16le(bytes, at);
  return group % 2 === 0 && group <= 0x0028;
}

/** Reads the file meta group (explicit VR little endian) starting at `at`. */
function readMeta(
  bytes: Uint8Array,
  at: number,
): { end: number; transferSyntaxUID: string | null } {
  let pos = at;
  let transferSyntaxUID: string | null = null;
  while (pos + 8 <= bytes.length && u16le(bytes, pos) === 0x0002) {
    const element = u16le(bytes, pos + 2);
    const vr = vrAt(bytes, pos + 4);
    if (!vr) {
      throw new SecondlookError('BAD_FILE_META', 'file meta element without a valid VR', {
        offset: pos,
      });
    }
    let length: number;
    let valueAt: number;
    if (LONG_VRS.has(vr)) {
      if (pos + 12 > bytes.length) break;
      length = u32le(bytes, pos + 8);
      valueAt = pos + 12;
    } else {
      length = u16le(bytes, pos + 6);
      valueAt = pos + 8;
    }
    if (length === 0xffffffff || valueAt + length > bytes.length) {
      throw new SecondlookError(
        'TRUNCATED',
        `file meta element (0002,${element.toString(16).padStart(4, '0')}) runs past the end of the file`,
        { offset: pos },
      );
    }
    if (element === 0x0010) {
      let uid = '';
      for (let i = valueAt; i < valueAt + length; i++) {
        const c = bytes[i]!;
        if (c === 0) break;
        uid += String.fromCharCode(c);
      }
      transferSyntaxUID = uid.trim() || null;
    }
    pos = valueAt + length;
  }
  return { end: pos, transferSyntaxUID };
}

/** Works out where and how to read the dataset in `bytes`. */
export function frame(bytes: Uint8Array): Framing {
  const warnings: string[] = [];
  let metaAt = -1;
  let hasPreamble = false;
  if (isDICM(bytes, 128)) {
    metaAt = 132;
    hasPreamble = true;
  } else if (isDICM(bytes, 0)) {
    metaAt = 4;
    warnings.push('no 128-byte preamble before "DICM"');
  } else if (bytes.length >= 8 && u16le(bytes, 0) === 0x0002 && vrAt(bytes, 4)) {
    metaAt = 0;
    warnings.push('file meta without preamble or "DICM" prefix');
  }

  if (metaAt >= 0) {
    const meta = readMeta(bytes, metaAt);
    const datasetOffset = meta.end;
    let ts = meta.transferSyntaxUID;
    if (datasetOffset >= bytes.length) {
      return {
        hasPreamble,
        hasFileMeta: true,
        datasetOffset,
        metaTransferSyntaxUID: ts,
        transferSyntaxUID: ts ?? TS.ImplicitLE,
        parseAs: ts ?? TS.ImplicitLE,
        warnings,
      };
    }
    if (!ts) {
      ts = sniffEncoding(bytes, datasetOffset) ?? TS.ImplicitLE;
      warnings.push(`file meta has no transfer syntax (0002,0010): read as ${ts}`);
    } else if (ts !== TS.ImplicitLE && ts !== TS.DeflatedLE && !vrAt(bytes, datasetOffset + 4)) {
      // The meta says explicit VR but the first element has no VR: some writers put an
      // implicit VR dataset behind an explicit transfer syntax.
      const sniffed = sniffEncoding(bytes, datasetOffset);
      if (sniffed === TS.ImplicitLE) {
        warnings.push(`meta says ${ts} (explicit VR) but the dataset is implicit VR: read as such`);
        return {
          hasPreamble,
          hasFileMeta: true,
          datasetOffset,
          metaTransferSyntaxUID: ts,
          transferSyntaxUID: ts,
          parseAs: TS.ImplicitLE,
          warnings,
        };
      }
    }
    return {
      hasPreamble,
      hasFileMeta: true,
      datasetOffset,
      metaTransferSyntaxUID: ts === meta.transferSyntaxUID ? ts : meta.transferSyntaxUID,
      transferSyntaxUID: ts,
      parseAs: ts,
      warnings,
    };
  }

  const sniffed = sniffEncoding(bytes, 0);
  if (!sniffed || !plausibleFirstGroup(bytes, 0, sniffed)) {
    let hint = '';
    for (let skip = 1; skip <= 4 && !hint; skip++) {
      const later = sniffEncoding(bytes, skip);
      if (later && plausibleFirstGroup(bytes, skip, later) && vrAt(bytes, skip + 4)) {
        hint = ` (a dataset seems to start at byte ${skip}: stray leading bytes?)`;
      }
    }
    throw new SecondlookError(
      'NOT_DICOM',
      `no "DICM" prefix, no file meta and no recognisable dataset at byte 0${hint}`,
      { offset: 0 },
    );
  }
  warnings.push(`no file meta: read as ${sniffed}`);
  return {
    hasPreamble: false,
    hasFileMeta: false,
    datasetOffset: 0,
    metaTransferSyntaxUID: null,
    transferSyntaxUID: sniffed,
    parseAs: sniffed,
    warnings,
  };
}
