/**
 * A study that holds a structured report beside its images (a prior's report, or the AI result a
 * PACS sends back): the study opens on the images, not on the report numbered before them; the
 * report's thumbnail says SR; shown, it is text where the images were, item by item as DCMTK's
 * dsrdump reads the file; `t` lists its tags; PageDown goes back to the images. An RT structure
 * set in the study, neither image nor report, is named for what it is instead of failing to
 * decode, and `t` lists its tags. While either shows, the AI panel says the model reads images.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { repoRoot, sharedDicomDir, workDir } from '../support/paths';
import { radiologist, signIn } from './support/users';
import { ctSeries, ownStudy } from './support/studies';
import { uploadAndOpen, viewportReady } from './support/viewer';

/**
 * OFFIS's Basic Text SR "Consultation Report" (series 1), a 3-slice CT (series 2) and pydicom's
 * RT structure set (made series 3).
 */
const report = path.join(sharedDicomDir, 'cornerstone3D', 'no-pixel-data.dcm');
const structures = path.join(sharedDicomDir, 'pydicom', 'rtstruct.dcm');
/** The CT and the report as one study of a patient of their own, under UIDs of their own. */
function studyWithReport(): string[] {
  return ownStudy(
    'e2e-study-with-report',
    { name: 'REPORT^WITH', id: 'REPORT-0001', studyUID: '2.25.4001' },
    [
      ...ctSeries('2.25.4002'),
      { file: report, series: '2.25.4003', sop: '2.25.4003.1' },
      { file: structures, series: '2.25.4004', sop: '2.25.4004.1', number: '3' },
    ],
  );
}

/** A TEXT item's value as dsrdump prints it in full. */
function dsrdumpText(file: string, concept: string): string {
  const out = execFileSync('dsrdump', ['-q', '-Ph', '+Pl', file], { encoding: 'latin1' });
  return new RegExp(`TEXT:\\(,,"${concept}"\\)="(.*)">`).exec(out)![1]!.replace(/\\n/g, '\n');
}

test('a report stored with the images shows as text, item by item, and the study opens on the images', async ({
  page,
}) => {
  const files = studyWithReport();
  await signIn(page, radiologist, '/worklist');
  await uploadAndOpen(page, files, 'REPORT, WITH');
  const series = page.getByRole('navigation', { name: 'Series' }).getByRole('button');
  await expect(series).toHaveCount(3);
  await expect(series.first()).toContainText('SR #1 Basic Text Report');
  await expect(series.first()).toContainText('1 report');
  await expect(series.first()).toHaveAttribute('aria-pressed', 'false');
  await expect(series.nth(1)).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('slice-indicator')).toHaveText('Image 1 / 3');

  await series.first().click();
  const shown = page.getByRole('article', { name: 'Report: Consultation Report' });
  await expect(shown).toBeVisible();
  await expect(shown).toContainText('PARTIAL · UNVERIFIED · 2005-05-30 16:05:27');
  // The image tools have nothing to act on, and the AI panel speaks of no image.
  await expect(page.getByRole('button', { name: 'Invert' })).toBeDisabled();
  const ai = page.getByRole('complementary', { name: 'AI' });
  await expect(ai).toContainText('A report is on screen: the model reads images');
  await expect(shown.locator('li').first()).toContainText(
    'has obs context Observer Name: Packer, David M., M. D.',
  );
  const diagnosis = shown.locator('li', { hasText: 'Diagnosis:' });
  await expect(diagnosis.locator('.report-value')).toHaveText(dsrdumpText(report, 'Diagnosis'));
  const description = shown.locator('li', { hasText: 'Description:' }).locator('.report-value');
  await expect(description).toHaveText(dsrdumpText(report, 'Description'));

  // Its tags are the report's, not the last image's.
  await page.keyboard.press('t');
  const tags = page.getByRole('dialog', { name: 'DICOM tags' });
  const valueType = tags.getByRole('row').filter({ hasText: '(0040,A040)' }).first();
  await expect(valueType).toContainText('CONTAINER');
  await page.keyboard.press('t');

  await page.keyboard.press('PageDown');
  await expect(series.nth(1)).toHaveAttribute('aria-pressed', 'true');
  await expect(shown).toHaveCount(0);
  await expect(page.getByTestId('slice-indicator')).toHaveText('Image 1 / 3');
  await expect(page.getByRole('button', { name: 'Invert' })).toBeEnabled();
  await expect(ai).not.toContainText('is on screen');

  // The RT structure set: named, its tools disabled, no decode error, its own tags.
  await expect(series.nth(2)).toContainText('RTSTRUCT #3');
  await expect(series.nth(2)).toContainText('1 object');
  await page.keyboard.press('PageDown');
  const object = page.getByRole('article', { name: 'Object: RT Structure Set' });
  await expect(object).toContainText('This object is not an image');
  await expect(page.getByRole('button', { name: 'Invert' })).toBeDisabled();
  await expect(page.locator('.viewport-error')).toHaveCount(0);
  await expect(ai).toContainText('An object that is not an image is on screen');
  await page.keyboard.press('t');
  const sopClass = tags.getByRole('row').filter({ hasText: '(0008,0016)' });
  await expect(sopClass).toContainText('1.2.840.10008.5.1.4.1.1.481.3');
  await page.keyboard.press('t');
  await page.keyboard.press('PageUp');
  await expect(object).toHaveCount(0);
  await expect(page.getByTestId('slice-indicator')).toHaveText('Image 1 / 3');
});

/** A chest radiograph under UIDs of its own, and the AI report `secondlook classify --sr` makes of it. */
function radiographWithAiReport(): string[] {
  const out = path.join(workDir, 'e2e-radiograph-with-ai-report');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const radiograph = path.join(out, 'chest.dcm');
  copyFileSync(path.join(sharedDicomDir, 'dwv-gdcm', 'gdcm-CR-MONO1-10-chest.dcm'), radiograph);
  const edits = [
    '(0010,0010)=REFERENCED^IMAGE',
    '(0020,000d)=2.25.4101',
    '(0020,000e)=2.25.4102',
    '(0008,0018)=2.25.4102.1',
  ];
  execFileSync('dcmodify', ['-nb', ...edits.flatMap((edit) => ['-i', edit]), radiograph]);
  const report = path.join(out, 'ai-report.dcm');
  execFileSync(process.execPath, ['bin/secondlook.mjs', 'classify', radiograph, '--sr', report], {
    cwd: repoRoot,
  });
  return [radiograph, report];
}

test("a report's image item goes to the image it references", async ({ page }) => {
  const files = radiographWithAiReport();
  await signIn(page, radiologist, '/worklist');
  await uploadAndOpen(page, files, 'REFERENCED, IMAGE');
  const series = page.getByRole('navigation', { name: 'Series' }).getByRole('button');
  await series.filter({ hasText: '1 report' }).click();
  const shown = page.getByRole('article', { name: 'Report: Imaging Measurement Report' });
  const image = shown.locator('li[data-value-type="IMAGE"]');
  await expect(image).toContainText('2.25.4102.1');
  await image.getByRole('button', { name: 'Show image' }).click();
  await expect(shown).toHaveCount(0);
  await expect(series.filter({ hasText: '1 image' })).toHaveAttribute('aria-pressed', 'true');
  await viewportReady(page);
  await expect(page.getByTestId('slice-indicator')).toHaveText('Image 1 / 1');
});
