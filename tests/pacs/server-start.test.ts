/**
 * The server's start-up hook with SECONDLOOK_PACS_URL set: the poller pulls the chest
 * radiograph from a real Orthanc and the screening service scores it, with nobody uploading:
 * the path from PACS to worklist that the opportunistic screening queue stands on.
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { register } from '../../instrumentation';
import { appPacsPoller, startAppPacsPoller } from '../../lib/pacs';
import { startAppScreening } from '../../lib/screening/server';
import { listWorklist, setStore } from '../../lib/store';
import { freshStore, type TestStore } from '../support/databases';
import { sharedDicomDir } from '../support/paths';
import { startOrthanc, type TestPacs } from './orthanc';

const reader = { id: 1, username: 'reader', role: 'radiologist' } as const;

let pacs: TestPacs;
let store: TestStore;
beforeAll(async () => {
  pacs = await startOrthanc();
  await pacs.store(`${sharedDicomDir}/dwv-gdcm/gdcm-CR-MONO1-10-chest.dcm`);
  store = await freshStore('sqlite');
  setStore(store);
  vi.stubEnv('NEXT_RUNTIME', 'nodejs');
  vi.stubEnv('SECONDLOOK_PACS_URL', pacs.url);
  vi.stubEnv('SECONDLOOK_PACS_USER', pacs.username);
  vi.stubEnv('SECONDLOOK_PACS_PASSWORD', pacs.password);
  vi.stubEnv('SECONDLOOK_PACS_LOOKBACK_DAYS', 'all');
});
afterAll(async () => {
  try {
    await (await startAppPacsPoller())?.stop();
    await (await startAppScreening())?.stop();
    setStore(undefined);
    vi.unstubAllEnvs();
    await store?.dispose();
  } finally {
    pacs?.stop();
  }
});

it('pulls the PACS chest radiograph at start-up and screens it', async () => {
  await register();
  await vi.waitFor(
    async () => {
      const [item] = (await listWorklist(store.db, reader)).studies;
      expect(item?.ai).toMatchObject({ status: 'screened', screenedSeries: 1 });
      expect(item?.ai.topProbability).toEqual(expect.any(Number));
      // The admin's Upload page reads the same poller's status (the poll ends after the opening
      // image is rendered, which may be after a screening sweep found the series).
      expect((await appPacsPoller())?.status().lastPoll).toMatchObject({ stored: 1, error: null });
    },
    { timeout: 30_000, interval: 250 },
  );
  const events = await store.db.auditEvent.findMany({ where: { action: 'instance.import' } });
  expect(events.map((event) => event.actorName)).toEqual(['pacs']);
});
