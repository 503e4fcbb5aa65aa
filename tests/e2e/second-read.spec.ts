/**
 * The second read end to end, in Chromium against the production build: upload real files,
 * see them screened and ordered, read the CT and the chest radiograph in the viewer (pixels read
 * back from the canvas), look at the Grad-CAM overlay, sign a review, and find it in the audit
 * trail as the auditor. Each step leaves a screenshot in test-results/e2e/steps/.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { dcmdumpValue } from '../support/dcmdump';
import { repoRoot, sharedDicomDir } from '../support/paths';
import { canvasGrey, canvasStats, meanDifference } from './support/canvas';
import { auditor, radiologist, signIn } from './support/users';
import { viewportOf, viewportReady } from './support/viewer';

const ctSlices = ['01.dcm', '02.dcm', '03.dcm'].map((name) =>
  path.join(sharedDicomDir, 'dcmqi', 'ct-3slice', name),
);
const crChest = path.join(sharedDicomDir, 'dwv-gdcm', 'gdcm-CR-MONO1-10-chest.dcm');
/** PixelData is 62 bytes shorter than Rows x Columns x 2: the store must refuse it. */
const truncated = path.join(sharedDicomDir, 'pydicom', 'MR_truncated.dcm');

const ctPatient = 'JANCT000';
const crPatient = 'Anonymized';

let step = 0;
async function snap(page: Page, name: string): Promise<void> {
  step += 1;
  const file = `test-results/e2e/steps/${String(step).padStart(2, '0')}-${name}.png`;
  await page.screenshot({ path: file, fullPage: true });
}

function viewportCanvas(page: Page) {
  return viewportOf(page).locator('canvas').first();
}

async function openStudy(page: Page, patient: string): Promise<void> {
  await page.goto('/worklist');
  await page.getByRole('link', { name: patient }).click();
  await viewportReady(page);
  await expect(page.getByTestId('slice-indicator')).toContainText('Image 1 /');
}

test.describe.configure({ mode: 'serial' });

test('a radiologist uploads, screens, reads and signs; the auditor sees it', async ({
  page,
  browser,
}) => {
  // Every URL the page asks for, in order: what a study costs the network.
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await test.step('sign in as the radiologist', async () => {
    await signIn(page, radiologist, '/worklist');
    await expect(page).toHaveURL(/\/worklist$/);
    await snap(page, 'worklist-empty');
  });

  await test.step('upload a CT series, a CR chest and a malformed file', async () => {
    await page.getByLabel('DICOM files').setInputFiles([...ctSlices, crChest, truncated]);
    const results = page.getByRole('table', { name: 'Upload results' });
    await expect(results.getByRole('row')).toHaveCount(1 + 5, { timeout: 60_000 });
    for (const name of ['01.dcm', '02.dcm', '03.dcm', 'gdcm-CR-MONO1-10-chest.dcm']) {
      await expect(results.getByRole('row', { name: new RegExp(name) })).toContainText('Stored');
    }
    const rejected = results.getByRole('row', { name: /MR_truncated\.dcm/ });
    await expect(rejected).toContainText('Failed');
    await expect(rejected.getByRole('cell').nth(2)).not.toBeEmpty();
    await expect(page.getByLabel('Upload progress')).toBeVisible();
    await snap(page, 'upload-results');
  });

  await test.step('the worklist puts the screened chest radiograph first, the CT out of scope', async () => {
    const rows = page.getByRole('table', { name: 'Studies' }).locator('tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toContainText(crPatient, { timeout: 90_000 });
    await expect(rows.first().getByRole('cell').nth(5)).toHaveText('Screened', { timeout: 90_000 });
    await expect(rows.first().getByRole('cell').nth(6)).toHaveText(/^0\.\d{3}$/);
    const ct = rows.filter({ hasText: ctPatient });
    await expect(ct.getByRole('cell').nth(5)).toContainText('Out of scope', { timeout: 90_000 });
    await expect(ct.getByRole('cell').nth(5)).toContainText(
      'modality CT is outside the intended use',
    );
    await expect(ct.getByRole('cell').nth(6)).toHaveText('–');
    await expect(page.getByTestId('screening-progress')).toHaveCount(0);
    for (const row of await rows.all()) {
      await expect(row.getByRole('cell').nth(8)).toHaveText('Unread');
    }
    await snap(page, 'worklist-screened');
  });

  await test.step('window/level changes the rendered pixels of the CT', async () => {
    await openStudy(page, ctPatient);
    await expect(page.getByTestId('window-indicator')).toContainText('W 400 L 40');
    const before = await canvasStats(viewportCanvas(page));
    expect(before.meanLuminance).toBeGreaterThan(5);
    await snap(page, 'ct-soft-tissue');
    await page.getByRole('img', { name: 'Image viewport' }).focus();
    await page.keyboard.press('4');
    await expect(page.getByTestId('window-indicator')).toContainText('W 2500 L 480');
    // A wider window centred higher maps soft tissue (40 HU) lower: the image gets darker (the
    // overlay states the new window in the same render that redraws the canvas, or just before).
    await expect
      .poll(async () => (await canvasStats(viewportCanvas(page))).meanLuminance)
      .toBeLessThan(before.meanLuminance - 5);
    await snap(page, 'ct-bone-window');
  });

  await test.step('scroll the CT series with keys and the wheel, from the head down', async () => {
    const first = await canvasStats(viewportCanvas(page));
    /** The z (mm) of the image on screen, as the overlay states it. */
    const shownZ = async () =>
      Number(
        /, (-?[\d.]+) mm$/.exec((await page.getByTestId('position-indicator').textContent())!)![1],
      );
    const fileZ = (file: string) => Number(dcmdumpValue(file, '0020,0032').split('\\')[2]);
    const zs = ctSlices.map(fileZ).sort((a, b) => b - a);
    // An axial stack opens at its top slice (highest z, by DCMTK) and ArrowDown goes down.
    await expect.poll(shownZ).toBeCloseTo(zs[0]!, 1);
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('slice-indicator')).toContainText('Image 2 / 3');
    await expect.poll(shownZ).toBeCloseTo(zs[1]!, 1);
    await expect
      .poll(async () => (await canvasStats(viewportCanvas(page))).checksum)
      .not.toBe(first.checksum);
    await page.getByRole('img', { name: 'Image viewport' }).hover();
    await page.mouse.wheel(0, 120);
    await expect(page.getByTestId('slice-indicator')).toContainText('Image 3 / 3');
    await expect(page.getByRole('slider', { name: 'Image' })).toHaveValue('3');
    // The lowest slice, named as reports cite it, by its Instance Number: the file at the
    // position shown, read by DCMTK (the stack runs by position, not by that number).
    await expect.poll(shownZ).toBeCloseTo(zs[2]!, 1);
    const file = ctSlices.find((slice) => Math.abs(fileZ(slice) - zs[2]!) < 0.05)!;
    await expect(page.getByTestId('instance-indicator')).toHaveText(
      `Instance ${dcmdumpValue(file, '0020,0013')}`,
    );
    await snap(page, 'ct-slice-3');
  });

  await test.step('the out-of-scope CT offers no Grad-CAM, and says why', async () => {
    // The header is checked against the manifest first: the model itself is never loaded.
    await expect(page.getByRole('region', { name: 'Browser inference' })).toContainText(
      'Not run: the image on screen is outside the intended use of pneumonia-cxr',
      { timeout: 60_000 },
    );
    await expect(page.getByRole('region', { name: 'Browser inference' })).toContainText(
      'modality CT is outside the intended use',
    );
    expect(requested.filter((url) => url.endsWith('/model.onnx'))).toEqual([]);
    const overlay = page.getByRole('group', { name: 'Grad-CAM overlay' });
    await expect(overlay).toContainText(
      'No Grad-CAM: the model has not scored the image on screen',
    );
    await expect(overlay.getByLabel('Show Grad-CAM (g)')).toBeDisabled();
  });

  await test.step('the Grad-CAM overlay is drawn over the chest radiograph', async () => {
    const before = requested.length;
    await openStudy(page, crPatient);
    await expect(page.getByTestId('browser-provider')).toBeVisible({ timeout: 60_000 });
    // The model ran on the file the viewer fetched: the radiograph crossed the network once.
    const files = requested
      .slice(before)
      .filter((url) => /^\/api\/instances\/\d+\/file$/.test(url));
    expect(files).toHaveLength(1);
    expect(requested.slice(before).filter((url) => url.endsWith('/model.onnx'))).toHaveLength(1);
    await expect(page.getByTestId('browser-provider')).toContainText(/webgpu|wasm/);
    // The server screened this very image: the browser's probabilities must match to 1e-4.
    await expect(page.getByTestId('agreement')).toContainText('Agrees with the server');
    await expect(page.getByTestId('saliency-layer')).toHaveCount(0);
    await page.getByRole('img', { name: 'Image viewport' }).focus();
    await page.keyboard.press('g');
    await expect(page.getByLabel('Show Grad-CAM (g)')).toBeChecked();
    const layer = page.getByTestId('saliency-layer');
    await expect(layer).toBeVisible();
    await expect.poll(async () => (await canvasStats(layer)).coverage).toBeGreaterThan(0.05);
    await expect(page.getByRole('figure', { name: 'Colour bar' })).toBeVisible();
    await expect(page.getByLabel('Show Grad-CAM (g)')).toBeEnabled();
    // The AI panel's tables fit its column: nothing runs past the right edge of the page.
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await snap(page, 'cr-grad-cam');
    // The overlay turns with the image: flipped, it is the mirror of what it was.
    const shown = await canvasGrey(layer);
    await page.getByRole('button', { name: 'Flip H', exact: true }).click();
    await expect
      .poll(async () => meanDifference(shown, await canvasGrey(layer), (x, y) => [x, y]))
      .toBeGreaterThan(1);
    const mirror = (x: number, y: number): [number, number] => [shown.width - 1 - x, y];
    expect(meanDifference(shown, await canvasGrey(layer), mirror)).toBeLessThan(1);
    await page.getByRole('button', { name: 'Flip H', exact: true }).click();
  });

  await test.step('sign a review of the chest radiograph', async () => {
    const form = page.getByRole('form', { name: 'Review' });
    for (const group of await form.getByRole('group').all()) {
      await group.getByRole('radio', { name: 'Agree', exact: true }).check();
    }
    await form.getByLabel('Saliency on a confounder').check();
    await form.getByLabel('Confounder kind').selectOption('text-marker');
    await form.getByLabel('Comment').fill('e2e: agree; map sits partly on the side marker');
    await form.getByRole('button', { name: 'Sign review' }).click();
    await expect(page.getByText(`Signed by ${radiologist.username}`)).toBeVisible();
    await snap(page, 'review-signed');
    // The browser's result was recorded with the review, naming the image it scored: the one
    // the server screened (the chest's only image, frame 1).
    const studyId = /\/studies\/(\d+)/.exec(page.url())![1]!;
    const detail = (await (await page.request.get(`/api/studies/${studyId}`)).json()) as {
      inferences: { provider: string; instanceId: number | null; frame: number | null }[];
    };
    const browser = detail.inferences.filter((i) => /web/.test(i.provider));
    const server = detail.inferences.filter((i) => !/web/.test(i.provider));
    expect(browser).toHaveLength(1);
    expect(server.length).toBeGreaterThan(0);
    expect([browser[0]!.instanceId, browser[0]!.frame]).toEqual([server[0]!.instanceId, 1]);
  });

  await test.step('amend the signed review: a new signed review, the first one kept', async () => {
    await page.getByRole('button', { name: 'Amend my review' }).click();
    const form = page.getByRole('form', { name: 'Amendment' });
    // It starts from the signed review: its verdict and its confounder flag.
    await expect(form.getByRole('radio', { name: 'Agree', exact: true })).toBeChecked();
    await expect(form.getByLabel('Saliency on a confounder')).toBeChecked();
    await expect(form.getByLabel('Confounder kind')).toHaveValue('text-marker');
    await form.getByRole('radio', { name: 'Uncertain', exact: true }).check();
    await form.getByLabel('Reason and comment').fill('e2e: on second look, uncertain');
    await form.getByRole('button', { name: 'Sign amendment' }).click();
    await expect(page.getByText(/amends review \d+/)).toBeVisible();
    await expect(page.getByText(/; amended by review \d+$/)).toBeVisible();
    await expect(page.getByText('pneumonia: Agree')).toBeVisible();
    await expect(page.getByText('pneumonia: Uncertain')).toBeVisible();
    await snap(page, 'review-amended');
  });

  await test.step('the auditor finds the signed review and an intact chain', async () => {
    const context = await browser.newContext();
    const audit = await context.newPage();
    await signIn(audit, auditor, '/worklist');
    const crRow = audit
      .getByRole('table', { name: 'Studies' })
      .locator('tbody tr')
      .filter({ hasText: crPatient });
    await expect(crRow.getByRole('cell').nth(8)).toHaveText('Read by others');
    // The server filters and counts: the CT's patient typed in lower case, then a review state.
    const studies = audit.getByRole('table', { name: 'Studies' }).locator('tbody tr');
    await expect(audit.getByTestId('worklist-range')).toHaveText('Studies 1–2 of 2');
    await audit.getByRole('searchbox', { name: 'Patient or description' }).fill('janct');
    await expect(studies).toHaveCount(1);
    await expect(studies.first()).toContainText(ctPatient);
    await expect(audit.getByTestId('worklist-range')).toHaveText('Studies 1–1 of 1');
    await audit.getByRole('searchbox', { name: 'Patient or description' }).fill('');
    await audit.getByLabel('Review').selectOption('read-by-others');
    await expect(studies).toHaveCount(1);
    await expect(studies.first()).toContainText(crPatient);
    await audit.getByLabel('Review').selectOption('');
    await expect(studies).toHaveCount(2);
    // Auditors upload nothing: the list has the page's width, not a column beside an empty one.
    const list = await audit.getByRole('table', { name: 'Studies' }).boundingBox();
    expect(list!.width).toBeGreaterThan(0.9 * audit.viewportSize()!.width);
    const crStudyId = await crRow.getAttribute('data-study-id');
    await snap(audit, 'worklist-read-by-others');
    await audit.goto('/audit');
    await expect(audit.getByRole('heading', { name: 'Audit trail' })).toBeVisible();
    await expect(audit.getByTestId('chain-status')).toContainText('Chain intact');
    await audit.getByLabel('User').fill(radiologist.username);
    await audit.getByLabel('Kind').fill('review.sign');
    await audit.getByRole('button', { name: 'Filter' }).click();
    const events = audit.getByRole('table', { name: 'Audit events' }).locator('tbody tr');
    await expect(events).toHaveCount(1);
    await expect(events.first()).toContainText('review.sign');
    await snap(audit, 'audit-review-sign');

    // Every review event of the chest study: the draft kept while the reader worked (made, then
    // updated at each pause) and its signature; then the amendment's draft, kept the same way
    // from its first change, and its signature as the amendment.
    const draftThenSigned = (kinds: string[]) => {
      const sign = kinds.indexOf('review.sign');
      const updates = (some: string[]) => some.every((kind) => kind === 'review.update');
      expect(kinds[0]).toBe('review.create');
      expect(updates(kinds.slice(1, sign))).toBe(true);
      expect(kinds[sign + 1]).toBe('review.create');
      expect(updates(kinds.slice(sign + 2, -1))).toBe(true);
      expect(kinds.at(-1)).toBe('review.amend');
    };
    await audit.getByLabel('User').fill('');
    await audit.getByLabel('Study').fill(crStudyId!);
    await audit.getByLabel('Kind').fill('review');
    await audit.getByRole('button', { name: 'Filter' }).click();
    await expect(events.last()).toContainText('review.amend');
    draftThenSigned(await events.locator('td:nth-child(4)').allTextContents());
    await snap(audit, 'audit-study-reviews');
    const download = audit.waitForEvent('download');
    await audit.getByRole('link', { name: 'CSV' }).click();
    const csv = await download;
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const lines = readFileSync((await csv.path())!, 'utf8')
      .trim()
      .split('\r\n');
    draftThenSigned(lines.slice(1).map((line) => line.split(',')[4]!));

    // A long trail comes a page of 200 at a time: 210 more views of the study, then page on.
    for (let i = 0; i < 210; i += 1) {
      expect((await audit.request.get(`/api/studies/${crStudyId}`)).status()).toBe(200);
    }
    await audit.getByLabel('Kind').fill('study.view');
    await audit.getByRole('button', { name: 'Filter' }).click();
    await expect(audit.getByTestId('events-shown')).toContainText(
      'The first 200 matching events are shown; more match.',
    );
    await expect(events).toHaveCount(200);
    await audit.getByRole('button', { name: 'Show the next 200' }).click();
    await expect(audit.getByTestId('events-shown')).toContainText(
      /^All 2\d\d matching events shown/,
    );
    const views = Number(
      /All (\d+)/.exec((await audit.getByTestId('events-shown').textContent())!)![1],
    );
    expect(views).toBeGreaterThan(210);
    await expect(events).toHaveCount(views);
    await expect(events.last()).toContainText('study.view');
    await snap(audit, 'audit-paged');

    // The model page tells the auditor what readers said of the model: the one review in force
    // (the amendment, uncertain), with the study its confounder flag names.
    await audit.goto('/model');
    const feedback = audit.getByRole('region', { name: /^Feedback on pneumonia-cxr / });
    await expect(feedback).toContainText('1 signed review;');
    const decisions = feedback.getByRole('table', { name: /^Decisions on / });
    await expect(decisions.getByRole('row', { name: /^pneumonia/ })).toHaveText(
      /^pneumonia\s*0\s*0\s*1$/,
    );
    const flags = feedback.getByRole('table', { name: /^Confounders on / });
    await expect(flags.getByRole('row', { name: /^text-marker/ })).toContainText(
      `study ${crStudyId}`,
    );
    // Time to read: the CR was received and signed in this run; it was screened, not flagged.
    const turnaround = audit.getByRole('table', { name: 'Time to read' });
    await expect(
      turnaround
        .getByRole('row', { name: /^Screened, not flagged/ })
        .getByRole('cell')
        .nth(1),
    ).not.toHaveText('0');
    // Screening over time: the week of this run counts the CR the worker scored and its read.
    const weekly = audit.getByRole('table', { name: /^Screening over time of pneumonia-cxr / });
    await expect(weekly.getByRole('row')).toHaveCount(1 + 12);
    await expect(
      weekly
        .getByRole('row')
        .filter({ hasText: /\d+ of [1-9]\d* \(\d+%\)\s*$/ })
        .first(),
    ).toBeVisible();
    await snap(audit, 'model-reader-feedback');

    // The saliency audit: the chest's server-screened map where classify puts it (a negative
    // call, so not flagged however much of it is off the body), beside the reader's flag.
    await audit
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Saliency' })
      .click();
    await expect(audit.getByRole('heading', { level: 1 })).toHaveText('Saliency audit');
    // classify prints one result as an object, several as a list.
    const reference = JSON.parse(
      execFileSync(process.execPath, ['bin/secondlook.mjs', 'classify', crChest, '--json'], {
        cwd: repoRoot,
        encoding: 'utf8',
      }),
    ) as { cam: { outsideBodyMass: number; borderMass: number } };
    const screened = audit
      .getByRole('table', { name: 'Saliency by call' })
      .locator('tbody tr')
      .filter({ hasText: crPatient })
      .filter({ hasText: 'onnxruntime-node' });
    const cells = screened.getByRole('cell');
    await expect(cells.nth(4)).toHaveText(`${(100 * reference.cam.outsideBodyMass).toFixed(1)}%`);
    await expect(cells.nth(5)).toHaveText(`${(100 * reference.cam.borderMass).toFixed(1)}%`);
    await expect(cells.nth(7)).toHaveText('–');
    await expect(cells.nth(8)).toHaveText('text-marker');
    // The map the reader saw in the browser was kept with the review, and sits where the
    // server's does (WebGPU against onnxruntime-node on the same image).
    const seen = audit
      .getByRole('table', { name: 'Saliency by call' })
      .locator('tbody tr')
      .filter({ hasText: crPatient })
      .filter({ hasText: 'onnxruntime-web' })
      .getByRole('cell');
    const share = async (cell: ReturnType<typeof cells.nth>) =>
      Number((await cell.textContent())!.replace('%', ''));
    for (const column of [4, 5, 6]) {
      expect(
        Math.abs((await share(seen.nth(column))) - (await share(cells.nth(column)))),
      ).toBeLessThan(0.25);
    }
    await snap(audit, 'saliency-audit');
    await context.close();
  });
});
