import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeSession, loadModelFromDir } from '../../lib/inference/node';
import { enqueueAwaiting, ScreeningQueue, storeBackend } from '../../lib/screening/server';
import { importBytes, seriesAwaitingInference } from '../../lib/store';
import { freshStore, type TestStore } from '../support/databases';
import { sharedDicomDir } from '../support/paths';
import { modelDir } from './support';

const chestCr = path.join(sharedDicomDir, 'dwv-gdcm', 'gdcm-CR-MONO1-10-chest.dcm');
const nuclearMedicine = path.join(sharedDicomDir, 'pydicom-data', 'JPEG-LL.dcm');
let store: TestStore;

afterEach(() => store.dispose());

describe('screening queue on the store (sqlite)', () => {
  it('screens every awaiting series once and records scores or out-of-scope reasons', async () => {
    store = await freshStore('sqlite');
    const chest = await importBytes(store, readFileSync(chestCr), chestCr, null);
    const nuclear = await importBytes(store, readFileSync(nuclearMedicine), nuclearMedicine, null);
    const model = await loadModelFromDir(modelDir);
    const queue = new ScreeningQueue(() => createNodeSession(model), storeBackend(store));
    expect(await enqueueAwaiting(queue, store, model.manifest)).toBe(2);
    await queue.close();

    const rows = await store.db.inference.findMany({ orderBy: { seriesId: 'asc' } });
    const bySeries = new Map(rows.map((row) => [row.seriesId, row]));
    const scored = bySeries.get(chest.seriesId!)!;
    expect(scored.inputSha256).toBe(chest.sha256);
    expect(scored.provider).toBe('onnxruntime-node/cpu');
    expect(Object.keys(JSON.parse(scored.probabilities))).toEqual(['pneumonia']);
    expect(JSON.parse(scored.saliency!)).toMatchObject({
      cam: { width: 440, height: 440 },
      outOfScope: [],
    });

    const refused = bySeries.get(nuclear.seriesId!)!;
    expect(JSON.parse(refused.probabilities)).toEqual({});
    const reasons = JSON.parse(refused.saliency!).outOfScope as { code: string }[];
    expect(reasons.map((reason) => reason.code)).toContain('MODALITY');

    const { id: name, version, sha256 } = model.manifest;
    expect(await seriesAwaitingInference(store.db, { name, version, sha256 })).toEqual([]);
  });
});
