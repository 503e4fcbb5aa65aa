/**
 * The viewer's cache of parsed instances (app/_components/viewer/file-cache.ts), over real files
 * parsed by lib/dicom: a file a viewer holds stays however many others load beside it, a file
 * nobody holds goes once newer ones pass the count or byte budget, a file in flight is never
 * dropped, and a failed load is forgotten.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileCache, type FileCacheLimits } from '../../app/_components/viewer/file-cache';
import { imageIdOf, multiFrameFiles } from '../../app/_components/viewer/frame-loader';
import { parseDicom, type DicomFile } from '../../lib/dicom';
import { sharedDataDir, sharedDicomDir } from '../support/paths';

/** A chest radiograph of 2128 x 2000 pixels (4 MB), and four slices of a CT. */
const cr = path.join(sharedDicomDir, 'pylibjpeg-data', '966.dcm');
const patient = path.join(sharedDicomDir, 'pydicom', 'dicomdirtests', '77654033');
const ctSlices = ['17106', '17136', '17166', '17196'].map((file) =>
  path.join(patient, 'CT2', file),
);
const multiFrameCt = path.join(
  sharedDicomDir,
  'dicomParser',
  'encapsulated',
  'multi-frame',
  'CT0012.explicit_little_endian.dcm',
);

/**
 * A cache over the files on disk, counting how often each is read and parsed; a file in `gated`
 * is parsed only once its gate is opened.
 */
function cacheOf(limits: FileCacheLimits, gated = new Map<string, Promise<void>>()) {
  const reads = new Map<string, number>();
  const cache = new FileCache<DicomFile>(
    limits,
    async (file) => {
      reads.set(file, (reads.get(file) ?? 0) + 1);
      const bytes = await readFile(file);
      await gated.get(file);
      return parseDicom(new Uint8Array(bytes), { file });
    },
    (file) => file.bytes.byteLength,
  );
  return { cache, reads: (file: string) => reads.get(file) ?? 0 };
}

const roomy: FileCacheLimits = { unheldFiles: 2, unheldBytes: 256 * 2 ** 20 };

describe("the viewer's file cache", () => {
  it('keeps the film on screen while a prior beside it loads a CT slice by slice', async () => {
    const { cache, reads } = cacheOf(roomy);
    const reading = {};
    const comparison = {};
    cache.hold(reading, [cr]);
    await cache.get(cr);
    for (const slice of ctSlices) {
      cache.hold(comparison, [slice]);
      await cache.get(slice);
    }
    await cache.get(cr);
    expect(reads(cr)).toBe(1);
    // Of the slices nobody holds now, the two last used are kept; the one on screen is held.
    expect(ctSlices.map((slice) => cache.has(slice))).toEqual([false, true, true, true]);
    cache.hold(comparison, []);
    expect(ctSlices.map((slice) => cache.has(slice))).toEqual([false, false, true, true]);
  });

  it('holds a multi-frame file for its viewer and lets it go when the viewer closes', async () => {
    const { cache, reads } = cacheOf(roomy);
    const viewer = {};
    cache.hold(viewer, [multiFrameCt]);
    await cache.get(multiFrameCt);
    for (const file of [cr, ...ctSlices]) await cache.get(file);
    await cache.get(multiFrameCt);
    expect(reads(multiFrameCt)).toBe(1);
    // Let go, it is one of the files nobody holds: the newest two of them stay.
    cache.hold(viewer, []);
    await cache.get(ctSlices[0]!);
    expect(cache.has(multiFrameCt)).toBe(true);
    await cache.get(ctSlices[1]!);
    expect(cache.has(multiFrameCt)).toBe(false);
    await cache.get(multiFrameCt);
    expect(reads(multiFrameCt)).toBe(2);
  });

  it('drops the files nobody holds beyond the byte budget, oldest first', async () => {
    const slice = (await readFile(ctSlices[0]!)).byteLength;
    const { cache } = cacheOf({ unheldFiles: 10, unheldBytes: slice * 2.5 });
    await cache.get(multiFrameCt);
    expect(cache.has(multiFrameCt)).toBe(false);
    for (const file of ctSlices) await cache.get(file);
    expect(ctSlices.map((file) => cache.has(file))).toEqual([false, false, true, true]);
    // Using a file makes it the newest.
    await cache.get(ctSlices[2]!);
    await cache.get(ctSlices[0]!);
    expect(ctSlices.map((file) => cache.has(file))).toEqual([true, false, true, false]);
  });

  it('never drops a file in flight, and forgets one that failed to load', async () => {
    let open = (): void => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const { cache, reads } = cacheOf({ unheldFiles: 0, unheldBytes: 0 }, new Map([[cr, gate]]));
    const loading = cache.get(cr);
    expect(cache.has(cr)).toBe(true);
    await cache.get(ctSlices[0]!);
    expect(cache.has(cr)).toBe(true);
    open();
    await loading;
    expect(cache.has(cr)).toBe(false);

    const notDicom = path.join(sharedDataDir, 'MANIFEST.md');
    await expect(cache.get(notDicom)).rejects.toThrow();
    expect(cache.has(notDicom)).toBe(false);
    await expect(cache.get(notDicom)).rejects.toThrow();
    expect(reads(notDicom)).toBe(2);
  });

  it("names a stack's multi-frame files, not its single-frame ones", () => {
    const stack = [
      imageIdOf('/api/instances/1/file', 1),
      imageIdOf('/api/instances/2/file', 1),
      imageIdOf('/api/instances/2/file', 2),
      imageIdOf('/api/instances/3/file', 1),
    ];
    expect(multiFrameFiles(stack)).toEqual(['/api/instances/2/file']);
    expect(multiFrameFiles([])).toEqual([]);
  });
});
