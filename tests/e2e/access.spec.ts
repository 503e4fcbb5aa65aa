/** Pages check roles on the server: anonymous visitors go to sign-in, other roles get 403. */
import { expect, test } from '@playwright/test';
import { worklistItem } from '../support/worklist-item';
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
