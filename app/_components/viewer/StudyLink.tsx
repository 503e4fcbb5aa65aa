'use client';

import Link from 'next/link';
import type { ComponentProps } from 'react';
import { holdKeysForViewer } from './keys-ahead';

/**
 * A link to a study page. Followed in this page (Next's own navigation, not another tab), it
 * holds the viewer's hotkeys pressed while the study opens, for its viewer to run (keys-ahead.ts).
 */
export function StudyLink({
  studyId,
  ...rest
}: { studyId: string | number } & Omit<ComponentProps<typeof Link>, 'href' | 'onNavigate'>) {
  return <Link {...rest} href={`/studies/${studyId}`} onNavigate={holdKeysForViewer} />;
}
