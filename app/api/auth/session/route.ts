import { ANY_USER, json, route } from '../../_lib/route';

/** GET: who is signed in, and the CSRF token for state-changing requests. */
export const GET = route(ANY_USER, async ({ session }) =>
  json({
    user: session.user,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt.toISOString(),
  }),
);
