/**
 * `GET /api/monitoring` gives auditors the model page's screening-over-time table as data: the
 * same weeks as lib/review computes for the store, as many as asked for, and a coded refusal for a
 * number of weeks it does not take. (Who may call it is walked with every route in
 * authorization.test.ts.)
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login } from '../../lib/auth';
import { screeningMonitoring, type ModelMonitoring } from '../../lib/review';
import { importPaths, recordInference, setStore } from '../../lib/store';
import { callRoute, type ApiSession } from '../support/api-client';
import { freshStore, type TestStore } from '../support/databases';
import { sharedDicomDir } from '../support/paths';

describe('screening over time as data', () => {
  let store: TestStore;
  let auditor: ApiSession;

  beforeAll(async () => {
    store = await freshStore('sqlite');
    setStore(store);
    const user = await createUser(
      store.db,
      { username: 'audrey', role: 'auditor', password: 'correct horse battery' },
      null,
    );
    auditor = await login(store.db, {
      username: user.username,
      password: 'correct horse battery',
      client: 'test-auditor',
    });
    const summary = await importPaths(
      store,
      [path.join(sharedDicomDir, 'dwv-gdcm', 'gdcm-CR-MONO1-10-chest.dcm')],
      null,
    );
    const { seriesId, instanceId, sha256 } = summary.results[0]!;
    await recordInference(
      store.db,
      {
        seriesId: seriesId!,
        model: { name: 'pneumonia-cxr', version: '1.2.0', sha256: 'a'.repeat(64) },
        provider: 'onnxruntime-node/cpu',
        inputSha256: sha256!,
        instanceId: instanceId!,
        frame: 1,
        probabilities: { pneumonia: 0.91 },
        findings: [
          {
            label: 'pneumonia',
            probability: 0.91,
            operatingPoint: 'balanced',
            threshold: 0.63,
            flagged: true,
          },
        ],
        timings: {},
        startedAt: new Date(),
        finishedAt: new Date(),
      },
      null,
    );
  });
  afterAll(async () => {
    setStore(undefined);
    await store.dispose();
  });

  it('answers the weeks lib/review computes, as many as asked for', async () => {
    const response = await callRoute('GET', '/api/monitoring?weeks=3', { session: auditor });
    expect(response.status).toBe(200);
    const { monitoring } = (await response.json()) as { monitoring: ModelMonitoring[] };
    expect(monitoring).toEqual(await screeningMonitoring(store.db, { weeks: 3 }));
    expect(monitoring[0]!.weeks).toHaveLength(3);
    expect(monitoring[0]!.weeks[2]).toMatchObject({ scored: 1, flagged: { count: 1, of: 1 } });
    const byDefault = (await (
      await callRoute('GET', '/api/monitoring', { session: auditor })
    ).json()) as { monitoring: ModelMonitoring[] };
    expect(byDefault.monitoring[0]!.weeks).toHaveLength(12);
  });

  it('refuses a number of weeks it does not take', async () => {
    for (const weeks of ['0', '105', '2.5', 'many']) {
      const response = await callRoute('GET', `/api/monitoring?weeks=${weeks}`, {
        session: auditor,
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'BAD_QUERY' } });
    }
  });
});
