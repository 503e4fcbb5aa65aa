import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyAuditChain } from '../../lib/audit';
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

/** A copy of the shipped model's folder whose model.json pins model.onnx to a wrong sha256. */
function modelWithBadChecksum(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secondlook-bad-sha-model-'));
  cpSync(modelDir, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8'));
  manifest.sha256 = 'f'.repeat(64);
  writeFileSync(path.join(dir, 'model.json'), JSON.stringify(manifest));
  return dir;
}

/** A copy of the shipped model's folder whose model.onnx lost its bytes (its manifest as shipped). */
function modelWithDamagedOnnx(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secondlook-damaged-model-'));
  cpSync(modelDir, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8'));
  writeFileSync(path.join(dir, manifest.file), Buffer.alloc(4096, 7));
  return dir;
}

/** Puts the shipped model.onnx back into a copied folder. */
function restoreOnnx(dir: string): void {
  const manifest = JSON.parse(readFileSync(path.join(modelDir, 'model.json'), 'utf8'));
  copyFileSync(path.join(modelDir, manifest.file), path.join(dir, manifest.file));
}

/** Puts the shipped model.json back into a copied folder. */
function repairModel(dir: string): void {
  copyFileSync(path.join(modelDir, 'model.json'), path.join(dir, 'model.json'));
}

const reader = { id: 1, username: 'reader', role: 'radiologist' as const };

/** The CR chest and three CT slices of the demo set, imported: two studies, one series each. */
async function importChestAndCt(into: TestStore) {
  const demo = generateDemoStudies();
  const radiograph = demo.find((file) => file.name === 'xr-chest-1/image.dcm')!;
  const chest = await importBytes(into, radiograph.bytes, radiograph.name, null);
  let ct = chest;
  for (const slice of demo.filter((file) => file.name.startsWith('ct-chest/')).slice(0, 3)) {
    ct = await importBytes(into, slice.bytes, slice.name, null);
  }
  return { chest, ct };
}

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
    const [item] = (await listWorklist(store.db, reader)).studies;
    expect(item!.ai).toMatchObject({ status: 'retrying', error: { code: 'MODEL_SESSION' } });
    expect(await service.sweep()).toBe(0);
  });

  it('starts with a model folder that does not load: every waiting series fails MODEL_UNAVAILABLE, retried later, no patient data logged', async () => {
    store = await freshStore(kind);
    const { chest, ct } = await importChestAndCt(store);
    const patients = await store.db.study.findMany();
    brokenModelDir = modelWithBadChecksum();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let lines: string[];
    try {
      service = await startScreeningService(store, { modelDir: brokenModelDir, sweepEveryMs: 0 });
      await service.queue.whenIdle();
    } finally {
      lines = logged.mock.calls.map((call) => call.join(' '));
      logged.mockRestore();
    }
    expect(await store.db.inference.count()).toBe(0);
    const failures = await store.db.screeningFailure.findMany({
      orderBy: { seriesId: 'asc' },
      include: { modelVersion: true },
    });
    expect(failures.map((f) => [f.seriesId, f.code, f.attempts])).toEqual([
      [chest.seriesId, 'MODEL_UNAVAILABLE', 1],
      [ct.seriesId, 'MODEL_UNAVAILABLE', 1],
    ]);
    const shipped = JSON.parse(readFileSync(path.join(modelDir, 'model.json'), 'utf8'));
    for (const failure of failures) {
      expect(failure.message).toMatch(
        new RegExp(
          `^the model pneumonia-cxr ${shipped.version} could not load \\(MODEL_CHECKSUM: model\\.onnx has sha256 ${shipped.sha256}, the manifest says f{64}\\)$`,
        ),
      );
      // Recorded against the model the folder names; retried on the default schedule.
      expect(failure.modelVersion).toMatchObject({
        name: 'pneumonia-cxr',
        version: shipped.version,
        sha256: 'f'.repeat(64),
      });
      expect(failure.retryAt!.getTime() - failure.failedAt.getTime()).toBe(60_000);
    }
    expect(service.model).toEqual({
      id: 'pneumonia-cxr',
      version: shipped.version,
      sha256: 'f'.repeat(64),
    });
    const items = (await listWorklist(store.db, reader)).studies;
    expect(items).toHaveLength(2);
    for (const item of items) {
      expect(item.ai).toMatchObject({
        status: 'retrying',
        eligibleSeries: 1,
        error: { code: 'MODEL_UNAVAILABLE', attempts: 1 },
      });
    }
    expect(await service.sweep()).toBe(0);

    expect(lines).toEqual([
      `screening: ${failures[0]!.message}; waiting series fail and are retried`,
      `screening: series ${chest.seriesId} failed (MODEL_UNAVAILABLE)`,
      `screening: series ${ct.seriesId} failed (MODEL_UNAVAILABLE)`,
    ]);
    for (const study of patients) {
      for (const value of [study.patientName, study.patientId, study.studyInstanceUID]) {
        expect(value).toBeTruthy();
        expect(lines.join('\n')).not.toContain(value!);
      }
    }
    const events = await store.db.auditEvent.findMany({ where: { action: 'screening.fail' } });
    expect(events.map((event) => JSON.parse(event.details).code)).toEqual([
      'MODEL_UNAVAILABLE',
      'MODEL_UNAVAILABLE',
    ]);
    expect((await verifyAuditChain(store.db)).ok).toBe(true);
  });

  it('retries a model that does not load when each retry is due, screens once it loads, and gives up after the last attempt', async () => {
    store = await freshStore(kind);
    const { chest, ct } = await importChestAndCt(store);
    brokenModelDir = modelWithBadChecksum();
    // Due at once, so each sweep is a retry; three attempts in all.
    const retry = { firstDelayMs: 0, factor: 1, maxAttempts: 3 };
    service = await startScreeningService(store, {
      modelDir: brokenModelDir,
      sweepEveryMs: 0,
      retry,
    });
    await service.queue.whenIdle();
    expect(await service.sweep()).toBe(2);
    await service.queue.whenIdle();
    const attempts = await store.db.screeningFailure.findMany({ select: { attempts: true } });
    expect(attempts).toEqual([{ attempts: 2 }, { attempts: 2 }]);
    const [waiting] = (await listWorklist(store.db, reader)).studies;
    expect(waiting!.ai).toMatchObject({
      status: 'retrying',
      error: { code: 'MODEL_UNAVAILABLE', attempts: 2 },
    });

    repairModel(brokenModelDir);
    expect(await service.sweep()).toBe(2);
    await service.queue.whenIdle();
    const shipped = JSON.parse(readFileSync(path.join(modelDir, 'model.json'), 'utf8'));
    expect(service.model).toEqual({
      id: shipped.id,
      version: shipped.version,
      sha256: shipped.sha256,
    });
    const rows = await store.db.inference.findMany({ include: { modelVersion: true } });
    expect(rows.map((row) => [row.seriesId, row.modelVersion.sha256])).toEqual([
      [chest.seriesId, shipped.sha256],
      [ct.seriesId, shipped.sha256],
    ]);
    const ai = new Map(
      (await listWorklist(store.db, reader)).studies.map((item) => [item.studyId, item.ai]),
    );
    expect(ai.get(chest.studyId!)).toMatchObject({
      status: 'screened',
      screenedSeries: 1,
      error: null,
    });
    expect(ai.get(ct.studyId!)).toMatchObject({ status: 'out-of-scope', error: null });
    expect(await service.sweep()).toBe(0);
    await service.stop();

    // A fresh store and a folder that never loads: the third failure is the last.
    await store.dispose();
    store = await freshStore(kind);
    await importChestAndCt(store);
    rmSync(brokenModelDir, { recursive: true, force: true });
    brokenModelDir = modelWithBadChecksum();
    service = await startScreeningService(store, {
      modelDir: brokenModelDir,
      sweepEveryMs: 0,
      retry,
    });
    await service.queue.whenIdle();
    for (let i = 0; i < 2; i++) {
      expect(await service.sweep()).toBe(2);
      await service.queue.whenIdle();
    }
    expect(await service.sweep()).toBe(0);
    for (const item of (await listWorklist(store.db, reader)).studies) {
      expect(item.ai).toMatchObject({
        status: 'failed',
        error: { code: 'MODEL_UNAVAILABLE', attempts: 3, retryAt: null },
      });
    }

    // Repaired after they were given up on: the next sweep loads it and screens both.
    repairModel(brokenModelDir);
    expect(await service.sweep()).toBe(2);
    await service.queue.whenIdle();
    expect(await store.db.inference.count()).toBe(2);
  });

  it('screens, at the next sweep and without a restart, the series given up on while the same model could not load', async () => {
    store = await freshStore(kind);
    const { chest, ct } = await importChestAndCt(store);
    brokenModelDir = modelWithDamagedOnnx();
    service = await startScreeningService(store, {
      modelDir: brokenModelDir,
      sweepEveryMs: 0,
      retry: { firstDelayMs: 0, factor: 1, maxAttempts: 1 },
    });
    await service.queue.whenIdle();
    const shipped = JSON.parse(readFileSync(path.join(modelDir, 'model.json'), 'utf8'));
    const given = await store.db.screeningFailure.findMany({ include: { modelVersion: true } });
    expect(given.map((f) => [f.code, f.attempts, f.retryAt, f.modelVersion.sha256])).toEqual([
      ['MODEL_UNAVAILABLE', 1, null, shipped.sha256],
      ['MODEL_UNAVAILABLE', 1, null, shipped.sha256],
    ]);
    expect(await service.sweep()).toBe(0);

    restoreOnnx(brokenModelDir);
    expect(await service.sweep()).toBe(2);
    await service.queue.whenIdle();
    const ai = new Map(
      (await listWorklist(store.db, reader)).studies.map((item) => [item.studyId, item.ai]),
    );
    expect(ai.get(chest.studyId!)).toMatchObject({ status: 'screened', error: null });
    expect(ai.get(ct.studyId!)).toMatchObject({ status: 'out-of-scope', error: null });
    expect(await service.sweep()).toBe(0);
  });
});
