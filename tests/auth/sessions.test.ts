import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import argon2 from 'argon2';
import {
  createUser,
  FailureLimiter,
  login,
  logout,
  needsSecureCookie,
  purgeEndedSessions,
  resolveSession,
  sessionCookie,
} from '../../lib/auth';
import { openStore, setStore } from '../../lib/store';
import { callRoute } from '../support/api-client';
import { databases, freshStore, type TestStore } from '../support/databases';

const password = 'correct horse battery';

describe.each(databases)('sessions on %s', (kind) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await freshStore(kind);
    setStore(store);
    await createUser(store.db, { username: 'carol', role: 'radiologist', password }, null);
  });
  afterEach(async () => {
    setStore(undefined);
    await store.dispose();
  });

  it('stores an argon2id hash, never the password', async () => {
    const row = await store.db.user.findUniqueOrThrow({ where: { username: 'carol' } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await argon2.verify(row.passwordHash, password)).toBe(true);
  });

  it('logs in with an httpOnly SameSite=Strict cookie, and logs out', async () => {
    const response = await callRoute('POST', '/api/auth/login', {
      body: { username: 'carol', password },
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    const token = /secondlook_session=([^;]+)/.exec(cookie)![1]!;
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    const session = { token, csrfToken };
    expect((await callRoute('GET', '/api/auth/session', { session })).status).toBe(200);
    expect((await callRoute('POST', '/api/auth/logout', { session })).status).toBe(204);
    expect((await callRoute('GET', '/api/auth/session', { session })).status).toBe(401);
    const actions = (await store.db.auditEvent.findMany({ orderBy: { seq: 'asc' } })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(['user.create', 'auth.login', 'auth.logout']);
  });

  it('refuses wrong passwords, audits them, and rate-limits after five', async () => {
    const client = `client-${kind}-${Date.now()}`;
    for (let i = 0; i < 5; i++) {
      await expect(
        login(store.db, { username: 'carol', password: 'wrong password', client }),
      ).rejects.toMatchObject({
        code: 'BAD_CREDENTIALS',
      });
    }
    const limited = await callRoute('POST', '/api/auth/login', {
      body: { username: 'carol', password },
      headers: { 'x-forwarded-for': client },
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await store.db.auditEvent.count({ where: { action: 'auth.login_failed' } })).toBe(5);
  });

  it('counts failures in the database: another server process refuses the sixth try', async () => {
    const other = await openStore(store.config);
    try {
      for (let i = 0; i < 5; i++) {
        await expect(
          login(store.db, { username: 'Carol', password: 'wrong password', client: 'a' }),
        ).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
      }
      await expect(
        login(other.db, { username: 'carol', password, client: 'b' }),
      ).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    } finally {
      await other.close();
    }
  });

  it('lets a key try again once its window has passed, and forgets what fell out of it', async () => {
    const limiter = new FailureLimiter('test', 2, 1000);
    await limiter.recordFailure(store.db, 'k', 0);
    await limiter.recordFailure(store.db, 'k', 100);
    expect(await limiter.retryAfterMs(store.db, 'k', 200)).toBe(800);
    expect(await limiter.retryAfterMs(store.db, 'k', 1001)).toBe(0);
    expect(await limiter.retryAfterMs(store.db, 'other', 200)).toBe(0);
    await limiter.recordFailure(store.db, 'k', 1050);
    const kept = await store.db.loginFailure.findMany({ where: { key: 'test:k' } });
    expect(kept.map((row) => row.at.getTime()).sort((a, b) => a - b)).toEqual([100, 1050]);
    await limiter.reset(store.db, 'k');
    expect(await store.db.loginFailure.count()).toBe(0);
  });

  it('ends a session its user left idle, once, and audits that', async () => {
    const response = await callRoute('POST', '/api/auth/login', {
      body: { username: 'carol', password },
    });
    const token = /secondlook_session=([^;]+)/.exec(response.headers.get('set-cookie')!)![1]!;
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    const session = { token, csrfToken };
    const lastActive = async () =>
      (await store.db.session.findFirstOrThrow()).lastActiveAt.getTime();
    const setLastActive = (minutesAgo: number) =>
      store.db.session.updateMany({
        data: { lastActiveAt: new Date(Date.now() - minutesAgo * 60_000) },
      });
    const ask = (background: boolean) =>
      callRoute('GET', '/api/auth/session', {
        session,
        headers: background ? { 'x-secondlook-background': '1' } : {},
      });

    // The default: 30 minutes. The session says when it ends unless its user acts first.
    await setLastActive(10);
    const before = await lastActive();
    const polled = await ask(true);
    expect(polled.status).toBe(200);
    const { idleExpiresAt } = (await polled.json()) as { idleExpiresAt: string };
    expect(Date.parse(idleExpiresAt)).toBe(before + 30 * 60_000);
    // A page's background poll keeps nothing alive; the user's own request does, to the minute.
    expect(await lastActive()).toBe(before);
    expect((await ask(false)).status).toBe(200);
    expect(Date.now() - (await lastActive())).toBeLessThan(5_000);
    const written = await lastActive();
    expect((await ask(false)).status).toBe(200);
    expect(await lastActive()).toBe(written);

    // 30 minutes without its user: ended, whatever asks, and audited once for two requests.
    await setLastActive(30.1);
    const [first, second] = await Promise.all([ask(true), ask(false)]);
    expect([first.status, second.status]).toEqual([401, 401]);
    expect(await store.db.session.count()).toBe(0);
    const ended = await store.db.auditEvent.findMany({ where: { action: 'auth.idle_logout' } });
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ actorName: 'carol', subjectType: 'user' });
  });

  it('keeps the idle limit it is given, or none with off', async () => {
    const session = await login(store.db, { username: 'carol', password, client: 'idle' });
    const idleFor = (minutes: number) =>
      store.db.session.updateMany({
        data: { lastActiveAt: new Date(Date.now() - minutes * 60_000) },
      });
    try {
      process.env.SECONDLOOK_SESSION_IDLE_MINUTES = '15';
      await idleFor(14);
      const live = await resolveSession(store.db, session.token, { active: false });
      expect(live?.idleExpiresAt!.getTime()).toBeGreaterThan(Date.now());
      process.env.SECONDLOOK_SESSION_IDLE_MINUTES = 'off';
      await idleFor(600);
      expect((await resolveSession(store.db, session.token))?.idleExpiresAt).toBeNull();
      process.env.SECONDLOOK_SESSION_IDLE_MINUTES = '15';
      await idleFor(16);
      expect(await resolveSession(store.db, session.token)).toBeNull();
    } finally {
      delete process.env.SECONDLOOK_SESSION_IDLE_MINUTES;
    }
  });

  it('ends, audited, the sessions nobody came back to, once across two server processes', async () => {
    const [live, idle, expired] = [
      await login(store.db, { username: 'carol', password, client: 'purge' }),
      await login(store.db, { username: 'carol', password, client: 'purge' }),
      await login(store.db, { username: 'carol', password, client: 'purge' }),
    ];
    const idSet = async () => new Set((await store.db.session.findMany()).map((row) => row.id));
    const quietSince = new Date(Date.now() - 45 * 60_000);
    const idOf = (token: string) => createHash('sha256').update(token).digest('hex');
    await store.db.session.update({
      where: { id: idOf(idle.token) },
      data: { lastActiveAt: quietSince },
    });
    await store.db.session.update({
      where: { id: idOf(expired.token) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    // Two server processes share PostgreSQL; SQLite is one process's (its driver is synchronous:
    // a second client in this process would wait on the first's lock with the event loop held).
    const other = kind === 'postgresql' ? await openStore(store.config) : null;
    try {
      const ended = await Promise.all([
        purgeEndedSessions(store.db),
        purgeEndedSessions(other?.db ?? store.db),
      ]);
      expect(ended[0] + ended[1]).toBe(2);
    } finally {
      await other?.close();
    }
    expect([...(await idSet())]).toEqual([idOf(live.token)]);
    const events = await store.db.auditEvent.findMany({
      where: { action: { in: ['auth.idle_logout', 'auth.session_expired'] } },
      orderBy: { seq: 'asc' },
    });
    expect(events.map((event) => event.action).sort()).toEqual([
      'auth.idle_logout',
      'auth.session_expired',
    ]);
    const idleEvent = events.find((event) => event.action === 'auth.idle_logout')!;
    expect(JSON.parse(idleEvent.details)).toEqual({ lastActiveAt: quietSince.toISOString() });
    expect(await purgeEndedSessions(store.db)).toBe(0);
    expect(await resolveSession(store.db, live.token)).not.toBeNull();
  });

  it('ends a session at its expiry', async () => {
    const session = await login(store.db, { username: 'carol', password, client: 'expiry' });
    expect(await resolveSession(store.db, session.token)).not.toBeNull();
    await store.db.session.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await resolveSession(store.db, session.token)).toBeNull();
    await logout(store.db, session.token, session.user);
  });
});

describe('cookies', () => {
  it('marks cookies Secure everywhere but plain-HTTP localhost', () => {
    expect(needsSecureCookie(new URL('http://localhost:3000/'))).toBe(false);
    expect(needsSecureCookie(new URL('http://reading-room.example/'))).toBe(true);
    expect(needsSecureCookie(new URL('http://localhost/'), 'https')).toBe(true);
    expect(sessionCookie('t', new Date(Date.now() + 60_000), true)).toMatch(/; Secure$/);
  });
});
