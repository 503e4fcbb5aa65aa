/**
 * The patient's other studies on the study page, in the browser: a radiologist uploads a CR
 * (2001) and a CT (1995) of one patient from pydicom's DICOMDIR set; the CR's page lists the CT
 * with its date and modality, its link opens the CT's page, and that lists the CR. The page also
 * links the next study this reader has not signed, in the worklist's order.
 */
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { sharedDicomDir } from '../support/paths';
import { radiologist, signIn } from './support/users';

const patient = path.join(sharedDicomDir, 'pydicom', 'dicomdirtests', '77654033');
const cr = path.join(patient, 'CR1', '6154');
const ct = path.join(patient, 'CT2', '17106');

test("a study's page lists and opens the patient's other studies", async ({ page }) => {
  await signIn(page, radiologist, '/worklist');
  await page.getByLabel('DICOM files').setInputFiles([cr, ct]);
  const results = page.getByRole('table', { name: 'Upload results' });
  await expect(results.getByRole('row')).toHaveCount(1 + 2, { timeout: 60_000 });

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
