'use client';

import { useState, useSyncExternalStore } from 'react';
import {
  alertState,
  askBrowser,
  chooseAlerts,
  subscribeToAlertChoice,
  type AlertOwner,
  type AlertState,
} from './alert-choice';

/**
 * The reader's opt-in for a desktop alert when a study is flagged (the header's watch shows it,
 * on every page), kept with their account, and what this browser answered; nothing where the
 * browser has no notifications.
 */
export function AlertChoice({ owner, csrfToken }: { owner: AlertOwner; csrfToken: string }) {
  const state = useSyncExternalStore<AlertState>(
    subscribeToAlertChoice,
    () => alertState(owner),
    () => (owner.flaggedAlerts ? 'on' : 'off'),
  );
  const [error, setError] = useState<string | null>(null);
  if (state === 'unsupported') return null;
  const choose = (on: boolean) => {
    setError(null);
    chooseAlerts(owner, on, csrfToken).catch((failure: Error) =>
      setError(`The choice was not saved: ${failure.message}`),
    );
  };
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
      {state === 'asking' ? (
        <span role="status">
          {' '}
          This browser has not allowed them yet:{' '}
          <button type="button" onClick={askBrowser}>
            Allow in this browser
          </button>
        </span>
      ) : null}
      {state === 'blocked' ? (
        <span role="status">
          {' '}
          The browser blocks this site&apos;s notifications: allow them in its site settings.
        </span>
      ) : null}
      {error ? <span role="alert"> {error}</span> : null}
    </p>
  );
}
