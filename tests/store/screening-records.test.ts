/**
 * Inferences and screening failures in the store, on both databases: an unscored (out-of-scope)
 * inference is a value with its reasons, an inference names the image it is about (instance and
 * frame, checked against the series and the bytes), failures count attempts and show as
 * retrying until the queue gives up, an inference clears the failure, and the migrations convert
 * rows written before them (screening_status: provider "none (out of scope)", empty scores,
 * reasons in saliency; inference_image: the image traced from inputSha256).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  importBytes,
  listWorklist,
  recordInference,
  recordScreeningFailure,
  seriesAwaitingInference,
  type InferenceInput,
} from '../../lib/store';
import { databases, freshStore, type TestStore } from '../support/databases';
import { migrateSeeded } from '../support/migrations';
import { sharedDicomDir } from '../support/paths';

const chestCr = path.join(sharedDicomDir, 'dwv-gdcm', 'gdcm-CR-MONO1-10-chest.dcm');
/** NEMA enhanced CT, 2 frames. */
const twoFrameCt = path.join(
  sharedDicomDir,
  'dicomParser',
  'encapsulated',
  'multi-frame',
  'CT0012.explicit_little_endian.dcm',
);
const model = { name: 'pneumonia-cxr', version: 't', sha256: 'a'.repeat(64) };
const reader = { id: 1, username: 'reader', role: 'radiologist' as const };
const blocked = { code: 'MODALITY', severity: 'block' as const, message: 'modality CT is out' };

let store: TestStore | undefined;
afterEach(async () => {
  await store?.dispose();
  store = undefined;
});

function inference(seriesId: number, patch: Partial<InferenceInput> = {}): InferenceInput {
  return {
    seriesId,
    model,
    provider: 'onnxruntime-node/cpu',
    inputSha256: 'b'.repeat(64),
    probabilities: { pneumonia: 0.7 },
    findings: [
      {
        label: 'pneumonia',
        probability: 0.7,
        operatingPoint: 'balanced',
        threshold: 0.5,
        flagged: true,
      },
    ],
    timings: { ms: 1 },
    startedAt: new Date(),
    finishedAt: new Date(),
    ...patch,
  };
}

describe.each(databases)('screening records on %s', (kind) => {
  it('keeps an unscored inference with its reasons and refuses inconsistent ones', async () => {
    store = await freshStore(kind);
    const { seriesId } = await importBytes(store, readFileSync(chestCr), 'chest.dcm', null);
    const unscored = { probabilities: null, provider: null, findings: [], outOfScope: [blocked] };
    const view = await recordInference(store.db, inference(seriesId!, unscored), null);
    expect(view).toMatchObject({ probabilities: null, provider: null, outOfScope: [blocked] });
    const advisory = { code: 'VIEW', severity: 'advisory' as const, message: 'no view recorded' };
    const scored = await recordInference(
      store.db,
      inference(seriesId!, { outOfScope: [advisory] }),
      null,
    );
    expect(scored).toMatchObject({ probabilities: { pneumonia: 0.7 }, outOfScope: [advisory] });
    const bad: [string, Partial<InferenceInput>][] = [
      [
        'no blocking reason',
        { probabilities: null, provider: null, findings: [], outOfScope: [advisory] },
      ],
      ['findings without scores', { ...unscored, findings: inference(0).findings }],
      ['a provider without scores', { ...unscored, provider: 'wasm' }],
      ['scores without a provider', { provider: null }],
      ['a malformed reason', { outOfScope: [{ code: 'X' } as never] }],
    ];
    for (const [what, patch] of bad) {
      await expect(
        recordInference(store.db, inference(seriesId!, patch), null),
        what,
      ).rejects.toMatchObject({
        code: 'BAD_INFERENCE',
      });
    }
  });

  it('records the image an inference is about: named, traced by its bytes when single-frame, refused when it does not fit', async () => {
    store = await freshStore(kind);
    const cr = await importBytes(store, readFileSync(chestCr), 'chest.dcm', null);
    const ct = await importBytes(store, readFileSync(twoFrameCt), 'ct0012.dcm', null);
    expect([cr.status, ct.status]).toEqual(['stored', 'stored']);
    const record = (seriesId: number, patch: Partial<InferenceInput>) =>
      recordInference(store!.db, inference(seriesId, patch), null);
    const image = (view: { instanceId: number | null; frame: number | null }) => [
      view.instanceId,
      view.frame,
    ];

    // Left out: the series' instance with those bytes, frame 1, when it has a single frame.
    expect(image(await record(cr.seriesId!, { inputSha256: cr.sha256! }))).toEqual([
      cr.instanceId,
      1,
    ]);
    expect(image(await record(ct.seriesId!, { inputSha256: ct.sha256! }))).toEqual([null, null]);
    expect(image(await record(cr.seriesId!, { inputSha256: 'b'.repeat(64) }))).toEqual([
      null,
      null,
    ]);
    const named = await record(ct.seriesId!, {
      inputSha256: ct.sha256!,
      instanceId: ct.instanceId!,
      frame: 2,
    });
    expect(image(named)).toEqual([ct.instanceId, 2]);
    const stored = await store.db.inference.findUniqueOrThrow({ where: { id: named.id } });
    expect([stored.instanceId, stored.frame]).toEqual([ct.instanceId, 2]);
    const event = await store.db.auditEvent.findFirstOrThrow({
      where: { action: 'inference.record', subjectId: String(named.id) },
    });
    expect(JSON.parse(event.details)).toMatchObject({ instanceId: ct.instanceId, frame: 2 });

    const bad: [string, number, Partial<InferenceInput>, RegExp][] = [
      [
        'an instance of another series',
        cr.seriesId!,
        { inputSha256: ct.sha256!, instanceId: ct.instanceId! },
        /is not in series/,
      ],
      [
        'other bytes than the instance',
        ct.seriesId!,
        { inputSha256: cr.sha256!, instanceId: ct.instanceId! },
        /is not the sha256 of instance/,
      ],
      [
        'a frame past the last',
        ct.seriesId!,
        { inputSha256: ct.sha256!, instanceId: ct.instanceId!, frame: 3 },
        /has no frame 3/,
      ],
      [
        'frame 0',
        ct.seriesId!,
        { inputSha256: ct.sha256!, instanceId: ct.instanceId!, frame: 0 },
        /frame must be an integer from 1/,
      ],
      ['a frame without its instance', ct.seriesId!, { frame: 1 }, /a frame needs its instanceId/],
      [
        'a fractional instance id',
        cr.seriesId!,
        { instanceId: 1.5 },
        /instanceId must be an integer/,
      ],
    ];
    const before = await store.db.inference.count();
    for (const [what, seriesId, patch, message] of bad) {
      await expect(record(seriesId, patch), what).rejects.toMatchObject({
        code: 'BAD_INFERENCE',
        message: expect.stringMatching(message),
      });
    }
    expect(await store.db.inference.count()).toBe(before);
  });

  it('shows a failed study as retrying while a retry is due, and failed once the queue gave up', async () => {
    store = await freshStore(kind);
    const cr = await importBytes(store, readFileSync(chestCr), 'chest.dcm', null);
    // A second series of the same study, its instance on the same stored file.
    const blob = await store.db.instance.findUniqueOrThrow({ where: { id: cr.instanceId! } });
    const second = await store.db.series.create({
      data: { seriesInstanceUID: '1.2.826.0.1.3680043.8.498.1', studyId: cr.studyId! },
    });
    await store.db.instance.create({
      data: {
        sopInstanceUID: '1.2.826.0.1.3680043.8.498.1.1',
        seriesId: second.id,
        blobPath: blob.blobPath,
        sha256: blob.sha256,
        size: blob.size,
      },
    });
    const fail = (seriesId: number, code: string, failedAt: string, delay: number | null) =>
      recordScreeningFailure(
        store!.db,
        {
          seriesId,
          model,
          error: { code, message: `${code} message` },
          failedAt: new Date(failedAt),
          retryDelayMs: () => delay,
        },
        null,
      );
    const ai = async () => (await listWorklist(store!.db, reader)).studies[0]!.ai;

    await fail(cr.seriesId!, 'DECODE_FAILED', '2026-01-01T00:00:00Z', 60_000);
    expect(await ai()).toMatchObject({ status: 'pending', eligibleSeries: 2 });
    // The later failure gave up, the earlier one still retries: the study is retrying.
    await fail(second.id, 'MODEL_UNAVAILABLE', '2026-01-01T00:00:30Z', null);
    expect(await ai()).toMatchObject({
      status: 'retrying',
      error: {
        code: 'DECODE_FAILED',
        message: 'DECODE_FAILED message',
        attempts: 1,
        retryAt: '2026-01-01T00:01:00.000Z',
      },
    });
    await fail(cr.seriesId!, 'DECODE_FAILED', '2026-01-01T00:01:00Z', null);
    expect(await ai()).toMatchObject({
      status: 'failed',
      error: { code: 'DECODE_FAILED', attempts: 2, retryAt: null },
    });
    await recordInference(store.db, inference(cr.seriesId!), null);
    expect(await ai()).toMatchObject({
      status: 'failed',
      screenedSeries: 1,
      error: { code: 'MODEL_UNAVAILABLE', attempts: 1, retryAt: null },
    });
    await recordInference(store.db, inference(second.id), null);
    expect(await ai()).toMatchObject({ status: 'screened', error: null });
  });

  it('counts failed attempts, stops retrying when the policy says, and clears on success', async () => {
    store = await freshStore(kind);
    const { seriesId, studyId } = await importBytes(
      store,
      readFileSync(chestCr),
      'chest.dcm',
      null,
    );
    const policy = (attempts: number) => (attempts >= 2 ? null : 1000);
    const failedAt = new Date('2026-01-01T00:00:00Z');
    const fail = () =>
      recordScreeningFailure(
        store!.db,
        {
          seriesId: seriesId!,
          model,
          error: { code: 'DECODE_FAILED', message: 'bad frame' },
          failedAt,
          retryDelayMs: policy,
        },
        null,
      );
    expect(await fail()).toMatchObject({ attempts: 1, retryAt: '2026-01-01T00:00:01.000Z' });
    const later = new Date('2026-01-01T00:00:02Z');
    expect(await seriesAwaitingInference(store.db, model, failedAt)).toEqual([]);
    expect((await seriesAwaitingInference(store.db, model, later)).map((s) => s.id)).toEqual([
      seriesId,
    ]);
    expect(await fail()).toMatchObject({ attempts: 2, retryAt: null });
    expect(
      await seriesAwaitingInference(store.db, model, new Date('2030-01-01T00:00:00Z')),
    ).toEqual([]);
    // Another model version has its own attempts.
    const other = { ...model, version: 'u' };
    expect((await seriesAwaitingInference(store.db, other)).map((s) => s.id)).toEqual([seriesId]);

    const [failed] = (await listWorklist(store.db, reader)).studies;
    expect(failed!.ai).toMatchObject({
      status: 'failed',
      error: { code: 'DECODE_FAILED', message: 'bad frame', attempts: 2, retryAt: null },
    });
    await recordInference(store.db, inference(seriesId!), null);
    expect(await store.db.screeningFailure.count()).toBe(0);
    const [screened] = (await listWorklist(store.db, reader)).studies;
    expect(screened!.studyId).toBe(studyId);
    expect(screened!.ai).toMatchObject({ status: 'screened', error: null, topProbability: 0.7 });
  });

  it('the screening_status migration converts out-of-scope rows written before it', async () => {
    const reasons = '[{"code":"MODALITY","message":"modality CT is out","severity":"block"}]';
    const seed = [
      `INSERT INTO "Study" ("id", "studyInstanceUID") VALUES (1, '1.2.3')`,
      `INSERT INTO "Series" ("id", "seriesInstanceUID", "studyId") VALUES (1, '1.2.3.1', 1), (2, '1.2.3.2', 1)`,
      `INSERT INTO "ModelVersion" ("id", "name", "version", "sha256") VALUES (1, 'm', '1', '${'a'.repeat(64)}')`,
      `INSERT INTO "Inference" ("seriesId", "modelVersionId", "provider", "inputSha256", "probabilities", "findings", "timings", "saliency", "startedAt", "finishedAt") VALUES
        (1, 1, 'none (out of scope)', '${'b'.repeat(64)}', '{}', '[]', '{"ms":0}', '{"cam":null,"instanceId":4,"outOfScope":${reasons}}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
        (2, 1, 'onnxruntime-node/cpu', '${'c'.repeat(64)}', '{"pneumonia":0.5}', '[]', '{"ms":3}', '{"cam":null,"instanceId":5,"outOfScope":[]}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
    ];
    const select = `SELECT "seriesId", "provider", "probabilities", "outOfScope" FROM "Inference" ORDER BY "seriesId"`;
    const rows = await migrateSeeded<{
      seriesId: number;
      provider: string | null;
      probabilities: string | null;
      outOfScope: string;
    }>(kind, '_screening_status', seed, select);
    expect(rows.map((row) => ({ ...row, outOfScope: JSON.parse(row.outOfScope) }))).toEqual([
      { seriesId: 1, provider: null, probabilities: null, outOfScope: JSON.parse(reasons) },
      {
        seriesId: 2,
        provider: 'onnxruntime-node/cpu',
        probabilities: '{"pneumonia":0.5}',
        outOfScope: [],
      },
    ]);
  });

  it('the inference_image migration traces rows written before it to their instance and frame', async () => {
    const sha = (c: string) => c.repeat(64);
    const seed = [
      `INSERT INTO "Study" ("id", "studyInstanceUID") VALUES (1, '1.2.3')`,
      `INSERT INTO "Series" ("id", "seriesInstanceUID", "studyId") VALUES (1, '1.2.3.1', 1), (2, '1.2.3.2', 1)`,
      // 11: single-frame (NumberOfFrames absent); 12: two frames; 13: a second series' file.
      `INSERT INTO "Instance" ("id", "sopInstanceUID", "seriesId", "numberOfFrames", "blobPath", "sha256", "size") VALUES
        (11, '1.2.3.1.1', 1, NULL, 'blobs/x', '${sha('1')}', 1),
        (12, '1.2.3.1.2', 1, 2, 'blobs/y', '${sha('2')}', 1),
        (13, '1.2.3.2.1', 2, 1, 'blobs/z', '${sha('3')}', 1)`,
      `INSERT INTO "ModelVersion" ("id", "name", "version", "sha256") VALUES (1, 'm', '1', '${sha('a')}')`,
      `INSERT INTO "Inference" ("id", "seriesId", "modelVersionId", "provider", "inputSha256", "probabilities", "findings", "timings", "saliency", "startedAt", "finishedAt") VALUES
        (1, 1, 1, 'onnxruntime-node/cpu', '${sha('1')}', '{"p":0.5}', '[]', '{}', '{"cam":null,"instanceId":11}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
        (2, 1, 1, 'onnxruntime-node/cpu', '${sha('2')}', '{"p":0.5}', '[]', '{}', '{"cam":null,"instanceId":12}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
        (3, 1, 1, 'wasm', '${sha('1')}', '{"p":0.5}', '[]', '{}', NULL, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
        (4, 1, 1, 'wasm', '${sha('2')}', '{"p":0.5}', '[]', '{}', NULL, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
        (5, 1, 1, 'wasm', '${sha('3')}', '{"p":0.5}', '[]', '{}', NULL, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
        (6, 2, 1, 'wasm', '${sha('f')}', '{"p":0.5}', '[]', '{}', NULL, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
    ];
    const rows = await migrateSeeded<{
      id: number;
      instanceId: number | null;
      frame: number | null;
    }>(
      kind,
      '_inference_image',
      seed,
      `SELECT "id", "instanceId", "frame" FROM "Inference" ORDER BY "id"`,
    );
    expect(rows).toEqual([
      // the screening queue's rows (saliency.instanceId) screened frame 1, multi-frame or not
      { id: 1, instanceId: 11, frame: 1 },
      { id: 2, instanceId: 12, frame: 1 },
      // other rows: a single-frame instance of the series with those bytes
      { id: 3, instanceId: 11, frame: 1 },
      // unknown: which frame of a multi-frame instance, bytes of another series', no such bytes
      { id: 4, instanceId: null, frame: null },
      { id: 5, instanceId: null, frame: null },
      { id: 6, instanceId: null, frame: null },
    ]);
  });
});
