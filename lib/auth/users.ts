import { audited } from '../audit';
import { SecondlookError } from '../errors';
import type { Db } from '../store/db';
import { hashPassword } from './password';
import { liveSessions } from './session-policy';
import { parseRole, type Role, type SessionUser } from './roles';

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** The audit trail's names for the command line and the server's own actors. */
const RESERVED = new Set(['cli', 'pacs']);

function checkUsername(username: string): string {
  if (!USERNAME.test(username)) {
    throw new SecondlookError(
      'BAD_USERNAME',
      'username must be 2-64 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit',
    );
  }
  if (RESERVED.has(username)) {
    throw new SecondlookError(
      'BAD_USERNAME',
      `'${username}' names the system in the audit trail; choose another username`,
    );
  }
  return username;
}

/** A part of the server acting on its own, named in the audit trail (e.g. the PACS poller). */
interface SystemActor {
  system: 'pacs';
}

/** Who made a change: a signed-in user, a part of the server, or the local command line (null). */
export type Actor = SessionUser | SystemActor | null;

export function actorFields(actor: Actor) {
  if (actor === null) return { actorId: null, actorName: 'cli' };
  if ('system' in actor) return { actorId: null, actorName: actor.system };
  return { actorId: actor.id, actorName: actor.username };
}

export interface UserSummary {
  id: number;
  username: string;
  role: Role;
  createdAt: string;
  disabled: boolean;
  /** Where the user is signed in now: live sessions, and the last activity in any of them. */
  signedIn: { sessions: number; lastActiveAt: string } | null;
}

interface SignedIn {
  sessions: number;
  lastActiveAt: Date;
}

function summary(
  row: { id: number; username: string; role: string; createdAt: Date; disabledAt: Date | null },
  signedIn: SignedIn | null,
): UserSummary {
  return {
    id: row.id,
    username: row.username,
    role: parseRole(row.role),
    createdAt: row.createdAt.toISOString(),
    disabled: row.disabledAt !== null,
    signedIn: signedIn && {
      sessions: signedIn.sessions,
      lastActiveAt: signedIn.lastActiveAt.toISOString(),
    },
  };
}

/** Each user's live sessions, by user id (none: not signed in anywhere). */
async function signedInUsers(db: Pick<Db, 'session'>, userId?: number) {
  const groups = await db.session.groupBy({
    by: ['userId'],
    where: { ...liveSessions(), ...(userId === undefined ? {} : { userId }) },
    _count: { _all: true },
    _max: { lastActiveAt: true },
  });
  return new Map(
    groups.map((group): [number, SignedIn] => [
      group.userId,
      { sessions: group._count._all, lastActiveAt: group._max.lastActiveAt! },
    ]),
  );
}

export async function createUser(
  db: Db,
  input: { username: string; role: Role; password: string },
  actor: Actor,
): Promise<UserSummary> {
  const username = checkUsername(input.username);
  const role = parseRole(input.role);
  const passwordHash = await hashPassword(input.password);
  return audited(db, async (tx) => {
    if (await tx.user.findUnique({ where: { username } })) {
      throw new SecondlookError('USER_EXISTS', `user ${username} already exists`);
    }
    const row = await tx.user.create({ data: { username, role, passwordHash } });
    return {
      result: summary(row, null),
      event: {
        action: 'user.create',
        ...actorFields(actor),
        subjectType: 'user',
        subjectId: row.id,
        details: { username, role },
      },
    };
  });
}

export async function listUsers(db: Db): Promise<UserSummary[]> {
  const rows = await db.user.findMany({ orderBy: { id: 'asc' } });
  const signedIn = await signedInUsers(db);
  return rows.map((row) => summary(row, signedIn.get(row.id) ?? null));
}

export async function countUsers(db: Db): Promise<number> {
  return db.user.count();
}

/**
 * Refuses the change that would leave no active admin (disabling or demoting the last one), so
 * accounts can always be managed from the app. Audited writes are serialised (lib/audit), so two
 * admins cannot each demote the other at once.
 */
async function keepAnAdmin(
  tx: Pick<Db, 'user'>,
  user: { id: number; username: string; role: string; disabledAt: Date | null },
  change: { role?: Role; disabled?: boolean },
): Promise<void> {
  const activeAdmin = user.role === 'admin' && user.disabledAt === null;
  const stops = change.disabled === true || (change.role !== undefined && change.role !== 'admin');
  if (!activeAdmin || !stops) return;
  const others = await tx.user.count({
    where: { role: 'admin', disabledAt: null, id: { not: user.id } },
  });
  if (others === 0) {
    throw new SecondlookError(
      'LAST_ADMIN',
      `${user.username} is the only active admin: make another admin before disabling or demoting it`,
    );
  }
}

/**
 * Changes a user's role, password or disabled flag; disabling, a new password and `signOut` end
 * their sessions (signed out everywhere: a workstation left signed in, a shared password).
 */
export async function updateUser(
  db: Db,
  userId: number,
  change: { role?: Role; password?: string; disabled?: boolean; signOut?: boolean },
  actor: Actor,
): Promise<UserSummary> {
  const role = change.role === undefined ? undefined : parseRole(change.role);
  const passwordHash =
    change.password === undefined ? undefined : await hashPassword(change.password);
  return audited(db, async (tx) => {
    const existing = await tx.user.findUnique({ where: { id: userId } });
    if (!existing) throw new SecondlookError('NOT_FOUND', `no user ${userId}`);
    await keepAnAdmin(tx, existing, { role, disabled: change.disabled });
    const disabledAt =
      change.disabled === undefined
        ? undefined
        : change.disabled
          ? (existing.disabledAt ?? new Date())
          : null;
    const row = await tx.user.update({
      where: { id: userId },
      data: { role, passwordHash, disabledAt },
    });
    const endSessions = change.disabled === true || passwordHash !== undefined || change.signOut;
    const { count: sessionsEnded } = endSessions
      ? await tx.session.deleteMany({ where: { userId } })
      : { count: 0 };
    return {
      result: summary(row, (await signedInUsers(tx, userId)).get(userId) ?? null),
      event: {
        action: 'user.update',
        ...actorFields(actor),
        subjectType: 'user',
        subjectId: userId,
        details: {
          role,
          passwordChanged: passwordHash !== undefined,
          disabled: change.disabled,
          signedOut: change.signOut === true ? true : undefined,
          sessionsEnded: endSessions ? sessionsEnded : undefined,
        },
      },
    };
  });
}
