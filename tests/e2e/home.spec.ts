import { expect, test } from '@playwright/test';

test('home page names the product and lists the CLI commands', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('secondlook');
  await expect(page.getByRole('heading', { name: 'Command line' })).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/home.png', fullPage: true });
});
