import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '../store/db';
import type { Role } from './roles';
import { SESSION_COOKIE, resolveSession, type ActiveSession } from './sessions';

/**
 * For server components and server actions: the signed-in user and the CSRF token their forms
 * and fetches must send (header x-csrf-token), or null when nobody is signed in. Without a
 * session cookie the database is not asked, so the sign-in page shows even while it is down.
 */
export async function getSessionUser(): Promise<ActiveSession | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  return resolveSession(await getDb(), token);
}

/**
 * For pages: the session when its user has one of `roles`. Anonymous visitors are redirected
 * to /login?next=<path>, users with another role to /forbidden.
 */
export async function requireRole(roles: readonly Role[], path = '/'): Promise<ActiveSession> {
  const session = await getSessionUser();
  if (!session) redirect(`/login?next=${encodeURIComponent(path)}`);
  if (!roles.includes(session.user.role)) redirect('/forbidden');
  return session;
}
