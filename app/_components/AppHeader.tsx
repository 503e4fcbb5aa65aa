import Link from 'next/link';
import { can, navigation } from '@/app/_config/access';
import { idleSecondsLeft } from '@/lib/auth';
import { getSessionUser } from '@/lib/auth/server';
import { LogoutButton } from './LogoutButton';
import { SessionKeeper } from './SessionKeeper';
import { FlaggedWatch } from './worklist/FlaggedWatch';

/**
 * The top bar: the pages the signed-in user's role may open, for a reader the flagged studies
 * waiting (FlaggedWatch), who they are, sign-out, and the automatic logoff of an idle session
 * (SessionKeeper).
 */
export async function AppHeader() {
  const session = await getSessionUser();
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
      {session ? (
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
