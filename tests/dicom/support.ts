/** Shared helpers for the lib/dicom tests: the data tree, MANIFEST rows, reference pixels. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sharedDataDir, sharedDicomDir } from '../support/paths';
import { parseDicom, type DicomFile } from '../../lib/dicom';

export { sharedDicomDir };

export interface ManifestRow {
  path: string;
  ts: string;
  flags: string;
  notes: string;
}

/** MANIFEST.md rows by path under dicom/ (used for expectations only, never for the file list). */
export function manifestRows(): Map<string, ManifestRow> {
  const text = readFileSync(path.join(sharedDataDir, 'MANIFEST.md'), 'utf8');
  const rows = new Map<string, ManifestRow>();
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 13 || !cells[1] || cells[1] === 'path' || cells[1].startsWith('---'))
      continue;
    rows.set(cells[1], { path: cells[1], ts: cells[3]!, flags: cells[10]!, notes: cells[11]! });
  }
  return rows;
}

/** Every DICOM candidate under ../shared/data/dicom (licence and readme files left out). */
export function allDicomFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
    );
  return walk(sharedDicomDir)
    .filter(
      (file) =>
        !/(^|\/)(LICENSE[^/]*|README[^/]*|NOTICE[^/]*|readme[^/]*)$|\.(md|txt)$/i.test(file),
    )
    .map((file) => path.relative(sharedDicomDir, file))
    .sort();
}

export function load(rel: string): DicomFile {
  const buffer = readFileSync(path.join(sharedDicomDir, rel));
  return parseDicom(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength), {
    file: rel,
  });
}

/**
 * Stored values of one frame from raw little-endian Pixel Data bytes, masked like decodeFrame
 * masks native data; with `clampUnsigned` (references of lossy codec output), an unsigned value
 * above BitsStored is clamped like decodeFrame clamps codec output.
 */
export function referenceFrame(
  raw: Uint8Array,
  frame: number,
  shape: {
    rows: number;
    columns: number;
    samplesPerPixel: number;
    bitsAllocated: number;
    bitsStored: number;
    signed: boolean;
    planar: boolean;
    clampUnsigned?: boolean;
  },
): number[] | Float64Array {
  const { rows, columns, samplesPerPixel: spp, bitsAllocated: ba } = shape;
  const count = rows * columns * spp;
  const values = new Float64Array(count);
  if (ba === 1) {
    const start = frame * count;
    for (let i = 0; i < count; i++) {
      const bit = start + i;
      values[i] = (raw[bit >> 3]! >> (bit & 7)) & 1;
    }
    return values;
  }
  const width = ba / 8;
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const base = frame * count * width;
  if (base + count * width > raw.length) throw new Error(`reference has no frame ${frame}`);
  const bs = shape.bitsStored;
  for (let i = 0; i < count; i++) {
    const at = base + i * width;
    let v =
      width === 1
        ? view.getUint8(at)
        : width === 2
          ? view.getUint16(at, true)
          : view.getUint32(at, true);
    if (bs < ba) v = shape.clampUnsigned && !shape.signed ? Math.min(v, 2 ** bs - 1) : v % 2 ** bs;
    if (shape.signed && spp === 1 && v >= 2 ** (bs - 1)) v -= 2 ** bs;
    values[i] = v;
  }
  if (shape.planar && spp === 3) {
    const pixels = rows * columns;
    const out = new Float64Array(count);
    for (let i = 0; i < pixels; i++) {
      out[3 * i] = values[i]!;
      out[3 * i + 1] = values[pixels + i]!;
      out[3 * i + 2] = values[2 * pixels + i]!;
    }
    return out;
  }
  return values;
}

export function diffStats(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
): { max: number; mean: number } {
  if (actual.length !== expected.length)
    throw new Error(`length ${actual.length} != ${expected.length}`);
  let max = 0;
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    const d = Math.abs(actual[i]! - expected[i]!);
    if (d > max) max = d;
    sum += d;
  }
  return { max, mean: actual.length ? sum / actual.length : 0 };
}
