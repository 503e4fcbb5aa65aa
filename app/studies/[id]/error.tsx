'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { startTransition } from 'react';
import { LetGoOfHeldKeys } from '@/app/_components/viewer/LetGoOfHeldKeys';

/**
 * A study page the server failed to make (its database unreachable, say). The reader learns that
 * it failed and can try again (the server makes the page afresh); the digest names the server's
 * log entry for whoever supports them, and the page shows nothing of the study.
 */
export default function StudyError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const router = useRouter();
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return (
    <main className="narrow">
      <LetGoOfHeldKeys />
      <h1>The study could not be opened</h1>
      <p role="alert">
        The server failed to prepare this study
        {error.digest ? ` (reference ${error.digest})` : ''}.
      </p>
      <p>
        <button type="button" onClick={retry}>
          Try again
        </button>{' '}
        <Link href="/worklist">Back to the worklist</Link>
      </p>
    </main>
  );
}
