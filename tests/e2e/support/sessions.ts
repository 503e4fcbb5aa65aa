/**
 * The e2e server's sessions, in its database (the data dir playwright.config.ts chose): a spec
 * makes a session look idle without waiting half an hour.
 */
import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import { openStore } from '../../../lib/store';

async function sessionId(page: Page): Promise<string> {
  const cookie = (await page.context().cookies()).find(
    (candidate) => candidate.name === 'secondlook_session',
  );
  if (!cookie) throw new Error('the page has no session cookie');
  return createHash('sha256').update(cookie.value).digest('hex');
}

/** Sets the page's session's last activity `minutes` ago. */
export async function idleFor(page: Page, minutes: number): Promise<void> {
  const id = await sessionId(page);
  const store = await openStore();
  try {
    const { count } = await store.db.session.updateMany({
      where: { id },
      data: { lastActiveAt: new Date(Date.now() - minutes * 60_000) },
    });
    if (count !== 1) throw new Error('the page has no live session');
  } finally {
    await store.close();
  }
}

/** When the page's session was last active, or null once it has ended. */
export async function lastActiveAt(page: Page): Promise<Date | null> {
  const id = await sessionId(page);
  const store = await openStore();
  try {
    return (await store.db.session.findUnique({ where: { id } }))?.lastActiveAt ?? null;
  } finally {
    await store.close();
  }
}
