/**
 * Inferences and screening failures in the store, on both databases: an unscored (out-of-scope)
 * inference is a value with its reasons, failures count attempts and stop being retried, an
 * inference clears the failure, and the screening_status migration converts rows written before
 * it (provider "none (out of scope)", empty scores, reasons in saliency).
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import {
  importBytes,
  listWorklist,
  migrateDatabase,
  recordInference,
  recordScreeningFailure,
  seriesAwaitingInference,
  type InferenceInput,
} from '../../lib/store';
import { databases, freshStore, testStoreConfig, type TestStore } from '../support/databases';
import { repoRoot, sharedDicomDir } from '../support/paths';

const chestCr = path.join(sharedDicomDir, 'dwv-gdcm', 'gdcm-CR-MONO1-10-chest.dcm');
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

    const [failed] = await listWorklist(store.db, reader);
    expect(failed!.ai).toMatchObject({
      status: 'failed',
      error: { code: 'DECODE_FAILED', message: 'bad frame', attempts: 2, retryAt: null },
    });
    await recordInference(store.db, inference(seriesId!), null);
    expect(await store.db.screeningFailure.count()).toBe(0);
    const [screened] = await listWorklist(store.db, reader);
    expect(screened!.studyId).toBe(studyId);
    expect(screened!.ai).toMatchObject({ status: 'screened', error: null, topProbability: 0.7 });
  });

  it('the screening_status migration converts out-of-scope rows written before it', async () => {
    const { config, env } = testStoreConfig(kind);
    const dir = path.join(
      repoRoot,
      'prisma',
      ...(kind === 'sqlite' ? [] : ['postgresql']),
      'migrations',
    );
    const names = readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const target = names.findIndex((name) => name.endsWith('_screening_status'));
    const before = names.slice(0, target);
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
    let rows: {
      seriesId: number;
      provider: string | null;
      probabilities: string | null;
      outOfScope: string;
    }[];
    if (kind === 'sqlite') {
      const db = new Database(config.location);
      db.exec(
        'CREATE TABLE secondlook_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)',
      );
      for (const name of before) {
        db.exec(readFileSync(path.join(dir, name, 'migration.sql'), 'utf8'));
        db.prepare('INSERT INTO secondlook_migrations VALUES (?, ?)').run(
          name,
          new Date().toISOString(),
        );
      }
      for (const sql of seed) db.exec(sql);
      db.close();
      expect(await migrateDatabase(config)).toContain(names[target]);
      const after = new Database(config.location);
      rows = after.prepare(select).all() as typeof rows;
      after.close();
    } else {
      const client = new pg.Client({ connectionString: config.location });
      await client.connect();
      await client.query(`CREATE SCHEMA "${config.schema}"; SET search_path TO "${config.schema}"`);
      await client.query(
        'CREATE TABLE secondlook_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)',
      );
      for (const name of before) {
        await client.query(readFileSync(path.join(dir, name, 'migration.sql'), 'utf8'));
        await client.query('INSERT INTO secondlook_migrations VALUES ($1, $2)', [
          name,
          new Date().toISOString(),
        ]);
      }
      for (const sql of seed) await client.query(sql);
      expect(await migrateDatabase(config)).toContain(names[target]);
      rows = (await client.query(select)).rows;
      await client.query(`DROP SCHEMA "${config.schema}" CASCADE`);
      await client.end();
    }
    rmSync(env.SECONDLOOK_DATA_DIR, { recursive: true, force: true });
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
});
