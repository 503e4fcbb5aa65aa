/**
 * `GET /api/instances/:id/display`, the first image the study page shows before any script runs,
 * on both databases with a real CT and a real MONOCHROME1 CR chest: the PNG is the one
 * `secondlook render` writes for the file, and DCMTK's dcmj2pnm with the file's first window
 * (+Wi 1) agrees; a second request is served from the cache under the data directory; bad frames
 * are coded errors; nothing is logged. How the study page says the image shows (`openingDisplay`:
 * its window and inversion) is the window dcmj2pnm draws the same PNG with (+Ww), for the file's
 * own window and for a CT that has none (the automatic window).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../bin/main';
import { createUser, login } from '../../lib/auth';
import { decodePng } from '../../lib/imaging/node';
import { getStore, importPaths, setStore } from '../../lib/store';
import { openingDisplay } from '../../lib/display';
import { callRoute, type ApiSession } from '../support/api-client';
import { databases, freshStore, type TestStore } from '../support/databases';
import { sharedDicomDir, workDir } from '../support/paths';

const files = {
  'CT (window 40/400)': path.join(
    sharedDicomDir,
    'cornerstone3D',
    'CTImage.dcm_LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm',
  ),
  'CR chest, MONOCHROME1 (window 550/1024)': path.join(
    sharedDicomDir,
    'dwv-gdcm',
    'gdcm-CR-MONO1-10-chest.dcm',
  ),
};
/** A CT without a window of its own (0028,1050/1051 absent): it opens with the automatic window. */
const autoWindowCt = path.join(sharedDicomDir, 'pydicom', 'CT_small.dcm');
const dir = path.join(workDir, 'opening-image');
const password = 'correct horse battery';

/** `secondlook render <file>` with its default window (the file's first), decoded. */
async function secondlookRender(input: string, out: string) {
  const io = { stdout: () => undefined, stderr: () => undefined, stdin: process.stdin };
  expect(await main(['render', input, '--out', out], io)).toBe(0);
  return decodePng(readFileSync(out));
}

function dcmj2pnm(input: string, out: string, window = ['+Wi', '1']) {
  const run = spawnSync('dcmj2pnm', [...window, '+on', input, out], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`dcmj2pnm failed: ${run.stderr}`);
  return decodePng(readFileSync(out));
}

describe.each(databases)('GET /api/instances/:id/display on %s', (kind) => {
  let store: TestStore;
  let session: ApiSession;
  const instances: Record<string, number> = {};
  const logged = vi.fn();

  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    store = await freshStore(kind);
    setStore(store);
    await createUser(store.db, { username: 'reader', role: 'radiologist', password }, null);
    session = await login(store.db, { username: 'reader', password, client: 'test' });
    const imported = await importPaths(store, [...Object.values(files), autoWindowCt], null);
    instances.auto = imported.results.find((r) => r.file === autoWindowCt)!.instanceId!;
    for (const [name, file] of Object.entries(files)) {
      instances[name] = imported.results.find((r) => r.file === file)!.instanceId!;
    }
    for (const method of ['log', 'info', 'warn', 'error'] as const) {
      vi.spyOn(console, method).mockImplementation(logged);
    }
  });
  afterEach(() => expect(logged).not.toHaveBeenCalled());
  afterAll(async () => {
    vi.restoreAllMocks();
    setStore(undefined);
    await store.dispose();
  });

  it.each(Object.keys(files))(
    'serves the %s as secondlook render and dcmj2pnm +Wi 1 draw it',
    async (name) => {
      const input = files[name as keyof typeof files];
      const response = await callRoute('GET', `/api/instances/${instances[name]}/display`, {
        session,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      const served = decodePng(new Uint8Array(await response.arrayBuffer()));
      const tag = `${kind}-${instances[name]}`;
      const ours = await secondlookRender(input, path.join(dir, `${tag}-render.png`));
      expect(served.channels).toBe(1);
      expect([served.width, served.height]).toEqual([ours.width, ours.height]);
      expect(Buffer.from(served.data).equals(Buffer.from(ours.data))).toBe(true);
      // DCMTK truncates where lib/imaging rounds: 0 or +1, as in render-vs-dcmtk.test.ts.
      const theirs = dcmj2pnm(input, path.join(dir, `${tag}-dcmtk.png`));
      expect(
        served.data.every((v, i) => v - theirs.data[i]! === 0 || v - theirs.data[i]! === 1),
      ).toBe(true);
      expect(new Set(theirs.data).size).toBeGreaterThan(50);
    },
  );

  it.each([
    ['CT (window 40/400)', { center: 40, width: 400 }, false],
    ['CR chest, MONOCHROME1 (window 550/1024)', { center: 550, width: 1024 }, true],
  ])('says the %s opens with its own window', async (name, window, inverted) => {
    expect(await openingDisplay(await getStore(), instances[name]!, 1)).toEqual({
      window,
      inverted,
    });
  });

  it('says a CT without a window opens with the one the served PNG was drawn with', async () => {
    const display = await openingDisplay(await getStore(), instances.auto!, 1);
    expect(display.inverted).toBe(false);
    const { center, width } = display.window!;
    expect(width).toBeGreaterThan(1);
    const response = await callRoute('GET', `/api/instances/${instances.auto}/display`, {
      session,
    });
    const served = decodePng(new Uint8Array(await response.arrayBuffer()));
    const out = path.join(dir, `${kind}-auto-dcmtk.png`);
    const theirs = dcmj2pnm(autoWindowCt, out, ['+Ww', String(center), String(width)]);
    expect(
      served.data.every((v, i) => v - theirs.data[i]! === 0 || v - theirs.data[i]! === 1),
    ).toBe(true);
    expect(new Set(theirs.data).size).toBeGreaterThan(50);
    // Kept with the PNG, for the next page to read.
    const sha256 = response.headers.get('etag')!.replace(/^"|-1"$/g, '');
    const kept = path.join(
      store.config.dataDir,
      'displays',
      sha256.slice(0, 2),
      `${sha256}-1.json`,
    );
    expect(JSON.parse(readFileSync(kept, 'utf8'))).toEqual(display);
    expect(await openingDisplay(await getStore(), instances.auto!, 1)).toEqual(display);
  });

  it('keeps the image under the data directory by sha256 and answers the next request from it', async () => {
    const id = instances['CT (window 40/400)']!;
    const first = await callRoute('GET', `/api/instances/${id}/display?frame=1`, { session });
    const sha256 = first.headers.get('etag')!.replace(/^"|-1"$/g, '');
    const kept = path.join(store.config.dataDir, 'displays', sha256.slice(0, 2), `${sha256}-1.png`);
    expect(existsSync(kept)).toBe(true);
    expect(readdirSync(path.dirname(kept)).filter((name) => name.endsWith('.partial'))).toEqual([]);
    const bytes = Buffer.from(await first.arrayBuffer());
    expect(bytes.equals(readFileSync(kept))).toBe(true);
    const again = await callRoute('GET', `/api/instances/${id}/display`, { session });
    expect(Buffer.from(await again.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it.each([
    ['0', 'BAD_REQUEST'],
    ['one', 'BAD_REQUEST'],
    ['2', 'FRAME_OUT_OF_RANGE'],
  ])('answers frame=%s with 400 %s', async (frame, code) => {
    const id = instances['CT (window 40/400)']!;
    const response = await callRoute('GET', `/api/instances/${id}/display?frame=${frame}`, {
      session,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it('answers an unknown instance with 404', async () => {
    const response = await callRoute('GET', '/api/instances/999999/display', { session });
    expect(response.status).toBe(404);
  });
});
