/**
 * Measuring on a CT in the viewer: the probe reads the Hounsfield value of the pixel under the
 * pointer (checked against what `secondlook decode` gives for that pixel of the file on screen,
 * with the file's rescale), a length is the pixel distance times PixelSpacing, and an ellipse
 * reports its area and its mean, range and spread in HU. Flips and rotation turn the image on
 * the canvas, and reset undoes them.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { repoRoot, sharedDicomDir } from '../support/paths';
import { radiologist, signIn } from './support/users';
import { canvasGrey, meanDifference } from './support/canvas';
import { viewportOf, viewportReady } from './support/viewer';

const ctDir = path.join(sharedDicomDir, 'dcmqi', 'ct-3slice');
const ctSlices = ['01.dcm', '02.dcm', '03.dcm'].map((name) => path.join(ctDir, name));

interface Inspected {
  rows: number;
  columns: number;
  rescaleSlope: number;
  rescaleIntercept: number;
  imagePositionPatient: number[];
  pixelSpacing: [number, number];
}

function cli(...args: string[]): string {
  return execFileSync(process.execPath, ['bin/secondlook.mjs', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
}

/** Each annotation's text box in the viewport's SVG layer, as its lines. */
function annotationTexts(page: Page): Promise<string[][]> {
  return viewportOf(page).evaluate((element) =>
    Array.from(element.querySelectorAll('svg text')).map((text) =>
      Array.from(text.querySelectorAll('tspan')).map((line) => line.textContent ?? ''),
    ),
  );
}

/** The text boxes added by `act`. */
async function added(page: Page, act: () => Promise<void>): Promise<string[][]> {
  const before = (await annotationTexts(page)).length;
  await act();
  await expect.poll(async () => (await annotationTexts(page)).length).toBeGreaterThan(before);
  return (await annotationTexts(page)).slice(before);
}

/** A point of the viewport as fractions of its box, in page coordinates. */
async function at(page: Page, fx: number, fy: number): Promise<{ x: number; y: number }> {
  const box = (await viewportOf(page).boundingBox())!;
  return { x: box.x + box.width * fx, y: box.y + box.height * fy };
}

/**
 * Cornerstone holds a press back for 400 ms to tell a double click (its mouseDownListener): a
 * press is held past that, so the tool sees press, moves and release in order.
 */
const doubleClickWindowMs = 450;

async function click(page: Page, point: { x: number; y: number }) {
  await page.mouse.move(point.x, point.y);
  await page.mouse.down();
  await page.waitForTimeout(doubleClickWindowMs);
  await page.mouse.up();
}

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.waitForTimeout(doubleClickWindowMs);
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
}

const number = (text: string) => Number(/-?\d+(\.\d+)?/.exec(text.replace(/,/g, ''))![0]);

test('probe, length and ellipse measure a CT in HU and mm', async ({ page }, testInfo) => {
  await signIn(page, radiologist, '/worklist');
  await page.getByLabel('DICOM files').setInputFiles(ctSlices);
  const results = page.getByRole('table', { name: 'Upload results' });
  await expect(results.getByRole('row')).toHaveCount(4, { timeout: 60_000 });
  await page.getByRole('link', { name: 'JANCT000' }).click();
  await viewportReady(page);
  await expect(page.getByTestId('slice-indicator')).toContainText('Image 1 / 3');

  // The file on screen: the one whose ImagePositionPatient the overlay shows.
  const overlay = await page.getByRole('group', { name: 'Image overlay' }).textContent();
  const shownZ = Number(/Pos (-?[\d.]+), (-?[\d.]+), (-?[\d.]+) mm/.exec(overlay!)![3]);
  const files = ctSlices.map((file) => ({
    file,
    meta: JSON.parse(cli('inspect', file, '--json')) as Inspected,
  }));
  const shown = files.find(({ meta }) => Math.abs(meta.imagePositionPatient[2]! - shownZ) < 0.05)!;
  expect(shown).toBeDefined();
  const raw = testInfo.outputPath('shown.raw');
  cli('decode', shown.file, '--out', raw);
  const bytes = readFileSync(raw);
  const stored = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
  const { columns, rescaleSlope, rescaleIntercept, pixelSpacing } = shown.meta;
  const hu = (column: number, row: number) =>
    stored[row * columns + column]! * rescaleSlope + rescaleIntercept;

  // Where a page point falls in the image: Cornerstone's first camera fits the image to the
  // canvas and centres it.
  const canvas = (await viewportOf(page).locator('canvas').first().boundingBox())!;
  const scale = Math.min(canvas.width / columns, canvas.height / shown.meta.rows);
  const pixelOf = (point: { x: number; y: number }) => ({
    column: (point.x - canvas.x - (canvas.width - columns * scale) / 2) / scale,
    row: (point.y - canvas.y - (canvas.height - shown.meta.rows * scale) / 2) / scale,
  });

  await page.getByRole('button', { name: 'Probe' }).click();
  for (const point of [await at(page, 0.35, 0.45), await at(page, 0.65, 0.6)]) {
    const [text] = await added(page, () => click(page, point));
    const [where, value] = text!;
    const [column, row] = /\((\d+), (\d+)/.exec(where!)!.slice(1).map(Number) as [number, number];
    // The probe names the pixel under the pointer, within a pixel or so of the fitted camera.
    expect(Math.abs(column - pixelOf(point).column)).toBeLessThan(2);
    expect(Math.abs(row - pixelOf(point).row)).toBeLessThan(2);
    expect(value).toMatch(/ HU$/);
    expect(number(value!)).toBeCloseTo(hu(column, row), 1);
  }

  // Away from the probes' handles (pressing on one would move that probe instead).
  await page.getByRole('button', { name: 'Length' }).click();
  const from = await at(page, 0.3, 0.7);
  const to = await at(page, 0.7, 0.8);
  const before = (await annotationTexts(page)).length;
  await drag(page, from, to);
  const [p, q] = [pixelOf(from), pixelOf(to)];
  const expected = Math.hypot(
    (p.column - q.column) * pixelSpacing[1],
    (p.row - q.row) * pixelSpacing[0],
  );
  // The text box is drawn on the next animation frame: one read right after the release can
  // still show the length at a point of the drag (half of it, on a loaded machine).
  const lengthText = async () => ((await annotationTexts(page))[before] ?? []).join(' ');
  await expect.poll(lengthText).toMatch(/ mm$/);
  await expect
    .poll(async () => Math.abs(number(await lengthText()) - expected))
    .toBeLessThan(2 * pixelSpacing[0]);

  // The ellipse tool draws from its centre: the press is the centre, the release sets the radii.
  await page.getByRole('button', { name: 'Ellipse ROI' }).click();
  const [centre, rim] = [await at(page, 0.45, 0.25), await at(page, 0.55, 0.35)];
  const ellipseIndex = (await annotationTexts(page)).length;
  await drag(page, centre, rim);
  const [c, r] = [pixelOf(centre), pixelOf(rim)];
  const [radiusColumns, radiusRows] = [Math.abs(r.column - c.column), Math.abs(r.row - c.row)];
  // What the file holds inside an ellipse about the same centre (pixel centres at index + 0.5),
  // its radii widened by `margin` pixels: the drawn ellipse lies between margin -1.5 and +1.5.
  const inside = (margin: number) => {
    const [a, b] = [radiusColumns + margin, radiusRows + margin];
    let [lowest, highest, sum, count] = [Infinity, -Infinity, 0, 0];
    for (let row = Math.floor(c.row - b); row <= Math.ceil(c.row + b); row += 1) {
      for (let column = Math.floor(c.column - a); column <= Math.ceil(c.column + a); column += 1) {
        if (((column + 0.5 - c.column) / a) ** 2 + ((row + 0.5 - c.row) / b) ** 2 > 1) continue;
        const value = hu(column, row);
        [lowest, highest, sum, count] = [
          Math.min(lowest, value),
          Math.max(highest, value),
          sum + value,
          count + 1,
        ];
      }
    }
    const area = Math.PI * a * pixelSpacing[1] * b * pixelSpacing[0];
    return { lowest, highest, mean: sum / count, area };
  };
  const [inner, drawn, outer] = [inside(-1.5), inside(0), inside(1.5)];
  // Read once the text box shows the released ellipse (it follows the drag a frame behind).
  const ellipseLines = async () => (await annotationTexts(page))[ellipseIndex] ?? [];
  const line = async (label: RegExp) => (await ellipseLines()).find((text) => label.test(text));
  await expect.poll(() => line(/^Area/)).toMatch(/mm²/);
  await expect.poll(async () => number((await line(/^Area/))!)).toBeGreaterThanOrEqual(inner.area);
  expect(number((await line(/^Area/))!)).toBeLessThanOrEqual(outer.area);
  const ellipse = await ellipseLines();
  const stat = (label: RegExp) => number(ellipse.find((text) => label.test(text))!);
  const [mean, min, max] = [stat(/^Mean/), stat(/^Min/), stat(/^Max/)];
  expect(ellipse.find((text) => /^Mean/.test(text))).toMatch(/HU/);
  // The extremes are the file's own values inside the ellipse, checked against the decode.
  expect(min).toBeGreaterThanOrEqual(outer.lowest);
  expect(min).toBeLessThanOrEqual(inner.lowest);
  expect(max).toBeLessThanOrEqual(outer.highest);
  expect(max).toBeGreaterThanOrEqual(inner.highest);
  // The mean moves with the pixels at the rim, by about as much as the ellipse a pixel and a
  // half in or out would move it.
  const rimEffect = Math.max(Math.abs(inner.mean - drawn.mean), Math.abs(outer.mean - drawn.mean));
  expect(Math.abs(mean - drawn.mean)).toBeLessThanOrEqual(rimEffect + 1);
  expect(stat(/^Std Dev/)).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/e2e/steps/ct-measurements.png' });
});

test('flip and rotate turn the CT on the canvas, and reset undoes them', async ({ page }) => {
  await signIn(page, radiologist, '/worklist');
  await page.getByLabel('DICOM files').setInputFiles(ctSlices);
  await expect(page.getByRole('table', { name: 'Upload results' }).getByRole('row')).toHaveCount(
    4,
    {
      timeout: 60_000,
    },
  );
  await page.getByRole('link', { name: 'JANCT000' }).click();
  await viewportReady(page);
  const viewportCanvas = viewportOf(page).locator('canvas').first();
  const original = await canvasGrey(viewportCanvas);
  const { width, height } = original;
  const same = (x: number, y: number): [number, number] => [x, y];
  const mirrored = (x: number, y: number): [number, number] => [width - 1 - x, y];
  const upsideDown = (x: number, y: number): [number, number] => [x, height - 1 - y];
  // 90 degrees clockwise about the canvas centre: what is at (x, y) was at this point before.
  const [cx, cy] = [(width - 1) / 2, (height - 1) / 2];
  const turned = (x: number, y: number): [number, number] => [
    Math.round(cx + (y - cy)),
    Math.round(cy - (x - cx)),
  ];

  const after = async (button: string) => {
    await page.getByRole('button', { name: button, exact: true }).click();
    await expect
      .poll(async () => meanDifference(original, await canvasGrey(viewportCanvas), same))
      .toBeGreaterThan(5);
    return canvasGrey(viewportCanvas);
  };
  const flippedH = await after('Flip H');
  expect(meanDifference(original, flippedH, mirrored)).toBeLessThan(2);
  await page.getByRole('button', { name: 'Flip H', exact: true }).click();
  await expect
    .poll(async () => meanDifference(original, await canvasGrey(viewportCanvas), same))
    .toBeLessThan(1);

  const flippedV = await after('Flip V');
  expect(meanDifference(original, flippedV, upsideDown)).toBeLessThan(2);
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect
    .poll(async () => meanDifference(original, await canvasGrey(viewportCanvas), same))
    .toBeLessThan(1);

  const rotated = await after('Rotate 90°');
  expect(meanDifference(original, rotated, turned)).toBeLessThan(3);
  expect(meanDifference(original, rotated, same)).toBeGreaterThan(10);
  await page.screenshot({ path: 'test-results/e2e/steps/ct-rotated.png' });
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect
    .poll(async () => meanDifference(original, await canvasGrey(viewportCanvas), same))
    .toBeLessThan(1);

  // `?` lists every shortcut from the viewer's configuration; Escape closes the list.
  await viewportOf(page).focus();
  await page.keyboard.press('?');
  const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  const shortcut = (key: string) =>
    shortcuts
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: key, exact: true }) });
  await expect(shortcut('n')).toContainText('Next unread study');
  await expect(shortcut('l')).toContainText('Length');
  await expect(shortcut('2')).toContainText('Lung window (W 1500 L -600)');
  await expect(shortcut('w')).toContainText('File window');
  await expect(shortcut('?')).toContainText('These shortcuts');
  await page.keyboard.press('Escape');
  await expect(shortcuts).toHaveCount(0);
});
