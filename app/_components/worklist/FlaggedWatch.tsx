'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { apiJson } from '../api-client';
import { currentAlertState, type AlertOwner } from './alert-choice';
import type { WorklistPage } from './api-types';
import { alertStep } from './flagged-alert';
import { flaggedUnreadHref } from './filters';
import { idlePollMs } from './types';

type Backlog = WorklistPage['backlog'];

/**
 * In the header of every page, for a reader: how many flagged studies wait for a first read (a
 * link to the worklist showing just them), asked every 15 s as background (it keeps no session
 * alive), and the desktop alert when a study was flagged since the last look (alertStep), if the
 * reader chose it: reading a study, on the model page or in another window, the reader still hears
 * of one, as triage products alert, and a click on it leads to that worklist. The choice is the
 * reader's own (`owner`), wherever they sign in, as their account has it when the alert is due. Counts only: it
 * shows on locked and shared screens.
 */
export function FlaggedWatch({ owner }: { owner: AlertOwner }) {
  const [backlog, setBacklog] = useState<Backlog | null>(null);
  const seen = useRef<number | undefined>(undefined);
  const router = useRouter();

  useEffect(() => {
    let live = true;
    const look = () =>
      apiJson<Backlog>('/api/studies/backlog', { background: true }).then(
        (answer) => {
          if (live) setBacklog(answer);
        },
        () => undefined,
      );
    void look();
    const timer = window.setInterval(look, idlePollMs);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, []);

  useEffect(() => {
    if (backlog === null) return;
    const step = alertStep(seen.current, backlog);
    seen.current = step.seen;
    const body = step.alert;
    if (body === null) return;
    void currentAlertState(owner).then((state) => {
      if (state !== 'on') return;
      const alert = new Notification('secondlook: flagged study waiting', {
        body,
        tag: 'secondlook-flagged',
      });
      alert.onclick = () => {
        window.focus();
        router.push(flaggedUnreadHref);
      };
    });
  }, [backlog, owner, router]);

  if (!backlog || backlog.flaggedUnread === 0) return null;
  const count = backlog.flaggedUnread;
  return (
    <Link href={flaggedUnreadHref} className="flagged-watch" data-testid="flagged-watch">
      {count} flagged {count === 1 ? 'study waits' : 'studies wait'}
    </Link>
  );
}
