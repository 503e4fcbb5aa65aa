import { idleSecondsLeft } from '@/lib/auth';
import { ANY_USER, json, route } from '../../_lib/route';

/**
 * GET: who is signed in, the CSRF token for state-changing requests, and when the session ends:
 * `expiresAt` at the latest, `idleExpiresAt` if its user does nothing before (null: no idle
 * limit), and as seconds from now (`idleSecondsLeft`, for a page whose clock is not the server's).
 * With them, its user's own preferences (PATCH /api/auth/preferences changes them).
 * Sent with `x-secondlook-background: 1`, it asks without counting as activity.
 */
export const GET = route(ANY_USER, async ({ session }) =>
  json({
    user: session.user,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt.toISOString(),
    idleExpiresAt: session.idleExpiresAt?.toISOString() ?? null,
    idleSecondsLeft: idleSecondsLeft(session),
    preferences: session.preferences,
  }),
);
