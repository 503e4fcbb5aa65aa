/**
 * What the study page states before Cornerstone3D is up, with the viewer chunk held back: the
 * overlay already reads the series' first image of its count and the window (and inversion) the
 * server's first image is drawn with, the series thumbnails show the server's rendering (pixels
 * read back from the <img>), and the viewport says it is not ready. Once it is, the overlay reads
 * the same. With scripts off, the server's HTML alone reads the same. A CT with its own window, a
 * MONOCHROME1 chest radiograph and a CT without a window (the automatic one). A CT study opens on
 * the series planned on its scout, not on the scout.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { sharedDicomDir, workDir } from '../support/paths';
import { radiologist, signIn } from './support/users';
import {
  holdNavigation,
  holdViewerChunk,
  imageStats,
  viewportOf,
  viewportReady,
} from './support/viewer';

const ctSlices = ['01.dcm', '02.dcm', '03.dcm'].map((name) =>
  path.join(sharedDicomDir, 'dcmqi', 'ct-3slice', name),
);
const crChest = path.join(sharedDicomDir, 'dwv-gdcm', 'gdcm-CR-MONO1-10-chest.dcm');
/** No (0028,1050/1051): it opens with the automatic window. */
const autoWindowCt = path.join(sharedDicomDir, 'pydicom', 'CT_small.dcm');

const studies = [
  { patient: 'JANCT000', slices: 'Image 1 / 3', window: /^W 400 L 40$/ },
  { patient: 'Anonymized', slices: 'Image 1 / 1', window: /^W 1024 L 550 \(inverted\)$/ },
  // PN `CompressedSamples^CT1`, shown in reading order.
  { patient: 'CompressedSamples, CT1', slices: 'Image 1 / 1', window: /^W \d+ L -?\d+$/ },
];

async function overlayText(page: Page) {
  return {
    slices: await page.getByTestId('slice-indicator').textContent(),
    window: await page.getByTestId('window-indicator').textContent(),
  };
}

async function studyHref(page: Page, patient: string): Promise<string> {
  await page.goto('/worklist');
  const href = await page.getByRole('link', { name: patient, exact: true }).getAttribute('href');
  expect(href).toMatch(/^\/studies\/\d+$/);
  return href!;
}

test.beforeEach(async ({ page }) => {
  await signIn(page, radiologist, '/worklist');
  await page.getByLabel('DICOM files').setInputFiles([...ctSlices, crChest, autoWindowCt]);
  const results = page.getByRole('table', { name: 'Upload results' });
  await expect(results.getByRole('row')).toHaveCount(1 + 5, { timeout: 60_000 });
  for (const row of await results.getByRole('row').all()) {
    if (await row.getByRole('cell').count()) await expect(row).toContainText(/Stored|Duplicate/);
  }
});

for (const study of studies) {
  test(`before the viewport is up, ${study.patient}'s overlay and thumbnails are already right`, async ({
    page,
    browser,
  }, testInfo) => {
    const href = await studyHref(page, study.patient);
    const held = await holdViewerChunk(page);
    await page.goto(href);
    await held.requested;

    const viewport = viewportOf(page);
    await expect(page.getByTestId('slice-indicator')).toHaveText(study.slices);
    await expect(page.getByTestId('window-indicator')).toHaveText(study.window);
    await expect(page.getByRole('group', { name: 'Image overlay' })).toContainText(study.patient);
    const before = await overlayText(page);
    const thumbnail = page.getByTestId('series-thumbnail').first();
    // The server's rendering, not a drawing of the browser's.
    await expect(thumbnail).toHaveJSProperty('tagName', 'IMG');
    const shown = await imageStats(thumbnail);
    expect(shown.width).toBeGreaterThan(0);
    expect(shown.meanLuminance).toBeGreaterThan(10);
    expect(shown.lit).toBeGreaterThan(0.1);
    // Still held: nothing above came from the viewport.
    await expect(viewport).toHaveAttribute('data-ready', 'false');
    await expect(page.getByRole('slider', { name: 'Image' })).toBeDisabled();
    await page.screenshot({ path: testInfo.outputPath('before-viewport.png') });

    held.release();
    await viewportReady(page);
    expect(await overlayText(page)).toEqual(before);
    // The thumbnail is still the server's image, not replaced by anything.
    await expect(thumbnail).toHaveJSProperty('tagName', 'IMG');
    expect(await imageStats(thumbnail)).toEqual(shown);
    await page.screenshot({ path: testInfo.outputPath('viewport-ready.png') });

    // The server's HTML alone, with no script run, states the same.
    const noScripts = await browser.newContext({
      javaScriptEnabled: false,
      storageState: await page.context().storageState(),
    });
    const html = await noScripts.newPage();
    await html.goto(href);
    await expect(html.getByTestId('slice-indicator')).toHaveText(before.slices!);
    await expect(html.getByTestId('window-indicator')).toHaveText(before.window!);
    await expect(viewportOf(html)).toHaveAttribute('data-ready', 'false');
    await html.screenshot({ path: testInfo.outputPath('without-scripts.png') });
    await noScripts.close();
  });
}

test('keys pressed before the viewer is up count once it shows: the lung window, the last image', async ({
  page,
}) => {
  const href = await studyHref(page, 'JANCT000');
  const viewport = viewportOf(page);
  const held = await holdViewerChunk(page);
  await page.goto(href);
  await held.requested;
  // The viewport has the keyboard as the study opens: no click on it first.
  await expect(viewport).toBeFocused();
  await page.keyboard.press('2');
  await page.keyboard.press('End');
  await expect(viewport).toHaveAttribute('data-ready', 'false');
  held.release();
  await viewportReady(page);
  await expect(page.getByTestId('window-indicator')).toHaveText(/^W 1500 L -600$/);
  await expect(page.getByTestId('slice-indicator')).toHaveText('Image 3 / 3');
  // Chunks still on their way when the test ends are no failure of it.
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});

test('keys pressed as a worklist row is clicked go to the study it opens, not the worklist', async ({
  page,
}) => {
  const href = await studyHref(page, 'JANCT000');
  const held = await holdNavigation(page, href);
  await page.getByRole('link', { name: 'JANCT000', exact: true }).click();
  await held.requested;
  // The worklist is still on screen: its page has not come yet.
  await expect(page.getByRole('table', { name: 'Studies' })).toBeVisible();
  await expect(viewportOf(page)).toHaveCount(0);
  await page.keyboard.press('2');
  await page.keyboard.press('End');
  held.release();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await viewportReady(page);
  await expect(viewportOf(page)).toBeFocused();
  await expect(page.getByTestId('window-indicator')).toHaveText(/^W 1500 L -600$/);
  await expect(page.getByTestId('slice-indicator')).toHaveText('Image 3 / 3');
  // Held keys are spent: back on the worklist, keys are the worklist's again (j: the next row).
  await page.goto('/worklist');
  const rows = page.getByRole('table', { name: 'Studies' }).locator('tbody tr');
  await expect(rows.first()).toHaveAttribute('aria-selected', 'true');
  await page.getByLabel('Studies, arrow keys to move').focus();
  await page.keyboard.press('j');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});

/**
 * A CT study as a scanner sends it (pydicom's 98892001): a scout of two localizers (series 4,
 * Image Type LOCALIZER) and the axial series planned on it (series 5, five slices), copied under a
 * patient and UIDs of their own, so that another spec's upload of the scout stays its own study.
 */
function scoutAndAxial(): string[] {
  const source = path.join(sharedDicomDir, 'pydicom', 'dicomdirtests', '98892001');
  const out = path.join(workDir, 'e2e-scout-and-axial');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const folders = [
    ['CT2N', '2.25.3002'],
    ['CT5N', '2.25.3003'],
  ] as const;
  return folders.flatMap(([folder, series]) =>
    readdirSync(path.join(source, folder)).map((name, k) => {
      const copy = path.join(out, `${folder}-${name}.dcm`);
      copyFileSync(path.join(source, folder, name), copy);
      const edits = [
        '(0010,0010)=SCOUT^FIRST',
        '(0010,0020)=SCOUT-0001',
        '(0020,000d)=2.25.3001',
        `(0020,000e)=${series}`,
        `(0008,0018)=${series}.${k + 1}`,
      ];
      execFileSync('dcmodify', ['-nb', ...edits.flatMap((edit) => ['-m', edit]), copy]);
      return copy;
    }),
  );
}

test('a CT study opens on the series planned on its scout; PageUp and PageDown step through its series', async ({
  page,
}) => {
  const files = scoutAndAxial();
  await page.goto('/worklist');
  await page.getByLabel('DICOM files').setInputFiles(files);
  const results = page.getByRole('table', { name: 'Upload results' });
  await expect(results.getByRole('row')).toHaveCount(1 + files.length, { timeout: 60_000 });
  await page.goto(await studyHref(page, 'SCOUT, FIRST'));
  const series = page.getByRole('navigation', { name: 'Series' }).getByRole('button');
  // The thumbnails keep the series' order, the scout first; the axial series is the one shown,
  // from the server's first image on.
  await expect(series).toHaveCount(2);
  await expect(series.first()).toContainText('Scout');
  await expect(series.first()).toHaveAttribute('aria-pressed', 'false');
  await expect(series.nth(1)).toContainText('SmartScore');
  await expect(series.nth(1)).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('slice-indicator')).toHaveText('Image 1 / 5');
  await viewportReady(page);
  await expect(page.getByRole('group', { name: 'Image overlay' })).toContainText('CT #5');
  await expect(page.getByTestId('slice-indicator')).toHaveText('Image 1 / 5');
  // The scout is a click away.
  await series.first().click();
  await expect(page.getByTestId('slice-indicator')).toHaveText('Image 1 / 2');
  await expect(page.getByRole('group', { name: 'Image overlay' })).toContainText('CT #4 Scout');
  // PageDown shows the next series, PageUp the one before, as the thumbnails order them; at
  // either end the series stays.
  const overlay = page.getByRole('group', { name: 'Image overlay' });
  await page.keyboard.press('PageUp');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('slice-indicator')).toHaveText('Image 2 / 2');
  await expect(overlay).toContainText('CT #4 Scout');
  await page.keyboard.press('PageDown');
  await expect(series.nth(1)).toHaveAttribute('aria-pressed', 'true');
  await expect(overlay).toContainText('CT #5');
  await expect(page.getByTestId('slice-indicator')).toHaveText('Image 1 / 5');
  await page.keyboard.press('PageDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('slice-indicator')).toHaveText('Image 2 / 5');
  await expect(overlay).toContainText('CT #5');
  await page.keyboard.press('PageUp');
  await expect(series.first()).toHaveAttribute('aria-pressed', 'true');
  await expect(overlay).toContainText('CT #4 Scout');
  await expect(page.getByTestId('slice-indicator')).toHaveText('Image 1 / 2');
});
