/**
 * The patient's other studies on the study page, in the browser: a radiologist uploads a CR
 * (2001) and a CT of four slices (1995) of one patient from pydicom's DICOMDIR set; the CR's page
 * lists the CT with its date and modality, shows it beside the CR in a viewer of its own that
 * only looks (linked, it follows the CR's window and zoom), its link opens the CT's page, and that
 * lists the CR. The page also links the next
 * study this reader has not signed, in the worklist's order. Two CTs of one patient, the prior
 * with half the slices and another frame of reference, scroll together by level when linked.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { repoRoot, sharedDicomDir, workDir } from '../support/paths';
import { radiologist, signIn } from './support/users';
import { holdNavigation } from './support/viewer';

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
  // `o` compares with the newest prior of the modality on screen: this patient has no other CR.
  await main.focus();
  await page.keyboard.press('o');
  await page.waitForTimeout(500);
  await expect(page.getByRole('region', { name: 'Comparison study' })).toHaveCount(0);
  // `s` shows the CR's one series again beside it (two windows of one image), and closes it.
  await page.keyboard.press('s');
  const again = page.getByRole('region', { name: 'Comparison study' });
  await expect(again.getByRole('heading')).toHaveText('Beside: another series of this study');
  await expect(again.getByRole('img', { name: 'Comparison viewport' })).toHaveAttribute(
    'data-image-id',
    crImage!,
    { timeout: 60_000 },
  );
  await page.keyboard.press('s');
  await expect(again).toHaveCount(0);
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
  const crWindow = await windowOf(mainFrame).textContent();
  const held = await holdNavigation(page, nextHref);
  await page.keyboard.press('n');
  await held.requested;
  // A preset pressed before the next study's page has come is that study's, not the CR's.
  await page.keyboard.press('2');
  await expect(page).toHaveURL(crUrl);
  await expect(windowOf(mainFrame)).toHaveText(crWindow!);
  held.release();
  await expect(page).toHaveURL(new RegExp(`${nextHref}$`));
  // Its viewport has the keyboard at once: a preset pressed now needs no click on the image.
  const nextViewport = page.getByRole('img', { name: 'Image viewport' });
  await expect(nextViewport).toBeFocused();
  await expect(nextViewport).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await expect(windowOf(page.locator('.viewer').first())).toHaveText(/^W 1500 L -600/);
  await page.keyboard.press('1');
  await expect(windowOf(page.locator('.viewer').first())).toHaveText(/^W 400 L 40/);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await page.goto(crUrl);
  await others.getByRole('link', { name: '1995-09-03' }).click();
  await expect(page).not.toHaveURL(crUrl);
  await expect(others.locator('tbody tr')).toContainText('2001-01-01');
  await expect(others.locator('tbody tr')).toContainText('CR');
});

/**
 * The demo CT made into two studies of one patient (DCMTK's dcmodify): this year's, all 48
 * slices 5 mm apart, and last year's, every other slice (10 mm apart) in a frame of reference
 * 500 mm further along z, as another scanner would place the patient. Also a second series of
 * this year's study in its frame of reference: every other slice, as a thicker reconstruction;
 * and a coronal one.
 */
function ctPair(): { current: string[]; prior: string[]; thick: string[]; coronal: string[] } {
  const root = path.join(workDir, 'e2e-ct-pair');
  rmSync(root, { recursive: true, force: true });
  execFileSync(process.execPath, ['bin/secondlook.mjs', 'demo', '--out', path.join(root, 'demo')], {
    cwd: repoRoot,
  });
  const source = path.join(root, 'demo', 'ct-chest');
  const z = (file: string) => {
    const dump = spawnSync('dcmdump', ['+P', '0020,0032', file], { encoding: 'utf8' }).stdout;
    return /\[([^\]]+)\]/.exec(dump)![1]!.split('\\').map(Number);
  };
  const slices = readdirSync(source)
    .map((name) => path.join(source, name))
    .sort((a, b) => z(a)[2]! - z(b)[2]!);
  // Instance UIDs fixed per set, so a set uploaded again by another test is the same instances.
  const make = (name: string, files: string[], changes: (file: string, k: number) => string[]) => {
    mkdirSync(path.join(root, name));
    const set = readdirSync(root).length;
    return files.map((file, k) => {
      const out = path.join(root, name, `${k}.dcm`);
      copyFileSync(file, out);
      const edits = [
        '(0010,0010)=SYNC^PATIENT',
        '(0010,0020)=SYNC-0001',
        `(0008,0018)=2.25.${9000 + set}${String(k).padStart(3, '0')}`,
        ...changes(file, k),
      ];
      execFileSync('dcmodify', ['-nb', ...edits.flatMap((edit) => ['-m', edit]), out]);
      return out;
    });
  };
  const current = make('current', slices, () => ['(0020,000d)=2.25.1001', '(0020,000e)=2.25.1002']);
  const prior = make(
    'prior',
    slices.filter((_, k) => k % 2 === 0),
    (file) => {
      const [x, y, zz] = z(file);
      return [
        '(0020,000d)=2.25.2001',
        '(0020,000e)=2.25.2002',
        '(0008,0020)=20250105',
        '(0020,0052)=2.25.2003',
        `(0020,0032)=${x}\\${y}\\${zz! + 500}`,
      ];
    },
  );
  const thick = make(
    'thick',
    slices.filter((_, k) => k % 2 === 0),
    () => [
      '(0020,000d)=2.25.1001',
      '(0020,000e)=2.25.1003',
      '(0020,0011)=99',
      '(0008,103e)=Thick 10 mm',
    ],
  );
  // Ten coronal planes 20 mm apart in this study's frame of reference (headers only: the pixels
  // are axial slices'), reaching 357 mm down from z = 0, head at the top.
  const coronal = make('coronal', slices.slice(0, 10), (_, k) => [
    '(0020,000d)=2.25.1001',
    '(0020,000e)=2.25.1004',
    '(0020,0011)=98',
    '(0008,103e)=Coronal',
    '(0020,0037)=1\\0\\0\\0\\0\\-1',
    `(0020,0032)=-179.2\\${-100 + 20 * k}\\0`,
  ]);
  return { current, prior, thick, coronal };
}

/** Signs in, uploads `files` and opens this year's CT of the SYNC patient; its viewport, ready. */
async function openCurrentCt(page: Page, files: string[]): Promise<Locator> {
  await signIn(page, radiologist, '/worklist');
  await page.getByLabel('DICOM files').setInputFiles(files);
  const results = page.getByRole('table', { name: 'Upload results' });
  await expect(results.getByRole('row')).toHaveCount(1 + files.length, { timeout: 120_000 });
  await page
    .getByRole('table', { name: 'Studies' })
    .locator('tbody tr')
    .filter({ hasText: 'SYNC-0001' })
    .filter({ hasText: '2026-01-05' })
    .getByRole('link')
    .first()
    .click();
  const main = page.getByRole('img', { name: 'Image viewport' });
  await expect(main).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  return main;
}

test('linked, a prior CT scrolls to the level the current one shows, and back', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const { current, prior } = ctPair();
  const main = await openCurrentCt(page, [...current, ...prior]);
  // `o`: the newest earlier CT of the patient beside this one.
  await main.focus();
  await page.keyboard.press('o');
  const comparison = page.getByRole('region', { name: 'Comparison study' });
  await expect(comparison.getByRole('heading')).toContainText('Compared with 2025-01-05 CT');
  const beside = comparison.getByRole('img', { name: 'Comparison viewport' });
  await expect(beside).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  const mainSlider = page.locator('.viewer').first().getByRole('slider', { name: 'Image' });
  const priorSlider = comparison.getByRole('slider', { name: 'Image' });
  await expect(mainSlider).toHaveAttribute('max', '48');
  await expect(priorSlider).toHaveAttribute('max', '24');
  await expect(mainSlider).toHaveValue('1');
  await expect(priorSlider).toHaveValue('1');

  // Linked with both at their first slice (the top), those show one level. 100 mm down in this
  // study (image 21 of 5 mm slices) is image 11 of the prior's 10 mm ones, not its image 21.
  await comparison.getByLabel('Link slices').check();
  await expect(comparison.getByTestId('slice-link')).toHaveText(
    'Slices follow by level, from the images on screen when linked (two frames of reference)',
  );
  await main.focus();
  for (let k = 0; k < 20; k++) await page.keyboard.press('ArrowDown');
  await expect(mainSlider).toHaveValue('21');
  await expect(priorSlider).toHaveValue('11');
  // And the other way: one prior slice on (10 mm) is two of this study's.
  await beside.focus();
  await page.keyboard.press('ArrowDown');
  await expect(priorSlider).toHaveValue('12');
  await expect(mainSlider).toHaveValue('23');
  // Following is not followed back: both stay where they are.
  await page.waitForTimeout(1000);
  await expect(mainSlider).toHaveValue('23');
  await expect(priorSlider).toHaveValue('12');
  await page.screenshot({ path: 'test-results/e2e/steps/comparison-linked-slices.png' });

  // Unlinked, each scrolls alone.
  await comparison.getByLabel('Link slices').uncheck();
  await expect(comparison.getByTestId('slice-link')).toHaveCount(0);
  await main.focus();
  await page.keyboard.press('End');
  await expect(mainSlider).toHaveValue('48');
  await page.waitForTimeout(500);
  await expect(priorSlider).toHaveValue('12');
  // `o` again closes the comparison.
  await page.keyboard.press('o');
  await expect(comparison).toHaveCount(0);
});

test('another series of the study beside it scrolls with it by position, at once', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const { current, thick, coronal } = ctPair();
  const main = await openCurrentCt(page, [...current, ...coronal, ...thick]);
  const mainFrame = page.locator('.viewer').first();
  await mainFrame.getByRole('button', { name: /Axial 5 mm/ }).click();
  const mainSlider = mainFrame.getByRole('slider', { name: 'Image' });
  await expect(mainSlider).toHaveAttribute('max', '48');
  await main.focus();
  await page.keyboard.press('End');
  await expect(mainSlider).toHaveValue('48');

  // `s`: the study's other axial series beside it, in a viewer that only looks; not the coronal
  // series (number 98), which comes first in the list.
  await page.keyboard.press('s');
  const comparison = page.getByRole('region', { name: 'Comparison study' });
  await expect(comparison.getByRole('heading')).toHaveText('Beside: another series of this study');
  await expect(page.getByRole('button', { name: 'Series side by side' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const beside = comparison.getByRole('img', { name: 'Comparison viewport' });
  await expect(beside).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  const besideSlider = comparison.getByRole('slider', { name: 'Image' });
  await expect(besideSlider).toHaveAttribute('max', '24');
  await expect(besideSlider).toHaveValue('1');
  await expect(comparison.getByRole('group', { name: 'Image overlay' })).toContainText(
    'Thick 10 mm',
  );

  // One frame of reference: linked, the series beside goes at once to the level on screen (the
  // bottom slice), with no registration by the images shown when linked (its first, the top, and
  // the last).
  await comparison.getByLabel('Link slices').check();
  await expect(comparison.getByTestId('slice-link')).toHaveText(
    'Slices follow by position (one frame of reference)',
  );
  await expect(besideSlider).toHaveValue('24');
  await expect(mainSlider).toHaveValue('48');
  // 60 mm up (image 36 of 5 mm slices) is image 18 of the 10 mm series.
  await main.focus();
  for (let k = 0; k < 12; k++) await page.keyboard.press('ArrowUp');
  await expect(mainSlider).toHaveValue('36');
  await expect(besideSlider).toHaveValue('18');
  // And back: one slice of the thick series up is two of the thin one.
  await beside.focus();
  await page.keyboard.press('ArrowUp');
  await expect(besideSlider).toHaveValue('17');
  await expect(mainSlider).toHaveValue('34');
  await page.waitForTimeout(1000);
  await expect(mainSlider).toHaveValue('34');
  await expect(besideSlider).toHaveValue('17');

  // Given this series (thin slices) instead, the viewport beside goes to the level on screen here.
  await comparison
    .getByRole('navigation', { name: 'Series' })
    .getByRole('button', { name: /Axial 5 mm/ })
    .click();
  await expect(besideSlider).toHaveAttribute('max', '48');
  await expect(besideSlider).toHaveValue('34');
  await expect(mainSlider).toHaveValue('34');

  // Window and zoom are not linked: a lung window here, the file's window beside it.
  const windowOf = (region: ReturnType<typeof page.locator>) =>
    region.getByTestId('window-indicator').first();
  const besideWindow = await windowOf(comparison).textContent();
  await main.focus();
  await page.keyboard.press('2');
  await expect(windowOf(page.locator('.viewer').first())).toHaveText(/^W 1500 L -600/);
  await page.waitForTimeout(500);
  await expect(windowOf(comparison)).toHaveText(besideWindow!);
  await page.screenshot({ path: 'test-results/e2e/steps/series-side-by-side.png' });

  // `s` again closes it, linked: the study's viewport stays as it was.
  await page.keyboard.press('s');
  await expect(comparison).toHaveCount(0);
  await expect(main).toHaveAttribute('data-ready', 'true');
  await expect(mainSlider).toHaveValue('34');
  await main.focus();
  await page.keyboard.press('ArrowDown');
  await expect(mainSlider).toHaveValue('35');
});

test('keys pressed right after another series is chosen count once it shows', async ({ page }) => {
  const { current, thick } = ctPair();
  const main = await openCurrentCt(page, [...current, ...thick]);
  const frame = page.locator('.viewer').first();
  await frame.getByRole('button', { name: /Axial 5 mm/ }).click();
  await expect(frame.getByRole('slider', { name: 'Image' })).toHaveAttribute('max', '48');
  // The thick series' files are held: the keys wait for its first image, then count. (Run at
  // once, they went to the half-opened stack, and the viewport said it was ready while the other
  // series' image was still on screen.)
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/instances/*/file', async (route) => {
    await held;
    await route.continue();
  });
  await frame.getByRole('button', { name: /Thick 10 mm/ }).click();
  await main.focus();
  await page.keyboard.press('2');
  await page.keyboard.press('End');
  await expect(main).toHaveAttribute('data-ready', 'false');
  release();
  await expect(main).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await expect(frame.getByTestId('window-indicator')).toHaveText(/^W 1500 L -600/);
  await expect(frame.getByTestId('slice-indicator')).toHaveText('Image 24 / 24');
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});

test('an axial and a coronal series of one study side by side each show where the other lies', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const { current, coronal } = ctPair();
  const main = await openCurrentCt(page, [...current, ...coronal]);
  const mainFrame = page.locator('.viewer').first();
  await mainFrame.getByRole('button', { name: /Axial 5 mm/ }).click();
  await expect(mainFrame.getByRole('slider', { name: 'Image' })).toHaveAttribute('max', '48');
  await main.focus();
  await page.keyboard.press('s');
  const comparison = page.getByRole('region', { name: 'Comparison study' });
  const beside = comparison.getByRole('img', { name: 'Comparison viewport' });
  await expect(beside).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await comparison
    .getByRole('navigation', { name: 'Series' })
    .getByRole('button', { name: /Coronal/ })
    .click();
  const besideSlider = comparison.getByRole('slider', { name: 'Image' });
  await expect(besideSlider).toHaveAttribute('max', '10');

  /** The image on screen's position (the overlay's Pos, mm), once the viewport shows one. */
  const positionOf = async (frame: ReturnType<typeof page.locator>) => {
    const overlay = frame.getByRole('group', { name: 'Image overlay' });
    // A series just chosen shows its opening state, without a position, until its image is up.
    await expect(overlay).toContainText(/Pos -?[\d.]+, -?[\d.]+, -?[\d.]+/);
    const text = (await overlay.textContent()) ?? '';
    return /Pos (-?[\d.]+), (-?[\d.]+), (-?[\d.]+)/.exec(text)!.slice(1).map(Number);
  };
  /** The reference line's ends in pixel index coordinates (column, row, column, row). */
  const lineOf = async (frame: ReturnType<typeof page.locator>) =>
    ((await frame.getByTestId('reference-line').getAttribute('data-pixels')) ?? '')
      .split(',')
      .map(Number);
  // Expected rows: the axial plane z crosses the coronal image (z = -1.4 row) at row -z / 1.4;
  // the coronal plane y crosses the axial image (y = -179.2 + 1.4 row) at row (y + 179.2) / 1.4.
  const expectLines = async () => {
    const [, , z] = await positionOf(mainFrame);
    const [, y] = await positionOf(comparison);
    await expect
      .poll(() => lineOf(comparison))
      .toEqual([-0.5, Number((-z! / 1.4).toFixed(2)), 255.5, Number((-z! / 1.4).toFixed(2))]);
    const row = Number(((y! + 179.2) / 1.4).toFixed(2));
    await expect.poll(() => lineOf(mainFrame)).toEqual([-0.5, row, 255.5, row]);
  };

  // Unlinked, the lines show at once.
  await expectLines();
  await comparison.getByLabel('Link slices').check();
  await expect(comparison.getByTestId('slice-link')).toHaveText(
    'Slices do not follow: the stacks cross in one frame of reference',
  );
  await expectLines();
  // Scrolling either moves the line in the other, and scrolls neither.
  await main.focus();
  for (let k = 0; k < 7; k++) await page.keyboard.press('ArrowDown');
  await expect(besideSlider).toHaveValue('1');
  await expectLines();
  await beside.focus();
  for (let k = 0; k < 4; k++) await page.keyboard.press('ArrowDown');
  await expect(besideSlider).toHaveValue('5');
  await expectLines();
  await page.screenshot({ path: 'test-results/e2e/steps/reference-lines.png' });
  // Turned off, both lines go; on again, they come back where the images are now.
  await comparison.getByLabel('Reference lines').uncheck();
  await expect(page.getByTestId('reference-line')).toHaveCount(0);
  await comparison.getByLabel('Reference lines').check();
  await expectLines();
  // Closed while linked, the line in this study's viewport goes, and the viewport stays.
  await comparison.getByRole('button', { name: 'Close comparison' }).click();
  await expect(comparison).toHaveCount(0);
  await expect(page.getByTestId('reference-line')).toHaveCount(0);
  await main.focus();
  await page.keyboard.press('ArrowDown');
  await expect(mainFrame.getByRole('slider', { name: 'Image' })).toHaveValue('9');
  // Opened again and unlinked: the coronal series beside shows the lines at once; an axial
  // series beside (parallel) none; the coronal again, back.
  await page.keyboard.press('s');
  await expect(beside).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await comparison.getByLabel('Link slices').uncheck();
  const besideSeries = comparison.getByRole('navigation', { name: 'Series' });
  await besideSeries.getByRole('button', { name: /Coronal/ }).click();
  await expect(besideSlider).toHaveAttribute('max', '10');
  await expectLines();
  await besideSeries.getByRole('button', { name: /Axial 5 mm/ }).click();
  await expect(besideSlider).toHaveAttribute('max', '48');
  await expect(page.getByTestId('reference-line')).toHaveCount(0);
  await besideSeries.getByRole('button', { name: /Coronal/ }).click();
  await expect(besideSlider).toHaveAttribute('max', '10');
  await expectLines();
});
