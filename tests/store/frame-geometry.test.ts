/**
 * Where a multi-frame instance's frames lie is kept with it: read at import (the positions
 * DCMTK reads in its functional groups), and read from the blob for instances stored before it
 * was kept, by `secondlook db migrate` or the server at start, one bad blob not stopping the rest.
 */
import { execFile, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importPaths, readMissingFrameGeometry } from '../../lib/store';
import { databases, freshStore, type TestStore } from '../support/databases';
import { repoRoot, sharedDicomDir } from '../support/paths';

const execFileAsync = promisify(execFile);
const multiFrame = path.join(sharedDicomDir, 'dcmqi', '23x38x3', 'multiframe', 'mf.dcm');
const enhancedMr = path.join(sharedDicomDir, 'pydicom-data', 'emri_small.dcm');
const singleFrame = path.join(sharedDicomDir, 'dcmqi', 'ct-3slice', '01.dcm');

/** Every (0020,0032) in the file as DCMTK reads it: the frames' positions, in order. */
function dcmtkPositions(file: string): number[][] {
  const run = spawnSync('dcmdump', ['+P', '0020,0032', file], { encoding: 'utf8' });
  return [...run.stdout.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!.split('\\').map(Number));
}

describe.each(databases)('frame geometry on %s', (kind) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await freshStore(kind);
    await importPaths(store, [multiFrame, enhancedMr, singleFrame], null);
  });
  afterEach(() => store.dispose());

  const geometryOf = async (file: string) => {
    const uid = spawnSync('dcmdump', ['+P', '0008,0018', file], { encoding: 'utf8' });
    const sop = /\[([^\]]+)\]/.exec(uid.stdout)![1]!.replace(/\0/g, '');
    const row = await store.db.instance.findUniqueOrThrow({ where: { sopInstanceUID: sop } });
    return row.frameGeometry === null ? null : JSON.parse(row.frameGeometry);
  };

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
    await store.db.instance.updateMany({ data: { frameGeometry: null } });
    const sweep = await readMissingFrameGeometry(store);
    expect(sweep).toEqual({ read: 2, failed: [] });
    expect(await geometryOf(multiFrame)).toEqual(kept);
    expect(await geometryOf(singleFrame)).toBeNull();
    expect(await readMissingFrameGeometry(store)).toEqual({ read: 0, failed: [] });

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
      framesPlaced: 1,
      framesFailed: [{ instanceId: mrRow.id, code: 'BLOB_CORRUPT' }],
    });
    expect(await geometryOf(multiFrame)).toEqual(kept);
  }, 60_000);
});
