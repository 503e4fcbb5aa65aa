/**
 * Whether triage works: for the studies received in a window, the time from receipt to the first
 * signed read, for the studies the AI flagged against those it screened and did not flag (and
 * those it did not score: pending, failed, out of scope), with what still waits unread. A queue
 * ordered by suspicion should read flagged studies sooner. Flags are the worklist's now. Counts
 * and minutes only, never patient data.
 */
import { findInChunks } from '../store/chunks';
import type { Db } from '../store/db';

export interface TurnaroundGroup {
  /** Studies received in the window. */
  studies: number;
  /** Of those, signed by a reader at least once. */
  read: number;
  /** Minutes from receipt to the first signature: median and 90th percentile (nearest rank). */
  medianMinutes: number | null;
  p90Minutes: number | null;
  /** Not signed by anyone yet, and how long the oldest of them has waited. */
  unread: number;
  oldestUnreadMinutes: number | null;
}

export interface Turnaround {
  since: string;
  flagged: TurnaroundGroup;
  notFlagged: TurnaroundGroup;
  notScored: TurnaroundGroup;
}

/** The nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const minutes = (ms: number) => Math.round(ms / 6_000) / 10;

function group(
  studies: readonly { createdAt: Date; firstSigned: Date | null }[],
  now: Date,
): TurnaroundGroup {
  const waits = studies
    .flatMap((s) => (s.firstSigned ? [s.firstSigned.getTime() - s.createdAt.getTime()] : []))
    .sort((a, b) => a - b);
  const unread = studies.filter((s) => s.firstSigned === null);
  const oldest = Math.min(...unread.map((s) => s.createdAt.getTime()));
  const median = percentile(waits, 50);
  const p90 = percentile(waits, 90);
  return {
    studies: studies.length,
    read: waits.length,
    medianMinutes: median === null ? null : minutes(median),
    p90Minutes: p90 === null ? null : minutes(p90),
    unread: unread.length,
    oldestUnreadMinutes: unread.length > 0 ? minutes(now.getTime() - oldest) : null,
  };
}

/** Turnaround of the studies received since `since` (30 days before `now` by default). */
export async function triageTurnaround(
  db: Db,
  options: { since?: Date; now?: Date } = {},
): Promise<Turnaround> {
  const now = options.now ?? new Date();
  const since = options.since ?? new Date(now.getTime() - 30 * 24 * 60 * 60_000);
  const studies = await db.study.findMany({
    where: { createdAt: { gte: since } },
    select: { id: true, createdAt: true, aiFlagged: true, aiStatus: true },
  });
  const firstSigned = new Map(
    (
      await findInChunks(
        studies.map((s) => s.id),
        (ids) =>
          db.review.groupBy({
            by: ['studyId'],
            where: { studyId: { in: ids }, signedAt: { not: null } },
            _min: { signedAt: true },
          }),
      )
    ).map((row) => [row.studyId, row._min.signedAt]),
  );
  const rows = studies.map((s) => ({ ...s, firstSigned: firstSigned.get(s.id) ?? null }));
  return {
    since: since.toISOString(),
    flagged: group(
      rows.filter((s) => s.aiFlagged),
      now,
    ),
    notFlagged: group(
      rows.filter((s) => !s.aiFlagged && s.aiStatus === 'screened'),
      now,
    ),
    notScored: group(
      rows.filter((s) => !s.aiFlagged && s.aiStatus !== 'screened'),
      now,
    ),
  };
}
