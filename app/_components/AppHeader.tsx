import Link from 'next/link';
import { can, navigation } from '@/app/_config/access';
import { idleSecondsLeft, type ActiveSession } from '@/lib/auth';
import { getSessionUser } from '@/lib/auth/server';
import { errorKind } from '@/lib/errors';
import { LogoutButton } from './LogoutButton';
import { SessionKeeper } from './SessionKeeper';
import { FlaggedWatch } from './worklist/FlaggedWatch';

/**
 * The signed-in user, or 'unavailable' when the session cannot be looked up (the database does
 * not answer): the header still shows, and the page under it says that it failed. Logged by kind
 * and code only.
 */
async function sessionOrUnavailable(): Promise<ActiveSession | null | 'unavailable'> {
  try {
    return await getSessionUser();
  } catch (error) {
    console.error(`secondlook header: no session (${errorKind(error)})`);
    return 'unavailable';
  }
}

/**
 * The top bar: the pages the signed-in user's role may open, for a reader the flagged studies
 * waiting (FlaggedWatch), who they are, sign-out, and the automatic logoff of an idle session
 * (SessionKeeper). When the session cannot be looked up, it says so instead of failing the page
 * whole (Next's bare error, with no way on).
 */
export async function AppHeader() {
  const found = await sessionOrUnavailable();
  const session = found === 'unavailable' ? null : found;
  return (
    <header className="app-header">
      <Link href="/" className="brand">
        secondlook
      </Link>
      <nav aria-label="Main">
        {session
          ? navigation
              .filter((page) => page.roles.includes(session.user.role))
              .map((page) => (
                <Link key={page.href} href={page.href}>
                  {page.label}
                </Link>
              ))
          : null}
      </nav>
      {session && can(session.user.role, 'review') ? (
        <FlaggedWatch
          owner={{
            userId: session.user.id,
            flaggedAlerts: session.preferences.flaggedAlerts,
          }}
        />
      ) : null}
      {found === 'unavailable' ? (
        <p role="status" className="who">
          Sign-in is unavailable: the server cannot look up sessions just now
        </p>
      ) : session ? (
        <div className="who">
          <span>
            {session.user.username} ({session.user.role})
          </span>
          <LogoutButton csrfToken={session.csrfToken} />
          <SessionKeeper idleSecondsLeft={idleSecondsLeft(session)} />
        </div>
      ) : (
        <Link href="/login">Sign in</Link>
      )}
    </header>
  );
}
