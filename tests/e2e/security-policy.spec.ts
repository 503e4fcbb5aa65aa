/**
 * The Content Security Policy (proxy.ts) in Chromium: every page comes with it and a fresh nonce,
 * it allows no inline script without the nonce, no eval and no style element but the built
 * stylesheet, and a reading session under it (the worklist, the chest radiograph that
 * second-read.spec.ts uploaded with its viewer, the model run in the browser and the Grad-CAM
 * overlay) is refused nothing. An inline script or style element injected into the page the way
 * stored markup would arrive does nothing, and the browser reports it.
 */
import { expect, test } from '@playwright/test';
import { radiologist, signIn } from './support/users';
import { viewportReady } from './support/viewer';

declare global {
  interface Window {
    policyViolations?: string[];
    injectedRan?: boolean;
  }
}

test('pages carry the policy, and a reading session breaks none of it', async ({ page }) => {
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      window.policyViolations = [
        ...(window.policyViolations ?? []),
        `${event.effectiveDirective} ${event.blockedURI}`,
      ];
    });
  });

  const policyOf = async (path: string) =>
    (await page.goto(path))!.headers()['content-security-policy'] ?? '';
  const first = await policyOf('/login');
  expect(first).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval';/);
  expect(first).not.toMatch(/'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
  expect(first).toContain("frame-ancestors 'none'");
  expect(first).toContain("connect-src 'self'");
  // Style elements: this origin's, and the inlined stylesheet by its hash, which is the page's.
  const styleElements = /style-src-elem ([^;]*);/.exec(first)![1]!;
  expect(styleElements).toMatch(/^'self'( 'sha256-[A-Za-z0-9+/]+=*')+$/);
  const inlined = await page.evaluate(async () => {
    const sheets = [...document.querySelectorAll('style')].map((style) => style.textContent ?? '');
    const hashes = await Promise.all(
      sheets.map(async (text) => {
        const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
        return `'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`;
      }),
    );
    return { hashes, background: getComputedStyle(document.body).backgroundColor };
  });
  expect(inlined.hashes.length).toBeGreaterThan(0);
  for (const hash of inlined.hashes) expect(styleElements).toContain(hash);
  // ...and it applies (globals.css gives the body its colour, not the browser's transparent).
  expect(inlined.background).not.toBe('rgba(0, 0, 0, 0)');
  const nonceOf = (policy: string) => /'nonce-([^']+)'/.exec(policy)![1];
  expect(nonceOf(await policyOf('/login'))).not.toBe(nonceOf(first));

  // Markup that a page would show unescaped runs no script without the nonce and restyles
  // nothing, and the browser reports the refusals to the server.
  const reported = page.waitForResponse((response) => response.url().endsWith('/api/csp-report'));
  await page.evaluate(() => {
    const holder = document.createElement('div');
    holder.innerHTML =
      '<img src="x" onerror="window.injectedRan = true"><style>body { display: none }</style>';
    document.body.append(holder);
    const script = document.createElement('script');
    script.textContent = 'window.injectedRan = true';
    document.body.append(script);
  });
  await expect.poll(() => page.evaluate(() => window.policyViolations?.length ?? 0)).toBe(3);
  expect(await page.evaluate(() => window.policyViolations)).toContain('style-src-elem inline');
  expect(await page.evaluate(() => window.injectedRan ?? false)).toBe(false);
  expect(await page.evaluate(() => getComputedStyle(document.body).display)).not.toBe('none');
  expect((await reported).status()).toBe(204);

  // Signing in loads a new page: from here on, its listener sees the whole reading session.
  await signIn(page, radiologist, '/worklist');
  const rows = page.getByRole('table', { name: 'Studies' }).locator('tbody tr');
  await rows
    .filter({ hasText: 'Anonymized' })
    .filter({ has: page.getByRole('cell', { name: 'CR', exact: true }) })
    .getByRole('link')
    .first()
    .click();
  await viewportReady(page);
  await expect(page.getByTestId('browser-provider')).toContainText(/webgpu|wasm/, {
    timeout: 60_000,
  });
  await page.getByRole('img', { name: 'Image viewport' }).focus();
  await page.keyboard.press('g');
  await expect(page.getByTestId('saliency-layer')).toBeVisible();
  expect(await page.evaluate(() => window.policyViolations ?? [])).toEqual([]);
});
