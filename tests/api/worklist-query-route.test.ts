/**
 * The worklist's search text never stands in a URL: GET /api/studies refuses `q` (BAD_QUERY),
 * and POST /api/studies/query takes it in the body, with the CSRF token, answering the same page
 * the store gives; bad parameters are named. On both databases, with real files.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login } from '../../lib/auth';
import { importPaths, listWorklist, setStore, type WorklistPage } from '../../lib/store';
import { callRoute, type ApiSession } from '../support/api-client';
import { databases, freshStore, type TestStore } from '../support/databases';
import { sharedDicomDir } from '../support/paths';

describe.each(databases)('the worklist query routes on %s', (kind) => {
  let store: TestStore;
  let session: ApiSession;
  let reader: { id: number; username: string; role: 'radiologist' };
  beforeAll(async () => {
    store = await freshStore(kind);
    setStore(store);
    const user = await createUser(
      store.db,
      { username: 'reader', role: 'radiologist', password: 'correct horse battery' },
      null,
    );
    reader = { id: user.id, username: 'reader', role: 'radiologist' };
    session = await login(store.db, {
      username: 'reader',
      password: 'correct horse battery',
      client: 't',
    });
    await importPaths(
      store,
      ['dwv-gdcm', 'dcmqi/ct-3slice'].map((dir) => path.join(sharedDicomDir, dir)),
      null,
    );
  });
  afterAll(async () => {
    setStore(undefined);
    await store.dispose();
  });

  it('refuses search text in a URL', async () => {
    const response = await callRoute('GET', '/api/studies?q=anonymized', { session });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'BAD_QUERY' } });
  });

  it('searches with the text in the body, as the store answers', async () => {
    const response = await callRoute('POST', '/api/studies/query', {
      session,
      body: { q: 'janct', limit: 50, flagged: false },
    });
    expect(response.status).toBe(200);
    const page = (await response.json()) as WorklistPage;
    const expected = await listWorklist(store.db, reader, { text: 'JANCT000', limit: 50 });
    expect(page.studies.map((s) => s.studyId)).toEqual(expected.studies.map((s) => s.studyId));
    expect(page.total).toBe(1);
    expect(await store.db.study.count()).toBe(3);
  });

  it('wants the CSRF token, and names a bad parameter', async () => {
    const noToken = await callRoute('POST', '/api/studies/query', {
      session,
      csrf: false,
      body: { q: 'x' },
    });
    expect(noToken.status).toBe(403);
    for (const body of [{ ai: 'maybe' }, { from: '2024' }, { limit: -1 }]) {
      const response = await callRoute('POST', '/api/studies/query', { session, body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'BAD_QUERY' } });
    }
  });
});
