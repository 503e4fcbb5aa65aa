/**
 * A radiologist's view of a series saved as a presentation state
 * (`POST /api/studies/:id/presentation-states`), on both databases: the stored file is a
 * Grayscale Softcopy Presentation State that DCMTK's dcmpschk passes and dicom3tools' dciodvfy
 * finds no error in, and that dcmp2pgm reads with the window, rotation, flip, label and
 * measurements asked for (their points moved from pixel centres to the standard's corner
 * origin); the viewer's route reads it back the same. A bad request stores nothing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login } from '../../lib/auth';
import { readInstanceBytes, importPaths, setStore } from '../../lib/store';
import { callRoute, type ApiSession } from '../support/api-client';
import { databases, freshStore, type TestStore } from '../support/databases';
import { dcmdumpValue } from '../support/dcmdump';
import { sharedDicomDir, workDir } from '../support/paths';
import { dcmtkRendering } from '../support/presentation-state';

const ct = ['01.dcm', '02.dcm', '03.dcm'].map((name) =>
  path.join(sharedDicomDir, 'dcmqi', 'ct-3slice', name),
);
const password = 'correct horse battery';

describe.each(databases)('saving a view as a presentation state on %s', (kind) => {
  let store: TestStore;
  let reader: ApiSession;
  let auditor: ApiSession;
  let studyId: number;
  let seriesId: number;
  let instanceIds: number[];

  beforeAll(async () => {
    store = await freshStore(kind);
    setStore(store);
    await createUser(store.db, { username: 'anna', role: 'radiologist', password }, null);
    await createUser(store.db, { username: 'audra', role: 'auditor', password }, null);
    reader = await login(store.db, { username: 'anna', password, client: 'test' });
    auditor = await login(store.db, { username: 'audra', password, client: 'test' });
    const imported = await importPaths(store, ct, null);
    studyId = imported.results[0]!.studyId!;
    seriesId = imported.results[0]!.seriesId!;
    instanceIds = imported.results.map((result) => result.instanceId!);
  });
  afterAll(async () => {
    setStore(undefined);
    await store.dispose();
  });

  /** A length along row 100 of the second image, 40 columns long, in mm as dcmdump spaces it. */
  function measured() {
    const columnSpacing = Number(dcmdumpValue(ct[1]!, '0028,0030').split('\\')[1]);
    return {
      tool: 'Length',
      instanceId: instanceIds[1],
      frame: 1,
      points: [
        [100, 100],
        [140, 100],
      ],
      values: [{ name: 'length', value: 40 * columnSpacing, unit: 'mm' }],
    };
  }

  const request = (body: Record<string, unknown>, session = reader) =>
    callRoute('POST', `/api/studies/${studyId}/presentation-states`, { session, body });

  const view = () => ({
    seriesId,
    label: 'Lung view',
    description: 'Nodule follow-up',
    window: { center: -600, width: 1500 },
    invert: false,
    rotation: 90,
    flip: true,
    measurements: [measured()],
  });

  it('stores a presentation state DCMTK and dciodvfy pass, with what was asked', async () => {
    const response = await request(view());
    expect(response.status).toBe(201);
    const saved = (await response.json()) as { instanceId: number; seriesId: number };
    expect(saved.seriesId).not.toBe(seriesId);
    const file = path.join(workDir, `saved-view-${kind}.dcm`);
    mkdirSync(workDir, { recursive: true });
    writeFileSync(file, (await readInstanceBytes(store, saved.instanceId)).bytes);

    const check = spawnSync('dcmpschk', [file], { encoding: 'utf8' });
    expect(check.stdout + check.stderr).toContain('Test passed');
    const verify = spawnSync('dciodvfy', [file], { encoding: 'utf8' });
    expect(
      (verify.stdout + verify.stderr).split('\n').filter((l) => l.startsWith('Error')),
    ).toEqual([]);

    const { dump } = dcmtkRendering(file, ct[1]!);
    expect(dump).toContain('Presentation Label: LUNG VIEW');
    expect(dump).toContain('Presentation Description: Nodule follow-up');
    expect(dump).toContain("Presentation Creator's Name: anna");
    expect(dump).toContain('VOI transformation: window center=-600 width=1500');
    expect(dump).toContain('Rotation: 90 degrees');
    expect(dump).toContain('Flip: yes');
    expect(dump).toContain('Graphic Layer #1 [MEASUREMENTS]');
    expect(dump).toMatch(/text 1: "length \d+\.\d\d mm"/);
    expect(dump).toContain('graphic 1: points=2 type=polyline filled=no units=pixel');
    expect(dump).toContain('coordinates: 100.5\\100.5, 140.5\\100.5');
    // The state carries the CT's rescale, so its window is in HU as the reader saw it.
    expect(execFileSync('dcmdump', ['+P', '0028,1052', file], { encoding: 'utf8' })).toContain(
      `[${dcmdumpValue(ct[0]!, '0028,1052')}]`,
    );
  });

  it('reads back through the viewer route as it was asked', async () => {
    const saved = (await (await request(view())).json()) as { instanceId: number };
    const response = await callRoute('GET', `/api/instances/${saved.instanceId}/presentation`, {
      session: auditor,
    });
    const state = (await response.json()) as Record<string, unknown>;
    expect(state).toMatchObject({
      label: 'LUNG VIEW',
      creator: 'anna',
      lutShape: 'IDENTITY',
      rotation: 90,
      flip: true,
      windows: [{ center: -600, width: 1500, fn: 'LINEAR', images: expect.any(Array) }],
      notApplied: [],
    });
    expect(Object.values(state.stored as Record<string, number>).sort()).toEqual(
      [...instanceIds].sort(),
    );
    const annotations = state.annotations as { images: { sopInstanceUID: string }[] }[];
    expect(annotations).toHaveLength(1);
    expect(annotations[0]!.images).toHaveLength(1);
  });

  it("carries an enhanced CT's rescale from its functional groups, so its window means what the reader saw", async () => {
    const enhanced = path.join(
      sharedDicomDir,
      'dicomParser',
      'encapsulated',
      'multi-frame',
      'CT0012.explicit_little_endian.dcm',
    );
    const [imported] = (await importPaths(store, [enhanced], null)).results;
    const response = await callRoute(
      'POST',
      `/api/studies/${imported!.studyId}/presentation-states`,
      {
        session: reader,
        body: { ...view(), seriesId: imported!.seriesId, measurements: [] },
      },
    );
    expect(response.status).toBe(201);
    const { instanceId } = (await response.json()) as { instanceId: number };
    const file = path.join(workDir, `saved-view-enhanced-${kind}.dcm`);
    writeFileSync(file, (await readInstanceBytes(store, instanceId)).bytes);
    // dcmdump finds the functional group's rescale (the first it meets) in the image.
    for (const tag of ['0028,1052', '0028,1053']) {
      expect(Number(dcmdumpValue(file, tag))).toBe(Number(dcmdumpValue(enhanced, tag)));
    }
    expect(dcmdumpValue(file, '0028,1054')).toBe(dcmdumpValue(enhanced, '0028,1054'));
    const check = spawnSync('dcmpschk', [file], { encoding: 'utf8' });
    expect(check.stdout + check.stderr).toContain('Test passed');
  });

  it('refuses a bad request whole, storing nothing', async () => {
    const count = () => store.db.instance.count();
    const before = await count();
    const refused = async (body: Record<string, unknown>, code: string, status = 400) => {
      const response = await request(body);
      expect(response.status).toBe(status);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    };
    await refused({ ...view(), label: 'lung/window' }, 'BAD_VIEW');
    await refused({ ...view(), rotation: 45 }, 'BAD_VIEW');
    await refused({ ...view(), window: { center: 40, width: 0 } }, 'BAD_VIEW');
    await refused({ ...view(), description: 'a\\b' }, 'BAD_VIEW');
    await refused({ ...view(), seriesId: seriesId + 1000 }, 'NOT_FOUND', 404);
    const wrong = { ...measured(), values: [{ name: 'length', value: 1, unit: 'mm' }] };
    await refused({ ...view(), measurements: [wrong] }, 'MEASUREMENT_MISMATCH');
    expect(await count()).toBe(before);
    const response = await request(view(), auditor);
    expect(response.status).toBe(403);
    expect(await count()).toBe(before);
  });
});
