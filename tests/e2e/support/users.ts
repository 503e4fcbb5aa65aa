/** The accounts the e2e suite signs in with (created by global-setup.ts through the CLI). */
import { expect, type Page } from '@playwright/test';

export interface E2eUser {
  username: string;
  password: string;
  role: 'radiologist' | 'auditor' | 'admin';
}

export const radiologist: E2eUser = {
  username: 'e2e-radiologist',
  password: 'reads-chest-films-2026',
  role: 'radiologist',
};

/** Another reader, who sees when the first is reading the same study. */
export const secondReader: E2eUser = {
  username: 'e2e-second-reader',
  password: 'reads-chest-films-too-2026',
  role: 'radiologist',
};

export const auditor: E2eUser = {
  username: 'e2e-auditor',
  password: 'checks-the-chain-2026',
  role: 'auditor',
};

/** The only admin of the e2e data dir (the admin spec relies on that for the last-admin rule). */
export const admin: E2eUser = {
  username: 'e2e-admin',
  password: 'manages-the-accounts-2026',
  role: 'admin',
};

export const e2eUsers = [radiologist, secondReader, auditor, admin] as const;

export async function signIn(page: Page, user: E2eUser, next?: string): Promise<void> {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(`${user.username} (${user.role})`)).toBeVisible();
}
