import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoStudies } from '../../lib/demo';
import { startScreeningService, type ScreeningService } from '../../lib/screening/server';
import { importBytes } from '../../lib/store';
import { freshStore, type TestStore } from '../support/databases';
import { modelDir } from './support';

let store: TestStore;
let service: ScreeningService | undefined;

afterEach(async () => {
  await service?.stop();
  service = undefined;
  await store.dispose();
});

describe('the app screening service (sqlite)', () => {
  it('screens what was imported before it started, then what a later sweep finds', async () => {
    store = await freshStore('sqlite');
    const demo = generateDemoStudies();
    const radiograph = demo.find((file) => file.name === 'xr-chest-1/image.dcm')!;
    const ctSlices = demo.filter((file) => file.name.startsWith('ct-chest/')).slice(0, 3);
    const chest = await importBytes(store, radiograph.bytes, radiograph.name, null);
    for (const slice of ctSlices) await importBytes(store, slice.bytes, slice.name, null);

    service = await startScreeningService(store, { modelDir, sweepEveryMs: 0 });
    await service.queue.whenIdle();
    const first = await store.db.inference.findMany();
    expect(first).toHaveLength(2);
    const scored = first.find((row) => row.seriesId === chest.seriesId)!;
    expect(scored.provider).toBe('onnxruntime-node/cpu');
    const ct = first.find((row) => row.seriesId !== chest.seriesId)!;
    expect(JSON.parse(ct.probabilities)).toEqual({});
    expect(JSON.parse(ct.saliency!).outOfScope[0].code).toBeTruthy();

    const later = demo.find((file) => file.name === 'xr-chest-2/image.dcm')!;
    const added = await importBytes(store, later.bytes, later.name, null);
    expect(await service.sweep()).toBe(1);
    await service.queue.whenIdle();
    const rows = await store.db.inference.findMany({ where: { seriesId: added.seriesId! } });
    expect(rows).toHaveLength(1);
    expect(Object.keys(JSON.parse(rows[0]!.probabilities))).toEqual(['pneumonia']);
    expect(await service.sweep()).toBe(0);
  });
});
