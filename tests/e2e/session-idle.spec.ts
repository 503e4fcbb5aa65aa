/**
 * Automatic logoff in the browser. A reader leaves the worklist open: a minute before the session
 * would end for idling the page warns, a key press keeps it, and after 30 minutes without the
 * reader (the worklist's own polling counts for nothing) the page goes to sign-in, which brings
 * the reader back to the worklist. Signing out loads a fresh page, so the tab keeps nothing. The server's record of the session is set back in time and the
 * page's clock moved on, so the spec takes seconds.
 */
import { expect, test } from '@playwright/test';
import { idleFor, lastActiveAt } from './support/sessions';
import { radiologist, signIn } from './support/users';

test('an idle session warns, is kept by a key press, and ends at sign-in', async ({ page }) => {
  await page.clock.install();
  await signIn(page, radiologist, '/worklist');
  await expect(page.getByRole('table', { name: 'Studies' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  const warning = page.getByRole('alert').filter({ hasText: 'for inactivity' });
  await expect(warning).toHaveCount(0);

  // 29.5 minutes idle: at the page's 29th minute it asks, and warns of the end 30 s away.
  await idleFor(page, 29.5);
  await page.clock.fastForward('29:00');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('press a key or click to stay signed in');
  await page.screenshot({ path: 'test-results/e2e/steps/session-warning.png' });

  // A key press tells the server: the session goes on, and the warning goes.
  await page.keyboard.press('Shift');
  await expect(warning).toHaveCount(0);
  expect(Date.now() - (await lastActiveAt(page))!.getTime()).toBeLessThan(10_000);

  // Then 30 minutes with nobody there: the page asks at its end and goes to sign-in.
  await idleFor(page, 30.5);
  await page.clock.fastForward('30:00');
  await expect(page).toHaveURL(/\/login\?ended=1&next=%2Fworklist$/);
  await expect(page.getByRole('status')).toContainText('Your session has ended');
  expect(await lastActiveAt(page)).toBeNull();
  await page.getByLabel('Username').fill(radiologist.username);
  await page.getByLabel('Password').fill(radiologist.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/worklist$/);
});

test('a session ended elsewhere sends the page to sign-in at its next request', async ({
  page,
}) => {
  await signIn(page, radiologist, '/worklist');
  const search = page.getByLabel('Patient or description');
  await expect(page.getByRole('table', { name: 'Studies' })).toBeVisible();
  const { csrfToken } = (await (await page.request.get('/api/auth/session')).json()) as {
    csrfToken: string;
  };
  const out = await page.request.post('/api/auth/logout', {
    headers: { 'x-csrf-token': csrfToken },
  });
  expect(out.status()).toBe(204);
  await search.fill('nobody');
  await expect(page).toHaveURL(/\/login\?ended=1&next=%2Fworklist$/);
});

test('signing out loads the sign-in page afresh, keeping nothing the page held', async ({
  page,
}) => {
  await signIn(page, radiologist, '/worklist');
  await page.evaluate(() => {
    (window as Window & { heldByThePage?: boolean }).heldByThePage = true;
  });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect(
    await page.evaluate(() => (window as Window & { heldByThePage?: boolean }).heldByThePage),
  ).toBeUndefined();
  expect((await page.request.get('/api/auth/session')).status()).toBe(401);
});

// Next renders nothing of a dynamic page for a prefetch (the root layout reads the session), so
// the links on screen, prefetched as they appear, never count as the user's doing.
test("the router's prefetch of a page keeps no session alive; opening the page does", async ({
  page,
}) => {
  await signIn(page, radiologist, '/worklist');
  // Nothing else asks in the meantime: the worklist's own requests and polls stop with it, once
  // those it made on opening have been answered (one answered after the session was set back
  // counted as the reader's, and made this test fail under load).
  await page.waitForLoadState('networkidle');
  await page.goto('about:blank');
  await idleFor(page, 10);
  const quiet = (await lastActiveAt(page))!.getTime();
  const prefetch = await page.request.get('/model', {
    headers: { rsc: '1', 'next-router-prefetch': '1' },
  });
  expect(prefetch.status()).toBe(200);
  expect((await lastActiveAt(page))!.getTime()).toBe(quiet);
  expect((await page.request.get('/model')).status()).toBe(200);
  expect(Date.now() - (await lastActiveAt(page))!.getTime()).toBeLessThan(10_000);
});
