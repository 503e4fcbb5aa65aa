import { apiJson } from '../api-client';

/**
 * The reader's choice of desktop alerts for flagged studies, kept with their account (PATCH
 * /api/auth/preferences; each page is rendered with it), with this browser's answer: the
 * worklist's checkbox sets it, the header's watch (FlaggedWatch) alerts by it. On a shared
 * workstation the next reader gets their own choice, not the last one's. A page keeps the latest
 * choice it knows, per user, so a part rendered before a change (the header stays across
 * navigations) and the other tabs of this browser follow it at once; before an alert it asks the
 * account, so a choice made at another workstation since counts too.
 */
export type AlertState = 'unsupported' | 'off' | 'on' | 'asking' | 'blocked';

/** Whose choice it is, and the choice the page was rendered with. */
export interface AlertOwner {
  userId: number;
  flaggedAlerts: boolean;
}

const CHANGED = 'secondlook:flagged-alerts';
const CHANNEL = 'secondlook-flagged-alerts';

/** The latest choice this page knows of, by user id (a change here or in another tab). */
const known = new Map<number, boolean>();
let tabs: BroadcastChannel | null = null;

function changed(): void {
  window.dispatchEvent(new Event(CHANGED));
}

/** The other tabs of this browser: each says the choices made in it. */
function otherTabs(): BroadcastChannel {
  if (tabs) return tabs;
  tabs = new BroadcastChannel(CHANNEL);
  tabs.onmessage = (event: MessageEvent<{ userId: number; on: boolean }>) => {
    known.set(event.data.userId, event.data.on);
    changed();
  };
  return tabs;
}

/** For useSyncExternalStore: a change of the choice here or in another tab, or of the answer. */
export function subscribeToAlertChoice(onChange: () => void): () => void {
  otherTabs();
  window.addEventListener(CHANGED, onChange);
  return () => window.removeEventListener(CHANGED, onChange);
}

/** Whether the browser has notifications, the owner's choice, and the browser's answer. */
export function alertState(owner: AlertOwner): AlertState {
  if (typeof Notification === 'undefined') return 'unsupported';
  if (!(known.get(owner.userId) ?? owner.flaggedAlerts)) return 'off';
  const answers: Record<NotificationPermission, AlertState> = {
    granted: 'on',
    default: 'asking',
    denied: 'blocked',
  };
  return answers[Notification.permission];
}

/**
 * The owner's choice as the account has it now (they may have changed it at another workstation
 * since this page was rendered), asked as background; the page's own if the server cannot say.
 * 'off' when this browser's session is no longer the owner's.
 */
export async function currentAlertState(owner: AlertOwner): Promise<AlertState> {
  const answer = await apiJson<{ user: { id: number }; preferences: { flaggedAlerts: boolean } }>(
    '/api/auth/session',
    { background: true },
  ).catch(() => null);
  if (answer && answer.user.id !== owner.userId) return 'off';
  if (answer) {
    known.set(owner.userId, answer.preferences.flaggedAlerts);
    changed();
  }
  return alertState(owner);
}

/** Asks the browser to allow alerts (from a click: browsers ask only then). */
export function askBrowser(): void {
  void Notification.requestPermission().then(changed);
}

/**
 * Keeps the choice at once (the box follows the click) and asks the browser, then saves it with
 * the account; a choice the server refuses is undone, and the error goes to the caller.
 */
export async function chooseAlerts(owner: AlertOwner, on: boolean, csrfToken: string) {
  known.set(owner.userId, on);
  changed();
  if (on) askBrowser();
  try {
    await apiJson('/api/auth/preferences', {
      method: 'PATCH',
      body: { flaggedAlerts: on },
      csrfToken,
    });
    otherTabs().postMessage({ userId: owner.userId, on });
  } catch (error) {
    known.set(owner.userId, !on);
    changed();
    throw error;
  }
}
