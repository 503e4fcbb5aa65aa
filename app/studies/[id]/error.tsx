'use client';

import { PageFailure, type FailureProps } from '@/app/_components/failure';
import { LetGoOfHeldKeys } from '@/app/_components/viewer/LetGoOfHeldKeys';

/**
 * A study page that failed: the server could not make it (its database unreachable, say), or
 * the viewer failed in the browser. It lets go at once of the keys held for the viewer.
 */
export default function StudyError(props: FailureProps) {
  return (
    <PageFailure
      {...props}
      title="The study could not be opened"
      back={{ href: '/worklist', label: 'Back to the worklist' }}
    >
      <LetGoOfHeldKeys />
    </PageFailure>
  );
}
