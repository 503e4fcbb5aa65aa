import { redirect } from 'next/navigation';
import { LoginForm } from '@/app/_components/LoginForm';
import { homeFor } from '@/app/_config/access';
import { getSessionUser } from '@/lib/auth/server';

/** A path on this site to go to after signing in; anything else is ignored. */
function safeNext(next: string | string[] | undefined): string | null {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const next = safeNext(params.next);
  const session = await getSessionUser();
  if (session) redirect(next ?? homeFor(session.user.role));
  return (
    <main className="narrow">
      <h1>Sign in</h1>
      {params.ended === '1' ? (
        <p role="status">
          Your session has ended (idle too long, or signed out elsewhere): sign in to go on where
          you were.
        </p>
      ) : null}
      <LoginForm />
    </main>
  );
}
