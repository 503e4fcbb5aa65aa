import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoStudies } from '../../lib/demo';
import { startScreeningService, type ScreeningService } from '../../lib/screening/server';
import { importBytes, listWorklist } from '../../lib/store';
import { databases, freshStore, type TestStore } from '../support/databases';
import { modelDir } from '../inference/support';

let store: TestStore;
let service: ScreeningService | undefined;
let brokenModelDir: string | undefined;

afterEach(async () => {
  await service?.stop();
  service = undefined;
  await store.dispose();
  if (brokenModelDir) rmSync(brokenModelDir, { recursive: true, force: true });
  brokenModelDir = undefined;
});

/** The shipped model's folder with model.onnx replaced by bytes onnxruntime cannot load. */
function modelThatCannotStart(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secondlook-broken-model-'));
  const manifest = JSON.parse(readFileSync(path.join(modelDir, 'model.json'), 'utf8'));
  const onnx = Buffer.alloc(4096, 7);
  writeFileSync(path.join(dir, manifest.file), onnx);
  manifest.sha256 = createHash('sha256').update(onnx).digest('hex');
  writeFileSync(path.join(dir, 'model.json'), JSON.stringify(manifest));
  copyFileSync(path.join(modelDir, manifest.head.file), path.join(dir, manifest.head.file));
  return dir;
}

const reader = { id: 1, username: 'reader', role: 'radiologist' as const };

describe.each(databases)('the app screening service (%s)', (kind) => {
  it('screens what was imported before it started, then what a later sweep finds', async () => {
    store = await freshStore(kind);
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
    expect(ct.probabilities).toBeNull();
    expect(JSON.parse(ct.outOfScope)[0].code).toBe('MODALITY');

    const later = demo.find((file) => file.name === 'xr-chest-2/image.dcm')!;
    const added = await importBytes(store, later.bytes, later.name, null);
    expect(await service.sweep()).toBe(1);
    await service.queue.whenIdle();
    const rows = await store.db.inference.findMany({ where: { seriesId: added.seriesId! } });
    expect(rows).toHaveLength(1);
    expect(Object.keys(JSON.parse(rows[0]!.probabilities!))).toEqual(['pneumonia']);
    expect(await service.sweep()).toBe(0);
  });

  it('records MODEL_SESSION failures when the model cannot start, and does not retry them at once', async () => {
    store = await freshStore(kind);
    const radiograph = generateDemoStudies().find((file) => file.name === 'xr-chest-1/image.dcm')!;
    const chest = await importBytes(store, radiograph.bytes, radiograph.name, null);
    brokenModelDir = modelThatCannotStart();

    service = await startScreeningService(store, { modelDir: brokenModelDir, sweepEveryMs: 0 });
    await service.queue.whenIdle();
    expect(await store.db.inference.count()).toBe(0);
    const [failure] = await store.db.screeningFailure.findMany();
    expect(failure).toMatchObject({ seriesId: chest.seriesId, code: 'MODEL_SESSION', attempts: 1 });
    const [item] = await listWorklist(store.db, reader);
    expect(item!.ai).toMatchObject({ status: 'failed', error: { code: 'MODEL_SESSION' } });
    expect(await service.sweep()).toBe(0);
  });
});
