/**
 * GET /api/metrics on both databases, with real files screened by the shipped model and a
 * discordant signed review: the numbers match the worklist's own summary and the store, the
 * text is Prometheus' format, no patient data appears, and a monitoring system gets in only with
 * the configured token (at least 24 characters).
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login } from '../../lib/auth';
import { createNodeSession, loadModelFromDir } from '../../lib/inference/node';
import { createReview } from '../../lib/review';
import { enqueueAwaiting, ScreeningQueue, storeBackend } from '../../lib/screening/server';
import { importPaths, listWorklist, setStore } from '../../lib/store';
import { callRoute, type ApiSession } from '../support/api-client';
import { databases, freshStore, type TestStore } from '../support/databases';
import { sharedDicomDir } from '../support/paths';
import { modelDir } from '../inference/support';

const password = 'correct horse battery';
const token = 'm'.repeat(32);

/** `name{labels} value` lines into a map. */
function samples(text: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    map.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return map;
}

describe.each(databases)('metrics on %s', (kind) => {
  let store: TestStore;
  let admin: ApiSession;
  let reader: { id: number; username: string; role: 'radiologist' };
  beforeAll(async () => {
    store = await freshStore(kind);
    setStore(store);
    await createUser(store.db, { username: 'admin1', role: 'admin', password }, null);
    const user = await createUser(
      store.db,
      { username: 'reader1', role: 'radiologist', password },
      null,
    );
    reader = { id: user.id, username: 'reader1', role: 'radiologist' };
    admin = await login(store.db, { username: 'admin1', password, client: 't' });
    const imported = await importPaths(
      store,
      [
        path.join(sharedDicomDir, 'dwv-gdcm', 'gdcm-CR-MONO1-10-chest.dcm'),
        path.join(sharedDicomDir, 'dcmqi', 'ct-3slice'),
        path.join(sharedDicomDir, 'pylibjpeg-data', '966_fixed.dcm'),
      ],
      null,
    );
    const model = await loadModelFromDir(modelDir);
    const { id, version, sha256 } = model.manifest;
    const queue = new ScreeningQueue(
      { id, version, sha256 },
      () => createNodeSession(model),
      storeBackend(store),
    );
    await enqueueAwaiting(queue, store, model.manifest);
    await queue.close();
    await createReview(store, reader, {
      studyId: imported.results[0]!.studyId,
      decisions: [{ finding: 'pneumonia', decision: 'disagree' }],
      sign: true,
    });
  }, 120_000);
  afterAll(async () => {
    setStore(undefined);
    await store.dispose();
  });
  afterEach(() => {
    delete process.env.SECONDLOOK_METRICS_TOKEN;
  });

  it('counts what the store holds, as the worklist summarises it, without patient data', async () => {
    // The signed review recorded as sent to a PACS (lib/pacs send-reviews records it so).
    const review = await store.db.review.findFirstOrThrow({ where: { signedAt: { not: null } } });
    await store.db.pacsReviewReport.create({
      data: {
        reviewId: review.id,
        studyInstanceUID: '2.25.1',
        seriesInstanceUID: '2.25.2',
        sopInstanceUID: '2.25.3',
        sentAt: new Date(),
      },
    });
    const asked = Date.now();
    const response = await callRoute('GET', '/api/metrics', { session: admin });
    const answered = Date.now();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4');
    const text = await response.text();
    for (const name of ['Anonymized', 'JANCT000']) expect(text).not.toContain(name);
    expect(text).toContain('# TYPE secondlook_inferences_total counter');
    const values = samples(text);
    const { studies } = await listWorklist(store.db, reader);
    for (const status of ['pending', 'retrying', 'failed', 'screened', 'out-of-scope']) {
      expect(values.get(`secondlook_studies{ai_status="${status}"}`), status).toBe(
        studies.filter((study) => study.ai.status === status).length,
      );
    }
    expect(values.get('secondlook_studies{ai_status="screened"}')).toBe(2);
    expect(values.get('secondlook_studies{ai_status="out-of-scope"}')).toBe(1);
    expect(values.get('secondlook_studies_flagged')).toBe(
      studies.filter((study) => study.ai.flaggedFindings.length > 0).length,
    );
    // The triage backlog: the flagged DX nobody has read, waiting since it was imported.
    const waiting = studies.filter(
      (study) =>
        study.ai.flaggedFindings.length > 0 &&
        study.myReview.status === 'none' &&
        study.othersSigned === 0,
    );
    expect(waiting.map((study) => study.modalities)).toEqual([['DX']]);
    expect(values.get('secondlook_studies_flagged_unread')).toBe(1);
    const arrived = Date.parse(waiting[0]!.createdAt);
    const waited = values.get('secondlook_flagged_unread_oldest_wait_seconds')!;
    expect(waited).toBeGreaterThanOrEqual((asked - arrived) / 1000);
    expect(waited).toBeLessThanOrEqual((answered - arrived) / 1000);
    expect(values.get('secondlook_instances')).toBe(5);
    expect(values.get('secondlook_inferences_total{model="pneumonia-cxr@1.2.0"}')).toBe(3);
    expect(values.get('secondlook_reviews_signed')).toBe(1);
    expect(values.get('secondlook_reviews_discordant')).toBe(1);
    expect(values.get('secondlook_audit_events_total')).toBe(await store.db.auditEvent.count());
    expect(values.get('secondlook_pacs_results_total')).toBe(0);
    expect(values.get('secondlook_pacs_reviews_total')).toBe(1);
  });

  it('lets a monitoring system in with the configured token only', async () => {
    const withToken = (value: string) =>
      callRoute('GET', '/api/metrics', { headers: { authorization: `Bearer ${value}` } });
    expect((await withToken(token)).status).toBe(401);
    process.env.SECONDLOOK_METRICS_TOKEN = token;
    expect((await withToken(token)).status).toBe(200);
    expect((await withToken(`${token}x`)).status).toBe(401);
    expect((await callRoute('GET', '/api/metrics')).status).toBe(401);
    process.env.SECONDLOOK_METRICS_TOKEN = 'short';
    expect((await withToken('short')).status).toBe(401);
  });
});
