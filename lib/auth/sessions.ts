import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { appendAuditEvent, audited } from '../audit';
import { SecondlookError } from '../errors';
import type { Db } from '../store/db';
import { verifyPassword } from './password';
import { loginLimits } from './rate-limit';
import { parseRole, type SessionUser } from './roles';

export const SESSION_COOKIE = 'secondlook_session';
export const CSRF_HEADER = 'x-csrf-token';

/** Session lifetime: SECONDLOOK_SESSION_HOURS, default 8 (one reading shift). */
export function sessionLifetimeMs(): number {
  const hours = Number(process.env.SECONDLOOK_SESSION_HOURS ?? 8);
  return (Number.isFinite(hours) && hours > 0 ? hours : 8) * 3_600_000;
}

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
  const expiresAt = new Date(Date.now() + sessionLifetimeMs());
  const sessionUser: SessionUser = {
    id: user.id,
    username: user.username,
    role: parseRole(user.role),
  };
  return audited(db, async (tx) => {
    await tx.session.create({
      data: { id: tokenId(token), userId: user.id, csrfToken, expiresAt },
    });
    return {
      result: { token, csrfToken, expiresAt, user: sessionUser },
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

/** The live session a cookie token names, or null (unknown, expired, or user disabled). */
export async function resolveSession(
  db: Db,
  token: string | undefined | null,
): Promise<ActiveSession | null> {
  if (!token || token.length > 128) return null;
  const row = await db.session.findUnique({
    where: { id: tokenId(token) },
    include: { user: true },
  });
  if (!row || row.user.disabledAt) return null;
  if (row.expiresAt.getTime() <= Date.now()) {
    await db.session.deleteMany({ where: { id: row.id } });
    return null;
  }
  return {
    user: { id: row.user.id, username: row.user.username, role: parseRole(row.user.role) },
    csrfToken: row.csrfToken,
    expiresAt: row.expiresAt,
  };
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
