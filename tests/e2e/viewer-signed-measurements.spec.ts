/**
 * Measurements are signed with the review and drawn again when the study is opened again. The
 * image has pixels that are not square (0.545 mm between rows, 0.597 mm between columns), so a
 * length that mixed the two spacings up anywhere (viewer, stored points, the server's check)
 * would not come out as the one expected from DCMTK's reading of the file.
 */
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { dcmdumpValue } from '../support/dcmdump';
import { sharedDicomDir } from '../support/paths';
import { radiologist, signIn } from './support/users';
import { viewportOf, viewportReady } from './support/viewer';

const localizers = ['6293', '6924'].map((name) =>
  path.join(sharedDicomDir, 'pydicom', 'dicomdirtests', '98892001', 'CT2N', name),
);
const [rowSpacing, columnSpacing] = dcmdumpValue(localizers[0]!, '0028,0030')
  .split('\\')
  .map(Number) as [number, number];

interface StoredReview {
  id: number;
  measurements: {
    tool: string;
    points: [number, number][];
    values: { name: string; value: number; unit: string }[];
  }[];
}

/** The viewport's annotation text boxes, one string each. */
function annotationTexts(page: Page): Promise<string[]> {
  return viewportOf(page).evaluate((element) =>
    Array.from(element.querySelectorAll('svg text')).map((text) => text.textContent ?? ''),
  );
}

async function at(page: Page, fx: number, fy: number): Promise<{ x: number; y: number }> {
  const box = (await viewportOf(page).boundingBox())!;
  return { x: box.x + box.width * fx, y: box.y + box.height * fy };
}

/** Held past Cornerstone's 400 ms double-click window, so the tool sees press, moves, release. */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.waitForTimeout(450);
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
}

async function reviewsOf(page: Page): Promise<StoredReview[]> {
  const studyId = /\/studies\/(\d+)/.exec(page.url())![1];
  const response = await page.request.get(`/api/studies/${studyId}/reviews`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { reviews: StoredReview[] }).reviews;
}

async function openLocalizers(page: Page): Promise<void> {
  await page.goto('/worklist');
  // Other specs' studies may be of other Does: this one's Patient ID.
  const row = page.getByRole('table', { name: 'Studies' }).getByRole('row');
  await row.filter({ hasText: '98890234' }).getByRole('link').first().click();
  await viewportReady(page);
}

test('a length is signed with the review and drawn again when the study opens', async ({
  page,
}) => {
  await signIn(page, radiologist, '/worklist');
  await page.getByLabel('DICOM files').setInputFiles(localizers);
  await expect(page.getByRole('table', { name: 'Upload results' }).getByRole('row')).toHaveCount(
    3,
    { timeout: 60_000 },
  );
  await openLocalizers(page);

  await page.getByRole('button', { name: 'Length' }).click();
  await drag(page, await at(page, 0.3, 0.25), await at(page, 0.7, 0.8));
  await expect.poll(async () => (await annotationTexts(page)).join('|')).toMatch(/ mm$/);
  const list = page.getByRole('region', { name: 'Measurements', exact: true });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list).toContainText(/Length \d+\.\d\d mm/);
  const shown = (await annotationTexts(page))[0]!;

  const form = page.getByRole('form', { name: 'Review' });
  await expect(form.getByRole('region', { name: 'Measurements to sign' })).toContainText(
    /Signed with 1 measurement\(s\):\s*Length \d+\.\d\d mm \(series 4, image 1\)/,
  );
  await form.getByRole('button', { name: 'Sign review' }).click();
  const signed = page.getByRole('article').filter({ hasText: 'Signed by' }).first();
  await expect(signed.getByRole('list', { name: 'Signed measurements' })).toContainText(
    /Length \d+\.\d\d mm \(series 4, image 1\)/,
  );

  // What the server kept: the points, and the length they make with the file's own spacings.
  const [review] = await reviewsOf(page);
  expect(review!.measurements).toHaveLength(1);
  const [measurement] = review!.measurements;
  expect(measurement!.tool).toBe('Length');
  const [[c1, r1], [c2, r2]] = measurement!.points as [[number, number], [number, number]];
  const expected = Math.hypot((c2 - c1) * columnSpacing, (r2 - r1) * rowSpacing);
  const stored = measurement!.values.find((value) => value.name === 'length')!;
  expect(stored.unit).toBe('mm');
  expect(stored.value).toBeCloseTo(expected, 6);
  // The drag ran down and to the right across most of the 16 x 16 image.
  expect(c2 - c1).toBeGreaterThan(3);
  expect(r2 - r1).toBeGreaterThan(3);
  // The viewer rounds its text (two decimals under 10, one under 100).
  expect(shown).toMatch(/ mm$/);
  expect(Math.abs(Number.parseFloat(shown) - stored.value)).toBeLessThanOrEqual(0.05);

  // Opened again: the signed length is back on its image, with the same value.
  await page.reload();
  await viewportReady(page);
  await expect.poll(() => annotationTexts(page)).toEqual([shown]);
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Amend my review' })).toBeVisible();
  await expect(page.getByText('not those of your signed review')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/e2e/steps/signed-measurements.png', fullPage: true });

  // Removed on screen, it is still in the signed review until an amendment says otherwise.
  await list.getByRole('button', { name: 'Remove' }).click();
  await expect.poll(() => annotationTexts(page)).toEqual([]);
  await expect(page.getByText('not those of your signed review')).toBeVisible();
  await page.getByRole('button', { name: 'Amend my review' }).click();
  const amendment = page.getByRole('form', { name: 'Amendment' });
  await amendment.getByLabel('Reason and comment').fill('the length was of a skin fold');
  await expect(amendment).toContainText('No measurements');
  await amendment.getByRole('button', { name: 'Sign amendment' }).click();
  await expect(page.getByRole('button', { name: 'Amend my review' })).toBeVisible();
  const reviews = await reviewsOf(page);
  expect(reviews.map((r) => r.measurements.length)).toEqual([1, 0]);

  await page.reload();
  await viewportReady(page);
  await expect(list).toHaveCount(0);
  expect(await annotationTexts(page)).toEqual([]);
});
