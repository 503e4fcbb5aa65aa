import { SecondlookError } from '../errors';
import type { Db } from '../store/db';
import { readCookie } from './cookies';
import type { Role } from './roles';
import {
  CSRF_HEADER,
  SESSION_COOKIE,
  csrfTokenMatches,
  resolveSession,
  type ActiveSession,
} from './sessions';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A page's own polling sends this header (value `1`): the request is not its user's doing, so it
 * does not keep the session from going idle.
 */
const BACKGROUND_HEADER = 'x-secondlook-background';

/** The session a request's cookie names, or null. */
export function sessionOfRequest(db: Db, request: Request): Promise<ActiveSession | null> {
  return resolveSession(db, readCookie(request.headers.get('cookie'), SESSION_COOKIE), {
    active: request.headers.get(BACKGROUND_HEADER) !== '1',
  });
}

/** 401 for no session, 403 for a role not in `roles`. */
export function checkRole(session: ActiveSession | null, roles: readonly Role[]): ActiveSession {
  if (!session) throw new SecondlookError('UNAUTHENTICATED', 'sign in first');
  if (!roles.includes(session.user.role)) {
    throw new SecondlookError('FORBIDDEN', `this needs the role ${roles.join(' or ')}`);
  }
  return session;
}

/**
 * A state-changing request must come from this origin (Origin header, when the browser sends
 * one) and, with a session, carry the session's CSRF token in the x-csrf-token header.
 */
export function checkCsrf(request: Request, session: ActiveSession | null): void {
  if (SAFE_METHODS.has(request.method)) return;
  checkSameOrigin(request);
  if (session && !csrfTokenMatches(session, request.headers.get(CSRF_HEADER))) {
    throw new SecondlookError('CSRF', `missing or wrong ${CSRF_HEADER} header`);
  }
}

export function checkSameOrigin(request: Request): void {
  const origin = request.headers.get('origin');
  if (origin === null) return;
  const host =
    request.headers.get('x-forwarded-host') ??
    request.headers.get('host') ??
    new URL(request.url).host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = '';
  }
  if (originHost !== host) throw new SecondlookError('CSRF', 'cross-origin request refused');
}

/** The client address for rate limiting (the first proxy hop when there is one). */
export function clientOf(request: Request): string {
  return (
    request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ||
    request.headers.get('x-real-ip') ||
    'local'
  );
}
