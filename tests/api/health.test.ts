/**
 * The health route a load balancer polls: anyone may call it; it says `ok` with a database that
 * answers and a model that loads, `degraded` when the model does not load or the PACS refuses
 * the last poll, and `down` with HTTP 503 when the database does not answer (a PostgreSQL
 * server that is not there); it names states only. The metrics say the same in numbers.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkHealth, collectMetrics, type Health } from '../../lib/health';
import { startPacsPoller, type PacsPoller } from '../../lib/pacs';
import { startScreeningService, type ScreeningService } from '../../lib/screening/server';
import { setStore } from '../../lib/store';
import { modelDir } from '../inference/support';
import { callRoute } from '../support/api-client';
import { databases, freshStore, type TestStore } from '../support/databases';
import { freePort } from '../support/ports';

let store: TestStore | undefined;
let service: ScreeningService | undefined;
let poller: PacsPoller | undefined;
const folders: string[] = [];
afterEach(async () => {
  await poller?.stop();
  await service?.stop();
  setStore(undefined);
  await store?.dispose();
  [store, service, poller] = [undefined, undefined, undefined];
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the shipped model whose model.onnx no longer matches its manifest's sha256. */
function damagedModel(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'secondlook-health-model-'));
  folders.push(dir);
  cpSync(modelDir, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8'));
  writeFileSync(path.join(dir, manifest.file), Buffer.alloc(1024, 1));
  return dir;
}

const none = Promise.resolve(null);

describe.each(databases)('health on %s', (kind) => {
  it('is ok with a database that answers and a model that loads', async () => {
    store = await freshStore(kind);
    service = await startScreeningService(store, { modelDir, sweepEveryMs: 0 });
    expect(
      await checkHealth({
        store: Promise.resolve(store),
        screening: Promise.resolve(service),
        pacs: none,
      }),
    ).toEqual({
      status: 'ok',
      checks: { database: 'ok', model: 'ok', screeningQueue: 0, pacs: 'off' },
    } satisfies Health);
  });

  it('is degraded when the model does not load or the PACS is unreachable', async () => {
    store = await freshStore(kind);
    service = await startScreeningService(store, { modelDir: damagedModel(), sweepEveryMs: 0 });
    const unreachable = `http://127.0.0.1:${await freePort()}/dicom-web`;
    poller = startPacsPoller(store, {
      dicomWeb: { url: unreachable, maxInstanceBytes: 1 << 20, timeoutMs: 5_000 },
      modalities: [],
      lookbackDays: null,
      everyMs: 3_600_000,
      sendResults: 'off',
      sendReviews: false,
    });
    await poller.poll();
    expect(
      await checkHealth({
        store: Promise.resolve(store),
        screening: Promise.resolve(service),
        pacs: Promise.resolve(poller),
      }),
    ).toEqual({
      status: 'degraded',
      checks: { database: 'ok', model: 'unavailable', screeningQueue: 0, pacs: 'failing' },
    });
    // The metrics say the same in numbers.
    const metrics = await collectMetrics({
      store: Promise.resolve(store),
      screening: Promise.resolve(service),
      pacs: Promise.resolve(poller),
    });
    const finishedAt = Date.parse(poller.status().lastPoll!.finishedAt) / 1000;
    for (const line of [
      'secondlook_model_up 0',
      'secondlook_screening_queue 0',
      'secondlook_pacs_standby 0',
      'secondlook_pacs_last_poll_ok 0',
      `secondlook_pacs_last_poll_timestamp_seconds ${finishedAt}`,
      'secondlook_pacs_failures_waiting{kind="instance"} 0',
    ]) {
      expect(metrics.split('\n')).toContain(line);
    }
  });
});

it('says standby for a process whose PACS lease another holds', async () => {
  store = await freshStore('sqlite');
  const config = {
    dicomWeb: {
      url: `http://127.0.0.1:${await freePort()}/dicom-web`,
      maxInstanceBytes: 1 << 20,
      timeoutMs: 5_000,
    },
    modalities: [],
    lookbackDays: null,
    everyMs: 3_600_000,
    sendResults: 'off' as const,
    sendReviews: false,
  };
  poller = startPacsPoller(store, config);
  await poller.poll();
  const second = startPacsPoller(store, config);
  try {
    await second.poll();
    const health = await checkHealth({
      store: Promise.resolve(store),
      screening: none,
      pacs: Promise.resolve(second),
    });
    expect(health).toEqual({
      status: 'ok',
      checks: { database: 'ok', model: 'off', screeningQueue: null, pacs: 'standby' },
    });
  } finally {
    await second.stop();
  }
});

describe('the health route', () => {
  it('answers anyone, with states and no messages', async () => {
    store = await freshStore('sqlite');
    setStore(store);
    const response = await callRoute('GET', '/api/health', { session: null });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      checks: { database: 'ok', model: 'off', screeningQueue: null, pacs: 'off' },
    });
  });

  it('is down, 503, when the PostgreSQL server is not there', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'secondlook-health-data-'));
    folders.push(dataDir);
    vi.stubEnv('DATABASE_URL', `postgresql://postgres@127.0.0.1:${await freePort()}/postgres`);
    vi.stubEnv('SECONDLOOK_DATA_DIR', dataDir);
    try {
      setStore(undefined);
      const response = await callRoute('GET', '/api/health', { session: null });
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        status: 'down',
        checks: { database: 'down', model: 'off', screeningQueue: null, pacs: 'off' },
      });
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
