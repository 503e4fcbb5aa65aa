/**
 * An interrupted read is kept: a new review's comment and measurements are saved as the reader's
 * draft while they work, come back when the study is opened again (without being saved again),
 * and signing signs that draft. Meanwhile another reader sees who is reading the study (on the
 * worklist and the study page), never what the draft says; once the first reader is signed in
 * nowhere, her draft shows as one left behind. An amendment is kept as a draft the same way,
 * with the signed review in force until it is signed, or discarded (its measurements giving way
 * to the signed review's). A draft begun on the wrong study is discarded with its measurements.
 */
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { sharedDicomDir } from '../support/paths';
import { admin, radiologist, secondReader, signIn } from './support/users';
import { dragAcross, viewportOf, viewportReady } from './support/viewer';

const mr = path.join(sharedDicomDir, 'pydicom', 'MR_small.dcm');
/** A CT this reader has not reviewed (viewer-opening uploads it too). */
const ct = path.join(sharedDicomDir, 'pydicom', 'CT_small.dcm');

interface StoredReview {
  id: number;
  status: string;
  amendsId: number | null;
  amendingId: number | null;
  text: string;
  measurements: { tool: string }[];
}

function annotationTexts(page: Page): Promise<string[]> {
  return viewportOf(page).evaluate((element) =>
    Array.from(element.querySelectorAll('svg text')).map((text) => text.textContent ?? ''),
  );
}

async function reviewsOf(page: Page): Promise<StoredReview[]> {
  const studyId = /\/studies\/(\d+)/.exec(page.url())![1];
  const response = await page.request.get(`/api/studies/${studyId}/reviews`);
  return ((await response.json()) as { reviews: StoredReview[] }).reviews;
}

test('a draft keeps the comment and measurements of an interrupted read until it is signed', async ({
  page,
  browser,
}) => {
  await signIn(page, radiologist, '/worklist');
  await page.getByLabel('DICOM files').setInputFiles([mr]);
  await expect(page.getByRole('table', { name: 'Upload results' }).getByRole('row')).toHaveCount(
    2,
    { timeout: 60_000 },
  );
  const row = page.getByRole('table', { name: 'Studies' }).getByRole('row');
  await row.filter({ hasText: '4MR1' }).getByRole('link').first().click();
  await viewportReady(page);

  const form = page.getByRole('form', { name: 'Review' });
  await form.getByLabel('Comment').fill('a line to look at again after the priors');
  await page.getByRole('button', { name: 'Length' }).click();
  const drawLength = (from: [number, number], to: [number, number]) => dragAcross(page, from, to);
  // One drawn by mistake: selected as it is drawn, Delete removes it.
  await drawLength([0.3, 0.7], [0.7, 0.8]);
  await expect.poll(async () => (await annotationTexts(page)).length).toBe(1);
  await viewportOf(page).focus();
  await page.keyboard.press('Delete');
  await expect.poll(async () => (await annotationTexts(page)).length).toBe(0);
  await drawLength([0.3, 0.3], [0.6, 0.5]);
  await expect.poll(async () => (await annotationTexts(page)).length).toBe(1);
  await expect(form.getByRole('status')).toContainText('Draft saved at', { timeout: 15_000 });
  await expect
    .poll(async () => (await reviewsOf(page)).map((r) => [r.status, r.measurements.length]))
    .toEqual([['draft', 1]]);
  const [draft] = await reviewsOf(page);
  expect(draft!.text).toBe('a line to look at again after the priors');

  // Another reader sees that this study is being read, and by whom, but not what the draft says.
  const context = await browser.newContext();
  const other = await context.newPage();
  await signIn(other, secondReader, '/worklist');
  // The study's own row: other specs store MR studies of the same patient.
  const studyId = /\/studies\/(\d+)/.exec(page.url())![1];
  const mrRow = other
    .getByRole('table', { name: 'Studies' })
    .locator(`tbody tr[data-study-id="${studyId}"]`);
  await expect(mrRow).toContainText(`being read by ${radiologist.username}`);
  await mrRow.getByRole('link').first().click();
  await expect(other.getByTestId('others-reading')).toContainText(
    `Also reading this study, unsigned: ${radiologist.username} (since`,
  );
  await expect(other.getByText('a line to look at again after the priors')).toHaveCount(0);
  // The first reader goes home, and an admin signs her out everywhere (earlier specs left her
  // signed in elsewhere too): the draft is now one left behind, not a read in progress.
  const studyUrl = page.url();
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await signIn(adminPage, admin);
  await adminPage
    .locator(`tr[data-username="${radiologist.username}"]`)
    .getByRole('button', { name: 'Sign out everywhere' })
    .click();
  await expect(adminPage.getByRole('main').getByRole('status')).toHaveText(
    `${radiologist.username} was signed out everywhere.`,
  );
  await adminContext.close();
  await other.reload();
  await expect(other.getByTestId('others-reading')).toContainText(
    `Unsigned draft left by ${radiologist.username} (since`,
  );
  await expect(other.getByTestId('others-reading')).toContainText('not signed in now');
  await other.goto('/worklist');
  await expect(mrRow).toContainText(`unsigned draft by ${radiologist.username}`);
  await expect(mrRow).not.toContainText('being read by');
  await context.close();
  await signIn(page, radiologist, new URL(studyUrl).pathname);

  // Opened again: the draft's comment and its length are back, and nothing is saved again.
  await page.reload();
  await viewportReady(page);
  await expect(form.getByLabel('Comment')).toHaveValue('a line to look at again after the priors');
  await expect(form.getByRole('status')).toHaveText('Your draft is back as you left it.');
  await expect.poll(async () => (await annotationTexts(page)).length).toBe(1);
  await expect(form).toContainText('Signed with 1 measurement(s)');
  await page.waitForTimeout(2_500);
  await expect(form.getByRole('status')).toHaveText('Your draft is back as you left it.');

  await form.getByRole('button', { name: 'Sign review' }).click();
  await expect(page.getByRole('button', { name: 'Amend my review' })).toBeVisible();
  const reviews = await reviewsOf(page);
  expect(reviews.map((r) => [r.id, r.status, r.measurements.length])).toEqual([
    [draft!.id, 'signed', 1],
  ]);
});

test('an amendment is kept as a draft while written: back after a reload, discarded or signed', async ({
  page,
}) => {
  await signIn(page, radiologist, '/worklist');
  const row = page.getByRole('table', { name: 'Studies' }).getByRole('row');
  await row.filter({ hasText: '4MR1' }).getByRole('link').first().click();
  await viewportReady(page);
  const [signed] = await reviewsOf(page);
  expect(signed).toMatchObject({ status: 'signed', amendsId: null });
  const amend = page.getByRole('button', { name: 'Amend my review' });

  // Opening the amendment saves nothing until something changes.
  await amend.click();
  const form = page.getByRole('form', { name: 'Amendment' });
  const comment = form.getByLabel('Reason and comment');
  await expect(comment).toHaveValue('');
  await page.waitForTimeout(2_500);
  expect(await reviewsOf(page)).toHaveLength(1);
  // The signed review's length is drawn; the amendment adds one.
  await expect.poll(async () => (await annotationTexts(page)).length).toBe(1);
  const signedTexts = await annotationTexts(page);
  await comment.fill('the length is across the wrong vessel');
  await page.getByRole('button', { name: 'Length' }).click();
  await dragAcross(page, [0.2, 0.6], [0.5, 0.7]);
  await expect.poll(async () => (await annotationTexts(page)).length).toBe(2);
  await expect
    .poll(async () => (await reviewsOf(page)).map((r) => [r.status, r.measurements.length]), {
      timeout: 15_000,
    })
    .toEqual([
      ['signed', 1],
      ['draft', 2],
    ]);
  const [, draft] = await reviewsOf(page);
  expect(draft).toMatchObject({
    status: 'draft',
    amendingId: signed!.id,
    amendsId: null,
    text: 'the length is across the wrong vessel',
  });

  // Back after a reload (a call, a logoff for idling), with the signed review still in force.
  await page.reload();
  await viewportReady(page);
  await expect(comment).toHaveValue('the length is across the wrong vessel');
  await expect(form.getByRole('status')).toHaveText('Your draft is back as you left it.');
  await expect.poll(async () => (await annotationTexts(page)).length).toBe(2);
  await expect(form.getByTestId('amending')).toContainText(
    'it stays in force until you sign the amendment',
  );
  expect((await reviewsOf(page)).map((r) => r.status)).toEqual(['signed', 'draft']);

  // Discarded: the draft is gone, and the signed review is as it was.
  // Its length goes with it: the signed review's measurements are drawn again, and stay.
  await form.getByRole('button', { name: 'Discard amendment' }).click();
  await expect(amend).toBeVisible();
  expect((await reviewsOf(page)).map((r) => [r.id, r.status])).toEqual([[signed!.id, 'signed']]);
  await expect.poll(() => annotationTexts(page)).toEqual(signedTexts);
  await page.waitForTimeout(2_500);
  await expect.poll(() => annotationTexts(page)).toEqual(signedTexts);
  expect(await reviewsOf(page)).toHaveLength(1);

  // Written again and signed: the draft amends the review.
  await amend.click();
  await comment.fill('the vessel is the one below');
  await expect(form.getByRole('status')).toContainText('Draft saved at', { timeout: 15_000 });
  await form.getByRole('button', { name: 'Sign amendment' }).click();
  await expect(amend).toBeVisible();
  const after = await reviewsOf(page);
  expect(after.map((r) => [r.status, r.amendsId, r.amendingId, r.text])).toEqual([
    ['amended', null, null, signed!.text],
    ['signed', signed!.id, null, 'the vessel is the one below'],
  ]);
});

test('a draft begun on the wrong study is discarded, measurements and all', async ({ page }) => {
  await signIn(page, radiologist, '/worklist');
  await page.getByLabel('DICOM files').setInputFiles([ct]);
  await expect(page.getByRole('table', { name: 'Upload results' }).getByRole('row')).toHaveCount(
    2,
    { timeout: 60_000 },
  );
  const row = page.getByRole('table', { name: 'Studies' }).getByRole('row');
  await row.filter({ hasText: '1CT1' }).getByRole('link').first().click();
  await viewportReady(page);
  expect(await reviewsOf(page)).toEqual([]);
  const form = page.getByRole('form', { name: 'Review' });
  await expect(form.getByRole('button', { name: 'Discard draft' })).toHaveCount(0);
  await form.getByLabel('Comment').fill('wrong patient');
  await page.getByRole('button', { name: 'Length' }).click();
  const box = (await viewportOf(page).boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
  await page.mouse.down();
  await page.waitForTimeout(450);
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5, { steps: 6 });
  await page.mouse.up();
  await expect.poll(async () => (await annotationTexts(page)).length).toBe(1);
  await expect(form.getByRole('status')).toContainText('Draft saved at', { timeout: 15_000 });
  await expect
    .poll(async () => (await reviewsOf(page)).map((r) => [r.status, r.measurements.length]))
    .toEqual([['draft', 1]]);

  await form.getByRole('button', { name: 'Discard draft' }).click();
  await expect(form.getByLabel('Comment')).toHaveValue('');
  await expect.poll(async () => (await annotationTexts(page)).length).toBe(0);
  expect(await reviewsOf(page)).toEqual([]);
  // Nothing on screen makes a new draft.
  await page.waitForTimeout(2_500);
  expect(await reviewsOf(page)).toEqual([]);
  await expect(form.getByRole('button', { name: 'Discard draft' })).toHaveCount(0);
});
