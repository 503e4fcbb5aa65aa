/**
 * The tag browser (`t`): every element of the instance on screen as DCMTK's dcmdump reads the
 * file that was uploaded, the patient's name and Instance UID among them; it follows the image
 * when the reader scrolls; the filter finds a nested element inside its sequence and item, and
 * a private element with its creator; Escape closes it.
 */
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { dcmdumpValue } from '../support/dcmdump';
import { sharedDicomDir } from '../support/paths';
import { radiologist, signIn } from './support/users';
import { viewportOf, viewportReady } from './support/viewer';

const ctSlices = ['01.dcm', '02.dcm', '03.dcm'].map((name) =>
  path.join(sharedDicomDir, 'dcmqi', 'ct-3slice', name),
);
/** A GE CT with private blocks and a nested Other Patient IDs Sequence. */
const geCt = path.join(sharedDicomDir, 'pydicom', 'CT_small.dcm');

async function openStudy(page: Page, patient: string) {
  await page.goto('/worklist');
  await page.getByRole('link', { name: patient, exact: true }).click();
  await viewportReady(page);
}

/** The value cell of the row for `tag` in the tag browser. */
function valueOf(page: Page, tag: string) {
  const browser = page.getByRole('dialog', { name: 'DICOM tags' });
  return browser.getByRole('row').filter({ hasText: tag }).first().getByRole('cell').nth(3);
}

test.beforeEach(async ({ page }) => {
  await signIn(page, radiologist, '/worklist');
  await page.getByLabel('DICOM files').setInputFiles([...ctSlices, geCt]);
  const results = page.getByRole('table', { name: 'Upload results' });
  await expect(results.getByRole('row')).toHaveCount(1 + 4, { timeout: 60_000 });
});

test('t lists the tags of the image on screen, as dcmdump reads its file, and follows the image', async ({
  page,
}) => {
  await openStudy(page, 'JANCT000');
  const overlay = page.getByRole('group', { name: 'Image overlay' });
  await page.keyboard.press('t');
  const browser = page.getByRole('dialog', { name: 'DICOM tags' });
  await expect(browser).toBeVisible();
  const shownInstance = async () =>
    Number(/Instance (\d+)/.exec((await overlay.textContent())!)![1]);
  const fileOf = (instance: number) => ctSlices[instance - 1]!;
  const first = await shownInstance();
  await expect(browser.getByRole('heading')).toContainText(`instance ${first}`);
  await expect(valueOf(page, '(0008,0018)')).toHaveText(dcmdumpValue(fileOf(first), '0008,0018'));
  await expect(valueOf(page, '(0010,0010)')).toHaveText(dcmdumpValue(fileOf(first), '0010,0010'));
  await expect(browser.getByRole('row').filter({ hasText: '(0010,0010)' }).first()).toContainText(
    'PatientName',
  );
  // The next image is another instance: its file's UID, once it is read.
  await viewportOf(page).focus();
  await page.keyboard.press('ArrowDown');
  await expect.poll(shownInstance).not.toBe(first);
  const second = await shownInstance();
  await expect(browser.getByRole('heading')).toContainText(`instance ${second}`);
  await expect(valueOf(page, '(0008,0018)')).toHaveText(dcmdumpValue(fileOf(second), '0008,0018'));
  await page.keyboard.press('Escape');
  await expect(browser).toHaveCount(0);
});

test('the filter shows a nested element inside its sequence and item, and private ones by creator', async ({
  page,
}) => {
  await openStudy(page, 'CompressedSamples, CT1');
  await page.keyboard.press('t');
  const browser = page.getByRole('dialog', { name: 'DICOM tags' });
  const filter = browser.getByLabel('Filter tags');
  await filter.fill('ABCD1234');
  const rows = browser.getByRole('row');
  // The header, then the sequence, its first item and the element in it.
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(1)).toContainText('OtherPatientIDsSequence');
  await expect(rows.nth(1)).toContainText('2 items');
  await expect(rows.nth(2)).toContainText('Item');
  await expect(rows.nth(3)).toContainText('PatientID');
  await expect(rows.nth(3)).toHaveAttribute('data-depth', '2');
  // dcmdump reads the nested Patient ID out of the file (+P finds it below the sequence).
  expect(dcmdumpValue(geCt, '0010,1002/fffe,e000/0010,0020')).toBe('ABCD1234');
  await filter.fill('0009,1001');
  await expect(rows.nth(1)).toContainText('PrivateTag (GEMS_IDEN_01)');
  await expect(rows.nth(1)).toContainText('GE_GENESIS_FF');
  await filter.fill('');
  await expect(browser.getByText(/^\d+ of \d+ rows$/)).toBeVisible();
});
