/**
 * A study page that cannot be shown: a study the server does not have answers 404 with the way
 * back, one it fails to prepare says so with a reference and a retry, and either lets go at once
 * of the viewer's keys held while it was asked for.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { dcmdumpValue } from '../support/dcmdump';
import { sharedDicomDir } from '../support/paths';
import { worklistItem } from '../support/worklist-item';
import { radiologist, signIn } from './support/users';
import { viewportReady } from './support/viewer';

test('a study that is not there answers 404 with the way back, and the keys held for its viewer reach that page at once', async ({
  page,
}) => {
  await signIn(page, radiologist, '/worklist');
  expect((await page.request.get('/studies/999999')).status()).toBe(404);
  // A row for a study the server no longer has, as a worklist open since before it went shows it.
  await page.route('**/api/studies/query', async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    const gone = worklistItem({ studyId: 999999, patientName: 'GONE^STUDY' });
    await route.fulfill({ response, json: { ...body, studies: [gone], total: 1 } });
  });
  await page.reload();
  const row = page.getByRole('table', { name: 'Studies' }).locator('tbody tr');
  await expect(row).toHaveCount(1);
  // Opening it holds the viewer's keys for the viewer to come; the 404 page lets go of them.
  await row.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/studies\/999999$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('404: no such study');
  await page.evaluate(() => {
    const pressed: string[] = [];
    Object.assign(window, { pressed });
    window.addEventListener('keydown', (event) => pressed.push(event.key));
  });
  await page.keyboard.press('i');
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { pressed: string[] }).pressed), {
      timeout: 2_000,
    })
    .toEqual(['i']);
  await page.getByRole('link', { name: 'Back to the worklist' }).click();
  await expect(page).toHaveURL(/\/worklist$/);
});

test('a study the server fails to prepare says so with a reference, and the retry shows it once it can', async ({
  page,
}) => {
  // An image no other spec stores (a file of the same SOP Instance UID already stored is a
  // conflict the import reports, and leaves that one's row as the one to damage).
  const file = path.join(sharedDicomDir, 'pydicom', 'JPEG2000.dcm');
  const imported = spawnSync(process.execPath, ['bin/secondlook.mjs', 'import', file], {
    encoding: 'utf8',
    env: process.env,
  });
  const db = new Database(path.join(process.env.SECONDLOOK_DATA_DIR!, 'secondlook.db'));
  const instance = db
    .prepare(
      'SELECT i.id, i.pixelSpacing, s.studyId FROM Instance i JOIN Series s ON s.id = i.seriesId WHERE i.sopInstanceUID = ?',
    )
    .get(dcmdumpValue(file, '0008,0018')) as
    { id: number; pixelSpacing: string; studyId: number } | undefined;
  expect(instance, imported.stderr).toBeDefined();
  expect(instance!.pixelSpacing).not.toBeNull();
  // Its row damaged, as a bad restore could leave it: the server cannot read the study.
  const spacing = db.prepare('UPDATE Instance SET pixelSpacing = ? WHERE id = ?');
  spacing.run('[damaged', instance!.id);
  try {
    await signIn(page, radiologist, `/studies/${instance!.studyId}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'The study could not be opened',
    );
    await expect(page.getByRole('alert').filter({ hasText: 'failed to prepare' })).toContainText(
      /\(reference \w+\)/,
    );
    await expect(page.getByRole('link', { name: 'Back to the worklist' })).toBeVisible();
  } finally {
    spacing.run(instance!.pixelSpacing, instance!.id);
    db.close();
  }
  await page.getByRole('button', { name: 'Try again' }).click();
  await viewportReady(page);
  await expect(page.getByRole('heading', { name: 'The study could not be opened' })).toHaveCount(0);
});
