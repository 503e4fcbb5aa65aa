/**
 * Signed reviews into a real PACS (a private Orthanc with DICOMweb): a reader's review of a DX
 * chest pulled from the PACS lands in its study as an Enhanced SR verified by that reader, once,
 * audited as `pacs`; what the PACS gives back is judged by DCMTK (dsrdump reads it with no error,
 * dcmdump reads its verification, its points and its predecessor), dicom3tools' dciodvfy (no
 * fault of its own making) and PixelMed's DicomSRValidator (it follows TID 1500 and the templates
 * it includes). An amendment names the report of the review it amends. A review that
 * names an image the PACS lacks is SOURCE_NOT_IN_PACS, with nothing recorded; the poller sends
 * what its readers signed after its pull, and `secondlook pacs send --reviews` does from the shell.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PacsStatusView } from '../../app/_components/pacs/PacsStatusView';
import { verifyAuditChain } from '../../lib/audit';
import { createUser, type SessionUser } from '../../lib/auth';
import { DicomWebClient, stringOf, TAGS } from '../../lib/dicomweb';
import { readManifestFromDir } from '../../lib/inference/node';
import { pullFromPacs, sendReviews, startPacsPoller, type PacsConfig } from '../../lib/pacs';
import { amendReview, createReview, listReviews, type Measurement } from '../../lib/review';
import type { Store } from '../../lib/store';
import { dcmdumpValue } from '../support/dcmdump';
import {
  COPIED_VALUE_WARNINGS,
  dciodvfyErrors,
  pixelmedSrFindings,
  srContentTree,
} from '../support/dicom-sr';
import { databases, freshStore, type TestStore } from '../support/databases';
import { repoRoot, sharedDicomDir } from '../support/paths';
import { uploadIntoStudy } from './hand-uploaded';
import { startOrthanc, type TestPacs } from './orthanc';

const modelDir = path.join(repoRoot, 'models', 'pneumonia-cxr');
const dxChest = path.join(sharedDicomDir, 'pylibjpeg-data/966_fixed.dcm');
const dxStudy = dcmdumpValue(dxChest, '0020,000d');
const pacsActor = { system: 'pacs' } as const;
const limits = { maxInstanceBytes: 64 * 1024 * 1024, timeoutMs: 30_000 };

let pacs: TestPacs;
let work: string;
beforeAll(async () => {
  pacs = await startOrthanc();
  await pacs.store(dxChest);
  work = mkdtempSync(path.join(tmpdir(), 'secondlook-review-sr-'));
}, 60_000);
afterAll(() => {
  pacs?.stop();
  rmSync(work, { recursive: true, force: true });
});

const clientFor = () =>
  new DicomWebClient({
    url: pacs.url,
    username: pacs.username,
    password: pacs.password,
    ...limits,
  });

/** The SR instances of a study in the PACS, with their SOP Instance UIDs. */
async function reportsIn(client: DicomWebClient, study: string): Promise<string[]> {
  const { datasets } = await client.searchInstances(study, { includefield: TAGS.modality });
  return datasets
    .filter((dataset) => stringOf(dataset, TAGS.modality) === 'SR')
    .map((dataset) => stringOf(dataset, TAGS.sopInstanceUID) ?? '');
}

/** The report the PACS holds, written to a file for the DICOM tools. */
async function fetched(client: DicomWebClient, reviewId: number, store: Store): Promise<string> {
  const row = await store.db.pacsReviewReport.findUniqueOrThrow({ where: { reviewId } });
  const bytes = await client.retrieveInstance(dxStudy, row.seriesInstanceUID, row.sopInstanceUID);
  const file = path.join(work, `${row.sopInstanceUID}.dcm`);
  writeFileSync(file, bytes);
  return file;
}

/** Every value dcmdump prints for a tag, at any depth. */
function dcmdumpAll(file: string, tag: string): string[] {
  const dump = execFileSync('dcmdump', ['+P', tag, file], { encoding: 'utf8' });
  return [...dump.matchAll(/^\s*\([0-9a-f,]+\) \w\w (?:\[([^\]]*)\]|([^#]*?))\s+#/gm)].map(
    (match) => (match[1] ?? match[2] ?? '').trim(),
  );
}

describe.each(databases)('sending signed reviews to Orthanc from %s', (kind) => {
  let store: TestStore;
  let alice: SessionUser;
  beforeEach(async () => {
    store = await freshStore(kind);
    const user = await createUser(
      store.db,
      { username: 'alice', role: 'radiologist', password: 'correct horse battery' },
      null,
    );
    alice = { id: user.id, username: 'alice', role: 'radiologist' };
  });
  afterEach(() => store.dispose());

  it('stores a signed review as a report its reader verified, once, and an amendment after it', async () => {
    const client = clientFor();
    const labels = (await readManifestFromDir(modelDir)).labels;
    const pulled = await pullFromPacs(store, client, { modalities: ['DX'] }, null);
    expect(pulled).toMatchObject({ stored: 1 });
    const instance = await store.db.instance.findFirstOrThrow({ include: { series: true } });
    // dcmdump: Imager Pixel Spacing 0.160 mm; no plane in the patient, so mm at the detector.
    const length: Measurement = {
      tool: 'Length',
      instanceId: instance.id,
      frame: 1,
      points: [
        [100, 200],
        [400, 600],
      ],
      values: [{ name: 'length', value: Math.hypot(300 * 0.16, 400 * 0.16), unit: 'mm Proj' }],
    };
    const review = await createReview(store, alice, {
      studyId: instance.series.studyId,
      decisions: [{ finding: 'pneumonia', decision: 'disagree' }],
      confounders: ['text-marker'],
      text: 'no consolidation; the AI read the marker',
      measurements: [length],
      sign: true,
    });
    const query = { studyInstanceUIDs: pulled.studyInstanceUIDs, labels };
    // Reports sent from the other database's run stay: their reviews were signed at other times.
    const before = await reportsIn(client, dxStudy);

    const summary = await sendReviews(store, client, query, pacsActor);
    expect(summary).toMatchObject({ sent: 1, failed: 0 });
    const row = await store.db.pacsReviewReport.findUniqueOrThrow({
      where: { reviewId: review.id },
    });
    expect((await reportsIn(client, dxStudy)).sort()).toEqual(
      [...before, row.sopInstanceUID].sort(),
    );
    const file = await fetched(client, review.id, store);
    const sourceErrors = new Set(dciodvfyErrors(dxChest));
    for (const error of dciodvfyErrors(file)) expect(sourceErrors).toContain(error);
    for (const tag of ['0010,0010', '0010,0020', '0020,000d']) {
      expect(dcmdumpValue(file, tag)).toBe(dcmdumpValue(dxChest, tag));
    }
    expect(dcmdumpValue(file, '0040,a493')).toBe('VERIFIED');
    expect(dcmdumpValue(file, '0040,a075')).toBe('alice');
    const tree = srContentTree(file, COPIED_VALUE_WARNINGS);
    expect(tree.get('1.3')).toBe(
      '<has obs context PNAME:(121008,DCM,"Person Observer Name")="alice">',
    );
    expect(pixelmedSrFindings(file)).toEqual([]);
    expect(tree.get('1.6.1.3')).toMatch(
      /^<contains SCOORD:\(111030,DCM,"Image Region"\)=\(POLYLINE,/,
    );
    expect(tree.get('1.6.1.3.1')).toMatch(/^<selected from IMAGE:/);
    expect(tree.get('1.6.1.4')).toBe(
      `<contains NUM:(410668003,SCT,"Length")="${length.values[0]!.value}" (mm,UCUM,"millimeter")>`,
    );
    expect(tree.get('1.6.1.4.1')).toBe(
      '<has concept mod CODE:(MEASURING-SCALE,99SECONDLOOK,"Measuring scale of the image")=(PROJ,99SECONDLOOK,"At the detector, not corrected for magnification")>',
    );
    expect(tree.get('1.7.1')).toBe(
      '<contains CODE:(233604007,SCT,"Pneumonia")=(DISAGREE,99SECONDLOOK,"Disagrees with the AI")>',
    );
    // The points as SCOORD image coordinates: the pixel index plus one half.
    expect(dcmdumpAll(file, '0070,0022')).toEqual(['100.5\\200.5\\400.5\\600.5']);
    expect([...tree.values()]).toEqual(
      expect.arrayContaining([
        '<contains TEXT:(121106,DCM,"Comment")="no consolidation; the AI read the marker">',
        '<contains TEXT:(CONFOUNDER,99SECONDLOOK,"Saliency on a confounder, flagged by the reader")="text-marker">',
      ]),
    );
    const events = await store.db.auditEvent.findMany({ where: { action: 'review.send' } });
    expect(events.map((event) => [event.actorName, event.subjectId])).toEqual([
      ['pacs', String(review.id)],
    ]);
    expect(await sendReviews(store, client, query, pacsActor)).toMatchObject({ sent: 0 });
    // The review panel says when it went.
    const [listed] = await listReviews(store.db, alice, instance.series.studyId);
    expect(listed).toMatchObject({ id: review.id, sentToPacs: row.sentAt.toISOString() });

    // The amendment's report names the first as its predecessor; both stay in the PACS.
    const amendment = await amendReview(store, alice, review.id, { text: 'a small effusion too' });
    expect(await sendReviews(store, client, query, pacsActor)).toMatchObject({ sent: 1 });
    const amended = await fetched(client, amendment.id, store);
    const referenced = execFileSync('dcmdump', ['+p', '+P', '0008,1155', amended], {
      encoding: 'utf8',
    });
    expect(referenced).toContain(
      `(0040,a360).(0008,1115).(0008,1199).(0008,1155) UI [${row.sopInstanceUID}]`,
    );
    expect(await reportsIn(client, dxStudy)).toHaveLength(before.length + 2);
    // A pull of every modality leaves this store's reports in the PACS.
    await pullFromPacs(store, client, { modalities: [] }, null);
    const ours = (await store.db.pacsReviewReport.findMany()).map((r) => r.sopInstanceUID);
    expect(ours).toHaveLength(2);
    expect(await store.db.instance.count({ where: { sopInstanceUID: { in: ours } } })).toBe(0);
    expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true });
  }, 120_000);

  it('does not send a review that names an image the PACS lacks', async () => {
    const client = clientFor();
    const pulled = await pullFromPacs(store, client, { modalities: ['DX'] }, null);
    // A film uploaded by hand into the DX study: the PACS has the study, not this image.
    const stored = await uploadIntoStudy(
      store,
      { studyInstanceUID: dxStudy, patientId: dcmdumpValue(dxChest, '0010,0020') },
      {
        series: '1.2.826.0.1.3680043.10.1470.83.1',
        instance: '1.2.826.0.1.3680043.10.1470.83.1.1',
      },
      64,
    );
    const review = await createReview(store, alice, {
      studyId: stored.studyId!,
      measurements: [
        {
          tool: 'Length',
          instanceId: stored.instanceId!,
          frame: 1,
          points: [
            [1, 1],
            [4, 5],
          ],
          values: [{ name: 'length', value: 5, unit: 'px' }],
        },
      ],
      sign: true,
    });
    const summary = await sendReviews(
      store,
      client,
      { studyInstanceUIDs: pulled.studyInstanceUIDs, labels: [] },
      pacsActor,
    );
    expect(summary).toMatchObject({
      sent: 0,
      failed: 1,
      results: [{ reviewId: review.id, error: { code: 'SOURCE_NOT_IN_PACS' } }],
    });
    expect(await store.db.pacsReviewReport.count()).toBe(0);
  }, 60_000);
});

it('the poller sends what readers signed since its last poll', async () => {
  const store = await freshStore('sqlite');
  try {
    const config: PacsConfig = {
      dicomWeb: { url: pacs.url, username: pacs.username, password: pacs.password, ...limits },
      modalities: ['DX'],
      lookbackDays: null,
      everyMs: 3_600_000,
      sendResults: 'off',
      sendReviews: true,
    };
    const poller = startPacsPoller(store, config, { modelDir });
    await poller.poll();
    expect(poller.status().lastPoll).toMatchObject({ stored: 1, reviewsSent: 0 });
    const user = await createUser(
      store.db,
      { username: 'bob', role: 'radiologist', password: 'correct horse battery' },
      null,
    );
    const study = await store.db.study.findFirstOrThrow();
    const bob = { id: user.id, username: 'bob', role: 'radiologist' } as const;
    await createReview(store, bob, { studyId: study.id, text: 'normal', sign: true });
    await poller.poll();
    expect(poller.status().lastPoll).toMatchObject({ reviewsSent: 1, reviewsFailed: 0 });
    expect(poller.status().sendReviews).toBe(true);
    // What an admin reads on the Upload page.
    expect(
      renderToStaticMarkup(createElement(PacsStatusView, { status: poller.status() })),
    ).toMatch(
      /every signed review into its study as a structured report.*; 1 reviews sent, 0 failed\./,
    );
    await poller.stop();
    expect(await store.db.pacsReviewReport.count()).toBe(1);
  } finally {
    await store.dispose();
  }
}, 120_000);

it('the poller sends a review signed after the look-back stopped listing its study, and leaves a study the PACS lacks alone', async () => {
  const store = await freshStore('sqlite');
  try {
    await pullFromPacs(store, clientFor(), { modalities: ['DX'] }, null);
    const dx = await store.db.study.findFirstOrThrow();
    // A study uploaded by hand, which the PACS has never held.
    const uploaded = await uploadIntoStudy(
      store,
      { studyInstanceUID: '1.2.826.0.1.3680043.10.1470.84', patientId: 'HAND-1' },
      {
        series: '1.2.826.0.1.3680043.10.1470.84.1',
        instance: '1.2.826.0.1.3680043.10.1470.84.1.1',
      },
      64,
    );
    const user = await createUser(
      store.db,
      { username: 'dana', role: 'radiologist', password: 'correct horse battery' },
      null,
    );
    const dana = { id: user.id, username: 'dana', role: 'radiologist' } as const;
    for (const studyId of [dx.id, uploaded.studyId!]) {
      await createReview(store, dana, { studyId, text: 'read days later', sign: true });
    }
    // The DX has no study date, so a look-back of one day lists nothing.
    const poller = startPacsPoller(
      store,
      {
        dicomWeb: { url: pacs.url, username: pacs.username, password: pacs.password, ...limits },
        modalities: ['DX'],
        lookbackDays: 1,
        everyMs: 3_600_000,
        sendResults: 'off',
        sendReviews: true,
      },
      { modelDir },
    );
    await poller.poll();
    expect(poller.status().lastPoll).toMatchObject({
      studies: 0,
      reviewsSent: 1,
      reviewsFailed: 0,
    });
    await poller.poll();
    expect(poller.status().lastPoll).toMatchObject({ reviewsSent: 0, reviewsFailed: 0 });
    await poller.stop();
    expect((await store.db.pacsReviewReport.findMany()).map((row) => row.studyInstanceUID)).toEqual(
      [dx.studyInstanceUID],
    );
  } finally {
    await store.dispose();
  }
}, 120_000);

it('secondlook pacs send --reviews sends the signed reviews of the studies it finds, as the cli', async () => {
  const store = await freshStore('sqlite');
  try {
    await pullFromPacs(store, clientFor(), { modalities: ['DX'] }, null);
    const user = await createUser(
      store.db,
      { username: 'carol', role: 'radiologist', password: 'correct horse battery' },
      null,
    );
    const study = await store.db.study.findFirstOrThrow();
    const carol = { id: user.id, username: 'carol', role: 'radiologist' } as const;
    await createReview(store, carol, { studyId: study.id, text: 'seen', sign: true });
    await createReview(store, carol, { studyId: study.id, text: 'a draft is not sent' });
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
    const run = send([...pacsArgs, '--reviews']);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ studies: 1, sent: 1, failed: 0 });
    expect(run.stdout + run.stderr).not.toContain(pacs.password);
    const events = await store.db.auditEvent.findMany({ where: { action: 'review.send' } });
    expect(events.map((event) => event.actorName)).toEqual(['cli']);
    const usage = send([...pacsArgs, '--reviews', '--policy', 'all']);
    expect(usage.status).toBe(2);
    expect(JSON.parse(usage.stdout).error.code).toBe('USAGE');
  } finally {
    await store.dispose();
  }
}, 120_000);
