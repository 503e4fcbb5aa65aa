/**
 * The viewer shows colour, multi-frame and MONOCHROME1 images as such: a JPEG-baseline YBR_FULL
 * ultrasound cine of 8 frames, an uncompressed 3-frame enhanced CT, and a MONOCHROME1 chest
 * radiograph, read back from the canvas.
 */
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { sharedDicomDir } from '../support/paths';
import { radiologist, signIn } from './support/users';

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
  await expect(page.getByTestId('slice-indicator')).toContainText('Image 1 / 8');
}

test('a colour multi-frame ultrasound and a MONOCHROME1 radiograph display as such', async ({
  page,
}) => {
  await openUltrasound(page);
  await expect.poll(() => colourfulness(page)).toBeGreaterThan(2);
  await page.screenshot({ path: 'test-results/e2e/steps/us-cine-frame-1.png' });

  await page.goto('/worklist');
  await page.getByRole('link', { name: 'Anonymous', exact: true }).click();
  await expect(page.getByTestId('slice-indicator')).toContainText('Image 1 / 3');
  await page.getByRole('img', { name: 'Image viewport' }).focus();
  await page.keyboard.press('End');
  await expect(page.getByTestId('slice-indicator')).toContainText('Image 3 / 3');

  await page.goto('/worklist');
  await page.getByRole('link', { name: 'Anonymized' }).click();
  await expect(page.getByTestId('slice-indicator')).toContainText('Image 1 / 1');
  // MONOCHROME1: Cornerstone inverts the grey scale, and the overlay says so.
  await expect(page.getByTestId('window-indicator')).toContainText('(inverted)');
  expect(await colourfulness(page)).toBeLessThan(1);
  await page.screenshot({ path: 'test-results/e2e/steps/cr-monochrome1.png' });
});

test('the frames after the first of a multi-frame JPEG file can be reached', async ({ page }) => {
  test.fail(
    true,
    'known bug: the browser cannot decode frames 2-8 as Cornerstone extracts them from this ' +
      'fragmented, BOT-less JPEG baseline file (an <img> error event), so the viewport stays on ' +
      'frame 1; uncompressed multi-frame files scroll',
  );
  test.setTimeout(30_000);
  await openUltrasound(page);
  await page.getByRole('img', { name: 'Image viewport' }).focus();
  await page.keyboard.press('End');
  await expect(page.getByTestId('slice-indicator')).toContainText('Image 8 / 8', {
    timeout: 5_000,
  });
});
