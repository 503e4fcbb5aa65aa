/**
 * The model page: a reader or an auditor sees what the model is for, its single test read and
 * what the occlusion probes say it reads, as the shipped model folder states them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { auditor, radiologist, signIn } from './support/users';

const modelDir = path.resolve(__dirname, '..', '..', 'models', 'pneumonia-cxr');
const read = <T>(name: string) => JSON.parse(readFileSync(path.join(modelDir, name), 'utf8')) as T;
const manifest = read<{ id: string; version: string; sha256: string }>('model.json');
const reference = read<{
  test: { auc: number; aucCi95: { low: number; high: number } };
  probes: { results: { name: string; auc: number }[] };
}>('eval-reference.json');

test('an anonymous visitor is sent to sign in first', async ({ page }) => {
  await page.goto('/model');
  await expect(page).toHaveURL(/\/login\?next=%2Fmodel$/);
});

test('an auditor reads the model facts from the shipped folder', async ({ page }) => {
  await signIn(page, auditor);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Model' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The model');
  const main = page.getByRole('main');
  await expect(main).toContainText(`${manifest.id} ${manifest.version}`);
  await expect(main).toContainText(manifest.sha256);
  const { auc, aucCi95 } = reference.test;
  await expect(main).toContainText(
    `AUC ${auc.toFixed(4)} (95% CI ${aucCi95.low.toFixed(4)}-${aucCi95.high.toFixed(4)})`,
  );
  await expect(page.getByRole('table', { name: 'Operating points' }).getByRole('row')).toHaveCount(
    3,
  );
  const probes = page.getByRole('table', { name: 'Occlusion probes' });
  for (const result of reference.probes.results) {
    await expect(
      probes.getByRole('row', { name: new RegExp(`^${result.name.replace(/[()]/g, '\\$&')}`) }),
    ).toContainText(result.auc.toFixed(4));
  }
  const card = await page.request.get(
    (await main.getByRole('link', { name: 'model card' }).getAttribute('href'))!,
  );
  expect(card.status()).toBe(200);
  expect(await card.text()).toContain(`# Model card: ${manifest.id} ${manifest.version}`);
  await expect(page.getByRole('heading', { name: 'What readers said' })).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/model-page.png', fullPage: true });
});

test('a radiologist opens it too', async ({ page }) => {
  await signIn(page, radiologist, '/model');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The model');
  await expect(page.getByRole('table', { name: 'Occlusion probes' })).toBeVisible();
  // Other readers' reads stay out of a reader's sight.
  await expect(page.getByRole('heading', { name: 'What readers said' })).toHaveCount(0);
});
