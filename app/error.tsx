'use client';

import { PageFailure } from '@/app/_components/failure';

/**
 * Any page that failed, below the header (which stays, with its sign-out): the worklist, the
 * audit trail, the model page and the rest say so plainly instead of Next's bare error page.
 */
export default function AppError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <PageFailure
      title="This page could not be shown"
      error={error}
      reset={reset}
      back={{ href: '/', label: 'Go to the start page' }}
    />
  );
}
