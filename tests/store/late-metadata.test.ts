/**
 * Metadata kept after the first versions, with each instance: where a multi-frame instance's
 * frames lie (the positions DCMTK reads in its functional groups) and the Image Type (as DCMTK
 * reads it), read at import, and read from the blob for instances stored before it was kept, by
 * `secondlook db migrate` or the server at start, once, one bad blob not stopping the rest.
 */
import { execFile, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importPaths, readMissingMetadata } from '../../lib/store';
import { databases, freshStore, type TestStore } from '../support/databases';
import { repoRoot, sharedDicomDir } from '../support/paths';

const execFileAsync = promisify(execFile);
const multiFrame = path.join(sharedDicomDir, 'dcmqi', '23x38x3', 'multiframe', 'mf.dcm');
const enhancedMr = path.join(sharedDicomDir, 'pydicom-data', 'emri_small.dcm');
const singleFrame = path.join(sharedDicomDir, 'dcmqi', 'ct-3slice', '01.dcm');
const scout = path.join(sharedDicomDir, 'pydicom', 'dicomdirtests', '98892001', 'CT2N', '6293');

/** Image Type as DCMTK reads it ([] when the file has none). */
function dcmtkImageType(file: string): string[] {
  const run = spawnSync('dcmdump', ['+P', '0008,0008', file], { encoding: 'utf8' });
  const value = /\[([^\]]*)\]/.exec(run.stdout)?.[1];
  return value ? value.split('\\') : [];
}

/** Every (0020,0032) in the file as DCMTK reads it: the frames' positions, in order. */
function dcmtkPositions(file: string): number[][] {
  const run = spawnSync('dcmdump', ['+P', '0020,0032', file], { encoding: 'utf8' });
  return [...run.stdout.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!.split('\\').map(Number));
}

describe.each(databases)('metadata kept later on %s', (kind) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await freshStore(kind);
    await importPaths(store, [multiFrame, enhancedMr, singleFrame, scout], null);
  });
  afterEach(() => store.dispose());

  const rowOf = async (file: string) => {
    const uid = spawnSync('dcmdump', ['+P', '0008,0018', file], { encoding: 'utf8' });
    const sop = /\[([^\]]+)\]/.exec(uid.stdout)![1]!.replace(/\0/g, '');
    return store.db.instance.findUniqueOrThrow({ where: { sopInstanceUID: sop } });
  };
  const geometryOf = async (file: string) => {
    const row = await rowOf(file);
    return row.frameGeometry === null ? null : JSON.parse(row.frameGeometry);
  };
  const imageTypeOf = async (file: string) => {
    const row = await rowOf(file);
    return row.imageType === null ? null : JSON.parse(row.imageType);
  };

  it("keeps each instance's Image Type at import, a localizer's included", async () => {
    expect(dcmtkImageType(scout)).toContain('LOCALIZER');
    for (const file of [multiFrame, enhancedMr, singleFrame, scout]) {
      expect(await imageTypeOf(file), file).toEqual(dcmtkImageType(file));
    }
  });

  it('keeps the frames of a multi-frame instance at import, none for a single frame', async () => {
    expect(await geometryOf(multiFrame)).toEqual({
      positions: dcmtkPositions(multiFrame),
      orientation: [1, 0, 0, 0, 1, 0],
      pixelSpacing: [0.7, 0.7],
    });
    // The enhanced MR's frames have no Plane Position: kept as such, so it is not read again.
    const mr = await geometryOf(enhancedMr);
    expect(mr.positions).toEqual(Array.from({ length: 10 }, () => null));
    expect(await geometryOf(singleFrame)).toBeNull();
  });

  it('reads them for instances stored without them, once, and reports a corrupt blob without stopping', async () => {
    const kept = await geometryOf(multiFrame);
    await store.db.instance.updateMany({ data: { frameGeometry: null, imageType: null } });
    const sweep = await readMissingMetadata(store);
    expect(sweep).toEqual({ read: 4, failed: [] });
    expect(await geometryOf(multiFrame)).toEqual(kept);
    expect(await geometryOf(singleFrame)).toBeNull();
    expect(await imageTypeOf(scout)).toEqual(dcmtkImageType(scout));
    expect(await imageTypeOf(singleFrame)).toEqual(dcmtkImageType(singleFrame));
    expect(await readMissingMetadata(store)).toEqual({ read: 0, failed: [] });
    // Only the single-frame instances' Image Type missing: read for that alone.
    await store.db.instance.updateMany({
      data: { imageType: null },
      where: { frameGeometry: null },
    });
    expect(await readMissingMetadata(store)).toEqual({ read: 2, failed: [] });
    expect(await geometryOf(multiFrame)).toEqual(kept);

    // The MR's blob overwritten: reported by its code; the CT is read all the same.
    await store.db.instance.updateMany({ data: { frameGeometry: null } });
    const mrRow = await store.db.instance.findFirstOrThrow({ where: { numberOfFrames: 10 } });
    writeFileSync(path.join(store.config.dataDir, mrRow.blobPath), 'not the file');
    const migrate = async () => {
      const run = await execFileAsync(
        process.execPath,
        [path.join(repoRoot, 'bin', 'secondlook.mjs'), 'db', 'migrate', '--json'],
        { cwd: repoRoot, env: { ...process.env, ...store.env }, encoding: 'utf8' },
      ).catch((error: { code: number; stdout: string }) => error);
      return { code: 'code' in run ? run.code : 0, out: JSON.parse(run.stdout) };
    };
    const { code, out } = await migrate();
    expect(code).toBe(1);
    expect(out).toMatchObject({
      metadataRead: 1,
      metadataFailed: [{ instanceId: mrRow.id, code: 'BLOB_CORRUPT' }],
    });
    expect(await geometryOf(multiFrame)).toEqual(kept);
  }, 60_000);
});
