/**
 * Pulling from a real PACS (a private Orthanc with DICOMweb, scripts/orthanc-test.sh): what
 * lands in the store is exactly what the PACS holds for the asked modalities, byte for byte
 * (UIDs read by dcmdump, checksums of the original files), a second pull retrieves nothing, a
 * study that grows is topped up, and a wrong password or an unreachable PACS is a coded error
 * that stores nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PacsStatusView } from '../../app/_components/pacs/PacsStatusView';
import { verifyAuditChain } from '../../lib/audit';
import { openingImageFiles } from '../../lib/display';
import { DicomWebClient } from '../../lib/dicomweb';
import { pullFromPacs, startPacsPoller, type PacsConfig } from '../../lib/pacs';
import { settledStudies } from '../../lib/pacs/settled';
import { sha256Of } from '../../lib/store';
import { dcmdumpValue } from '../support/dcmdump';
import { databases, freshStore, type TestStore } from '../support/databases';
import { repoRoot, sharedDicomDir } from '../support/paths';
import { freePort } from '../support/ports';
import { startOrthanc, type TestPacs } from './orthanc';

const data = (file: string) => path.join(sharedDicomDir, file);
const crChest = data('dwv-gdcm/gdcm-CR-MONO1-10-chest.dcm');
const dxChest = data('pylibjpeg-data/966_fixed.dcm');
const crSpine = data('pydicom/dicomdirtests/77654033/CR1/6154');
const ctSlices = ['01.dcm', '02.dcm', '03.dcm'].map((name) => data(`dcmqi/ct-3slice/${name}`));

const sopUidOf = (file: string) => dcmdumpValue(file, '0008,0018');

/** The DICOM date (YYYYMMDD) after `date`. */
function dayAfter(date: string): string {
  const [year, month, day] = [date.slice(0, 4), date.slice(4, 6), date.slice(6)];
  return new Date(Date.UTC(Number(year), Number(month) - 1, Number(day) + 1))
    .toISOString()
    .slice(0, 10)
    .replace(/-/g, '');
}

const limits = { maxInstanceBytes: 64 * 1024 * 1024, timeoutMs: 10_000 };

let pacs: TestPacs;
beforeAll(async () => {
  pacs = await startOrthanc();
  for (const file of [crChest, dxChest, crSpine, ctSlices[0]!]) await pacs.store(file);
});
afterAll(() => pacs?.stop());

const clientFor = (password = pacs.password) =>
  new DicomWebClient({ url: pacs.url, username: pacs.username, password, ...limits });

describe.each(databases)('pulling from Orthanc into %s', (kind) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await freshStore(kind);
  });
  afterEach(() => store.dispose());

  it('stores every CR and DX instance the PACS holds, byte for byte, and no CT', async () => {
    const summary = await pullFromPacs(store, clientFor(), { modalities: ['CR', 'DX'] }, null);
    expect(summary).toMatchObject({ studies: 3, complete: 0, stored: 3, failed: 0 });
    const rows = await store.db.instance.findMany();
    const originals = [crChest, dxChest, crSpine];
    expect(new Set(rows.map((row) => row.sopInstanceUID))).toEqual(
      new Set(originals.map(sopUidOf)),
    );
    for (const original of originals) {
      const row = rows.find((r) => r.sopInstanceUID === sopUidOf(original))!;
      expect(row.sha256).toBe(sha256Of(readFileSync(original)));
      expect(sha256Of(readFileSync(path.join(store.config.dataDir, row.blobPath)))).toBe(
        row.sha256,
      );
    }
    expect(await store.db.series.count({ where: { modality: 'CT' } })).toBe(0);
    expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true });
  });

  it('retrieves nothing the second time: each study is already whole', async () => {
    await pullFromPacs(store, clientFor(), { modalities: ['CR', 'DX'] }, null);
    const again = await pullFromPacs(store, clientFor(), { modalities: ['CR', 'DX'] }, null);
    expect(again).toMatchObject({ studies: 3, complete: 3, stored: 0, duplicates: 0, failed: 0 });
    expect(again.results).toEqual([]);
  });

  it('stops where it is when told to (the lease went elsewhere), and the next pull goes on', async () => {
    let asked = 0;
    const once = async () => ++asked === 1;
    const stopped = await pullFromPacs(
      store,
      clientFor(),
      { modalities: ['CR', 'DX'], keepGoing: once },
      null,
    );
    expect(stopped).toMatchObject({ studies: 3, stopped: true });
    expect(asked).toBe(2);
    const studiesPulled = await store.db.study.count();
    expect(studiesPulled).toBe(1);
    const rest = await pullFromPacs(store, clientFor(), { modalities: ['CR', 'DX'] }, null);
    expect(rest).toMatchObject({ studies: 3, complete: 1, stopped: false, failed: 0 });
    expect(await store.db.study.count()).toBe(3);
  });

  it('refuses a wrong password with PACS_AUTH and stores nothing', async () => {
    await expect(
      pullFromPacs(store, clientFor('not-the-password'), { modalities: [] }, null),
    ).rejects.toMatchObject({ code: 'PACS_AUTH' });
    expect(await store.db.instance.count()).toBe(0);
    expect(await store.db.auditEvent.count()).toBe(0);
  });

  it('settles a study for a set of modalities, whatever their order', async () => {
    await settledStudies(store.db, ['DX', 'CR']).settle('1.2.3', 4, '20261101');
    expect(await settledStudies(store.db, ['CR', 'DX', 'CR']).of(['1.2.3', '1.2.4'])).toEqual(
      new Map([['1.2.3', 4]]),
    );
    expect(await settledStudies(store.db, ['CR']).of(['1.2.3'])).toEqual(new Map());
    expect(await settledStudies(store.db, []).of(['1.2.3'])).toEqual(new Map());
    await settledStudies(store.db, ['CR', 'DX']).settle('1.2.3', 5, '20261101');
    expect(await settledStudies(store.db, ['DX', 'CR']).of(['1.2.3'])).toEqual(
      new Map([['1.2.3', 5]]),
    );
    // A look-back of 1500 studies: more keys than one statement may bind beside the scope.
    const many = Array.from({ length: 1500 }, (_, k) => `1.2.9.${k}`);
    const settledAt = new Date();
    await store.db.pacsSettledStudy.createMany({
      data: many.map((studyInstanceUID, k) => ({
        scope: 'CR',
        studyInstanceUID,
        instances: k,
        settledAt,
      })),
    });
    const found = await settledStudies(store.db, ['CR']).of(many);
    expect(found.size).toBe(1500);
    expect(found.get('1.2.9.1499')).toBe(1499);
  });

  it('forgets the studies dated before a look-back window, undated ones settled before it', async () => {
    const cr = settledStudies(store.db, ['CR']);
    await cr.settle('1.1', 1, '20261031');
    await cr.settle('1.2', 1, '20261101');
    await cr.settle('1.3', 1, null);
    await settledStudies(store.db, ['CT']).settle('1.4', 1, '20250105');
    const longAgo = new Date(Date.UTC(2026, 9, 31, 23, 59));
    await store.db.pacsSettledStudy.create({
      data: { scope: 'CR', studyInstanceUID: '1.5', instances: 1, settledAt: longAgo },
    });
    expect(await cr.forgetBefore('20261101')).toBe(3);
    const left = await store.db.pacsSettledStudy.findMany({ orderBy: { studyInstanceUID: 'asc' } });
    expect(left.map((row) => [row.studyInstanceUID, row.studyDate])).toEqual([
      ['1.2', '20261101'],
      ['1.3', null],
    ]);
    expect(await cr.of(['1.1', '1.2', '1.3'])).toEqual(
      new Map([
        ['1.2', 1],
        ['1.3', 1],
      ]),
    );
  });
});

/** The server's poller settings for the Orthanc's CR studies, on demand (no timer in the way). */
const crPolling = (password = pacs.password): PacsConfig => ({
  dicomWeb: { url: pacs.url, username: pacs.username, password, ...limits },
  modalities: ['CR'],
  lookbackDays: null,
  everyMs: 3_600_000,
  sendResults: 'off',
  sendReviews: false,
});

describe('a PACS over time', () => {
  let store: TestStore;
  beforeEach(async () => {
    store = await freshStore('sqlite');
  });
  afterEach(() => store.dispose());

  it('tops up a study that grows, and filters by study date and study', async () => {
    const ct = { modalities: ['CT'] };
    expect(await pullFromPacs(store, clientFor(), ct, null)).toMatchObject({ stored: 1 });
    for (const file of ctSlices.slice(1)) await pacs.store(file);
    expect(await pullFromPacs(store, clientFor(), ct, null)).toMatchObject({
      studies: 1,
      complete: 0,
      stored: 2,
      duplicates: 0,
    });
    expect(await pullFromPacs(store, clientFor(), ct, null)).toMatchObject({ complete: 1 });
    expect(new Set((await store.db.instance.findMany()).map((r) => r.sopInstanceUID))).toEqual(
      new Set(ctSlices.map(sopUidOf)),
    );
    // StudyDate as dcmdump reads it: the study is found from that day on, not from the next.
    const studyDate = dcmdumpValue(ctSlices[0]!, '0008,0020');
    const next = dayAfter(studyDate);
    const from = (day: string) =>
      pullFromPacs(store, clientFor(), { ...ct, studyDateFrom: day }, null);
    expect(await from(studyDate)).toMatchObject({ studies: 1 });
    expect(await from(next)).toMatchObject({ studies: 0 });
    const studyInstanceUID = dcmdumpValue(crChest, '0020,000d');
    expect(
      await pullFromPacs(store, clientFor(), { modalities: [], studyInstanceUID }, null),
    ).toMatchObject({ studies: 1, stored: 1 });
  });

  it('lists a study with other modalities again only once the PACS holds more of it, across restarts', async () => {
    const orthancStudy = await pacs.store(crSpine);
    await pacs.addToStudy(orthancStudy, { Modality: 'CT', SeriesDescription: 'scout' });
    const client = clientFor();
    const listings = vi.spyOn(client, 'searchInstances');
    const studyInstanceUID = dcmdumpValue(crSpine, '0020,000d');
    const query = {
      modalities: ['CR'],
      studyInstanceUID,
      settled: settledStudies(store.db, ['CR']),
    };
    // Never whole in the store (its CT is not asked for), so the first pull lists it.
    expect(await pullFromPacs(store, client, query, null)).toMatchObject({
      stored: 1,
      complete: 0,
    });
    expect(listings).toHaveBeenCalledTimes(1);
    expect(await pullFromPacs(store, client, query, null)).toMatchObject({
      stored: 0,
      complete: 1,
    });
    expect(listings).toHaveBeenCalledTimes(1);
    // Kept in the database: a restarted poller (or another process holding the lease) knows it.
    const restarted = { ...query, settled: settledStudies(store.db, ['CR']) };
    expect(await pullFromPacs(store, client, restarted, null)).toMatchObject({ complete: 1 });
    expect(listings).toHaveBeenCalledTimes(1);
    expect(await store.db.pacsSettledStudy.findMany()).toEqual([
      expect.objectContaining({ scope: 'CR', studyInstanceUID, instances: 2 }),
    ]);
    // Without it the study would be listed at every pull.
    await pullFromPacs(store, client, { ...query, settled: undefined }, null);
    expect(listings).toHaveBeenCalledTimes(2);
    // Settled for CR only: polling CT too lists it again.
    const withCt = {
      ...query,
      modalities: ['CR', 'CT'],
      settled: settledStudies(store.db, ['CR', 'CT']),
    };
    expect(await pullFromPacs(store, client, withCt, null)).toMatchObject({ complete: 0 });
    expect(listings).toHaveBeenCalledTimes(3);
    await pacs.addToStudy(orthancStudy, { Modality: 'CT', SeriesDescription: 'scout 2' });
    expect(await pullFromPacs(store, client, query, null)).toMatchObject({ complete: 0 });
    expect(listings).toHaveBeenCalledTimes(4);
  });

  it('forgets a settled study once the look-back window has passed its date', async () => {
    const orthancStudy = await pacs.store(crSpine);
    await pacs.addToStudy(orthancStudy, { Modality: 'CT', SeriesDescription: 'scout' });
    const studyInstanceUID = dcmdumpValue(crSpine, '0020,000d');
    const studyDate = dcmdumpValue(crSpine, '0008,0020');
    const within = {
      modalities: ['CR'],
      studyInstanceUID,
      studyDateFrom: studyDate,
      settled: settledStudies(store.db, ['CR']),
    };
    expect(await pullFromPacs(store, clientFor(), within, null)).toMatchObject({ complete: 0 });
    expect(await store.db.pacsSettledStudy.findMany()).toEqual([
      expect.objectContaining({ scope: 'CR', studyInstanceUID, studyDate }),
    ]);
    // While the window holds its date, the study stays settled.
    expect(await pullFromPacs(store, clientFor(), within, null)).toMatchObject({ complete: 1 });
    expect(await store.db.pacsSettledStudy.count()).toBe(1);
    // The window moved past it: the PACS no longer lists it, and it is forgotten.
    const past = { ...within, studyDateFrom: dayAfter(studyDate) };
    expect(await pullFromPacs(store, clientFor(), past, null)).toMatchObject({ studies: 0 });
    expect(await store.db.pacsSettledStudy.count()).toBe(0);
  });

  it('polls in the server as the pacs actor and tells screening', async () => {
    const config = crPolling();
    const pulled: number[] = [];
    const poller = startPacsPoller(store, config, {
      onPulled: (summary) => pulled.push(summary.stored),
    });
    try {
      const summary = await poller.poll();
      expect(summary).toMatchObject({ stored: 2, failed: 0 });
      expect(pulled).toEqual([2]);
      const imports = await store.db.auditEvent.findMany({ where: { action: 'instance.import' } });
      expect(imports.map((event) => event.actorName)).toEqual(['pacs', 'pacs']);
      // What an admin sees of it: where it pulls from and the last poll, no credentials.
      const status = poller.status();
      expect(status).toMatchObject({
        url: `${pacs.url}/`,
        modalities: ['CR'],
        lastPoll: { error: null, studies: 2, stored: 2, failed: 0, failureCodes: [] },
      });
      expect(JSON.stringify(status)).not.toContain(pacs.password);
      // Each new series has its opening image rendered for the viewer.
      for (const row of await store.db.instance.findMany()) {
        expect(existsSync(openingImageFiles(store, row.sha256, 1).png)).toBe(true);
      }
    } finally {
      await poller.stop();
    }
  });

  it('takes turns with another server process on the same database: one polls, one stands by', async () => {
    const config = crPolling();
    const first = startPacsPoller(store, config);
    await first.poll();
    const second = startPacsPoller(store, config);
    try {
      expect(await second.poll()).toBeNull();
      expect(second.status()).toMatchObject({ standby: true, lastPoll: null });
      // What the admin's Upload page says of the process that stands by.
      expect(
        renderToStaticMarkup(createElement(PacsStatusView, { status: second.status() })),
      ).toContain('Another server process on this database polls the PACS now');
      expect(first.status()).toMatchObject({ standby: false, lastPoll: { stored: 2 } });
      expect(await first.poll()).toMatchObject({ studies: 2 });
      // The first stops (and gives the lease up): the second polls at its next turn.
      await first.stop();
      expect(await second.poll()).toMatchObject({ studies: 2, stored: 0 });
      expect(second.status()).toMatchObject({ standby: false, lastPoll: { error: null } });
    } finally {
      await first.stop();
      await second.stop();
    }
  });

  it('keeps a failed poll in its status, with the code, and polls on', async () => {
    const poller = startPacsPoller(store, { ...crPolling('not-it'), modalities: [] });
    try {
      expect(await poller.poll()).toBeNull();
      expect(poller.status().lastPoll).toMatchObject({ error: { code: 'PACS_AUTH' }, stored: 0 });
      expect(await store.db.instance.count()).toBe(0);
    } finally {
      await poller.stop();
    }
  });

  it('says PACS_UNREACHABLE when nothing answers', async () => {
    const port = await freePort();
    const client = new DicomWebClient({ url: `http://127.0.0.1:${port}/dicom-web`, ...limits });
    await expect(pullFromPacs(store, client, { modalities: [] }, null)).rejects.toMatchObject({
      code: 'PACS_UNREACHABLE',
    });
  });
});

describe('secondlook pacs pull', () => {
  let store: TestStore;
  beforeEach(async () => {
    store = await freshStore('sqlite');
  });
  afterEach(() => store.dispose());

  const pull = (args: string[], password = pacs.password) =>
    spawnSync(
      process.execPath,
      [path.join(repoRoot, 'bin', 'secondlook.mjs'), 'pacs', 'pull', ...args],
      {
        encoding: 'utf8',
        env: { ...process.env, ...store.env, SECONDLOOK_PACS_PASSWORD: password },
      },
    );

  it('pulls one study, as JSON, with the password from the environment only', async () => {
    const study = dcmdumpValue(crChest, '0020,000d');
    const run = pull(['--url', pacs.url, '--user', pacs.username, '--study', study, '--json']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ studies: 1, stored: 1, failed: 0 });
    expect(await store.db.instance.findFirstOrThrow()).toMatchObject({
      sopInstanceUID: sopUidOf(crChest),
    });
    const again = pull(['--url', pacs.url, '--user', pacs.username, '--study', study]);
    expect(again.stdout).toBe(
      'studies 1 (1 already complete), stored 0, duplicates 0, conflicts 0, failed 0\n',
    );
  });

  it('exits 2 with a coded error, and no password in what it prints', () => {
    const wrong = 'wrong-password-123';
    const run = pull(['--url', pacs.url, '--user', pacs.username, '--json'], wrong);
    expect(run.status).toBe(2);
    expect(JSON.parse(run.stdout).error).toMatchObject({ code: 'PACS_AUTH' });
    expect(run.stdout + run.stderr).not.toContain(wrong);
    for (const args of [
      [],
      ['--url', 'ftp://pacs/dicom-web'],
      ['--url', pacs.url, '--since', 'May'],
    ]) {
      const usage = pull([...args, '--json']);
      expect(usage.status).toBe(2);
      expect(JSON.parse(usage.stdout).error.code).toBe('USAGE');
    }
  });
});
