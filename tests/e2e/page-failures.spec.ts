/**
 * A page that fails in the browser (here the worklist, given an answer it cannot read, as a
 * proxy that mangles responses would give it) says so under the header, which keeps its
 * sign-out, shows nothing of the error's message, and shows the page again when asked to.
 */
import { expect, test } from '@playwright/test';
import { radiologist, signIn } from './support/users';

test('a page that fails in the browser says so under the header, and trying again shows it', async ({
  page,
}) => {
  await signIn(page, radiologist, '/worklist');
  let mangle = true;
  await page.route('**/api/studies/query', async (route) => {
    const response = await route.fetch();
    if (!mangle) return route.fulfill({ response });
    const body = (await response.json()) as Record<string, unknown>;
    return route.fulfill({ response, json: { ...body, backlog: null } });
  });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page could not be shown');
  await expect(page.locator('main').getByRole('alert')).toHaveText(
    'This page failed in the browser. If trying again does not help, tell support which page failed and when.',
  );
  await expect(page.getByText(`${radiologist.username} (${radiologist.role})`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.locator('main')).not.toContainText('flaggedUnread');
  await page.screenshot({ path: 'test-results/e2e/steps/page-failure.png' });
  mangle = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('table', { name: 'Studies' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'This page could not be shown' })).toHaveCount(0);
});
