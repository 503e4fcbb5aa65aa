/**
 * Measurements are signed with the review and drawn again when the study is opened again. The
 * image has pixels that are not square (0.545 mm between rows, 0.597 mm between columns), so a
 * length or area that mixed the two spacings up anywhere (viewer, stored points, the server's
 * check) would not come out as the one expected from DCMTK's reading of the file, and a probe
 * that read another pixel than the server would be refused.
 */
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { dcmdumpModalityValue, dcmdumpModalityValues, dcmdumpValue } from '../support/dcmdump';
import { sharedDicomDir } from '../support/paths';
import { auditor, radiologist, signIn } from './support/users';
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

/** Cornerstone's probe and ellipse react to a press held past its double-click window too. */
async function click(page: Page, point: { x: number; y: number }) {
  await page.mouse.move(point.x, point.y);
  await page.mouse.down();
  await page.waitForTimeout(450);
  await page.mouse.up();
}

test('measurements are signed with the review, drawn again when the study opens, and shown to the auditor', async ({
  page,
  browser,
}) => {
  await signIn(page, radiologist, '/worklist');
  await page.getByLabel('DICOM files').setInputFiles(localizers);
  await expect(page.getByRole('table', { name: 'Upload results' }).getByRole('row')).toHaveCount(
    3,
    { timeout: 60_000 },
  );
  await openLocalizers(page);

  // A length down and across the image, a probe above it to the right, an ellipse below left.
  const drawn = async (count: number) =>
    expect.poll(async () => (await annotationTexts(page)).length).toBe(count);
  await page.getByRole('button', { name: 'Length' }).click();
  await drag(page, await at(page, 0.3, 0.25), await at(page, 0.7, 0.8));
  await drawn(1);
  await page.getByRole('button', { name: 'Probe' }).click();
  await click(page, await at(page, 0.75, 0.3));
  await drawn(2);
  await page.getByRole('button', { name: 'Ellipse ROI' }).click();
  await drag(page, await at(page, 0.33, 0.62), await at(page, 0.43, 0.75));
  await drawn(3);
  const list = page.getByRole('region', { name: 'Measurements', exact: true });
  await expect(list.getByRole('listitem')).toHaveCount(3);
  await expect(list).toContainText(/Length \d+\.\d\d mm/);
  await expect(list).toContainText(/Probe -?\d+\.\d\d HU/);
  await expect(list).toContainText(/Ellipse \d+\.\d\d mm², mean -?\d+\.\d\d HU/);
  // The text boxes follow the drags a frame behind: read them once they stop changing.
  let shown: string[] = [];
  await expect
    .poll(async () => {
      const before = shown;
      shown = (await annotationTexts(page)).sort();
      return shown.join('|') === before.join('|') && shown.some((text) => / mm$/.test(text));
    })
    .toBe(true);

  const form = page.getByRole('form', { name: 'Review' });
  await expect(form.getByRole('region', { name: 'Measurements to sign' })).toContainText(
    /Signed with 3 measurement\(s\):\s*Length \d+\.\d\d mm \(series 4, instance 1\)/,
  );
  // The server checks every length, probe value and area against the file before it signs.
  await form.getByRole('button', { name: 'Sign review' }).click();
  const signed = page.getByRole('article').filter({ hasText: 'Signed by' }).first();
  await expect(signed.getByRole('list', { name: 'Signed measurements' })).toContainText(
    /Length \d+\.\d\d mm \(series 4, instance 1\)/,
  );

  // What the server kept, against the file as DCMTK reads it.
  const [review] = await reviewsOf(page);
  const byTool = (tool: string) => review!.measurements.find((m) => m.tool === tool)!;
  const valueOf = (tool: string, name: string) =>
    byTool(tool).values.find((value) => value.name === name)!;
  expect(review!.measurements.map((m) => m.tool).sort()).toEqual([
    'EllipticalROI',
    'Length',
    'Probe',
  ]);
  const [[c1, r1], [c2, r2]] = byTool('Length').points as [[number, number], [number, number]];
  const length = valueOf('Length', 'length');
  expect(length.unit).toBe('mm');
  expect(length.value).toBeCloseTo(
    Math.hypot((c2 - c1) * columnSpacing, (r2 - r1) * rowSpacing),
    6,
  );
  // The drag ran down and to the right across most of the 16 x 16 image.
  expect(c2 - c1).toBeGreaterThan(3);
  expect(r2 - r1).toBeGreaterThan(3);
  // The viewer rounds its text (two decimals under 10, one under 100).
  const lengthText = shown.find((text) => / mm$/.test(text))!;
  expect(Math.abs(Number.parseFloat(lengthText) - length.value)).toBeLessThanOrEqual(0.05);
  const [[column, row]] = byTool('Probe').points as [[number, number]];
  expect(valueOf('Probe', 'value')).toEqual({
    name: 'value',
    value: dcmdumpModalityValue(localizers[0]!, Math.round(column), Math.round(row)),
    unit: 'HU',
  });
  const [bottom, top, left, right] = byTool('EllipticalROI').points as [number, number][];
  const tall = Math.hypot(
    (top![0] - bottom![0]) * columnSpacing,
    (top![1] - bottom![1]) * rowSpacing,
  );
  const wide = Math.hypot(
    (right![0] - left![0]) * columnSpacing,
    (right![1] - left![1]) * rowSpacing,
  );
  expect(valueOf('EllipticalROI', 'area').value).toBeCloseTo((Math.PI * tall * wide) / 4, 6);
  // Its mean, spread and range are those of the pixels whose centres lie inside it (up to
  // Cornerstone's 1e-5 of the boundary), as DCMTK reads them; the server checked the same.
  expect(left![1]).toBeCloseTo(right![1], 9);
  const { columns, values } = dcmdumpModalityValues(localizers[0]!);
  const [centreColumn, centreRow] = [(left![0] + right![0]) / 2, (left![1] + right![1]) / 2];
  const inside = values.filter((_, index) => {
    const across = ((index % columns) - centreColumn) * columnSpacing * (2 / wide);
    const down = (Math.floor(index / columns) - centreRow) * rowSpacing * (2 / tall);
    return across ** 2 + down ** 2 <= 1 + 1e-5;
  });
  const mean = inside.reduce((sum, value) => sum + value, 0) / inside.length;
  const spread = Math.sqrt(
    inside.reduce((sum, value) => sum + (value - mean) ** 2, 0) / inside.length,
  );
  expect(inside.length).toBeGreaterThan(1);
  expect(valueOf('EllipticalROI', 'mean').value).toBeCloseTo(mean, 6);
  expect(valueOf('EllipticalROI', 'stdDev').value).toBeCloseTo(spread, 6);
  expect(valueOf('EllipticalROI', 'min').value).toBe(Math.min(...inside));
  expect(valueOf('EllipticalROI', 'max').value).toBe(Math.max(...inside));

  // Opened again: the signed measurements are back on their image, with the same values.
  await page.reload();
  await viewportReady(page);
  await expect.poll(async () => (await annotationTexts(page)).sort()).toEqual(shown);
  await expect(list.getByRole('listitem')).toHaveCount(3);
  await expect(page.getByRole('button', { name: 'Amend my review' })).toBeVisible();
  await expect(page.getByText('not those of your signed review')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/e2e/steps/signed-measurements.png', fullPage: true });

  // Removed on screen, the length is still in the signed review until an amendment says otherwise.
  await list
    .getByRole('listitem')
    .filter({ hasText: 'Length' })
    .getByRole('button', { name: 'Remove' })
    .click();
  await drawn(2);
  await expect(page.getByText('not those of your signed review')).toBeVisible();
  await page.getByRole('button', { name: 'Amend my review' }).click();
  const amendment = page.getByRole('form', { name: 'Amendment' });
  await amendment.getByLabel('Reason and comment').fill('the length was of a skin fold');
  await expect(amendment).toContainText('Signed with 2 measurement(s)');
  await amendment.getByRole('button', { name: 'Sign amendment' }).click();
  await expect(page.getByRole('button', { name: 'Amend my review' })).toBeVisible();
  const reviews = await reviewsOf(page);
  expect(reviews.map((r) => r.measurements.length)).toEqual([3, 2]);

  await page.reload();
  await viewportReady(page);
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect.poll(async () => (await annotationTexts(page)).length).toBe(2);
  await expect(list).not.toContainText('Length');

  // The auditor sees both reads, and draws one review's measurements at a time.
  const context = await browser.newContext();
  const audit = await context.newPage();
  await signIn(audit, auditor, '/worklist');
  await audit.goto(page.url());
  await viewportReady(audit);
  const reads = audit.getByRole('complementary', { name: 'Reads' });
  const original = reads.getByRole('article', { name: `Review ${reviews[0]!.id}` });
  const amendmentRead = reads.getByRole('article', { name: `Review ${reviews[1]!.id}` });
  await expect(original).toContainText(`; amended by review ${reviews[1]!.id}`);
  await expect(amendmentRead).toContainText('the length was of a skin fold');
  expect(await annotationTexts(audit)).toEqual([]);
  const show = (read: typeof original) =>
    read.getByRole('button', { name: 'Show its measurements in the viewer' });
  await show(original).click();
  await expect(show(original)).toHaveAttribute('aria-pressed', 'true');
  // Software WebGL shares the GPU process with the other page: give the drawing time.
  const drawing = { timeout: 20_000 };
  await expect.poll(async () => (await annotationTexts(audit)).sort(), drawing).toEqual(shown);
  await show(amendmentRead).click();
  await expect(show(original)).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(async () => (await annotationTexts(audit)).length, drawing).toBe(2);
  await audit.screenshot({ path: 'test-results/e2e/steps/auditor-reads.png', fullPage: true });
  await show(amendmentRead).click();
  await expect.poll(() => annotationTexts(audit), drawing).toEqual([]);
  await context.close();
});

test('a radiograph is measured at its detector, labelled so, and signed, a bidirectional too', async ({
  page,
}) => {
  // A CR with Imager Pixel Spacing (0.1 mm) and no plane in the patient: without its detector
  // spacing the viewer would measure it in pixels.
  const cr = path.join(sharedDicomDir, 'pydicom', 'dicomdirtests', '77654033', 'CR3', '6278');
  const [imagerRow, imagerColumn] = dcmdumpValue(cr, '0018,1164').split('\\').map(Number) as [
    number,
    number,
  ];
  await signIn(page, radiologist, '/worklist');
  await page.getByLabel('DICOM files').setInputFiles([cr]);
  await expect(page.getByRole('table', { name: 'Upload results' }).getByRole('row')).toHaveCount(
    2,
    { timeout: 60_000 },
  );
  const rows = page.getByRole('table', { name: 'Studies' }).getByRole('row');
  // The patient also has a CT (viewer-priors.spec.ts): the row whose modality cell says CR.
  await rows
    .filter({ hasText: '77654033' })
    .filter({ has: page.getByRole('cell', { name: 'CR', exact: true }) })
    .getByRole('link')
    .first()
    .click();
  await viewportReady(page);
  await page.getByRole('button', { name: 'Length' }).click();
  await drag(page, await at(page, 0.3, 0.3), await at(page, 0.7, 0.6));
  await expect.poll(async () => (await annotationTexts(page)).join('|')).toMatch(/ mm Proj$/);
  // Cornerstone computes the length a moment after the drag (throttled): Sign waits for it, so the
  // click right after the list shows a length signs the length the points make.
  await expect(page.getByRole('region', { name: 'Measurements', exact: true })).toContainText(
    /Length \d+\.\d\d mm Proj/,
  );
  // A bidirectional (`d`) below it: a drag draws the long axis, and the short axis across it.
  await viewportOf(page).focus();
  await page.keyboard.press('d');
  await expect(page.getByRole('button', { name: 'Bidirectional' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await drag(page, await at(page, 0.25, 0.75), await at(page, 0.6, 0.85));
  await expect(page.getByRole('region', { name: 'Measurements', exact: true })).toContainText(
    /Bidirectional \d+\.\d\d mm Proj, width \d+\.\d\d mm Proj, mean \d+\.\d\d mm Proj/,
  );
  await page
    .getByRole('form', { name: 'Review' })
    .getByRole('button', { name: 'Sign review' })
    .click();
  await expect(page.getByRole('button', { name: 'Amend my review' })).toBeVisible();
  const mine = (await reviewsOf(page)).at(-1)!;
  const [measurement, bidirectional] = mine.measurements;
  const detector = (points: [number, number][]) => {
    const [[c1, r1], [c2, r2]] = points as [[number, number], [number, number]];
    return Math.hypot((c2 - c1) * imagerColumn, (r2 - r1) * imagerRow);
  };
  expect(measurement!.values).toEqual([
    { name: 'length', value: expect.closeTo(detector(measurement!.points), 6), unit: 'mm Proj' },
  ]);
  // The server checked both axes against the detector spacing DCMTK reads; the short axis is
  // the two thirds of the long one that Cornerstone draws it at.
  expect(bidirectional!.tool).toBe('Bidirectional');
  const long = detector(bidirectional!.points.slice(0, 2));
  const short = detector(bidirectional!.points.slice(2, 4));
  expect(short / long).toBeCloseTo(2 / 3, 3);
  expect(bidirectional!.values).toEqual([
    { name: 'length', value: expect.closeTo(long, 6), unit: 'mm Proj' },
    { name: 'width', value: expect.closeTo(short, 6), unit: 'mm Proj' },
  ]);

  // Opened again: the bidirectional is drawn again where it was, making the values signed.
  await page.reload();
  await viewportReady(page);
  const listed = page.getByRole('region', { name: 'Measurements', exact: true });
  await expect(listed.getByRole('listitem')).toHaveCount(2);
  await expect(listed).toContainText(
    `Bidirectional ${long.toFixed(2)} mm Proj, width ${short.toFixed(2)} mm Proj, mean ${((long + short) / 2).toFixed(2)} mm Proj`,
  );
  await expect(page.getByRole('button', { name: 'Amend my review' })).toBeVisible();
  await expect(page.getByText('not those of your signed review')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/e2e/steps/bidirectional.png', fullPage: true });
});
