/**
 * The admin's pages: accounts (add, change role, disable and enable, new password, where each is
 * signed in and signing one out everywhere, and the last active admin kept) and uploads, each change checked by signing in as the account concerned.
 */
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { sharedDicomDir } from '../support/paths';
import { admin, signIn } from './support/users';

const newcomer = { username: 'e2e-newcomer', password: 'first-passphrase-2026' };

/** Signs in as the newcomer in a browser of its own; the page it lands on, or the refusal. */
async function newcomerSignsIn(browser: Browser, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/login');
  await page.getByLabel('Username').fill(newcomer.username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return page;
}

test('an admin manages accounts and uploads from pages of their own', async ({ page, browser }) => {
  await signIn(page, admin);
  await expect(page).toHaveURL(/\/users$/);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText([
    'Users',
    'Upload',
  ]);
  const accounts = page.getByRole('table', { name: 'Accounts' });
  const row = accounts.locator(`tr[data-username="${newcomer.username}"]`);

  const form = page.getByRole('form', { name: 'Add an account' });
  await form.getByLabel('Username').fill(newcomer.username);
  await form.getByLabel('Role').selectOption('radiologist');
  await form.getByLabel('Initial password').fill(newcomer.password);
  await form.getByRole('button', { name: 'Add account' }).click();
  await expect(row).toContainText('active');
  const reader = await newcomerSignsIn(browser, newcomer.password);
  await expect(reader).toHaveURL(/\/worklist$/);

  await page.getByLabel(`Role of ${newcomer.username}`).selectOption('auditor');
  await expect(page.getByRole('main').getByRole('status')).toHaveText(
    `${newcomer.username} is now auditor.`,
  );
  await row.getByRole('button', { name: 'Disable' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText(
    'is disabled and was signed out',
  );
  await expect(row).toContainText('disabled');
  expect((await reader.request.get('/api/auth/session')).status()).toBe(401);
  const refused = await newcomerSignsIn(browser, newcomer.password);
  await expect(refused.getByRole('main').getByRole('alert')).toBeVisible();
  await expect(refused).toHaveURL(/\/login$/);

  await row.getByRole('button', { name: 'Enable' }).click();
  await expect(row).toContainText('active');
  await row.getByLabel(`New password for ${newcomer.username}`).fill('second-passphrase-2026');
  await row.getByRole('button', { name: 'Set', exact: true }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText('has a new password');
  const auditor = await newcomerSignsIn(browser, 'second-passphrase-2026');
  await expect(auditor).toHaveURL(/\/audit$/);
  // Where the account is signed in now, and signing it out everywhere (a workstation left on).
  await page.reload();
  await expect(row.getByRole('cell').nth(3)).toContainText('1 session, active');
  await page.screenshot({ path: 'test-results/e2e/steps/admin-users.png', fullPage: true });
  await row.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText(
    `${newcomer.username} was signed out everywhere.`,
  );
  await expect(row.getByRole('cell').nth(3)).toHaveText('no');
  expect((await auditor.request.get('/api/auth/session')).status()).toBe(401);
  const myRow = accounts.locator(`tr[data-username="${admin.username}"]`);
  await expect(myRow.getByRole('cell').nth(3)).toContainText('1 session, active');
  await expect(myRow.getByRole('button', { name: 'Sign out everywhere' })).toHaveCount(0);

  // The only admin can neither disable nor demote themselves: the refusal is shown, nothing changes.
  const me = accounts.locator(`tr[data-username="${admin.username}"]`);
  await me.getByRole('button', { name: 'Disable' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('only active admin');
  await expect(me).toContainText('active');
  await page.getByLabel(`Role of ${admin.username}`).selectOption('radiologist');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('only active admin');
  await expect(page.getByLabel(`Role of ${admin.username}`)).toHaveValue('admin');

  // Uploads: a malformed file gets its per-file reason (a stored one would change the worklist
  // that the second-read spec counts).
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Upload' })
    .click();
  await expect(page).toHaveURL(/\/upload$/);
  // The e2e server polls an empty private Orthanc (the PACS spec, last, stores a study there).
  const pacs = page.getByRole('region', { name: 'From a PACS' });
  await expect(pacs).toContainText(
    `This server polls http://127.0.0.1:${process.env.E2E_ORTHANC_PORT}/dicom-web/ every 2 s for DX`,
  );
  await expect(pacs.getByTestId('pacs-last-poll')).toContainText('found 0 studies');

  await page
    .getByLabel('DICOM files')
    .setInputFiles(path.join(sharedDicomDir, 'pydicom', 'MR_truncated.dcm'));
  const results = page.getByRole('table', { name: 'Upload results' });
  await expect(results.getByRole('row', { name: /MR_truncated\.dcm/ })).toContainText('Failed');
  await expect(results).toContainText('TRUNCATED');
  await page.screenshot({ path: 'test-results/e2e/steps/admin-upload.png', fullPage: true });
});

test('an admin cannot open the reading pages', async ({ page }) => {
  await signIn(page, admin);
  for (const href of ['/worklist', '/audit', '/model']) {
    await page.goto(href);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('403: not allowed');
  }
  await page.getByRole('link', { name: 'Your start page' }).click();
  await expect(page).toHaveURL(/\/users$/);
});
