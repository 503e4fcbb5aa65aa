/**
 * Sending results back to a real PACS (a private Orthanc with DICOMweb): the flagged chest
 * radiograph's Secondary Capture and structured report land in its study in one STOW-RS request
 * (the report, as the PACS gives it back, follows TID 1500 by PixelMed's validator), is sent once
 * and audited as `pacs`; the `all` policy sends the negative one too; a pull of every
 * modality leaves the results where they are; a result the model no longer gives is refused with
 * nothing recorded; and the poller sends after its pull. A PACS that refuses a result (a loopback
 * STOW-RS server) gets PACS_REJECTED, and the poller holds that result back before trying again,
 * across a restart too.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PacsStatusView } from '../../app/_components/pacs/PacsStatusView';
import { verifyAuditChain } from '../../lib/audit';
import { parseDicom } from '../../lib/dicom';
import { DicomWebClient, splitMultipart, stringOf, TAGS } from '../../lib/dicomweb';
import { createNodeSession, loadModelFromDir, type ModelSession } from '../../lib/inference/node';
import { pullFromPacs, sendResults, startPacsPoller, type PacsConfig } from '../../lib/pacs';
import { ENHANCED_SR_STORAGE, SECONDARY_CAPTURE_IMAGE_STORAGE } from '../../lib/results';
import { startScreeningService } from '../../lib/screening/server';
import { getStudyDetail, type Store } from '../../lib/store';
import { dcmdumpValue } from '../support/dcmdump';
import { databases, freshStore, type TestStore } from '../support/databases';
import { pixelmedSrFindings } from '../support/dicom-sr';
import { repoRoot, sharedDicomDir } from '../support/paths';
import { uploadIntoStudy } from './hand-uploaded';
import { startOrthanc, type TestPacs } from './orthanc';

const modelDir = path.join(repoRoot, 'models', 'pneumonia-cxr');
const dxChest = path.join(sharedDicomDir, 'pylibjpeg-data/966_fixed.dcm');
const crChest = path.join(sharedDicomDir, 'dwv-gdcm/gdcm-CR-MONO1-10-chest.dcm');
const dxStudy = dcmdumpValue(dxChest, '0020,000d');
const crStudy = dcmdumpValue(crChest, '0020,000d');
const pacsActor = { system: 'pacs' } as const;
const reader = { id: 1, username: 'reader', role: 'radiologist' } as const;
const limits = { maxInstanceBytes: 64 * 1024 * 1024, timeoutMs: 30_000 };

let pacs: TestPacs;
let session: ModelSession;
beforeAll(async () => {
  pacs = await startOrthanc();
  for (const file of [dxChest, crChest]) await pacs.store(file);
  session = await createNodeSession(await loadModelFromDir(modelDir));
}, 60_000);
afterAll(async () => {
  await session?.release();
  pacs?.stop();
});

const clientConfig = () => ({ url: pacs.url, username: pacs.username, password: pacs.password });
const clientFor = () => new DicomWebClient({ ...clientConfig(), ...limits });

/** The poller's settings: the CR studies of the Orthanc (or another PACS), every result sent. */
const crAndAll = (
  dicomWeb: PacsConfig['dicomWeb'] = { ...limits, ...clientConfig() },
): PacsConfig => ({
  dicomWeb,
  modalities: ['CR'],
  lookbackDays: null,
  everyMs: 3_600_000,
  sendResults: 'all',
  sendReviews: false,
});

/** Screens every stored series as the server's worker does, and waits for it. */
async function screenAll(store: Store): Promise<void> {
  const service = await startScreeningService(store, { modelDir, sweepEveryMs: 0 });
  await service.queue.whenIdle();
  await service.stop();
}

/** The PACS's instances of a study that are not the acquisition's own (our results). */
async function resultsIn(client: DicomWebClient, study: string, modality: 'OT' | 'SR' = 'OT') {
  const { datasets } = await client.searchInstances(study, { includefield: TAGS.modality });
  return datasets.filter((dataset) => stringOf(dataset, TAGS.modality) === modality);
}

describe.each(databases)('sending results to Orthanc from %s', (kind) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await freshStore(kind);
  });
  afterEach(() => store.dispose());

  it('stores the flagged result in its study once, audited, then every result with `all`', async () => {
    const client = clientFor();
    const pulled = await pullFromPacs(store, client, { modalities: ['CR', 'DX'] }, null);
    expect(pulled).toMatchObject({ stored: 2 });
    await screenAll(store);
    const query = { studyInstanceUIDs: pulled.studyInstanceUIDs, policy: 'flagged' } as const;

    const flagged = await sendResults(store, client, session, query, pacsActor);
    expect(flagged).toMatchObject({ sent: 1, failed: 0 });
    const [sent] = flagged.results;
    const row = await store.db.pacsResult.findFirstOrThrow();
    expect(row).toMatchObject({ studyInstanceUID: dxStudy, sopInstanceUID: sent!.sopInstanceUID });
    const [inPacs] = await resultsIn(client, dxStudy);
    expect(stringOf(inPacs!, TAGS.sopInstanceUID)).toBe(row.sopInstanceUID);
    const bytes = await client.retrieveInstance(dxStudy, row.seriesInstanceUID, row.sopInstanceUID);
    const sc = parseDicom(bytes, { file: 'from orthanc' });
    expect(sc.dataSet.string('x00080016')).toBe(SECONDARY_CAPTURE_IMAGE_STORAGE);
    expect(sc.dataSet.string('x0020000d')).toBe(dxStudy);
    // The structured report went in the same request, in a series of its own.
    const [reportInPacs] = await resultsIn(client, dxStudy, 'SR');
    expect(stringOf(reportInPacs!, TAGS.sopInstanceUID)).toBe(row.reportSopInstanceUID);
    const reportBytes = await client.retrieveInstance(
      dxStudy,
      row.reportSeriesInstanceUID!,
      row.reportSopInstanceUID!,
    );
    const report = parseDicom(reportBytes, { file: 'from orthanc' });
    expect(report.dataSet.string('x00080016')).toBe(ENHANCED_SR_STORAGE);
    expect(report.dataSet.string('x0020000d')).toBe(dxStudy);
    // As the PACS gives it back, it follows TID 1500 and the templates it includes.
    const work = mkdtempSync(path.join(tmpdir(), 'secondlook-sent-report-'));
    try {
      writeFileSync(path.join(work, 'report.dcm'), reportBytes);
      expect(pixelmedSrFindings(path.join(work, 'report.dcm'))).toEqual([]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    const events = await store.db.auditEvent.findMany({ where: { action: 'result.send' } });
    expect(events.map((event) => [event.actorName, event.subjectId])).toEqual([
      ['pacs', String(sent!.inferenceId)],
    ]);
    expect(JSON.parse(events[0]!.details)).toMatchObject({
      sopInstanceUID: row.sopInstanceUID,
      reportSopInstanceUID: row.reportSopInstanceUID,
      bytes: bytes.length + reportBytes.length,
    });
    // What the study page reads of it: in the PACS since it was recorded sent.
    const detail = await getStudyDetail(store, sent!.studyId, reader);
    expect(detail.inferences.map((inference) => inference.sentToPacs)).toEqual([
      {
        sentAt: row.sentAt.toISOString(),
        seriesInstanceUID: row.seriesInstanceUID,
        reportSeriesInstanceUID: row.reportSeriesInstanceUID,
      },
    ]);

    expect(await sendResults(store, client, session, query, pacsActor)).toMatchObject({
      sent: 0,
      results: [],
    });
    const all = await sendResults(store, client, session, { ...query, policy: 'all' }, pacsActor);
    expect(all).toMatchObject({ sent: 1, failed: 0 });
    // One each, also on the second database's run: the same result sent again (from another
    // store, or after a crash before it was recorded) has the same UIDs and replaces itself.
    expect(await resultsIn(client, crStudy)).toHaveLength(1);
    expect(await resultsIn(client, dxStudy)).toHaveLength(1);
    expect(await resultsIn(client, crStudy, 'SR')).toHaveLength(1);
    expect(await resultsIn(client, dxStudy, 'SR')).toHaveLength(1);

    // A result sent before reports were (no report recorded, none in the PACS) gets its report
    // alone, once, under the same UIDs; its Secondary Capture is left as it is.
    const old = await store.db.pacsResult.findFirstOrThrow({
      where: { studyInstanceUID: dxStudy },
    });
    await pacs.remove(old.reportSopInstanceUID!);
    await store.db.pacsResult.update({
      where: { id: old.id },
      data: { reportSeriesInstanceUID: null, reportSopInstanceUID: null },
    });
    expect(await resultsIn(client, dxStudy, 'SR')).toHaveLength(0);
    const reports = await sendResults(store, client, session, query, pacsActor);
    expect(reports).toMatchObject({
      sent: 1,
      failed: 0,
      results: [{ kind: 'report', inferenceId: old.inferenceId, status: 'sent' }],
    });
    expect(await resultsIn(client, dxStudy, 'SR')).toHaveLength(1);
    expect(await resultsIn(client, dxStudy)).toHaveLength(1);
    expect(await store.db.pacsResult.findUniqueOrThrow({ where: { id: old.id } })).toEqual(old);
    expect(await sendResults(store, client, session, query, pacsActor)).toMatchObject({ sent: 0 });

    const instances = await store.db.instance.count();
    const again = await pullFromPacs(store, client, { modalities: [] }, null);
    expect(again).toMatchObject({ stored: 0, failed: 0 });
    expect(await store.db.instance.count()).toBe(instances);
    expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true });
  }, 120_000);
});

describe('results the PACS must not get', () => {
  let store: TestStore;
  beforeEach(async () => {
    store = await freshStore('sqlite');
  });
  afterEach(() => store.dispose());

  it('refuses a stored result the model does not give again, recording nothing', async () => {
    const client = clientFor();
    const pulled = await pullFromPacs(store, client, { modalities: ['DX'] }, null);
    await screenAll(store);
    const inference = await store.db.inference.findFirstOrThrow();
    await store.db.inference.update({
      where: { id: inference.id },
      data: { probabilities: JSON.stringify({ pneumonia: 0.5 }) },
    });
    const summary = await sendResults(
      store,
      client,
      session,
      { studyInstanceUIDs: pulled.studyInstanceUIDs, policy: 'all' },
      pacsActor,
    );
    expect(summary).toMatchObject({ sent: 0, failed: 1 });
    expect(summary.results[0]!.error).toMatchObject({ code: 'RESULT_MISMATCH' });
    expect(await store.db.pacsResult.count()).toBe(0);
    expect(await store.db.auditEvent.count({ where: { action: 'result.send' } })).toBe(0);
  }, 60_000);

  it('sends one result per series and model, though the series is screened again', async () => {
    const client = clientFor();
    const pulled = await pullFromPacs(store, client, { modalities: ['DX'] }, null);
    await screenAll(store);
    const query = { studyInstanceUIDs: pulled.studyInstanceUIDs, policy: 'all' } as const;
    expect(await sendResults(store, client, session, query, pacsActor)).toMatchObject({ sent: 1 });
    // The same screening recorded again (a newer inference of the series by the same model).
    const first = await store.db.inference.findFirstOrThrow();
    await store.db.inference.create({ data: { ...first, id: undefined, createdAt: undefined } });
    expect(await sendResults(store, client, session, query, pacsActor)).toMatchObject({
      sent: 0,
      failed: 0,
    });
  }, 60_000);

  it('finds the result due among 40 000 listed studies (more than a statement binds)', async () => {
    const client = clientFor();
    const pulled = await pullFromPacs(store, client, { modalities: ['DX'] }, null);
    await screenAll(store);
    const many = Array.from({ length: 40_000 }, (_, i) => `1.2.826.0.1.3680043.10.1470.80.${i}`);
    const summary = await sendResults(
      store,
      client,
      session,
      { studyInstanceUIDs: [...many, ...pulled.studyInstanceUIDs], policy: 'all' },
      pacsActor,
    );
    expect(summary).toMatchObject({ sent: 1, failed: 0 });
  }, 60_000);

  it('does not send the result of an image the PACS lacks, though its study is there', async () => {
    const client = clientFor();
    const pulled = await pullFromPacs(store, client, { modalities: ['DX'] }, null);
    // A chest film uploaded by hand into the DX study: the PACS has the study, not this image.
    const uploaded = await uploadIntoStudy(
      store,
      { studyInstanceUID: dxStudy, patientId: dcmdumpValue(dxChest, '0010,0020') },
      {
        series: '1.2.826.0.1.3680043.10.1470.82.1',
        instance: '1.2.826.0.1.3680043.10.1470.82.1.1',
      },
      256,
    );
    expect(uploaded).toMatchObject({ status: 'stored' });
    await screenAll(store);
    const query = { studyInstanceUIDs: pulled.studyInstanceUIDs, policy: 'all' } as const;
    const summary = await sendResults(store, client, session, query, pacsActor);
    expect(summary).toMatchObject({ sent: 1, failed: 1 });
    expect(summary.results.map((result) => result.error?.code ?? result.status).sort()).toEqual([
      'SOURCE_NOT_IN_PACS',
      'sent',
    ]);
    expect(await store.db.pacsResult.count()).toBe(1);
  }, 60_000);

  it('sends nothing for a study the PACS did not list', async () => {
    const client = clientFor();
    await pullFromPacs(store, client, { modalities: ['DX'] }, null);
    await screenAll(store);
    const summary = await sendResults(
      store,
      client,
      session,
      { studyInstanceUIDs: [crStudy], policy: 'all' },
      pacsActor,
    );
    expect(summary).toMatchObject({ sent: 0, failed: 0, results: [] });
  }, 60_000);
});

it('secondlook pacs send sends the results of the studies it finds, as the cli', async () => {
  const store = await freshStore('sqlite');
  try {
    await pullFromPacs(store, clientFor(), { modalities: ['DX'] }, null);
    await screenAll(store);
    const send = (args: string[]) =>
      spawnSync(
        process.execPath,
        [path.join(repoRoot, 'bin', 'secondlook.mjs'), 'pacs', 'send', ...args, '--json'],
        {
          encoding: 'utf8',
          env: { ...process.env, ...store.env, SECONDLOOK_PACS_PASSWORD: pacs.password },
        },
      );
    const pacsArgs = ['--url', pacs.url, '--user', pacs.username, '--study', dxStudy];
    const run = send(pacsArgs);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ studies: 1, sent: 1, failed: 0 });
    expect(run.stdout + run.stderr).not.toContain(pacs.password);
    const events = await store.db.auditEvent.findMany({ where: { action: 'result.send' } });
    expect(events.map((event) => event.actorName)).toEqual(['cli']);
    const usage = send([...pacsArgs, '--policy', 'some']);
    expect(usage.status).toBe(2);
    expect(JSON.parse(usage.stdout).error.code).toBe('USAGE');
  } finally {
    await store.dispose();
  }
}, 120_000);

it('the poller sends the results screened since its last poll', async () => {
  const store = await freshStore('sqlite');
  try {
    const poller = startPacsPoller(store, crAndAll(), { modelDir });
    await poller.poll();
    expect(poller.status().lastPoll).toMatchObject({ stored: 1, sent: 0 });
    await screenAll(store);
    await poller.poll();
    expect(poller.status().lastPoll).toMatchObject({ stored: 0, sent: 1, sendFailed: 0 });
    expect(poller.status().sendResults).toBe('all');
    expect(
      renderToStaticMarkup(createElement(PacsStatusView, { status: poller.status() })),
    ).toMatch(/every screening result back into their studies.*; 1 results sent, 0 failed\./);
    await poller.stop();
    const [row] = await store.db.pacsResult.findMany();
    expect(row).toMatchObject({ studyInstanceUID: crStudy });
  } finally {
    await store.dispose();
  }
}, 120_000);

it('a model that does not load fails the sending, not the pull before it', async () => {
  const store = await freshStore('sqlite');
  try {
    const missing = path.join(store.config.dataDir, 'no-model-here');
    const poller = startPacsPoller(store, crAndAll(), { modelDir: missing });
    await poller.poll();
    await poller.stop();
    const last = poller.status().lastPoll!;
    expect(last).toMatchObject({ error: null, stored: 1, sent: 0, sendFailed: 1 });
    expect(last.failureCodes).toHaveLength(1);
  } finally {
    await store.dispose();
  }
}, 60_000);

describe('a PACS that refuses results', () => {
  const posts: string[] = [];
  let server: Server;
  let url: string;
  beforeAll(async () => {
    const study = crStudy;
    server = createServer((request, response) => {
      const at = new URL(request.url ?? '/', 'http://pacs');
      const json = (status: number, value: unknown) => {
        const body = Buffer.from(JSON.stringify(value));
        response.writeHead(status, { 'content-type': 'application/dicom+json' });
        response.end(body);
      };
      if (request.method === 'POST') {
        posts.push(at.pathname);
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          const [part] = splitMultipart(
            Buffer.concat(chunks),
            request.headers['content-type'] ?? '',
            'stow',
          );
          const sop = parseDicom(part!, { file: 'stow' }).dataSet.string('x00080018');
          // Out of resources (PS3.18 Table 10.5.3-1's A700), for the instance it was sent.
          json(409, {
            '00081198': {
              vr: 'SQ',
              Value: [
                {
                  '00081155': { vr: 'UI', Value: [sop] },
                  '00081197': { vr: 'US', Value: [0xa700] },
                },
              ],
            },
          });
        });
        return;
      }
      if (at.pathname === '/dicom-web/studies') {
        return json(200, [
          { '0020000D': { vr: 'UI', Value: [study] }, '00201208': { vr: 'IS', Value: [1] } },
        ]);
      }
      // It holds whatever image it is asked about.
      const sop = at.searchParams.get('SOPInstanceUID');
      json(200, sop ? [{ '00080018': { vr: 'UI', Value: [sop] } }] : []);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dicom-web`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is PACS_REJECTED, records nothing, and is tried again later, not at every poll', async () => {
    const store = await freshStore('sqlite');
    try {
      await pullFromPacs(store, clientFor(), { modalities: ['CR'] }, null);
      await screenAll(store);
      const poller = startPacsPoller(store, crAndAll({ url, ...limits }), {
        retry: { firstDelayMs: 2_000, factor: 4, maxAttempts: 5 },
        modelDir,
      });
      await poller.poll();
      expect(poller.status().lastPoll).toMatchObject({
        sent: 0,
        sendFailed: 1,
        failureCodes: ['PACS_REJECTED'],
      });
      expect(posts).toHaveLength(1);
      await poller.poll();
      expect(posts).toHaveLength(1);
      // A restart keeps the schedule: the new poller holds the result back too.
      await poller.stop();
      const restarted = startPacsPoller(store, crAndAll({ url, ...limits }), {
        retry: { firstDelayMs: 2_000, factor: 4, maxAttempts: 5 },
        modelDir,
      });
      await restarted.poll();
      expect(posts).toHaveLength(1);
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      await restarted.poll();
      expect(posts).toHaveLength(2);
      await restarted.stop();
      expect(await store.db.pacsResult.count()).toBe(0);
      const [row] = await store.db.pacsFailure.findMany();
      expect(row).toMatchObject({ kind: 'result', code: 'PACS_REJECTED', attempts: 2 });
      expect(row!.retryAt.getTime() - row!.failedAt.getTime()).toBe(8_000);
    } finally {
      await store.dispose();
    }
  }, 60_000);
});
