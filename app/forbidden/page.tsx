import Link from 'next/link';
import { homeFor } from '@/app/_config/access';
import { getSessionUser } from '@/lib/auth/server';

export const metadata = { title: 'Forbidden · secondlook' };

/** Where `requireRole` sends a signed-in user whose role may not open the page they asked for. */
export default async function ForbiddenPage() {
  const session = await getSessionUser();
  return (
    <main className="narrow">
      <h1>403: not allowed</h1>
      <p>
        {session
          ? `Your role (${session.user.role}) may not open that page.`
          : 'Sign in to continue.'}
      </p>
      <Link href={session ? homeFor(session.user.role) : '/login'}>
        {session ? 'Your start page' : 'Sign in'}
      </Link>
    </main>
  );
}
