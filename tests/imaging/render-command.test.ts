/**
 * `secondlook render` options and errors, in-process. Frames and colour images are checked
 * against dcmj2pnm; usage and input errors must come back as coded errors with exit 2.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../bin/main';
import { capture } from '../support/cli';
import { decodePng } from '../../lib/imaging/node';
import { sharedDicomDir, workDir } from '../support/paths';

const dir = path.join(workDir, 'render-command');
const ct = path.join(
  sharedDicomDir,
  'cornerstone3D',
  'CTImage.dcm_LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm',
);
const multiFrameMr = path.join(sharedDicomDir, 'pydicom-data', 'emri_small.dcm');

async function renderJson(args: string[]) {
  const io = capture();
  const status = await main(['render', ...args, '--json'], io);
  return {
    status,
    json: JSON.parse(io.text()) as Record<string, unknown> & {
      error?: { code: string; file: string | null };
    },
  };
}

function dcmtk(args: string[], input: string, output: string) {
  const run = spawnSync('dcmj2pnm', [...args, '+on', input, output], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`dcmj2pnm failed: ${run.stderr}`);
  return decodePng(readFileSync(output));
}

beforeAll(() => mkdirSync(dir, { recursive: true }));

describe('secondlook render', () => {
  it('--window=-600,1500 gives the same PNG as --preset lung and as hotkey 2', async () => {
    const a = path.join(dir, 'window.png');
    const b = path.join(dir, 'preset.png');
    const c = path.join(dir, 'hotkey.png');
    expect((await renderJson([ct, '--out', a, '--window=-600,1500'])).status).toBe(0);
    expect((await renderJson([ct, '--out', b, '--preset', 'lung'])).json).toMatchObject({
      voiSource: 'preset',
      voi: { kind: 'window', fn: 'LINEAR', center: -600, width: 1500 },
    });
    expect((await renderJson([ct, '--out', c, '--preset', '2'])).status).toBe(0);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    expect(readFileSync(c).equals(readFileSync(b))).toBe(true);
  });

  it('uses the file window by default (the CT carries 40/400)', async () => {
    const { json } = await renderJson([ct, '--out', path.join(dir, 'default.png')]);
    expect(json).toMatchObject({ voiSource: 'file-window', voi: { center: 40, width: 400 } });
  });

  it('--window-index picks one of several file windows, with its explanation, as dcmj2pnm +Wi', async () => {
    // pydicom examples_overlay.dcm: WindowCenter 450/200, WindowWidth 790/443, WINDOW1/WINDOW2
    const input = path.join(sharedDicomDir, 'pydicom', 'examples_overlay.dcm');
    const first = await renderJson([input, '--out', path.join(dir, 'w0.png')]);
    expect(first.json).toMatchObject({
      voi: { center: 450, width: 790 },
      voiExplanation: 'WINDOW1',
    });
    const ours = path.join(dir, 'w1.png');
    const second = await renderJson([input, '--out', ours, '--window-index', '1']);
    expect(second.json).toMatchObject({
      voi: { center: 200, width: 443 },
      voiExplanation: 'WINDOW2',
    });
    // -O: DCMTK would otherwise burn the file's overlay plane (6000,xxxx) into the image.
    const theirs = dcmtk(['+Wi', '2', '-O'], input, path.join(dir, 'w1-dcmtk.png'));
    const mine = decodePng(readFileSync(ours));
    expect(mine.data.every((v, i) => v - theirs.data[i]! === 0 || v - theirs.data[i]! === 1)).toBe(
      true,
    );
    expect(new Set(theirs.data).size).toBeGreaterThan(50);
  });

  it('--frame picks a frame (0-based) of a multi-frame file, as dcmj2pnm +F (1-based) does', async () => {
    const ours = path.join(dir, 'mr-frame3.png');
    expect(
      (await renderJson([multiFrameMr, '--out', ours, '--frame', '3', '--window=300,600'])).status,
    ).toBe(0);
    const theirs = dcmtk(
      ['+F', '4', '+Ww', '300', '600'],
      multiFrameMr,
      path.join(dir, 'mr-frame3-dcmtk.png'),
    );
    const mine = decodePng(readFileSync(ours));
    // Same truncation-versus-rounding tolerance as in render-vs-dcmtk.test.ts: 0 or +1.
    expect(mine.data.every((v, i) => v - theirs.data[i]! === 0 || v - theirs.data[i]! === 1)).toBe(
      true,
    );
    expect(new Set(theirs.data).size).toBeGreaterThan(50);
    // and frame 3 is not frame 0
    const first = path.join(dir, 'mr-frame0.png');
    await renderJson([multiFrameMr, '--out', first, '--window=300,600']);
    expect(readFileSync(first).equals(readFileSync(ours))).toBe(false);
  });

  it.each([
    ['RGB', 'SC_rgb.dcm'],
    ['PALETTE COLOR', 'OT-PAL-8-face.dcm'],
    ['16-bit RGB, big endian', 'SC_rgb_expb_16bit.dcm'],
  ])('renders %s exactly as dcmj2pnm', async (_, name) => {
    const input = path.join(sharedDicomDir, 'pydicom-data', name);
    const ours = path.join(dir, `${name}.png`);
    const { json } = await renderJson([input, '--out', ours]);
    expect(json).toMatchObject({ channels: 3, voi: null });
    const theirs = dcmtk([], input, path.join(dir, `${name}-dcmtk.png`));
    expect(Buffer.from(decodePng(readFileSync(ours)).data).equals(Buffer.from(theirs.data))).toBe(
      true,
    );
  });

  it.each([
    ['no --out', [ct], 'USAGE'],
    ['--preset with --window', [ct, '--out', 'x.png', '--preset', 'lung', '--window=1,2'], 'USAGE'],
    [
      '--window with --window-index',
      [ct, '--out', 'x.png', '--window=1,2', '--window-index', '0'],
      'USAGE',
    ],
    [
      'a window index the file lacks',
      [ct, '--out', path.join(dir, 'x.png'), '--window-index', '1'],
      'NO_SUCH_WINDOW',
    ],
    ['a window that is not two numbers', [ct, '--out', 'x.png', '--window=wide'], 'USAGE'],
    [
      'an unknown preset',
      [ct, '--out', path.join(dir, 'x.png'), '--preset', 'kidney'],
      'UNKNOWN_PRESET',
    ],
    [
      'a LINEAR window narrower than 1',
      [ct, '--out', path.join(dir, 'x.png'), '--window=0,0.5'],
      'BAD_WINDOW',
    ],
    [
      'a frame past the end',
      [multiFrameMr, '--out', path.join(dir, 'x.png'), '--frame', '10'],
      'FRAME_OUT_OF_RANGE',
    ],
    ['a negative frame', [ct, '--out', 'x.png', '--frame', '-1'], 'USAGE'],
  ])('refuses %s with exit 2 and code %s', async (_, args, code) => {
    const { status, json } = await renderJson(args as string[]);
    expect(status).toBe(2);
    expect(json.error?.code).toBe(code);
  });

  it('reports a file that is not DICOM with its name, and a missing file', async () => {
    const text = path.join(dir, 'not-dicom.dcm');
    writeFileSync(text, 'hello, this is not DICOM'.repeat(20));
    const bad = await renderJson([text, '--out', path.join(dir, 'x.png')]);
    expect(bad.status).toBe(2);
    expect(bad.json.error?.file).toBe(text);
    const missing = await renderJson([
      path.join(dir, 'absent.dcm'),
      '--out',
      path.join(dir, 'x.png'),
    ]);
    expect(missing.json.error?.code).toBe('READ_FAILED');
  });

  it('prints one line without --json', async () => {
    const io = capture();
    expect(
      await main(['render', ct, '--out', path.join(dir, 'line.png'), '--preset', 'bone'], io),
    ).toBe(0);
    expect(io.text()).toMatch(
      /^wrote .*line\.png: 512x512, window 480\/2500 LINEAR \(preset: Bone\)\n$/,
    );
  });
});
