'use client';

import { PageFailure, type FailureProps } from '@/app/_components/failure';

/**
 * Any page that failed, below the header (which stays, with its sign-out): the worklist, the
 * audit trail, the model page and the rest say so plainly instead of Next's bare error page.
 */
export default function AppError(props: FailureProps) {
  return (
    <PageFailure
      {...props}
      title="This page could not be shown"
      back={{ href: '/', label: 'Go to the start page' }}
    />
  );
}
