/**
 * The screening queue on the store, on both databases, with real DICOM: a CR chest is scored, a
 * CT series is recorded out of scope with its reasons (each with the image it examined), and a
 * CR whose pixel data is corrupt is recorded as failed with its error code and shown as
 * retrying, retried only after its back-off.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../lib/audit';
import { createNodeSession, loadModelFromDir } from '../../lib/inference/node';
import { enqueueAwaiting, ScreeningQueue, storeBackend } from '../../lib/screening/server';
import { importBytes, importPaths, listWorklist, seriesAwaitingInference } from '../../lib/store';
import { databases, freshStore, type TestStore } from '../support/databases';
import { sharedDicomDir } from '../support/paths';
import { modelDir } from '../inference/support';

const chestCr = path.join(sharedDicomDir, 'dwv-gdcm', 'gdcm-CR-MONO1-10-chest.dcm');
const ctDir = path.join(sharedDicomDir, 'dcmqi', 'ct-3slice');
const j2kChest = path.join(sharedDicomDir, 'pydicom-data', 'RG1_J2KI.dcm');

/** RG1_J2KI (a CR chest PA) with its JPEG 2000 codestream zeroed after the SOC marker. */
function corruptPixelData(): Uint8Array {
  const bytes = new Uint8Array(readFileSync(j2kChest));
  const soc = bytes.findIndex(
    (b, i) => b === 0xff && bytes[i + 1] === 0x4f && bytes[i + 2] === 0xff,
  );
  const fragment = new DataView(bytes.buffer).getUint32(soc - 4, true);
  bytes.fill(0, soc + 2, soc + fragment - 2);
  return bytes;
}

let store: TestStore;
afterEach(() => store.dispose());

describe.each(databases)('screening on the store (%s)', (kind) => {
  it('scores the CR chest, records the CT out of scope and the corrupt CR as failed', async () => {
    store = await freshStore(kind);
    const reader = { id: 1, username: 'reader', role: 'radiologist' as const };
    const chest = await importBytes(store, readFileSync(chestCr), 'chest.dcm', null);
    const ct = await importPaths(
      store,
      readdirSync(ctDir).map((name) => path.join(ctDir, name)),
      null,
    );
    const corrupt = await importBytes(store, corruptPixelData(), 'corrupt.dcm', null);
    expect([chest.status, corrupt.status, ...ct.results.map((r) => r.status)]).toEqual(
      Array(5).fill('stored'),
    );
    const ctStudy = ct.results[0]!.studyId!;

    const before = new Map(
      (await listWorklist(store.db, reader)).studies.map((i) => [i.studyId, i.ai]),
    );
    for (const studyId of [chest.studyId!, ctStudy, corrupt.studyId!]) {
      expect(before.get(studyId)).toMatchObject({
        status: 'pending',
        screenedSeries: 0,
        eligibleSeries: 1,
      });
    }

    const model = await loadModelFromDir(modelDir);
    const { id, version, sha256 } = model.manifest;
    const queue = new ScreeningQueue(
      { id, version, sha256 },
      () => createNodeSession(model),
      storeBackend(store),
    );
    expect(await enqueueAwaiting(queue, store, model.manifest)).toBe(3);
    await queue.whenIdle();

    const rows = await store.db.inference.findMany();
    const scored = rows.find((row) => row.seriesId === chest.seriesId)!;
    expect(scored.provider).toBe('onnxruntime-node/cpu');
    expect(scored).toMatchObject({ instanceId: chest.instanceId, frame: 1 });
    expect(Object.keys(JSON.parse(scored.probabilities!))).toEqual(['pneumonia']);
    expect(JSON.parse(scored.outOfScope)).toEqual([]);
    const refused = rows.find((row) => row.seriesId === ct.results[0]!.seriesId)!;
    // The first instance in reading order is the one whose header was checked.
    const firstCt = await store.db.instance.findFirst({
      where: { seriesId: refused.seriesId },
      orderBy: [{ instanceNumber: 'asc' }, { id: 'asc' }],
    });
    expect(refused).toMatchObject({ instanceId: firstCt!.id, frame: 1 });
    expect(refused.inputSha256).toBe(firstCt!.sha256);
    expect(refused.probabilities).toBeNull();
    expect(refused.provider).toBeNull();
    expect(JSON.parse(refused.findings)).toEqual([]);
    const reasons = JSON.parse(refused.outOfScope) as { code: string; severity: string }[];
    expect(reasons).toContainEqual(
      expect.objectContaining({ code: 'MODALITY', severity: 'block' }),
    );
    expect(rows.some((row) => row.seriesId === corrupt.seriesId)).toBe(false);

    const [failure] = await store.db.screeningFailure.findMany();
    expect(failure).toMatchObject({
      seriesId: corrupt.seriesId,
      code: 'DECODE_FAILED',
      attempts: 1,
    });
    expect(failure!.message).toMatch(/JPEG 2000 decoder failed on frame 0/);
    expect(failure!.retryAt!.getTime() - failure!.failedAt.getTime()).toBe(60_000);

    const after = new Map(
      (await listWorklist(store.db, reader)).studies.map((i) => [i.studyId, i.ai]),
    );
    const probability = (JSON.parse(scored.probabilities!) as Record<string, number>).pneumonia;
    expect(after.get(chest.studyId!)).toMatchObject({
      status: 'screened',
      screenedSeries: 1,
      eligibleSeries: 1,
      topProbability: probability,
      inferenceId: scored.id,
      outOfScope: [],
      error: null,
    });
    const outOfScope = after.get(ctStudy)!;
    expect(outOfScope).toMatchObject({
      status: 'out-of-scope',
      screenedSeries: 0,
      eligibleSeries: 0,
    });
    expect(outOfScope.topProbability).toBeNull();
    expect(outOfScope.outOfScope.map((r) => r.code)).toContain('MODALITY');
    expect(outOfScope.outOfScope.find((r) => r.code === 'MODALITY')!.message).toMatch(
      /modality CT is outside the intended use/,
    );
    expect(after.get(corrupt.studyId!)).toMatchObject({
      status: 'retrying',
      screenedSeries: 0,
      eligibleSeries: 1,
      error: { code: 'DECODE_FAILED', attempts: 1, retryAt: failure!.retryAt!.toISOString() },
    });

    // Not again before the back-off ends; after it, once more, and the next wait is longer.
    const modelKey = { name: id, version, sha256 };
    expect(await seriesAwaitingInference(store.db, modelKey)).toEqual([]);
    expect(await enqueueAwaiting(queue, store, model.manifest)).toBe(0);
    const due = await seriesAwaitingInference(
      store.db,
      modelKey,
      new Date(failure!.retryAt!.getTime() + 1),
    );
    expect(due.map((series) => series.id)).toEqual([corrupt.seriesId]);
    queue.enqueue({ seriesId: due[0]!.id, instanceIds: due[0]!.instances.map((i) => i.id) });
    await queue.close();
    const [again] = await store.db.screeningFailure.findMany();
    expect(again!.attempts).toBe(2);
    expect(again!.retryAt!.getTime() - again!.failedAt.getTime()).toBe(240_000);

    const events = await store.db.auditEvent.findMany({ where: { action: 'screening.fail' } });
    expect(events.map((event) => JSON.parse(event.details).code)).toEqual([
      'DECODE_FAILED',
      'DECODE_FAILED',
    ]);
    expect(events[0]!.subjectId).toBe(String(corrupt.seriesId));
    expect((await verifyAuditChain(store.db)).ok).toBe(true);
  });
});
