'use client';

import Link from 'next/link';
import type { ComponentProps } from 'react';
import { holdKeysForViewer } from './keys-ahead';

/**
 * A link to a study page. Followed here (not into another tab), it holds the viewer's hotkeys
 * pressed while the study opens, for its viewer to run (keys-ahead.ts).
 */
export function StudyLink({
  studyId,
  ...rest
}: { studyId: string | number } & Omit<ComponentProps<typeof Link>, 'href' | 'onClick'>) {
  return (
    <Link
      {...rest}
      href={`/studies/${studyId}`}
      onClick={(event) => {
        const here =
          event.button === 0 &&
          !event.ctrlKey &&
          !event.metaKey &&
          !event.shiftKey &&
          !event.altKey;
        if (here) holdKeysForViewer();
      }}
    />
  );
}
