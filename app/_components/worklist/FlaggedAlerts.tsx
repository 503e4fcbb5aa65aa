'use client';

import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { WorklistPage } from './api-types';
import { alertStep } from './flagged-alert';

/** This browser's choice (a preference, no patient data): alerts on or off. */
const STORAGE_KEY = 'secondlook.flaggedAlerts';
const CHANGED = 'secondlook:flagged-alerts';

function subscribe(onChange: () => void): () => void {
  window.addEventListener(CHANGED, onChange);
  window.addEventListener('storage', onChange);
  return () => {
    window.removeEventListener(CHANGED, onChange);
    window.removeEventListener('storage', onChange);
  };
}

type AlertState = 'unsupported' | 'off' | 'on' | 'asking' | 'blocked';

/** Whether the browser has notifications, the choice, and the browser's answer. */
function alertState(): AlertState {
  if (typeof Notification === 'undefined') return 'unsupported';
  if (localStorage.getItem(STORAGE_KEY) !== 'on') return 'off';
  const answers: Record<NotificationPermission, AlertState> = {
    granted: 'on',
    default: 'asking',
    denied: 'blocked',
  };
  return answers[Notification.permission];
}

function changed(): void {
  window.dispatchEvent(new Event(CHANGED));
}

/** Keeps the choice at once (the box follows the click), then asks the browser to allow alerts. */
function choose(on: boolean): void {
  if (!on) {
    localStorage.removeItem(STORAGE_KEY);
    changed();
    return;
  }
  localStorage.setItem(STORAGE_KEY, 'on');
  changed();
  void Notification.requestPermission().then(changed);
}

/**
 * A desktop alert when a study was flagged since the worklist's last look (alertStep), for a
 * reader working in another window or on another screen (as triage products alert).
 */
export function FlaggedAlerts({ backlog }: { backlog: WorklistPage['backlog'] | null }) {
  const state = useSyncExternalStore<AlertState>(subscribe, alertState, () => 'off');
  const seen = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (backlog === null) return;
    const step = alertStep(seen.current, backlog);
    seen.current = step.seen;
    if (state !== 'on' || step.alert === null) return;
    const alert = new Notification('secondlook: flagged study waiting', {
      body: step.alert,
      tag: 'secondlook-flagged',
    });
    alert.onclick = () => window.focus();
  }, [backlog, state]);
  if (state === 'unsupported') return null;
  return (
    <p className="flagged-alerts">
      <label>
        <input
          type="checkbox"
          checked={state !== 'off'}
          onChange={(event) => choose(event.target.checked)}
        />{' '}
        Desktop alert when a flagged study arrives
      </label>
      {state === 'blocked' ? (
        <span role="status">
          {' '}
          The browser blocks this site&apos;s notifications: allow them in its site settings.
        </span>
      ) : null}
    </p>
  );
}
