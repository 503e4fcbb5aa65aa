/**
 * The screening status as the worklist page gets it, on both databases, with real DICOM: the
 * route's items for a study whose screening is retrying and one the queue gave up on, turned
 * into the page's rows (api-types), filtered by AI status (the route's `ai` parameter) and rendered (AiStatusCell);
 * and the image an inference is about, through GET /api/studies/:id and POST /api/inferences.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AiStatusCell } from '../../app/_components/worklist/AiStatusCell';
import { toWorklistStudy, type WorklistItem } from '../../app/_components/worklist/api-types';
import { noFilters, worklistQuery } from '../../app/_components/worklist/filters';
import type { AiStatus } from '../../app/_components/worklist/types';
import { createUser, login } from '../../lib/auth';
import { DEFAULT_RETRY, retryDelayMs } from '../../lib/screening/node';
import { importPaths, recordScreeningFailure, setStore, type InferenceView } from '../../lib/store';
import { callRoute, type ApiSession } from '../support/api-client';
import { databases, freshStore, type TestStore } from '../support/databases';
import { sharedDicomDir } from '../support/paths';

const chestCr = path.join(sharedDicomDir, 'dwv-gdcm', 'gdcm-CR-MONO1-10-chest.dcm');
const ctDir = path.join(sharedDicomDir, 'dcmqi', 'ct-3slice');
const password = 'correct horse battery';
const model = { name: 'pneumonia-cxr', version: 't', sha256: 'a'.repeat(64) };

describe.each(databases)('screening status through the routes on %s', (kind) => {
  let store: TestStore;
  let session: ApiSession;
  let cr: { studyId: number; seriesId: number; instanceId: number; sha256: string };
  let ct: { studyId: number; seriesId: number };

  beforeAll(async () => {
    store = await freshStore(kind);
    setStore(store);
    await createUser(store.db, { username: 'alice', role: 'radiologist', password }, null);
    session = await login(store.db, { username: 'alice', password, client: 't' });
    const files = [chestCr, ...readdirSync(ctDir).map((name) => path.join(ctDir, name))];
    const { results } = await importPaths(store, files, null);
    const chest = results.find((r) => r.file === chestCr)!;
    cr = {
      studyId: chest.studyId!,
      seriesId: chest.seriesId!,
      instanceId: chest.instanceId!,
      sha256: chest.sha256!,
    };
    const slice = results.find((r) => r.file !== chestCr)!;
    ct = { studyId: slice.studyId!, seriesId: slice.seriesId! };
  });
  afterAll(async () => {
    setStore(undefined);
    await store.dispose();
  });

  const fail = (seriesId: number, code: string, failedAt: Date) =>
    recordScreeningFailure(
      store.db,
      {
        seriesId,
        model,
        error: { code, message: `${code}: the reason` },
        failedAt,
        retryDelayMs: (attempts) => retryDelayMs(attempts, DEFAULT_RETRY),
      },
      null,
    );

  it('tells a retrying screening from one the queue gave up on, and the page filters and shows both', async () => {
    const failedAt = new Date();
    await fail(cr.seriesId, 'MODEL_UNAVAILABLE', failedAt);
    for (let i = 0; i < DEFAULT_RETRY.maxAttempts; i++)
      await fail(ct.seriesId, 'DECODE_FAILED', failedAt);

    const response = await callRoute('GET', '/api/studies', { session });
    expect(response.status).toBe(200);
    // As the page reads it (its own copy of the README's shape).
    const { studies } = (await response.json()) as { studies: WorklistItem[] };
    const byId = new Map(studies.map((item) => [item.studyId, item]));
    expect(byId.get(cr.studyId)!.ai).toMatchObject({
      status: 'retrying',
      error: {
        code: 'MODEL_UNAVAILABLE',
        attempts: 1,
        retryAt: new Date(failedAt.getTime() + 60_000).toISOString(),
      },
    });
    expect(byId.get(ct.studyId)!.ai).toMatchObject({
      status: 'failed',
      error: { code: 'DECODE_FAILED', attempts: DEFAULT_RETRY.maxAttempts, retryAt: null },
    });

    const rows = studies.map(toWorklistStudy);
    const filtered = async (aiStatus: AiStatus) => {
      const page = await callRoute('POST', '/api/studies/query', {
        session,
        body: worklistQuery({ ...noFilters, aiStatus }, 0),
      });
      return ((await page.json()) as { studies: WorklistItem[] }).studies.map((s) => s.studyId);
    };
    expect(await filtered('retrying')).toEqual([cr.studyId]);
    expect(await filtered('failed')).toEqual([ct.studyId]);
    expect(await filtered('pending')).toEqual([]);

    const cell = (studyId: number) =>
      renderToStaticMarkup(
        createElement(AiStatusCell, { ai: rows.find((row) => row.id === String(studyId))!.ai }),
      )
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    const retryTime = new Date(failedAt.getTime() + 60_000).toLocaleTimeString([], {
      hour: '2-digit',
      minute: '2-digit',
    });
    expect(cell(cr.studyId)).toBe(
      `Failed, retrying (MODEL_UNAVAILABLE) next try at ${retryTime} (1 attempt so far)`,
    );
    expect(cell(ct.studyId)).toBe('Failed (DECODE_FAILED) gave up after 5 attempts');
  });

  it('records and returns the image an inference is about', async () => {
    const run = {
      seriesId: cr.seriesId,
      model,
      provider: 'onnxruntime-web/wasm',
      inputSha256: cr.sha256,
      probabilities: { pneumonia: 0.25 },
      findings: [],
      timings: { totalMs: 5 },
      startedAt: new Date().toISOString(),
      finishedAt: new Date().toISOString(),
    };
    const post = (body: object) => callRoute('POST', '/api/inferences', { session, body });
    const named = await post({ ...run, instanceId: cr.instanceId, frame: 1 });
    expect(named.status, await named.clone().text()).toBe(201);
    const traced = await post(run);
    expect(traced.status).toBe(201);
    const bad = await post({ ...run, instanceId: cr.instanceId, frame: 2 });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'BAD_INFERENCE' } });

    const detail = await callRoute('GET', `/api/studies/${cr.studyId}`, { session });
    const { inferences } = (await detail.json()) as { inferences: InferenceView[] };
    const ids = [
      ((await named.json()) as { inference: { id: number } }).inference.id,
      ((await traced.json()) as { inference: { id: number } }).inference.id,
    ];
    for (const id of ids) {
      expect(inferences.find((inference) => inference.id === id)).toMatchObject({
        instanceId: cr.instanceId,
        frame: 1,
      });
    }
  });
});
