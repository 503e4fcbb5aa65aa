/**
 * The viewer shows colour, multi-frame and MONOCHROME1 images as such: a JPEG-baseline YBR_FULL
 * ultrasound cine of 8 frames, an uncompressed 3-frame enhanced CT, and a MONOCHROME1 chest
 * radiograph, read back from the canvas and compared with what lib/dicom decodes (through the
 * CLI's `decode`).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { dcmdumpValue } from '../support/dcmdump';
import { repoRoot, sharedDicomDir } from '../support/paths';
import { radiologist, signIn } from './support/users';
import { imageStats, viewportReady } from './support/viewer';

const usCine = path.join(
  sharedDicomDir,
  'dicomParser',
  'encapsulated',
  'multi-frame',
  'IM00001.fragmented_no_bot_jpeg_baseline.50.dcm',
);
const crChest = path.join(sharedDicomDir, 'dwv-gdcm', 'gdcm-CR-MONO1-10-chest.dcm');
/** A Legacy Converted Enhanced CT: 3 uncompressed frames in one file (patient "Anonymous"). */
const ctMultiFrame = path.join(sharedDicomDir, 'dcmqi', '23x38x3', 'multiframe', 'mf.dcm');

/** Mean |R - G| + |G - B| over the viewport canvas: 0 for a grey image. */
function colourfulness(page: Page): Promise<number> {
  return page
    .getByRole('img', { name: 'Image viewport' })
    .locator('canvas')
    .first()
    .evaluate((element) => {
      const canvas = element as HTMLCanvasElement;
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let sum = 0;
      for (let i = 0; i < data.length; i += 4) {
        sum += Math.abs(data[i]! - data[i + 1]!) + Math.abs(data[i + 1]! - data[i + 2]!);
      }
      return sum / (data.length / 4);
    });
}

async function openUltrasound(page: Page): Promise<void> {
  await signIn(page, radiologist, '/worklist');
  await page.getByLabel('DICOM files').setInputFiles([usCine, crChest, ctMultiFrame]);
  const results = page.getByRole('table', { name: 'Upload results' });
  await expect(results.getByRole('row')).toHaveCount(4, { timeout: 60_000 });
  await expect(results.getByRole('row', { name: /IM00001/ })).toContainText(/Stored|Duplicate/);
  await page.getByRole('link', { name: 'US Echo' }).click();
  await viewportReady(page);
  await expect(page.getByTestId('slice-indicator')).toContainText('Image 1 / 8');
}

test('a colour multi-frame ultrasound and a MONOCHROME1 radiograph display as such', async ({
  page,
}) => {
  await openUltrasound(page);
  await expect.poll(() => colourfulness(page)).toBeGreaterThan(2);
  // Its series thumbnail shows the frame: the server's rendering, else the browser's drawing.
  await expect
    .poll(async () => (await imageStats(page.getByTestId('series-thumbnail'))).meanLuminance)
    .toBeGreaterThan(10);
  await page.screenshot({ path: 'test-results/e2e/steps/us-cine-frame-1.png' });

  await page.goto('/worklist');
  await page.getByRole('link', { name: 'Anonymous', exact: true }).click();
  await viewportReady(page);
  await expect(page.getByTestId('slice-indicator')).toContainText('Image 1 / 3');
  await page.getByRole('img', { name: 'Image viewport' }).focus();
  await page.keyboard.press('End');
  await expect(page.getByTestId('slice-indicator')).toContainText('Image 3 / 3');

  await page.goto('/worklist');
  await page.getByRole('link', { name: 'Anonymized' }).click();
  await viewportReady(page);
  await expect(page.getByTestId('slice-indicator')).toContainText('Image 1 / 1');
  // MONOCHROME1: Cornerstone inverts the grey scale, and the overlay says so.
  await expect(page.getByTestId('window-indicator')).toContainText('(inverted)');
  expect(await colourfulness(page)).toBeLessThan(1);
  await page.screenshot({ path: 'test-results/e2e/steps/cr-monochrome1.png' });
});

/**
 * The viewport canvas sampled at the centre of every `step`-th image pixel, as RGB, assuming the
 * image is fitted to the canvas and centred (Cornerstone's initial camera).
 */
function viewportSamples(page: Page, columns: number, rows: number, step: number) {
  return page
    .getByRole('img', { name: 'Image viewport' })
    .locator('canvas')
    .first()
    .evaluate(
      (element, { columns, rows, step }) => {
        const canvas = element as HTMLCanvasElement;
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        const scale = Math.min(canvas.width / columns, canvas.height / rows);
        const left = (canvas.width - columns * scale) / 2;
        const top = (canvas.height - rows * scale) / 2;
        const out: number[] = [];
        for (let y = step / 2; y < rows; y += step) {
          for (let x = step / 2; x < columns; x += step) {
            const at =
              (Math.floor(top + (y + 0.5) * scale) * canvas.width +
                Math.floor(left + (x + 0.5) * scale)) *
              4;
            out.push(data[at]!, data[at + 1]!, data[at + 2]!);
          }
        }
        return out;
      },
      { columns, rows, step },
    );
}

/** Zero-based `frame` of `file` as `secondlook decode` writes it (lib/dicom; RGB for colour). */
function decodeWithCli(file: string, frame: number, out: string): Uint8Array {
  execFileSync(
    process.execPath,
    ['bin/secondlook.mjs', 'decode', file, '--frame', String(frame), '--out', out],
    { cwd: repoRoot },
  );
  return new Uint8Array(readFileSync(out));
}

/** The same samples from a decoded frame (RGB, interleaved). */
function frameSamples(pixels: ArrayLike<number>, columns: number, rows: number, step: number) {
  const out: number[] = [];
  for (let y = step / 2; y < rows; y += step) {
    for (let x = step / 2; x < columns; x += step) {
      const at = (Math.floor(y) * columns + Math.floor(x)) * 3;
      out.push(pixels[at]!, pixels[at + 1]!, pixels[at + 2]!);
    }
  }
  return out;
}

function meanAbsoluteDifference(a: number[], b: number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

// Regression: Cornerstone's loader (dcmjs) took each of the 44 fragments of this BOT-less file for
// a frame, so frame 1 was the first 8 KiB of its JPEG and frames 2-8 failed to decode. The viewer
// now loads frames through lib/dicom, which groups fragments by JPEG start-of-image markers.
test('every frame of a fragmented multi-frame JPEG without offset table shows its own pixels', async ({
  page,
}, testInfo) => {
  const [columns, rows] = [320, 240];
  const step = 8;
  const first = decodeWithCli(usCine, 0, testInfo.outputPath('frame-1.rgb'));
  const last = decodeWithCli(usCine, 7, testInfo.outputPath('frame-8.rgb'));
  expect(first.length).toBe(columns * rows * 3);
  const expectedFirst = frameSamples(first, columns, rows, step);
  const expectedLast = frameSamples(last, columns, rows, step);
  // The two frames differ enough for the comparison below to tell them apart.
  expect(meanAbsoluteDifference(expectedFirst, expectedLast)).toBeGreaterThan(20);

  await openUltrasound(page);
  await expect
    .poll(async () =>
      meanAbsoluteDifference(await viewportSamples(page, columns, rows, step), expectedFirst),
    )
    .toBeLessThan(6);
  const shownFirst = await viewportSamples(page, columns, rows, step);

  await page.getByRole('img', { name: 'Image viewport' }).focus();
  await page.keyboard.press('End');
  await expect(page.getByTestId('slice-indicator')).toContainText('Image 8 / 8');
  await expect(page.getByTestId('instance-indicator')).toHaveText(
    `Instance ${dcmdumpValue(usCine, '0020,0013')}, frame 8`,
  );
  await expect
    .poll(async () =>
      meanAbsoluteDifference(await viewportSamples(page, columns, rows, step), expectedLast),
    )
    .toBeLessThan(6);
  const shownLast = await viewportSamples(page, columns, rows, step);
  expect(meanAbsoluteDifference(shownLast, shownFirst)).toBeGreaterThan(20);
  await expect(page.locator('.viewport-frame').getByRole('alert')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/e2e/steps/us-cine-frame-8.png' });
});
