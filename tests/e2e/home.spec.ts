import { expect, test } from '@playwright/test';

test('home page names the product and lists the CLI commands', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('secondlook');
  await expect(page.getByRole('heading', { name: 'Command line' })).toBeVisible();
  // The tab has the app's icon (a browser asks for one on every page; it used to be a 404).
  const icon = await page.locator('link[rel="icon"]').getAttribute('href');
  const response = await page.request.get(icon!);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('image/svg+xml');
  await page.screenshot({ path: 'test-results/e2e/home.png', fullPage: true });
});
