/**
 * Studies from a PACS in the production server: a DX chest radiograph stored in the private
 * Orthanc that the e2e server polls (scripts/e2e-server.sh) reaches the open worklist screened and
 * flagged with nobody uploading or reloading (the tab's title and a desktop alert count it), its flagged result comes back to the PACS as a Secondary Capture
 * series in its study, the reader's signed review follows it as a structured report, and the
 * admin's Upload page says what the poller does. Runs last: the
 * second-read spec counts the worklist before this adds to it.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { dcmdumpValue } from '../support/dcmdump';
import { sharedDicomDir } from '../support/paths';
import { admin, auditor, radiologist, secondReader, signIn } from './support/users';
import { viewportReady } from './support/viewer';

const orthancPort = process.env.E2E_ORTHANC_PORT!;
const dxChest = path.join(sharedDicomDir, 'pylibjpeg-data', '966_fixed.dcm');

function orthancAuthorization(): string {
  const password = readFileSync(
    path.join(process.env.TMPDIR ?? os.tmpdir(), `secondlook-orthanc-${orthancPort}`, 'password'),
    'utf8',
  ).trim();
  return `Basic ${Buffer.from(`secondlook:${password}`).toString('base64')}`;
}

async function storeInPacs(file: string): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${orthancPort}/instances`, {
    method: 'POST',
    headers: { authorization: orthancAuthorization() },
    body: readFileSync(file),
  });
  expect(response.status).toBe(200);
}

/** The PACS's series of a study as QIDO-RS lists them: [modality, description]. */
async function seriesInPacs(study: string): Promise<[string, string][]> {
  const response = await fetch(
    `http://127.0.0.1:${orthancPort}/dicom-web/studies/${study}/series?includefield=0008103E`,
    { headers: { authorization: orthancAuthorization(), accept: 'application/dicom+json' } },
  );
  const series = (await response.json()) as Record<string, { Value?: string[] }>[];
  return series.map((s) => [s['00080060']?.Value?.[0] ?? '', s['0008103E']?.Value?.[0] ?? '']);
}

test('a radiograph stored in the PACS reaches the open worklist screened, with nobody uploading or reloading', async ({
  page,
  browser,
}) => {
  await recordAlerts(page.context());
  const notifications = (on: Page) => () =>
    on.evaluate(() => (window as unknown as { shownNotifications: unknown[] }).shownNotifications);
  // The reader waits on the worklist, everything on it screened, before the PACS has the study.
  await signIn(page, radiologist, '/worklist');
  await chooseAlerts(page, false);
  // Signed in at a second workstation too, whose page came while alerts were off: they are turned
  // on at the first after it, and the second alerts all the same.
  const desk = await browser.newContext();
  await recordAlerts(desk);
  const deskPage = await desk.newPage();
  await signIn(deskPage, radiologist, '/worklist');
  await expect(alertChoice(deskPage)).not.toBeChecked();
  await chooseAlerts(page, true);
  const rows = page.getByRole('table', { name: 'Studies' }).locator('tbody tr');
  await expect(page.getByText('Loading…')).toHaveCount(0);
  await expect(rows.filter({ hasText: /pending/i })).toHaveCount(0, { timeout: 60_000 });
  await expect(
    rows.filter({ has: page.getByRole('cell', { name: 'DX', exact: true }) }),
  ).toHaveCount(0);
  const flaggedBefore = Number(/^\((\d+)\)/.exec(await page.title())?.[1] ?? 0);
  // The same reader on the model page in another tab: its header watches the flagged studies too.
  const elsewhere = await page.context().newPage();
  await elsewhere.goto('/model');
  const watch = elsewhere.getByTestId('flagged-watch');
  if (flaggedBefore === 0) await expect(watch).toHaveCount(0);
  else await expect(watch).toHaveText(new RegExp(`^${flaggedBefore} flagged stud`));
  await storeInPacs(dxChest);
  // Its modality cell, exactly: other rows say "(CR/DX)" in their out-of-scope reasons.
  const row = rows.filter({ has: page.getByRole('cell', { name: 'DX', exact: true }) });
  // The worklist asks again on its own: the study arrives, is screened and flagged, no reload.
  await expect(row.getByRole('cell').nth(5)).toHaveText(/screened/i, { timeout: 90_000 });
  await expect(row).toContainText('pneumonia');
  // The tab's title counts it with the other flagged studies nobody has read, and a desktop alert
  // (shown by Chromium) says so in counts alone: it names no patient.
  await expect(page).toHaveTitle(`(${flaggedBefore + 1}) Worklist · secondlook`);
  const alert = {
    title: 'secondlook: flagged study waiting',
    body: `A study was flagged since the last look; ${flaggedBefore + 1} ${flaggedBefore === 0 ? 'waits' : 'wait'} for a first read.`,
  };
  // The header's watch asks every 15 s, on the worklist and on the model page alike.
  await expect.poll(notifications(page), { timeout: 30_000 }).toEqual([alert]);
  await expect.poll(notifications(elsewhere), { timeout: 30_000 }).toEqual([alert]);
  await expect.poll(notifications(deskPage), { timeout: 30_000 }).toEqual([alert]);
  await expect(alertChoice(deskPage)).toBeChecked();
  await desk.close();
  await expect(watch).toHaveText(
    `${flaggedBefore + 1} flagged ${flaggedBefore === 0 ? 'study waits' : 'studies wait'}`,
  );
  await elsewhere.screenshot({ path: 'test-results/e2e/steps/flagged-watch-elsewhere.png' });
  // A click on the alert leads to the worklist showing just the flagged studies nobody has read,
  // and so does the count in the header.
  const flaggedView = async () => {
    await expect(elsewhere).toHaveURL(/\/worklist\?flagged=unread$/);
    await expect(elsewhere.getByLabel('Flagged only')).toBeChecked();
    await expect(elsewhere.getByLabel('Review')).toHaveValue('unread');
    await expect(
      elsewhere
        .getByRole('table', { name: 'Studies' })
        .locator('tbody tr')
        .filter({ has: elsewhere.getByRole('cell', { name: 'DX', exact: true }) }),
    ).toHaveCount(1);
  };
  await elsewhere.evaluate(() =>
    (window as unknown as { alerts: Notification[] }).alerts[0]!.dispatchEvent(new Event('click')),
  );
  await flaggedView();
  await elsewhere.goBack();
  await expect(elsewhere).toHaveURL(/\/model$/);
  await watch.click();
  await flaggedView();
  await elsewhere.close();
  // On the worklist itself, the header's count shows just them too: the list starts afresh.
  await page.getByTestId('flagged-watch').click();
  await expect(page).toHaveURL(/\/worklist\?flagged=unread$/);
  await expect(page.getByLabel('Flagged only')).toBeChecked();
  // Filters changed by hand leave that view, and so does the address: a reload shows the plain
  // worklist, not the view the reader left.
  await page.getByLabel('Flagged only').uncheck();
  await expect(page).toHaveURL(/\/worklist$/);
  await page.reload();
  await expect(page.getByLabel('Flagged only')).not.toBeChecked();
  await expect(page.getByLabel('Review')).toHaveValue('');
  await page.goBack();
  await expect(page.getByLabel('Flagged only')).not.toBeChecked();
  // Flagged and read by nobody: the triage banner counts it, and lists just the waiting ones.
  const backlog = page.getByTestId('triage-backlog');
  await expect(backlog).toContainText(/\d+ flagged stud(y waits|ies wait) for a first read/);
  await backlog.getByRole('button', { name: 'Show them' }).click();
  await expect(page.getByLabel('Flagged only')).toBeChecked();
  await expect(page).toHaveURL(/\/worklist\?flagged=unread$/);
  await expect(page.getByLabel('Review')).toHaveValue('unread');
  const count = Number(/^(\d+)/.exec((await backlog.textContent()) ?? '')![1]);
  await expect(page.getByRole('table', { name: 'Studies' }).locator('tbody tr')).toHaveCount(count);
  await expect(row).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/steps/worklist-from-pacs.png', fullPage: true });

  // The next poll sends the flagged result back into the study.
  const study = dcmdumpValue(dxChest, '0020,000d');
  await expect
    .poll(() => seriesInPacs(study), { timeout: 30_000 })
    .toContainEqual(['OT', 'AI pneumonia-cxr 1.2.0: FLAGGED pneumonia']);
  expect(await seriesInPacs(study)).toContainEqual([
    'SR',
    'AI pneumonia-cxr 1.2.0 report: FLAGGED pneumonia',
  ]);
  // The reader sees, with the server's result, that it is in the PACS. The AI panel speaks of the
  // image on screen: it waits for the viewer (a loaded CI machine took over 5 s to decode it).
  await row.getByRole('link').first().click();
  await viewportReady(page);
  // The study page's own title: the worklist's count went with it.
  await expect(page).toHaveTitle('Study · secondlook');
  await expect(page.getByTestId('sent-to-pacs')).toContainText(
    'In the PACS as a Secondary Capture and a structured report since',
  );
  await page.screenshot({ path: 'test-results/e2e/steps/study-sent-to-pacs.png', fullPage: true });

  // The reader signs a review; the next poll stores it in the study as a report they verified.
  const form = page.getByRole('form', { name: 'Review' });
  await form.getByRole('radio', { name: 'Agree', exact: true }).check();
  await form.getByLabel('Comment').fill('right lower zone opacity');
  await form.getByRole('button', { name: 'Sign review' }).click();
  const signed = page.getByRole('article').filter({ hasText: 'Signed by' }).first();
  // Signing is a server round trip that, on a 2-core CI machine, shares the CPU with this page's
  // own model run (started when the study opened): it once took just over 5 s.
  await expect(signed).toBeVisible({ timeout: 20_000 });
  await expect
    .poll(() => seriesInPacs(study), { timeout: 30_000 })
    .toContainEqual(['SR', `secondlook review by ${radiologist.username}`]);
  // Recorded as sent just after the PACS took it; then the panel says so.
  const studyId = /\/studies\/(\d+)/.exec(page.url())![1];
  await expect
    .poll(
      async () => {
        const response = await page.request.get(`/api/studies/${studyId}/reviews`);
        const { reviews } = (await response.json()) as { reviews: { sentToPacs: string | null }[] };
        return reviews.map((review) => review.sentToPacs !== null);
      },
      { timeout: 15_000 },
    )
    .toEqual([true]);
  await page.reload();
  await expect(signed).toContainText('In the PACS as a structured report since', {
    timeout: 30_000,
  });
  await page.screenshot({ path: 'test-results/e2e/steps/review-in-pacs.png', fullPage: true });

  const context = await browser.newContext();
  const adminPage = await context.newPage();
  await signIn(adminPage, admin, '/upload');
  const pacs = adminPage.getByRole('region', { name: 'From a PACS' });
  await expect(pacs).toContainText(`http://127.0.0.1:${orthancPort}/dicom-web/`);
  await expect(pacs).toContainText('for DX');
  await expect(pacs).toContainText('sends the flagged screening results back into their studies');
  await expect(pacs).toContainText(
    'sends every signed review into its study as a structured report',
  );
  await expect(pacs.getByTestId('pacs-last-poll')).toContainText('found 1 studies');
  await context.close();
});

const alertChoice = (on: Page) => on.getByLabel('Desktop alert when a flagged study arrives');

/** Desktop alerts, allowed for this site: each notification a page shows is recorded too. */
async function recordAlerts(context: BrowserContext): Promise<void> {
  await context.grantPermissions(['notifications']);
  await context.addInitScript(() => {
    const shown: { title: string; body: string }[] = [];
    const alerts: Notification[] = [];
    Object.assign(window, { shownNotifications: shown, alerts });
    window.Notification = class extends window.Notification {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        alerts.push(this);
        this.addEventListener('show', () => shown.push({ title, body: options?.body ?? '' }));
      }
    };
  });
}

/** Sets the signed-in reader's alert choice with the box, and waits until the account has it. */
async function chooseAlerts(on: Page, chosen: boolean): Promise<void> {
  if ((await alertChoice(on).isChecked()) === chosen) return;
  await Promise.all([
    on.waitForResponse((response) => response.url().endsWith('/api/auth/preferences')),
    alertChoice(on).setChecked(chosen),
  ]);
}

async function signOut(on: Page): Promise<void> {
  await on.getByRole('button', { name: 'Sign out' }).click();
  await expect(on).toHaveURL(/\/login$/);
}

test("the alert choice is the reader's own, on every workstation and nobody else's; a browser that does not allow alerts says so, and one without them is offered none", async ({
  page,
  browser,
}) => {
  // A shared workstation, whose headless Chromium answers a request for notifications "denied".
  await signIn(page, radiologist, '/worklist');
  await chooseAlerts(page, false);
  await signOut(page);
  await signIn(page, secondReader, '/worklist');
  await chooseAlerts(page, false);
  const blocked = page.getByRole('status').filter({ hasText: 'blocks this site' });
  await chooseAlerts(page, true);
  await expect(blocked).toBeVisible();
  await page.reload();
  await expect(alertChoice(page)).toBeChecked();
  await expect(blocked).toBeVisible();
  // The next reader at the same workstation has their own choice, not the last reader's.
  await signOut(page);
  await signIn(page, radiologist, '/worklist');
  await expect(alertChoice(page)).not.toBeChecked();
  await expect(blocked).toHaveCount(0);
  // The first reader at another workstation has theirs: that browser has not been asked yet, and
  // allowing it there needs a click.
  const elsewhere = await browser.newContext();
  // Headless Chromium shows no prompt to answer: this browser's reader answers "Allow" to it.
  await elsewhere.addInitScript(() => {
    let answer: NotificationPermission = 'default';
    Object.defineProperty(Notification, 'permission', { get: () => answer });
    Notification.requestPermission = () => Promise.resolve((answer = 'granted'));
  });
  const other = await elsewhere.newPage();
  await signIn(other, secondReader, '/worklist');
  await expect(alertChoice(other)).toBeChecked();
  const asking = other
    .getByRole('status')
    .filter({ hasText: 'This browser has not allowed them yet' });
  await expect(asking).toBeVisible();
  await asking.getByRole('button', { name: 'Allow in this browser' }).click();
  await expect(asking).toHaveCount(0);
  await expect(alertChoice(other)).toBeChecked();
  await chooseAlerts(other, false);
  await other.reload();
  await expect(alertChoice(other)).not.toBeChecked();
  // An auditor is alerted to nothing, so is offered no choice.
  await signOut(other);
  await signIn(other, auditor, '/worklist');
  await expect(other.getByRole('table', { name: 'Studies' })).toBeVisible();
  await expect(alertChoice(other)).toHaveCount(0);
  await elsewhere.close();
  // A browser without notifications is offered none.
  await page.addInitScript(() => Reflect.deleteProperty(window, 'Notification'));
  await page.reload();
  await expect(page.getByText('Loading…')).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Studies' })).toBeVisible();
  await expect(alertChoice(page)).toHaveCount(0);
});
