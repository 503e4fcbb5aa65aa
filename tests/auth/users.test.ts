/**
 * Account changes, on both databases: role and password changes, disabling (which ends the
 * user's sessions and refuses sign-in), and the rule that the last active admin can be neither
 * disabled nor demoted, also through the route, with nothing written when it is refused; where
 * each user is signed in (live sessions only) and signing one out everywhere, through the route
 * and the real CLI.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUser, listUsers, login, resolveSession, updateUser } from '../../lib/auth';
import { SecondlookError } from '../../lib/errors';
import { setStore } from '../../lib/store';
import { callRoute } from '../support/api-client';
import { databases, freshStore, type TestStore } from '../support/databases';
import { repoRoot } from '../support/paths';

const password = 'correct horse battery';

async function refusal(work: Promise<unknown>): Promise<SecondlookError> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SecondlookError);
  return error as SecondlookError;
}

describe('usernames', () => {
  it.each(['cli', 'pacs'])(
    "refuses '%s', the audit trail's name for a system actor, and stores nothing",
    async (username) => {
      const store = await freshStore('sqlite');
      try {
        const error = await refusal(
          createUser(store.db, { username, role: 'auditor', password }, null),
        );
        expect(error.code).toBe('BAD_USERNAME');
        expect(await store.db.user.count()).toBe(0);
      } finally {
        await store.dispose();
      }
    },
  );
});

describe.each(databases)('user accounts on %s', (kind) => {
  let store: TestStore;
  let ada = 0;
  let carol = 0;
  beforeEach(async () => {
    store = await freshStore(kind);
    setStore(store);
    ada = (await createUser(store.db, { username: 'ada', role: 'admin', password }, null)).id;
    carol = (await createUser(store.db, { username: 'carol', role: 'radiologist', password }, null))
      .id;
  });
  afterEach(async () => {
    setStore(undefined);
    await store.dispose();
  });

  const signIn = (username: string, secret = password) =>
    login(store.db, { username, password: secret, client: `t-${kind}` });

  it('changes a role, and a new password ends the sessions and replaces the old one', async () => {
    const session = await signIn('carol');
    expect((await updateUser(store.db, carol, { role: 'auditor' }, null)).role).toBe('auditor');
    expect(await resolveSession(store.db, session.token)).not.toBeNull();
    await updateUser(store.db, carol, { password: 'a whole new passphrase' }, null);
    expect(await resolveSession(store.db, session.token)).toBeNull();
    expect((await refusal(signIn('carol'))).code).toBe('BAD_CREDENTIALS');
    expect((await signIn('carol', 'a whole new passphrase')).user.role).toBe('auditor');
  });

  it('disabling ends the sessions and refuses sign-in until enabled again', async () => {
    const session = await signIn('carol');
    expect((await updateUser(store.db, carol, { disabled: true }, null)).disabled).toBe(true);
    expect(await resolveSession(store.db, session.token)).toBeNull();
    await refusal(signIn('carol'));
    expect((await updateUser(store.db, carol, { disabled: false }, null)).disabled).toBe(false);
    expect((await signIn('carol')).user.username).toBe('carol');
  });

  it('keeps an active admin: the last one cannot be disabled or demoted', async () => {
    const before = await store.db.auditEvent.count();
    for (const change of [{ disabled: true }, { role: 'radiologist' as const }]) {
      const error = await refusal(updateUser(store.db, ada, change, null));
      expect(error.code).toBe('LAST_ADMIN');
      expect(error.message).toMatch(/ada is the only active admin/);
    }
    const row = await store.db.user.findUniqueOrThrow({ where: { id: ada } });
    expect([row.role, row.disabledAt]).toEqual(['admin', null]);
    expect(await store.db.auditEvent.count()).toBe(before);

    // A second admin, once active, lets the first step down; a disabled one does not count.
    const bea = (await createUser(store.db, { username: 'bea', role: 'admin', password }, null)).id;
    await updateUser(store.db, bea, { disabled: true }, null);
    expect((await refusal(updateUser(store.db, ada, { disabled: true }, null))).code).toBe(
      'LAST_ADMIN',
    );
    await updateUser(store.db, bea, { disabled: false }, null);
    expect((await updateUser(store.db, ada, { role: 'auditor' }, null)).role).toBe('auditor');
    expect((await refusal(updateUser(store.db, bea, { disabled: true }, null))).code).toBe(
      'LAST_ADMIN',
    );
  });

  it('says where each user is signed in now, counting live sessions only', async () => {
    const signedIn = async (id: number) =>
      (await listUsers(store.db)).find((user) => user.id === id)!.signedIn;
    expect(await signedIn(carol)).toBeNull();
    await signIn('carol');
    await signIn('carol');
    await signIn('carol');
    // One session left idle past the 30 minutes, one expired: neither counts.
    const ids = (await store.db.session.findMany({ where: { userId: carol } })).map((s) => s.id);
    const quiet = new Date(Date.now() - 20 * 60_000);
    await store.db.session.update({ where: { id: ids[0]! }, data: { lastActiveAt: quiet } });
    await store.db.session.update({
      where: { id: ids[1]! },
      data: { lastActiveAt: new Date(Date.now() - 31 * 60_000) },
    });
    await store.db.session.update({
      where: { id: ids[2]! },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await signedIn(carol)).toEqual({ sessions: 1, lastActiveAt: quiet.toISOString() });
    expect(await signedIn(ada)).toBeNull();
  });

  it('signs a user out everywhere, through the route, audited with what it ended', async () => {
    const admin = await signIn('ada');
    const sessions = [await signIn('carol'), await signIn('carol')];
    const response = await callRoute('PATCH', `/api/users/${carol}`, {
      session: admin,
      body: { signOut: true },
    });
    expect(response.status).toBe(200);
    const { user } = (await response.json()) as { user: { signedIn: unknown; role: string } };
    expect(user).toMatchObject({ signedIn: null, role: 'radiologist' });
    for (const session of sessions)
      expect(await resolveSession(store.db, session.token)).toBeNull();
    expect(await resolveSession(store.db, admin.token)).not.toBeNull();
    const event = await store.db.auditEvent.findFirstOrThrow({
      where: { action: 'user.update', subjectId: String(carol) },
      orderBy: { seq: 'desc' },
    });
    expect(event.actorName).toBe('ada');
    expect(JSON.parse(event.details)).toEqual({
      passwordChanged: false,
      signedOut: true,
      sessionsEnded: 2,
    });
    // A change of role alone ends nothing, and says nothing of sessions.
    const kept = await signIn('carol');
    await updateUser(store.db, carol, { role: 'auditor' }, null);
    expect(await resolveSession(store.db, kept.token)).not.toBeNull();
  });

  it('signs a user out everywhere from the shell, and lists who is signed in', async () => {
    const session = await signIn('carol');
    const cli = (args: string[]) =>
      spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'secondlook.mjs'), ...args], {
        encoding: 'utf8',
        env: { ...process.env, ...store.env },
      });
    const listed = cli(['users', 'list']);
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout).toContain('carol\tradiologist\tsigned in (1)\n');
    expect(listed.stdout).toContain('ada\tadmin\n');
    const out = cli(['users', 'set', 'carol', '--sign-out']);
    expect(out.status, out.stderr).toBe(0);
    expect(await resolveSession(store.db, session.token)).toBeNull();
    const event = await store.db.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    expect([event.action, event.actorName]).toEqual(['user.update', 'cli']);
  });

  it('answers 409 LAST_ADMIN through the route', async () => {
    const session = await signIn('ada');
    const response = await callRoute('PATCH', `/api/users/${ada}`, {
      session,
      body: { disabled: true },
    });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('LAST_ADMIN');
    expect(await resolveSession(store.db, session.token)).not.toBeNull();
  });
});
