'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { startTransition, type ReactNode } from 'react';

/** What Next gives an error boundary (error.tsx): the error, and a way to render afresh. */
export interface FailureProps {
  error: Error & { digest?: string };
  reset: () => void;
}

/**
 * What a page that failed says, for Next's error boundaries (app/error.tsx, a study's
 * error.tsx): whether the server failed to prepare it (its digest names the server's log entry
 * for whoever supports the reader) or it failed in this browser (nothing was logged, so the
 * reader is asked to say when and where), a retry that makes the page afresh, and the way back.
 * It shows nothing of what the page held: an error's message may quote patient data.
 */
export function PageFailure({
  title,
  error,
  reset,
  back,
  children,
}: FailureProps & {
  title: string;
  back: { href: string; label: string };
  children?: ReactNode;
}) {
  const router = useRouter();
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return (
    <main className="narrow">
      {children}
      <h1>{title}</h1>
      <p role="alert">
        {error.digest
          ? `The server failed to prepare this page (reference ${error.digest}).`
          : 'This page failed in the browser. If trying again does not help, tell support which page failed and when.'}
      </p>
      <p>
        <button type="button" onClick={retry}>
          Try again
        </button>{' '}
        <Link href={back.href}>{back.label}</Link>
      </p>
    </main>
  );
}
