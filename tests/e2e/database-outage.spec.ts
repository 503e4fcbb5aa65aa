/**
 * The database stops answering (a PostgreSQL restart, a failover): a second server of the same
 * build whose database cannot be reached stands in for the e2e one, and a reader signed in there
 * (their cookie is the e2e server's: cookies do not depend on the port) gets the header with
 * what is wrong and the page's failure with its reference, not Next's bare error page; the
 * health check says the database is down.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { radiologist, signIn } from './support/users';

let server: ChildProcess | undefined;
let dataDir: string | undefined;

test.afterEach(() => {
  server?.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function startWithoutDatabase(port: number): Promise<string> {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'secondlook-outage-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SECONDLOOK_DATA_DIR: dataDir,
    // Nothing listens on the discard port: every connection is refused at once.
    DATABASE_URL: 'postgresql://secondlook@127.0.0.1:9/secondlook',
    SECONDLOOK_SCREENING: 'off',
  };
  server = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', String(port)],
    { env, stdio: 'ignore' },
  );
  const base = `http://127.0.0.1:${port}`;
  await expect
    .poll(
      () =>
        fetch(`${base}/api/health`).then(
          (r) => r.status,
          () => 0,
        ),
      { timeout: 30_000 },
    )
    .toBe(503);
  return base;
}

test('a database that does not answer leaves the header saying so and the page failing with a reference', async ({
  page,
  browser,
  baseURL,
}) => {
  const base = await startWithoutDatabase(Number(new URL(baseURL!).port) + 2);
  const health = (await (await fetch(`${base}/api/health`)).json()) as { status: string };
  expect(health.status).toBe('down');
  await signIn(page, radiologist, '/worklist');
  await page.goto(`${base}/worklist`);
  await expect(page.getByRole('banner').getByRole('link', { name: 'secondlook' })).toBeVisible();
  await expect(page.getByRole('banner').getByRole('status')).toHaveText(
    'Sign-in is unavailable: the server cannot look up sessions just now',
  );
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page could not be shown');
  await expect(page.locator('main').getByRole('alert')).toHaveText(
    /^The server failed to prepare this page \(reference \w+\)\.$/,
  );
  await page.screenshot({ path: 'test-results/e2e/steps/database-outage.png' });
  // The start page needs no database: it shows, with the header saying what is wrong.
  await page.goto(`${base}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('secondlook');
  await expect(page.getByRole('banner').getByRole('status')).toBeVisible();
  // Someone not signed in yet is told that signing in failed on the server, not that their
  // password is wrong.
  const fresh = await browser.newContext();
  const signInPage = await fresh.newPage();
  await signInPage.goto(`${base}/login`);
  await signInPage.getByLabel('Username').fill(radiologist.username);
  await signInPage.getByLabel('Password').fill(radiologist.password);
  await signInPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(signInPage.locator('main').getByRole('alert')).toHaveText(
    'The server could not sign you in just now: try again in a moment.',
  );
  await fresh.close();
});
