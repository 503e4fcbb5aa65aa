/** Pages check roles on the server: anonymous visitors go to sign-in, other roles get 403. */
import { expect, test } from '@playwright/test';
import { radiologist, signIn } from './support/users';

test('an anonymous visitor is sent to sign in', async ({ page }) => {
  await page.goto('/worklist');
  await expect(page).toHaveURL(/\/login\?next=%2Fworklist$/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('a wrong password is refused with a reason', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Username').fill(radiologist.username);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText(/wrong|invalid/i);
  await expect(page).toHaveURL(/\/login$/);
});

test('a radiologist cannot reach the audit page', async ({ page }) => {
  await signIn(page, radiologist);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText([
    'Worklist',
    'Model',
  ]);
  await page.goto('/audit');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('403: not allowed');
  await expect(page.getByRole('table', { name: 'Audit events' })).toHaveCount(0);
  const response = await page.request.get('/api/audit/events');
  expect(response.status()).toBe(403);
  // Nor the saliency audit, page or API: readers do not audit the model's maps.
  await page.goto('/saliency');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('403: not allowed');
  expect((await page.request.get('/api/saliency')).status()).toBe(403);
  await page.screenshot({ path: 'test-results/e2e/steps/radiologist-audit-403.png' });
});
