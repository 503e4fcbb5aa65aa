/**
 * `POST /api/studies/upload` on both databases with real files: each part is ingested as it
 * arrives (the first file is stored while the rest of the request has not been sent: the body is
 * streamed, not buffered), per-file results keep the order sent, a file over the per-file limit is
 * reported and the others stored, a body that is not well-formed multipart is a coded 400
 * that stores nothing, and a file-system failure while storing is a per-file error that names no
 * server path and leaves no rows.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POST } from '../../app/api/studies/upload/route';
import { createUser, login } from '../../lib/auth';
import { setStore } from '../../lib/store';
import { databases, freshStore, type TestStore } from '../support/databases';
import { sharedDicomDir } from '../support/paths';

const ct = path.join(sharedDicomDir, 'dcmqi', 'ct-3slice', '01.dcm');
const crChest = path.join(sharedDicomDir, 'dwv-gdcm', 'gdcm-CR-MONO1-10-chest.dcm');
const truncated = path.join(sharedDicomDir, 'pydicom', 'MR_truncated.dcm');
const boundary = 'secondlook-test-boundary';
const password = 'correct horse battery';

function partHeader(name: string): Buffer {
  return Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\n` +
      'Content-Type: application/dicom\r\n\r\n',
  );
}

/**
 * A multipart body of the files, as the upload page's FormData sends it: one piece per file (each
 * after the first starts with the delimiter that ends the one before), then the closing delimiter.
 */
function multipart(files: string[]): Buffer[] {
  const parts = files.map((file, i) =>
    Buffer.concat([
      Buffer.from(i === 0 ? '' : '\r\n'),
      partHeader(path.basename(file)),
      readFileSync(file),
    ]),
  );
  return [...parts, Buffer.from(`\r\n--${boundary}--\r\n`)];
}

interface Summary {
  stored: number;
  failed: number;
  results: { file: string; status: string; error?: { code: string } }[];
}

describe.each(databases)('POST /api/studies/upload on %s', (kind) => {
  let store: TestStore;
  let cookie: string;
  let csrf: string;
  const saved = { ...process.env };

  beforeEach(async () => {
    store = await freshStore(kind);
    setStore(store);
    await createUser(store.db, { username: 'reader', role: 'radiologist', password }, null);
    const session = await login(store.db, { username: 'reader', password, client: 'test' });
    cookie = `secondlook_session=${session.token}`;
    csrf = session.csrfToken;
  });
  afterEach(async () => {
    process.env = { ...saved };
    setStore(undefined);
    await store.dispose();
  });

  function upload(body: BodyInit, length: number): Promise<Response> {
    const request = new Request('http://localhost/api/studies/upload', {
      method: 'POST',
      headers: {
        host: 'localhost',
        cookie,
        'x-csrf-token': csrf,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(length),
      },
      body,
      duplex: 'half',
    } as RequestInit);
    return POST(request, { params: Promise.resolve({}) });
  }

  it('stores each file as it arrives, before the rest of the upload is sent', async () => {
    const pieces = multipart([ct, crChest]);
    const length = pieces.reduce((sum, piece) => sum + piece.length, 0);
    let storedBeforeSecond: number | null = null;
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(pieces[0]!);
        // The second part's header ends the first file; then wait until the first is stored.
        controller.enqueue(pieces[1]!.subarray(0, 2 + partHeader('x').length));
        for (let waited = 0; waited < 10_000; waited += 20) {
          if ((await store.db.instance.count()) === 1) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        storedBeforeSecond = await store.db.instance.count();
        controller.enqueue(pieces[1]!.subarray(2 + partHeader('x').length));
        controller.enqueue(pieces[2]!);
        controller.close();
      },
    });
    const response = await upload(body, length);
    expect(response.status).toBe(200);
    expect(storedBeforeSecond).toBe(1);
    const summary = (await response.json()) as Summary;
    expect(summary.results.map((r) => [r.file, r.status])).toEqual([
      ['01.dcm', 'stored'],
      [path.basename(crChest), 'stored'],
    ]);
    expect(await store.db.instance.count()).toBe(2);
  });

  it('reports a file over the per-file limit and a malformed file, and stores the others', async () => {
    const limitBytes = readFileSync(crChest).length + 1024;
    process.env.SECONDLOOK_UPLOAD_MAX_FILE_MB = String(limitBytes / (1 << 20));
    expect(readFileSync(ct).length).toBeGreaterThan(limitBytes);
    const body = Buffer.concat(multipart([ct, crChest, truncated]));
    const response = await upload(body, body.length);
    expect(response.status).toBe(200);
    const summary = (await response.json()) as Summary;
    expect(summary.results.map((r) => [r.file, r.status, r.error?.code])).toEqual([
      ['01.dcm', 'failed', 'TOO_LARGE'],
      [path.basename(crChest), 'stored', undefined],
      ['MR_truncated.dcm', 'failed', expect.any(String) as string],
    ]);
    expect(await store.db.instance.count()).toBe(1);
  });

  it('answers a body that is not well-formed multipart with a coded 400 and stores nothing', async () => {
    const whole = Buffer.concat(multipart([ct]));
    const cut = whole.subarray(0, whole.length - 200);
    const response = await upload(cut, cut.length);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('BAD_REQUEST');
    expect(await store.db.instance.count()).toBe(0);
  });

  it('reports a file-system failure while storing without the server path, and keeps no rows', async () => {
    const blobs = path.join(store.config.dataDir, 'blobs');
    rmSync(blobs, { recursive: true, force: true });
    writeFileSync(blobs, 'a file where the blob folder should be');
    const body = Buffer.concat(multipart([crChest]));
    const response = await upload(body, body.length);
    expect(response.status).toBe(200);
    const text = await response.text();
    const summary = JSON.parse(text) as Summary & {
      results: { error?: { message: string } }[];
    };
    expect(summary.results.map((r) => [r.file, r.status])).toEqual([
      [path.basename(crChest), 'failed'],
    ]);
    expect(summary.results[0]!.error!.message).toMatch(/ENOTDIR|not a directory/);
    expect(text).not.toContain(store.config.dataDir);
    expect(text).not.toMatch(/\/(work|tmp|home|root)\//);
    expect(await store.db.instance.count()).toBe(0);
    expect(await store.db.series.count()).toBe(0);
    expect(await store.db.study.count()).toBe(0);
  });
});
