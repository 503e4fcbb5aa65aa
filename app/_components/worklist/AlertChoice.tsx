'use client';

import { useSyncExternalStore } from 'react';
import { alertState, chooseAlerts, subscribeToAlertChoice, type AlertState } from './alert-choice';

/**
 * The opt-in for a desktop alert when a study is flagged (the header's watch shows it, on every
 * page), and what the browser answered; nothing where the browser has no notifications.
 */
export function AlertChoice() {
  const state = useSyncExternalStore<AlertState>(subscribeToAlertChoice, alertState, () => 'off');
  if (state === 'unsupported') return null;
  return (
    <p className="flagged-alerts">
      <label>
        <input
          type="checkbox"
          checked={state !== 'off'}
          onChange={(event) => chooseAlerts(event.target.checked)}
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
