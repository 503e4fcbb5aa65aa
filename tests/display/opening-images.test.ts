/**
 * lib/display renders, at import, the image the viewer opens each series with, on both databases
 * with real files: the first in reading order, an axial CT's top slice (positions read by
 * dcmdump) even where the scanner numbered it last, drawn exactly as `secondlook render` draws
 * that file; a second pass renders nothing; a series whose stored file
 * is damaged is reported by id and code and does not stop the others; `secondlook import` and the
 * upload route leave the images kept for the app to serve.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
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
const report = path.join(sharedDicomDir, 'cornerstone3D', 'no-pixel-data.dcm');
const structures = path.join(sharedDicomDir, 'pydicom', 'rtstruct.dcm');
const dir = path.join(workDir, 'display');

function dump(file: string, tag: string): string {
  const line = execFileSync('dcmdump', ['+P', tag, file], { encoding: 'utf8' });
  return /\[([^\]]*)\]/.exec(line)![1]!;
}

/** ct-3slice numbered the other way round (Instance 1 the lowest slice), as a feet-first scan. */
function numberedFromTheFeet(): string[] {
  const out = path.join(dir, 'feet-first');
  mkdirSync(out, { recursive: true });
  const byZ = [...ctSlices].sort(
    (a, b) =>
      Number(dump(a, '0020,0032').split('\\')[2]) - Number(dump(b, '0020,0032').split('\\')[2]),
  );
  return byZ.map((file, k) => {
    const copy = path.join(out, path.basename(file));
    copyFileSync(file, copy);
    execFileSync('dcmodify', ['-nb', '-m', `(0020,0013)=${k + 1}`, copy]);
    return copy;
  });
}

async function secondlookRender(input: string, out: string) {
  const io = { stdout: () => undefined, stderr: () => undefined, stdin: process.stdin };
  expect(await main(['render', input, '--out', out], io)).toBe(0);
  return decodePng(readFileSync(out));
}

function sha256File(file: string): string {
  return execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0]!;
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

  it('renders each series once, from its first image in reading order, as secondlook render does', async () => {
    const feetFirst = numberedFromTheFeet();
    // A report and an RT structure set have no image to open with: neither rendered nor failed.
    const imported = await importPaths(store, [...feetFirst, crChest, report, structures], null);
    expect(imported.stored).toBe(6);
    const first = await renderOpeningImages(store);
    expect(first).toEqual({ rendered: 2, kept: 0, failed: [] });
    expect(await renderOpeningImages(store)).toEqual({ rendered: 0, kept: 2, failed: [] });

    // The top slice (highest z, by DCMTK) is the one the viewer opens, though it is Instance 3.
    const top = feetFirst.at(-1)!;
    expect(dump(top, '0020,0013')).toBe('3');
    const keptFiles = openingImageFiles(store, sha256File(top), 1);
    const kept = decodePng(readFileSync(keptFiles.png));
    const ours = await secondlookRender(top, path.join(dir, `${kind}-ct.png`));
    expect([kept.width, kept.height]).toEqual([ours.width, ours.height]);
    expect(Buffer.from(kept.data).equals(Buffer.from(ours.data))).toBe(true);
    for (const other of feetFirst.slice(0, -1)) {
      expect(existsSync(openingImageFiles(store, sha256File(other), 1).png)).toBe(false);
    }
    // How it shows is kept beside it: the study page reads that, not the PNG.
    const opening = await store.db.instance.findFirstOrThrow({
      where: { sha256: sha256File(top) },
    });
    const shows: unknown = JSON.parse(readFileSync(keptFiles.display, 'utf8'));
    expect(shows).toEqual(await openingDisplay(store, opening.id, 1));
    expect(shows).toEqual({ window: { center: 40, width: 400 }, inverted: false });
    // Not any slice: the other slices' renderings differ from the first's.
    const other = await secondlookRender(feetFirst[0]!, path.join(dir, `${kind}-ct-low.png`));
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
      expect(existsSync(openingImageFiles(store, sha256File(file), 1).png)).toBe(true);
    }
    const later = path.join(ct3, '02.dcm');
    expect(existsSync(openingImageFiles(store, sha256File(later), 1).png)).toBe(false);
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
    const kept = openingImageFiles(store, sha256File(crChest), 1).png;
    for (let waited = 0; !existsSync(kept) && waited < 10_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(existsSync(kept)).toBe(true);
  });
});
