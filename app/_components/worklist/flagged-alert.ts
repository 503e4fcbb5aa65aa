import type { WorklistPage } from './api-types';

/** What the worklist takes from one look to the next, and the alert this look gives, if any. */
export interface AlertStep {
  /** The latest flag time seen so far (ms since the epoch). */
  seen: number;
  /** The notification's text, or null: nothing was flagged since the last look. */
  alert: string | null;
}

/**
 * Whether a study was flagged since the last look (`seen`; undefined at the first look, which
 * alerts for nothing): the latest flag among the studies waiting for a first read is later than
 * any seen before. Counts would miss a study flagged while another was read. The text is in
 * counts alone, since a notification shows on locked and shared screens.
 */
export function alertStep(seen: number | undefined, backlog: WorklistPage['backlog']): AlertStep {
  const latest = backlog.latestFlaggedAt === null ? null : Date.parse(backlog.latestFlaggedAt);
  const next = Math.max(seen ?? -Infinity, latest ?? -Infinity);
  const arrived = seen !== undefined && latest !== null && latest > seen;
  const waiting = backlog.flaggedUnread;
  return {
    seen: next,
    alert: arrived
      ? `A study was flagged since the last look; ${waiting} ${waiting === 1 ? 'waits' : 'wait'} for a first read.`
      : null,
  };
}
