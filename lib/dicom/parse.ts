/**
 * parseDicom: Part 10 bytes -> DicomFile. dicom-parser does the element walk; this file frames
 * the input (preamble, meta, bare datasets), inflates deflated datasets with pako (the same
 * code runs in the browser), and turns dicom-parser's string exceptions into SecondlookErrors
 * with a stable code and, where known, the byte offset.
 */
import dicomParser, { type DataSet, type Element } from 'dicom-parser';
import { inflateRaw } from 'pako';
import { foreignMessage, SecondlookError } from '../errors';
import { frame } from './framing';
import { TS } from './tags';
import type { DicomFile } from './types';

export interface ParseOptions {
  /** Where the bytes came from, for error messages. */
  file?: string;
  /**
   * Return what could be read from a truncated or otherwise broken dataset instead of throwing;
   * the error is then in `DicomFile.incomplete`. Inputs that are not DICOM at all still throw.
   */
  allowPartial?: boolean;
}

const UID_PATTERN = /^[0-9]+(\.[0-9]+)*$/;

function tagName(tag: string): string {
  return `(${tag.slice(1, 5)},${tag.slice(5, 9)})`;
}

/** The element read last (highest data offset) in a partial dataset. */
function lastElement(ds: DataSet | undefined): Element | null {
  if (!ds) return null;
  let last: Element | null = null;
  for (const key in ds.elements) {
    const el = ds.elements[key]!;
    if (!last || el.dataOffset > last.dataOffset) last = el;
  }
  return last;
}

function classify(message: string): string {
  if (
    /overrun|maxP ?osition|cannot be greater|eof encountered|beyond|end of buffer|past the end/i.test(
      message,
    )
  ) {
    return 'TRUNCATED';
  }
  return 'MALFORMED';
}

function inflaterFor(file: string | undefined) {
  return (byteArray: Uint8Array, position?: number): Uint8Array => {
    const start = position ?? 0;
    let inflated: Uint8Array;
    try {
      inflated = inflateRaw(byteArray.subarray(start));
    } catch (error) {
      throw new SecondlookError(
        'BAD_DEFLATE',
        `deflated dataset does not inflate: ${foreignMessage(error)}`,
        { offset: start, file },
      );
    }
    if (!(inflated instanceof Uint8Array) || inflated.length === 0) {
      throw new SecondlookError('BAD_DEFLATE', 'deflated dataset inflates to nothing', {
        offset: start,
        file,
      });
    }
    if (start === 0) return inflated;
    const out = new Uint8Array(start + inflated.length);
    out.set(byteArray.subarray(0, start));
    out.set(inflated, start);
    return out;
  };
}

/**
 * Parses a DICOM Part 10 file (or a bare dataset without file meta). Synchronous; values are
 * decoded lazily later. Throws SecondlookError: NOT_DICOM, TRUNCATED, BAD_FILE_META,
 * BAD_TRANSFER_SYNTAX, BAD_DEFLATE or MALFORMED.
 */
export function parseDicom(bytes: Uint8Array, options: ParseOptions = {}): DicomFile {
  const file = options.file;
  if (!(bytes instanceof Uint8Array)) {
    throw new SecondlookError('NOT_DICOM', 'input is not a byte array', { file });
  }
  if (bytes.length < 8) {
    throw new SecondlookError('NOT_DICOM', `only ${bytes.length} bytes: too short for DICOM`, {
      offset: 0,
      file,
    });
  }
  let framing;
  try {
    framing = frame(bytes);
  } catch (error) {
    throw error instanceof SecondlookError ? error.inFile(file ?? '') : error;
  }
  const ts = framing.transferSyntaxUID;
  if (!UID_PATTERN.test(ts) || ts.length > 64) {
    throw new SecondlookError('BAD_TRANSFER_SYNTAX', `transfer syntax "${ts}" is not a UID`, {
      file,
      offset: framing.hasPreamble ? 132 : 0,
    });
  }
  const base = framing.datasetOffset;
  const datasetBytes = bytes.subarray(base);
  const encoding = {
    transferSyntaxUID: ts,
    fileMetaTransferSyntaxUID: framing.metaTransferSyntaxUID,
    littleEndian: framing.parseAs !== TS.ExplicitBE,
    explicitVR: framing.parseAs !== TS.ImplicitLE,
    deflated: ts === TS.DeflatedLE,
    hasPreamble: framing.hasPreamble,
    hasFileMeta: framing.hasFileMeta,
  };
  const make = (dataSet: DataSet, incomplete: DicomFile['incomplete']): DicomFile => ({
    file: file ?? null,
    bytes,
    dataSet,
    encoding,
    datasetOffset: base,
    warnings: [...framing.warnings, ...(dataSet.warnings ?? [])],
    incomplete,
  });

  if (datasetBytes.length === 0) {
    throw new SecondlookError('TRUNCATED', 'file meta but no dataset after it', {
      offset: base,
      file,
    });
  }

  try {
    const dataSet = dicomParser.parseDicom(datasetBytes, {
      TransferSyntaxUID: framing.parseAs,
      inflater: inflaterFor(file) as unknown as (arr: Uint8Array, position: number) => void,
    });
    return make(dataSet, null);
  } catch (thrown) {
    if (thrown instanceof SecondlookError) throw thrown.inFile(file ?? '');
    const wrapped = thrown as { exception?: unknown; dataSet?: DataSet } | string | Error;
    const inner =
      typeof wrapped === 'object' && wrapped !== null && 'exception' in wrapped
        ? wrapped.exception
        : wrapped;
    if (inner instanceof SecondlookError) throw inner.inFile(file ?? '');
    const partial =
      typeof wrapped === 'object' && wrapped !== null && 'dataSet' in wrapped
        ? wrapped.dataSet
        : undefined;
    const raw = inner instanceof Error ? inner.message : String(inner);
    const code = classify(raw);
    const last = lastElement(partial);
    let offset: number | null = null;
    let message = raw.replace(/^dicomParser[.:]\s*/, '');
    if (last && partial) {
      const available = partial.byteArray.length - last.dataOffset;
      offset = encoding.deflated ? null : base + last.dataOffset;
      if (last.length !== 0xffffffff && last.length > available) {
        message = `element ${tagName(last.tag)} claims ${last.length} bytes but only ${Math.max(available, 0)} remain`;
      } else {
        message = `${message} (after element ${tagName(last.tag)})`;
        if (last.length !== 0xffffffff && !encoding.deflated)
          offset = base + last.dataOffset + last.length;
      }
    }
    const error = new SecondlookError(code, message, { offset: offset ?? undefined, file });
    if (options.allowPartial && partial) return make(partial, error.toJSON());
    throw error;
  }
}
