/**
 * lib/display renders, at import, the image the viewer opens each series with, on both databases
 * with real files: the first instance in instance-number order (read by dcmdump), drawn exactly as
 * `secondlook render` draws that file; a second pass renders nothing; a series whose stored file
 * is damaged is reported by id and code and does not stop the others; `secondlook import` and the
 * upload route leave the images kept for the app to serve.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUser, login } from '../../lib/auth';
import { main } from '../../bin/main';
import { openingDisplay, openingImageFiles, renderOpeningImages } from '../../lib/display';
import { decodePng } from '../../lib/imaging/node';
import { importPaths, setStore } from '../../lib/store';
import { callRoute } from '../support/api-client';
import { databases, freshStore, type TestStore } from '../support/databases';
import { repoRoot, sharedDicomDir, workDir } from '../support/paths';

const ct3 = path.join(sharedDicomDir, 'dcmqi', 'ct-3slice');
const ctSlices = ['03.dcm', '02.dcm', '01.dcm'].map((name) => path.join(ct3, name));
const crChest = path.join(sharedDicomDir, 'dwv-gdcm', 'gdcm-CR-MONO1-10-chest.dcm');
const explicitCt = path.join(
  sharedDicomDir,
  'cornerstone3D',
  'CTImage.dcm_LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm',
);
const dir = path.join(workDir, 'display');

function instanceNumber(file: string): number {
  const line = execFileSync('dcmdump', ['+P', '0020,0013', file], { encoding: 'utf8' });
  return Number(/\[([^\]]*)\]/.exec(line)?.[1]);
}

async function secondlookRender(input: string, out: string) {
  const io = { stdout: () => undefined, stderr: () => undefined, stdin: process.stdin };
  expect(await main(['render', input, '--out', out], io)).toBe(0);
  return decodePng(readFileSync(out));
}

async function keptImageOfSeries(store: TestStore, seriesId: number) {
  const first = await store.db.instance.findFirstOrThrow({
    where: { seriesId },
    orderBy: [{ instanceNumber: 'asc' }, { id: 'asc' }],
  });
  return openingImageFiles(store, first.sha256, 1).png;
}

describe.each(databases)('opening images rendered at import on %s', (kind) => {
  let store: TestStore;
  beforeEach(async () => {
    mkdirSync(dir, { recursive: true });
    store = await freshStore(kind);
  });
  afterEach(async () => {
    setStore(undefined);
    await store.dispose();
  });

  it('renders each series once, from its first instance in instance order, as secondlook render does', async () => {
    const imported = await importPaths(store, [...ctSlices, crChest], null);
    expect(imported.stored).toBe(4);
    const first = await renderOpeningImages(store);
    expect(first).toEqual({ rendered: 2, kept: 0, failed: [] });
    expect(await renderOpeningImages(store)).toEqual({ rendered: 0, kept: 2, failed: [] });

    const lowest = ctSlices.reduce((a, b) => (instanceNumber(a) < instanceNumber(b) ? a : b));
    expect(path.basename(lowest)).toBe('01.dcm');
    const ctSeries = imported.results.find((r) => r.file === lowest)!.seriesId!;
    const kept = decodePng(readFileSync(await keptImageOfSeries(store, ctSeries)));
    const ours = await secondlookRender(lowest, path.join(dir, `${kind}-ct.png`));
    expect([kept.width, kept.height]).toEqual([ours.width, ours.height]);
    expect(Buffer.from(kept.data).equals(Buffer.from(ours.data))).toBe(true);
    // How it shows is kept beside it: the study page reads that, not the PNG.
    const opening = await store.db.instance.findFirstOrThrow({
      where: { seriesId: ctSeries },
      orderBy: [{ instanceNumber: 'asc' }, { id: 'asc' }],
    });
    const shows: unknown = JSON.parse(
      readFileSync(openingImageFiles(store, opening.sha256, 1).display, 'utf8'),
    );
    expect(shows).toEqual(await openingDisplay(store, opening.id, 1));
    expect(shows).toEqual({ window: { center: 40, width: 400 }, inverted: false });
    // Not any slice: the other slices' renderings differ from the first's.
    const other = await secondlookRender(ctSlices[0]!, path.join(dir, `${kind}-ct-03.png`));
    expect(Buffer.from(other.data).equals(Buffer.from(ours.data))).toBe(false);
  });

  it('reports a series whose stored file is damaged by id and code, and renders the rest', async () => {
    const imported = await importPaths(store, [explicitCt, crChest], null);
    const damaged = imported.results.find((r) => r.file === explicitCt)!;
    const row = await store.db.instance.findUniqueOrThrow({ where: { id: damaged.instanceId! } });
    const blob = path.join(store.config.dataDir, row.blobPath);
    chmodSync(blob, 0o644);
    writeFileSync(blob, 'not the stored file');
    const summary = await renderOpeningImages(store);
    expect(summary).toEqual({
      rendered: 1,
      kept: 0,
      failed: [{ seriesId: damaged.seriesId!, code: 'BLOB_CORRUPT' }],
    });
    expect(existsSync(openingImageFiles(store, row.sha256, 1).png)).toBe(false);
  });

  it('is done by secondlook import, for the series it stored', () => {
    const run = spawnSync(
      process.execPath,
      [path.join(repoRoot, 'bin', 'secondlook.mjs'), 'import', ct3, crChest],
      { env: { ...process.env, ...store.env }, encoding: 'utf8' },
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('stored 4');
    for (const file of [path.join(ct3, '01.dcm'), crChest]) {
      const sha256 = execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0]!;
      expect(existsSync(openingImageFiles(store, sha256, 1).png)).toBe(true);
    }
    const later = path.join(ct3, '02.dcm');
    const laterSha = execFileSync('sha256sum', [later], { encoding: 'utf8' }).split(' ')[0]!;
    expect(existsSync(openingImageFiles(store, laterSha, 1).png)).toBe(false);
  });

  it('is done after an upload, in the background', async () => {
    setStore(store);
    const password = 'correct horse battery';
    await createUser(store.db, { username: 'reader', role: 'radiologist', password }, null);
    const session = await login(store.db, { username: 'reader', password, client: 'test' });
    const body = new FormData();
    body.append('files', new Blob([readFileSync(crChest)]), 'chest.dcm');
    const response = await callRoute('POST', '/api/studies/upload', { session, body });
    expect(response.status).toBe(200);
    const sha256 = execFileSync('sha256sum', [crChest], { encoding: 'utf8' }).split(' ')[0]!;
    const kept = openingImageFiles(store, sha256, 1).png;
    for (let waited = 0; !existsSync(kept) && waited < 10_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(existsSync(kept)).toBe(true);
  });
});
