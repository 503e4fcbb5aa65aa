import { checkSameOrigin, clientOf, login, needsSecureCookie, sessionCookie } from '@/lib/auth';
import { getStore } from '@/lib/store';
import { errorResponse, json, readJson } from '../../_lib/route';

/** POST {username, password}: opens a session (cookie) and returns the CSRF token. */
export async function POST(request: Request): Promise<Response> {
  try {
    checkSameOrigin(request);
    const body = await readJson(request, 4096);
    const username = typeof body.username === 'string' ? body.username : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const { db } = await getStore();
    const session = await login(db, { username, password, client: clientOf(request) });
    const secure = needsSecureCookie(
      new URL(request.url),
      request.headers.get('x-forwarded-proto'),
    );
    return json(
      {
        user: session.user,
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt.toISOString(),
      },
      200,
      { 'Set-Cookie': sessionCookie(session.token, session.expiresAt, secure) },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
