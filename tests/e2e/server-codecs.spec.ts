/**
 * The production server decodes every compressed transfer syntax itself (its bundle must find the
 * codecs' WASM): each file's first image, served by `GET /api/instances/:id/display`, equals what
 * `secondlook render` (the CLI, run from source) draws for that file, and a JPEG-LS chest
 * radiograph is screened by the server's queue, not failed.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { decodePng } from '../../lib/imaging/node';
import { repoRoot, sharedDicomDir } from '../support/paths';
import { radiologist, signIn } from './support/users';

const nema = path.join(sharedDicomDir, 'nema-wg04');
/**
 * One MR image of NEMA WG04 in each syntax (distinct SOP UIDs) and an 8-bit baseline JPEG. (The
 * data's only HTJ2K files have no study or series UID, so they cannot be stored.)
 */
const files: Record<string, string> = {
  uncompressed: path.join(nema, 'MR1_UNC'),
  RLE: path.join(nema, 'MR1_RLE'),
  'JPEG lossless (.70)': path.join(nema, 'MR1_JPLL'),
  'JPEG 12-bit lossy (.51)': path.join(nema, 'MR1_JPLY'),
  'JPEG-LS lossless (.80)': path.join(nema, 'MR1_JLSL'),
  'JPEG-LS near-lossless (.81)': path.join(nema, 'MR1_JLSN'),
  'JPEG 2000 lossless (.90)': path.join(nema, 'MR1_J2KR'),
  'JPEG 2000 (.91)': path.join(nema, 'MR1_J2KI'),
  'JPEG baseline 8-bit (.50)': path.join(
    sharedDicomDir,
    'cornerstone3D',
    'CTImage.dcm_JPEGProcess1TransferSyntax_1.2.840.10008.1.2.4.50.dcm',
  ),
};
const jlsChest = path.join(nema, 'RG1_JLSN');

function sopInstanceUid(file: string): string {
  const line = execFileSync('dcmdump', ['+P', '0008,0018', file], { encoding: 'utf8' });
  return /\[([^\]]*)\]/.exec(line)![1]!;
}

function secondlookRender(file: string, out: string) {
  execFileSync(process.execPath, ['bin/secondlook.mjs', 'render', file, '--out', out], {
    cwd: repoRoot,
  });
  return decodePng(readFileSync(out));
}

interface StudyDetail {
  series: { instances: { id: number; sopInstanceUID: string }[] }[];
}
interface WorklistItem {
  studyId: number;
  ai: { status: string };
}

test('the server renders every codec as the CLI does, and screens a JPEG-LS chest', async ({
  page,
}, testInfo) => {
  await signIn(page, radiologist, '/worklist');
  const inputs = [...Object.values(files), jlsChest];
  await page.getByLabel('DICOM files').setInputFiles(inputs);
  const results = page.getByRole('table', { name: 'Upload results' });
  await expect(results.getByRole('row')).toHaveCount(inputs.length + 1, { timeout: 120_000 });
  for (const file of inputs) {
    await expect(results.getByRole('row', { name: path.basename(file) })).toContainText(
      /Stored|Duplicate/,
    );
  }

  const { studies } = (await (await page.request.get('/api/studies')).json()) as {
    studies: WorklistItem[];
  };
  const instanceOf = new Map<string, { instanceId: number; studyId: number }>();
  for (const study of studies) {
    const detail = (await (
      await page.request.get(`/api/studies/${study.studyId}`)
    ).json()) as StudyDetail;
    for (const instance of detail.series.flatMap((s) => s.instances)) {
      instanceOf.set(instance.sopInstanceUID, { instanceId: instance.id, studyId: study.studyId });
    }
  }

  for (const [name, file] of Object.entries(files)) {
    const { instanceId } = instanceOf.get(sopInstanceUid(file))!;
    const response = await page.request.get(`/api/instances/${instanceId}/display`);
    expect(response.status(), `${name}: ${await response.text().catch(() => '')}`).toBe(200);
    expect(response.headers()['content-type']).toBe('image/png');
    const served = decodePng(new Uint8Array(await response.body()));
    const ours = secondlookRender(file, testInfo.outputPath(`${path.basename(file)}.png`));
    expect([served.width, served.height, served.channels], name).toEqual([
      ours.width,
      ours.height,
      ours.channels,
    ]);
    expect(Buffer.from(served.data).equals(Buffer.from(ours.data)), name).toBe(true);
  }

  const chest = instanceOf.get(sopInstanceUid(jlsChest))!;
  await expect
    .poll(
      async () => {
        const body = (await (await page.request.get('/api/studies')).json()) as {
          studies: WorklistItem[];
        };
        return body.studies.find((s) => s.studyId === chest.studyId)?.ai.status;
      },
      { timeout: 90_000 },
    )
    .toBe('screened');
});
