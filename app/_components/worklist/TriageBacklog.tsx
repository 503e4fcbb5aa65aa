import { duration } from '../duration';
import type { WorklistPage } from './api-types';

/**
 * What triage wants read first: the flagged studies nobody has signed yet, how long the oldest
 * has waited, and the way to list just them.
 */
export function TriageBacklog({
  backlog,
  asOf,
  onShow,
}: {
  backlog: WorklistPage['backlog'];
  /** When the page was asked for (ms since the epoch): the waits are as of then. */
  asOf: number;
  onShow: () => void;
}) {
  if (backlog.flaggedUnread === 0 || backlog.oldestReceivedAt === null) return null;
  const waited = (asOf - Date.parse(backlog.oldestReceivedAt)) / 60_000;
  const count = backlog.flaggedUnread;
  return (
    <p role="status" className="triage-backlog" data-testid="triage-backlog">
      {count} flagged {count === 1 ? 'study waits' : 'studies wait'} for a first read; the oldest
      arrived {duration(Math.max(0, waited))} ago.{' '}
      <button type="button" onClick={onShow}>
        Show them
      </button>
    </p>
  );
}
