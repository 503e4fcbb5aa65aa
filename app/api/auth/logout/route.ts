import {
  SESSION_COOKIE,
  clearedSessionCookie,
  logout,
  needsSecureCookie,
  readCookie,
} from '@/lib/auth';
import { ANY_USER, route } from '../../_lib/route';

/** POST: ends the session and clears its cookie. */
export const POST = route(ANY_USER, async ({ request, session, store }) => {
  await logout(
    store.db,
    readCookie(request.headers.get('cookie'), SESSION_COOKIE) ?? '',
    session.user,
  );
  const secure = needsSecureCookie(new URL(request.url), request.headers.get('x-forwarded-proto'));
  return new Response(null, {
    status: 204,
    headers: { 'Set-Cookie': clearedSessionCookie(secure) },
  });
});
