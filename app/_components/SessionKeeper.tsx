'use client';

import { useEffect, useRef, useState } from 'react';
import { apiJson } from './api-client';

/** The warning shows this long before the session ends for idling. */
const WARN_MS = 60_000;
/** The reader's input tells the server at most this often (it counts activity to the minute). */
const PING_MS = 60_000;

interface SessionTimes {
  idleSecondsLeft: number | null;
}

/**
 * Automatic logoff on the page: the reader's input (pointer, keys, wheel) keeps the session
 * alive, telling the server at most once a minute; a minute before the session would end for
 * idling, a warning says so, and at the end the page asks the server (as background, which keeps
 * nothing alive) and goes to sign-in once the session has ended (api-client), so a study's data
 * does not stay on an unattended screen. The server's count decides, not this page's: another
 * tab's activity counts, and the time left is counted on this page's clock from what the server
 * says is left, so a workstation whose clock is off still logs off on time.
 */
export function SessionKeeper({ idleSecondsLeft }: { idleSecondsLeft: number | null }) {
  const [warning, setWarning] = useState<number | null>(null);
  const first = useRef(idleSecondsLeft);

  useEffect(() => {
    if (first.current === null) return;
    let deadline = Date.now() + first.current * 1000;
    let lastPing = Date.now();
    let timer = 0;

    function schedule({ idleSecondsLeft: left }: SessionTimes) {
      if (left === null) return;
      deadline = Date.now() + left * 1000;
      window.clearTimeout(timer);
      if (left * 1000 > WARN_MS) {
        setWarning(null);
        timer = window.setTimeout(check, left * 1000 - WARN_MS);
      } else {
        setWarning(deadline);
        timer = window.setTimeout(check, left * 1000 + 500);
      }
    }
    function check() {
      apiJson<SessionTimes>('/api/auth/session', { background: true }).then(schedule, () => {
        timer = window.setTimeout(check, WARN_MS);
      });
    }
    function onInput() {
      const warned = deadline - Date.now() <= WARN_MS;
      if (!warned && Date.now() - lastPing < PING_MS) return;
      lastPing = Date.now();
      apiJson<SessionTimes>('/api/auth/session').then(schedule, () => undefined);
    }

    schedule({ idleSecondsLeft: first.current });
    const events = ['pointerdown', 'keydown', 'wheel'] as const;
    for (const event of events) window.addEventListener(event, onInput, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const event of events) window.removeEventListener(event, onInput);
    };
  }, []);

  if (warning === null) return null;
  return (
    <p role="alert" className="session-warning">
      Signing you out at {new Date(warning).toLocaleTimeString()} for inactivity: press a key or
      click to stay signed in.
    </p>
  );
}
