/**
 * A user's preferences belong to the account: set through the route by the signed-in user, read
 * back in every session of theirs (another workstation), never in another user's, audited, and
 * refused whole when the body is wrong.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUser, login } from '../../lib/auth';
import { setStore } from '../../lib/store';
import { callRoute, type ApiSession } from '../support/api-client';
import { databases, freshStore, type TestStore } from '../support/databases';

const password = 'correct horse battery';

describe.each(databases)('user preferences on %s', (kind) => {
  let store: TestStore;
  const signIn = (username: string, client: string): Promise<ApiSession> =>
    login(store.db, { username, password, client });
  /** As the session route gives them to a page. */
  const preferences = async (session: ApiSession) => {
    const response = await callRoute('GET', '/api/auth/session', { session });
    expect(response.status).toBe(200);
    return ((await response.json()) as { preferences: unknown }).preferences;
  };

  beforeEach(async () => {
    store = await freshStore(kind);
    setStore(store);
    await createUser(store.db, { username: 'carol', role: 'radiologist', password }, null);
    await createUser(store.db, { username: 'dave', role: 'radiologist', password }, null);
  });
  afterEach(async () => {
    setStore(undefined);
    await store.dispose();
  });

  it("keeps a reader's alert choice with the account: theirs everywhere, nobody else's", async () => {
    const readingRoom = await signIn('carol', 'reading-room');
    expect(await preferences(readingRoom)).toEqual({ flaggedAlerts: false });
    const response = await callRoute('PATCH', '/api/auth/preferences', {
      session: readingRoom,
      body: { flaggedAlerts: true },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ preferences: { flaggedAlerts: true } });
    // The same reader at home, and the next reader at the reading room's workstation.
    expect(await preferences(await signIn('carol', 'home'))).toEqual({ flaggedAlerts: true });
    expect(await preferences(await signIn('dave', 'reading-room'))).toEqual({
      flaggedAlerts: false,
    });
    const carol = await store.db.user.findUniqueOrThrow({ where: { username: 'carol' } });
    expect(carol.flaggedAlerts).toBe(true);
    const events = await store.db.auditEvent.findMany({
      where: { action: 'user.preferences' },
    });
    expect(events.map((e) => [e.actorName, e.subjectId, JSON.parse(e.details)])).toEqual([
      ['carol', String(carol.id), { flaggedAlerts: true }],
    ]);
    await callRoute('PATCH', '/api/auth/preferences', {
      session: readingRoom,
      body: { flaggedAlerts: false },
    });
    expect(await preferences(await signIn('carol', 'home'))).toEqual({ flaggedAlerts: false });
  });

  it.each([
    [{ flaggedAlerts: 'yes' }, 'flaggedAlerts must be true or false'],
    [{ flaggedAlerts: true, role: 'admin' }, "unknown preference 'role'"],
  ])('refuses %j whole and changes nothing', async (body, message) => {
    const session = await signIn('carol', 'reading-room');
    const response = await callRoute('PATCH', '/api/auth/preferences', { session, body });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'BAD_PREFERENCES', message } });
    const carol = await store.db.user.findUniqueOrThrow({ where: { username: 'carol' } });
    expect([carol.role, carol.flaggedAlerts]).toEqual(['radiologist', false]);
    expect(await store.db.auditEvent.count({ where: { action: 'user.preferences' } })).toBe(0);
  });

  it('needs the session and its CSRF token', async () => {
    const session = await signIn('carol', 'reading-room');
    const body = { flaggedAlerts: true };
    expect((await callRoute('PATCH', '/api/auth/preferences', { body })).status).toBe(401);
    const forged = await callRoute('PATCH', '/api/auth/preferences', {
      session,
      body,
      csrf: false,
    });
    expect(forged.status).toBe(403);
    expect(await preferences(session)).toEqual({ flaggedAlerts: false });
  });
});
