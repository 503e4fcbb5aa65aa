import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { appendAuditEvent, audited } from '../audit';
import { SecondlookError } from '../errors';
import type { Db } from '../store/db';
import { verifyPassword } from './password';
import { preferencesOf, type UserPreferences } from './preferences';
import { loginLimits } from './rate-limit';
import { parseRole, type SessionUser } from './roles';
import { liveSessions, sessionIdleMs, sessionLifetimeMs } from './session-policy';

export const SESSION_COOKIE = 'secondlook_session';
export const CSRF_HEADER = 'x-csrf-token';

/** A session's last activity is written at most this often (one write a minute, not a request). */
const ACTIVITY_STEP_MS = 60_000;

/** A login refused by the rate limit; retryAfterSeconds feeds the Retry-After header. */
export class RateLimitedError extends SecondlookError {
  constructor(readonly retryAfterSeconds: number) {
    super('RATE_LIMITED', `too many failed logins: try again in ${retryAfterSeconds} s`);
  }
}

export interface ActiveSession {
  user: SessionUser;
  csrfToken: string;
  expiresAt: Date;
  /** When it ends unless its user does something first; null without an idle limit. */
  idleExpiresAt: Date | null;
  /** Its user's own choices (a desktop alert for flagged studies). */
  preferences: UserPreferences;
}

export interface NewSession extends ActiveSession {
  /** the cookie value: shown once, stored only as its SHA-256 */
  token: string;
}

function tokenId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Checks a user name and password, subject to the failed-login limits, and opens a session.
 * Successful and failed attempts are both audited (the name typed, never the password).
 */
export async function login(
  db: Db,
  input: { username: string; password: string; client: string },
): Promise<NewSession> {
  const limits = loginLimits;
  const userKey = input.username.toLowerCase().slice(0, 128);
  const wait = Math.max(
    await limits.byUser.retryAfterMs(db, userKey),
    await limits.byClient.retryAfterMs(db, input.client),
  );
  if (wait > 0) throw new RateLimitedError(Math.ceil(wait / 1000));

  const user = await db.user.findUnique({ where: { username: input.username } });
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !passwordOk || user.disabledAt) {
    await limits.byUser.recordFailure(db, userKey);
    await limits.byClient.recordFailure(db, input.client);
    await appendAuditEvent(db, {
      action: 'auth.login_failed',
      actorId: user?.id ?? null,
      actorName: input.username.slice(0, 64),
      details: { reason: user?.disabledAt ? 'disabled' : 'bad credentials' },
    });
    throw new SecondlookError('BAD_CREDENTIALS', 'user name or password is wrong');
  }
  await limits.byUser.reset(db, userKey);

  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const now = Date.now();
  const expiresAt = new Date(now + sessionLifetimeMs());
  const idle = sessionIdleMs();
  const sessionUser: SessionUser = {
    id: user.id,
    username: user.username,
    role: parseRole(user.role),
  };
  return audited(db, async (tx) => {
    await tx.session.create({
      data: {
        id: tokenId(token),
        userId: user.id,
        csrfToken,
        expiresAt,
        lastActiveAt: new Date(now),
      },
    });
    return {
      result: {
        token,
        csrfToken,
        expiresAt,
        idleExpiresAt: idle === null ? null : new Date(now + idle),
        user: sessionUser,
        preferences: preferencesOf(user),
      },
      event: {
        action: 'auth.login',
        actorId: user.id,
        actorName: user.username,
        subjectType: 'user',
        subjectId: user.id,
      },
    };
  });
}

/**
 * The live session a cookie token names, or null (unknown, expired, idle too long, or user
 * disabled). A request its user made (`active`, the default) keeps it from going idle; a page's
 * background poll (`active: false`) does not, so a worklist left open still signs its user out.
 * A session ended for idling is audited (`auth.idle_logout`) once.
 */
export async function resolveSession(
  db: Db,
  token: string | undefined | null,
  { active = true }: { active?: boolean } = {},
): Promise<ActiveSession | null> {
  if (!token || token.length > 128) return null;
  const row = await db.session.findUnique({
    where: { id: tokenId(token) },
    include: { user: true },
  });
  if (!row || row.user.disabledAt) return null;
  const now = Date.now();
  if (row.expiresAt.getTime() <= now) {
    await endSession(db, row.id, row.user, 'auth.session_expired', row.lastActiveAt);
    return null;
  }
  const idle = sessionIdleMs();
  if (idle !== null && row.lastActiveAt.getTime() + idle <= now) {
    await endSession(db, row.id, row.user, 'auth.idle_logout', row.lastActiveAt);
    return null;
  }
  let lastActiveAt = row.lastActiveAt;
  if (active && now - lastActiveAt.getTime() >= ACTIVITY_STEP_MS) {
    lastActiveAt = new Date(now);
    await db.session.updateMany({ where: { id: row.id }, data: { lastActiveAt } });
  }
  return {
    user: { id: row.user.id, username: row.user.username, role: parseRole(row.user.role) },
    csrfToken: row.csrfToken,
    expiresAt: row.expiresAt,
    idleExpiresAt: idle === null ? null : new Date(lastActiveAt.getTime() + idle),
    preferences: preferencesOf(row.user),
  };
}

/** Seconds until the session ends for idling, from now; null without an idle limit. */
export function idleSecondsLeft(session: ActiveSession): number | null {
  if (session.idleExpiresAt === null) return null;
  return Math.max(0, (session.idleExpiresAt.getTime() - Date.now()) / 1000);
}

/**
 * Deletes a session that ended without a sign-out and audits how it ended, once however many
 * requests (or server processes) find it ended together.
 */
async function endSession(
  db: Db,
  id: string,
  user: { id: number; username: string },
  action: 'auth.idle_logout' | 'auth.session_expired',
  lastActiveAt: Date,
): Promise<boolean> {
  return audited(db, async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { id } });
    return {
      result: count > 0,
      event:
        count === 0
          ? null
          : {
              action,
              actorId: user.id,
              actorName: user.username,
              subjectType: 'user',
              subjectId: user.id,
              details: { lastActiveAt: lastActiveAt.toISOString() },
            },
    };
  });
}

/**
 * Ends the sessions nobody came back to (the browser closed, the workstation switched off): each
 * expired or idle session is deleted and audited as `auth.session_expired` or `auth.idle_logout`,
 * so that every sign-in in the trail has its end. The server runs this hourly; returns how many
 * it ended.
 */
export async function purgeEndedSessions(db: Db, now = new Date()): Promise<number> {
  const live = liveSessions(now);
  const ended = await db.session.findMany({
    where: { NOT: live },
    select: { id: true, expiresAt: true, lastActiveAt: true, user: true },
    take: 1000,
  });
  let count = 0;
  for (const session of ended) {
    const action =
      session.expiresAt.getTime() <= now.getTime() ? 'auth.session_expired' : 'auth.idle_logout';
    if (await endSession(db, session.id, session.user, action, session.lastActiveAt)) count += 1;
  }
  return count;
}

/** Ends the session a token names (a no-op for unknown tokens) and audits the logout. */
export async function logout(db: Db, token: string, user: SessionUser): Promise<void> {
  await audited(db, async (tx) => {
    await tx.session.deleteMany({ where: { id: tokenId(token) } });
    return {
      result: undefined,
      event: {
        action: 'auth.logout',
        actorId: user.id,
        actorName: user.username,
        subjectType: 'user',
        subjectId: user.id,
      },
    };
  });
}

/** Constant-time comparison of the CSRF token a request sent with its session's token. */
export function csrfTokenMatches(session: ActiveSession, sent: string | null | undefined): boolean {
  if (!sent) return false;
  const a = Buffer.from(session.csrfToken);
  const b = Buffer.from(sent);
  return a.length === b.length && timingSafeEqual(a, b);
}
