/**
 * The patient's other studies on the study page, in the browser: a radiologist uploads a CR
 * (2001) and a CT of four slices (1995) of one patient from pydicom's DICOMDIR set; the CR's page
 * lists the CT with its date and modality, shows it beside the CR in a viewer of its own that
 * only looks (linked, it follows the CR's window and zoom), its link opens the CT's page, and that
 * lists the CR. The page also links the next
 * study this reader has not signed, in the worklist's order.
 */
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { sharedDicomDir } from '../support/paths';
import { radiologist, signIn } from './support/users';

const patient = path.join(sharedDicomDir, 'pydicom', 'dicomdirtests', '77654033');
const cr = path.join(patient, 'CR1', '6154');
const ct = ['17106', '17136', '17166', '17196'].map((file) => path.join(patient, 'CT2', file));

test("a study's page lists and opens the patient's other studies", async ({ page }) => {
  await signIn(page, radiologist, '/worklist');
  await page.getByLabel('DICOM files').setInputFiles([cr, ...ct]);
  const results = page.getByRole('table', { name: 'Upload results' });
  await expect(results.getByRole('row')).toHaveCount(1 + 5, { timeout: 60_000 });

  const crRow = page
    .getByRole('table', { name: 'Studies' })
    .locator('tbody tr')
    .filter({ has: page.getByRole('cell', { name: 'CR', exact: true }) })
    .filter({ hasText: '77654033' });
  await crRow.getByRole('link').first().click();
  const others = page.getByRole('table', { name: 'Other studies of this patient' });
  await expect(others.locator('tbody tr')).toHaveCount(1);
  await expect(others.locator('tbody tr')).toContainText('1995-09-03');
  await expect(others.locator('tbody tr')).toContainText('CT');
  await page.screenshot({ path: 'test-results/e2e/steps/other-studies.png', fullPage: true });

  // Compare shows the CT beside the CR, in a viewer of its own: its overlay names its date, it
  // scrolls its four slices alone, and it offers no measuring tool to sign with the CR's review.
  const main = page.getByRole('img', { name: 'Image viewport' });
  await expect(main).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  const crImage = await main.getAttribute('data-image-id');
  const compare = others.getByRole('button', { name: 'Compare with 1995-09-03' });
  await compare.click();
  await expect(compare).toHaveAttribute('aria-pressed', 'true');
  const comparison = page.getByRole('region', { name: 'Comparison study' });
  await expect(comparison.getByRole('heading')).toContainText('Compared with 1995-09-03 CT');
  const beside = comparison.getByRole('img', { name: 'Comparison viewport' });
  await expect(beside).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await expect(comparison.getByRole('group', { name: 'Image overlay' })).toContainText('1995');
  const slider = comparison.getByRole('slider', { name: 'Image' });
  await expect(slider).toHaveValue('1');
  await expect(slider).toHaveAttribute('max', '4');
  const firstSlice = await beside.getAttribute('data-image-id');
  await beside.focus();
  await page.keyboard.press('End');
  await expect(slider).toHaveValue('4');
  await expect(beside).not.toHaveAttribute('data-image-id', firstSlice!);
  await expect(main).toHaveAttribute('data-image-id', crImage!);
  const tools = comparison.getByRole('group', { name: 'Mouse tool' });
  await expect(tools.getByRole('button', { name: 'Window/level' })).toBeVisible();
  for (const measuring of ['Length', 'Angle', 'Probe', 'Ellipse ROI']) {
    await expect(tools.getByRole('button', { name: measuring })).toHaveCount(0);
  }
  // `l` there picks no length tool; in the CR's viewer it still does.
  await page.keyboard.press('l');
  await expect(tools.getByRole('button', { name: 'Window/level' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  // Linked, the CT follows the CR's window and zoom; unlinked, it keeps its own.
  const windowOf = (region: typeof page | typeof comparison) =>
    region.getByTestId('window-indicator').first();
  const mainFrame = page.locator('.viewer').first();
  await comparison.getByLabel('Link window and zoom').check();
  await main.focus();
  await page.keyboard.press('2');
  await expect(windowOf(mainFrame)).toHaveText(/^W 1500 L -600/);
  await expect(windowOf(comparison)).toHaveText(/^W 1500 L -600/);
  const zoomOf = async (region: typeof comparison) =>
    Number(
      /Zoom ([\d.]+)×/.exec(
        (await region.getByRole('group', { name: 'Image overlay' }).textContent()) ?? '',
      )![1],
    );
  const zoomBefore = await zoomOf(comparison);
  const box = (await main.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down({ button: 'right' });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 80, { steps: 8 });
  await page.mouse.up({ button: 'right' });
  await expect.poll(() => zoomOf(comparison)).not.toBe(zoomBefore);
  await comparison.getByLabel('Link window and zoom').uncheck();
  await main.focus();
  await page.keyboard.press('1');
  await expect(windowOf(mainFrame)).toHaveText(/^W 400 L 40/);
  await expect(windowOf(comparison)).toHaveText(/^W 1500 L -600/);
  await page.screenshot({ path: 'test-results/e2e/steps/comparison.png', fullPage: true });
  await comparison.getByRole('button', { name: 'Close comparison' }).click();
  await expect(comparison).toHaveCount(0);
  await expect(compare).toHaveAttribute('aria-pressed', 'false');
  await expect(main).toHaveAttribute('data-ready', 'true');

  const crUrl = page.url();
  // The reading order goes on to another study this reader has not signed.
  const next = page.getByTestId('next-unread');
  await expect(next).toContainText('Next unread:');
  expect(await next.getAttribute('href')).toMatch(/^\/studies\/\d+$/);
  expect(await next.getAttribute('href')).not.toBe(new URL(crUrl).pathname);
  // `n` in the viewer goes there, and back to the CR's page for the rest.
  const nextHref = (await next.getAttribute('href'))!;
  await page.getByRole('img', { name: 'Image viewport' }).focus();
  await page.keyboard.press('n');
  await expect(page).toHaveURL(new RegExp(`${nextHref}$`));
  await page.goto(crUrl);
  await others.getByRole('link', { name: '1995-09-03' }).click();
  await expect(page).not.toHaveURL(crUrl);
  await expect(others.locator('tbody tr')).toContainText('2001-01-01');
  await expect(others.locator('tbody tr')).toContainText('CR');
});
