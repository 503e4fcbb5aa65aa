/**
 * How long sessions live, and which are live: the rules alone, with nothing to import, so that
 * lib/store can ask who is signed in without loading sign-in itself.
 */
/** Session lifetime: SECONDLOOK_SESSION_HOURS, default 8 (one reading shift). */
export function sessionLifetimeMs(): number {
  const hours = Number(process.env.SECONDLOOK_SESSION_HOURS ?? 8);
  return (Number.isFinite(hours) && hours > 0 ? hours : 8) * 3_600_000;
}

/**
 * How long a session may go without its user (automatic logoff, as HIPAA's 164.312(a)(2)(iii)
 * asks of a workstation left signed in): SECONDLOOK_SESSION_IDLE_MINUTES, default 30; `off` for
 * none. Null when off.
 */
export function sessionIdleMs(): number | null {
  const given = process.env.SECONDLOOK_SESSION_IDLE_MINUTES ?? '30';
  if (given === 'off') return null;
  const minutes = Number(given);
  return (Number.isFinite(minutes) && minutes > 0 ? minutes : 30) * 60_000;
}

/** The sessions still live at `now`: not expired, and not idle past the limit. */
export function liveSessions(now = new Date()) {
  const idle = sessionIdleMs();
  return {
    expiresAt: { gt: now },
    ...(idle === null ? {} : { lastActiveAt: { gt: new Date(now.getTime() - idle) } }),
  };
}
