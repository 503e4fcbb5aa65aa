/**
 * What a PACS can answer that Orthanc never would (a file that is not DICOM, a server error, an
 * instance over the size limit, a body that is not multipart, a UID that would steer the request
 * path), served by a small loopback DICOMweb server: each is a failed result with its code, the
 * good instance beside them is stored, nothing is half-written, and the bad UID is never
 * requested.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyAuditChain } from '../../lib/audit';
import { DicomWebClient } from '../../lib/dicomweb';
import { pullFromPacs, startPacsPoller } from '../../lib/pacs';
import { freshStore } from '../support/databases';
import { dcmdumpValue } from '../support/dcmdump';
import { sharedDicomDir } from '../support/paths';

const good = readFileSync(path.join(sharedDicomDir, 'dwv-gdcm/gdcm-CR-MONO1-10-chest.dcm'));
const uid = (tag: string) =>
  dcmdumpValue(path.join(sharedDicomDir, 'dwv-gdcm/gdcm-CR-MONO1-10-chest.dcm'), tag);
const [study, series, sop] = [uid('0020,000d'), uid('0020,000e'), uid('0008,0018')];
const limit = 1024 * 1024;
const boundary = 'b0und4ry';

function multipart(body: Uint8Array): Buffer {
  return Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`),
    body,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

const instances: Record<
  string,
  (respond: (status: number, type: string, body: Buffer) => void) => void
> = {
  [sop]: (respond) =>
    respond(
      200,
      'multipart/related; type="application/dicom"; boundary=' + boundary,
      multipart(good),
    ),
  '1.1': (respond) =>
    respond(
      200,
      `multipart/related; boundary="${boundary}"`,
      multipart(Buffer.from('not a DICOM file at all')),
    ),
  '1.2': (respond) => respond(500, 'text/plain', Buffer.from('internal error')),
  '1.3': (respond) =>
    respond(200, `multipart/related; boundary=${boundary}`, multipart(Buffer.alloc(limit + 1))),
  '1.4': (respond) => respond(200, 'application/dicom', good),
};

const requested: string[] = [];
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    requested.push(request.url ?? '');
    const at = new URL(request.url ?? '/', 'http://pacs');
    // Asked for MG, it says (as PS3.18 asks) that it sent only part of the matches.
    const warning =
      at.searchParams.get('ModalitiesInStudy') === 'MG'
        ? { warning: '299 pacs: "There are additional results that can be requested"' }
        : {};
    const respond = (status: number, type: string, body: Buffer) => {
      response.writeHead(status, {
        'content-type': type,
        'content-length': body.length,
        ...warning,
      });
      response.end(body);
    };
    const json = (value: unknown) =>
      respond(200, 'application/dicom+json', Buffer.from(JSON.stringify(value)));
    if (at.pathname === '/dicom-web/studies') {
      return json([
        { '0020000D': { vr: 'UI', Value: [study] } },
        { '0020000D': { vr: 'UI', Value: ['1.2/../../admin'] } },
      ]);
    }
    if (at.pathname === `/dicom-web/studies/${study}/instances`) {
      return json(
        Object.keys(instances).map((instance) => ({
          '0020000E': { vr: 'UI', Value: [series] },
          '00080018': { vr: 'UI', Value: [instance] },
          '00080060': { vr: 'CS', Value: ['CR'] },
        })),
      );
    }
    const instance = /\/instances\/([^/]+)$/.exec(at.pathname)?.[1];
    const handler = instance ? instances[instance] : undefined;
    if (handler) return handler(respond);
    respond(404, 'text/plain', Buffer.from('no such thing'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dicom-web`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('stores the good instance and reports each bad answer with its code', async () => {
  const store = await freshStore('sqlite');
  try {
    const client = new DicomWebClient({ url, maxInstanceBytes: limit, timeoutMs: 10_000 });
    const summary = await pullFromPacs(store, client, { modalities: ['CR'] }, null);
    expect(summary).toMatchObject({ studies: 1, stored: 1, failed: 5 });
    const codes = Object.fromEntries(
      summary.results.map((r) => [r.file.split('/').pop(), r.error?.code ?? r.status]),
    );
    expect(codes).toEqual({
      studies: 'PACS_RESPONSE',
      [sop]: 'stored',
      '1.1': expect.stringMatching(/^(NOT_DICOM|TRUNCATED|BAD_PREAMBLE)$/),
      '1.2': 'PACS_HTTP',
      '1.3': 'TOO_LARGE',
      '1.4': 'PACS_RESPONSE',
    });
    expect(await store.db.instance.count()).toBe(1);
    expect(await store.db.series.count()).toBe(1);
    expect(await store.db.study.count()).toBe(1);
    expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true });
    expect(requested.filter((request) => request.includes('admin'))).toEqual([]);
  } finally {
    await store.dispose();
  }
});

it('does not fetch a failed instance again at every poll, and tries it again later', async () => {
  const store = await freshStore('sqlite');
  const config = {
    dicomWeb: { url, maxInstanceBytes: limit, timeoutMs: 10_000 },
    modalities: ['CR'],
    lookbackDays: null,
    everyMs: 3_600_000,
    sendResults: 'off' as const,
    sendReviews: false,
  };
  const fetches = (instance: string) =>
    requested.filter((request) => request.endsWith(`/instances/${instance}`)).length;
  const before = fetches('1.1');
  // A second try 2 s after the first failure (the retry schedule's own numbers are tested with
  // it), long enough that the next poll, at once, still holds them back on a loaded machine.
  const poller = startPacsPoller(store, config, {
    retry: { firstDelayMs: 2_000, factor: 1, maxAttempts: 2 },
  });
  try {
    expect(await poller.poll()).toMatchObject({ stored: 1, failed: 5, heldBack: 0 });
    expect(await poller.poll()).toMatchObject({ stored: 0, failed: 1, heldBack: 4 });
    expect(poller.status().lastPoll).toMatchObject({ heldBack: 4 });
    expect(fetches('1.1')).toBe(before + 1);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(await poller.poll()).toMatchObject({ failed: 5, heldBack: 0 });
    expect(fetches('1.1')).toBe(before + 2);
    // Its tries spent after the second failure: held back for a day, across a restart too.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(await poller.poll()).toMatchObject({ failed: 1, heldBack: 4 });
    await poller.stop();
    const restarted = startPacsPoller(store, config, {
      retry: { firstDelayMs: 2_000, factor: 1, maxAttempts: 2 },
    });
    try {
      expect(await restarted.poll()).toMatchObject({ failed: 1, heldBack: 4 });
      expect(fetches('1.1')).toBe(before + 2);
    } finally {
      await restarted.stop();
    }
    const rows = await store.db.pacsFailure.findMany({ where: { kind: 'instance' } });
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row.attempts).toBe(2);
      expect(row.retryAt.getTime() - row.failedAt.getTime()).toBe(24 * 60 * 60_000);
    }
  } finally {
    await poller.stop();
    await store.dispose();
  }
});

it('says PACS_TRUNCATED when the PACS sent only part of a search, and pulls what it sent', async () => {
  const store = await freshStore('sqlite');
  try {
    const client = new DicomWebClient({ url, maxInstanceBytes: limit, timeoutMs: 10_000 });
    const summary = await pullFromPacs(store, client, { modalities: ['MG'] }, null);
    expect(summary.studies).toBe(1);
    expect(summary.results.map((r) => [r.file, r.error?.code])).toContainEqual([
      'studies',
      'PACS_TRUNCATED',
    ]);
  } finally {
    await store.dispose();
  }
});
