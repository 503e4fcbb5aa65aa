/**
 * The reader's choice of desktop alerts for flagged studies, kept by this browser (a preference,
 * no patient data), with the browser's answer: the worklist's checkbox sets it, the header's
 * watch (FlaggedWatch) alerts by it.
 */
const STORAGE_KEY = 'secondlook.flaggedAlerts';
const CHANGED = 'secondlook:flagged-alerts';

export type AlertState = 'unsupported' | 'off' | 'on' | 'asking' | 'blocked';

/** For useSyncExternalStore: a change here, or in another tab. */
export function subscribeToAlertChoice(onChange: () => void): () => void {
  window.addEventListener(CHANGED, onChange);
  window.addEventListener('storage', onChange);
  return () => {
    window.removeEventListener(CHANGED, onChange);
    window.removeEventListener('storage', onChange);
  };
}

/** Whether the browser has notifications, the choice, and the browser's answer. */
export function alertState(): AlertState {
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
export function chooseAlerts(on: boolean): void {
  if (!on) {
    localStorage.removeItem(STORAGE_KEY);
    changed();
    return;
  }
  localStorage.setItem(STORAGE_KEY, 'on');
  changed();
  void Notification.requestPermission().then(changed);
}
